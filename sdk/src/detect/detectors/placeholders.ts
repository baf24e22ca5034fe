/**
 * Values that stand in for a secret rather than being one: environment and template references,
 * placeholders, masks. Shared by the context detectors (GENERIC_SECRET, PASSWORD_IN_URL,
 * AWS_SECRET_KEY).
 */

/**
 * `process.env.X`, `${VAR}`, `$VAR`, `{{ var }}`, `{PASS}`, `{0}`, `%VAR%`, printf and Python
 * format slots (`%s`, `%(password)s`), `os.environ[...]`, `<your-key>`, `[REDACTED]`.
 */
const REFERENCE = /^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|env\(|ENV\[|getenv|System\.getenv|Deno\.env|secrets\.|vault:|\$(?:[{(]|[\w.]+$)|\{|%[A-Za-z_]\w*%|%[sdvrq]$|%\(\w+\)[sdr]|<|\[.*\]$|\(.*\)$)/;

/** Words people type where a secret will go. */
const PLACEHOLDER = /^(?:changeme|change_?me|change-me|password\d?|passwd|pass|secret|secrets|token|apikey|api_key|api-key|key|none|null|nil|undefined|empty|true|false|todo|tbd|fixme|redacted|removed|hidden|masked|example|sample|dummy|test|testing|default|placeholder|admin|root|user|username|guest|string|str|text|value|required|optional|foo|bar|baz|qwerty|letmein|mypassword|yourpassword|mysecret|yoursecret|hunter2|abc123|123456|12345678|password123)$/i;

/** Fragments that mark a templated or illustrative value anywhere inside it. */
const PLACEHOLDER_FRAGMENT = /your[_-]?|my[_-]?(?:secret|password|token|key)|example|placeholder|xxxx|\*\*\*|•••|\.\.\.|redacted|changeme|insert[_-]|replace[_-]?(?:me|with)|<[^>]*>|_here\b|-here\b|dummy|fake|sample/i;

/** True when `value` is a reference, placeholder or mask rather than a literal secret. */
export function isPlaceholder(value: string): boolean {
  return REFERENCE.test(value) || PLACEHOLDER.test(value) || PLACEHOLDER_FRAGMENT.test(value) || /^(.)\1*$/.test(value);
}
