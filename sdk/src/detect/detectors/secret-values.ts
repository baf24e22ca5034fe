/**
 * Whether the value of a secret-named assignment or option is a literal credential rather than a
 * reference, placeholder, path, URL, number, code expression or sentence. Shared by the
 * GENERIC_SECRET detectors (assignments, command-line options).
 */
import { isPlaceholder } from './placeholders';
import { characterClasses, shannonEntropy } from '../validators/randomness';

/**
 * Values in a vendor's token shape are the vendor detector's to judge, whether it takes them or
 * not: a Firebase `apiKey` it leaves out as public, or a Slack token it finds, must never come
 * back as GENERIC_SECRET. (Not `eyJ`: a base64 JSON value that is no JWT is still a secret.)
 */
const VENDOR_OWNED = /^(?:xox[a-z](?:\.xox[a-z])?-|xapp-|AIza|gh[pousr]_|github_pat_|gl(?:pat|oas|dt|rtr?|cbt|ptt|ft|imt|agent|wt|soat|ffct)-|GR1348941|sk-|[sr]k_(?:live|test)_|whsec_|npm_|SG\.|hf_|api_org_|A(?:KIA|SIA|BIA|CCA|GPA|IDA|IPA|NPA|NVA|ROA|PKA)[A-Z2-7]{16}$)/;

/** Symbols that do not occur in prose, so a value holding one with spaces is a passphrase, not a sentence. */
const NON_PROSE_SYMBOL = /[@#$%^&*~+=|\\/<>{}[\]_]/;

/**
 * A member access, call or index (`config.db.password`, `getToken()`, `os.environ.get(…)`,
 * `request.json_body['pw']`), or a PowerShell cmdlet (`ConvertTo-SecureString`), unless a part
 * of it reads as random (`hvs.CAESIKx9mQ2vL7pR4`, a Vault token).
 */
function looksLikeCode(value: string): boolean {
  if (/^\w+\(.*\)$/.test(value) || /^[A-Z][a-z]+-[A-Z][A-Za-z]+$/.test(value)) return true;
  const member = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:[([].*)?$/.exec(value);
  return member !== null && !value.split(/[.([]/).some((part) => part.length >= 12 && /\d/.test(part) && /[a-z]/.test(part) && /[A-Z]/.test(part));
}

/**
 * A file path (`/etc/ssl/key.pem`, `./certs`, `~/.ssh/id_rsa`, `C:\\keys\\a.pfx`). Base64 may start
 * with `/` too: a value holding `+` or `=`, or a long random part, is not a path.
 */
function looksLikePath(value: string): boolean {
  if (!/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(value) || /[+=]/.test(value)) return false;
  return !value.split(/[\\/]/).some((part) => part.length >= 20 && /\d/.test(part) && /[a-z]/.test(part) && /[A-Z]/.test(part));
}

/**
 * Plausibility of the value itself: long enough, mixed enough, not a reference, path, URL,
 * number, code or sentence. `literal` says the syntax allows no code (`a.b.password=Summer.winter00`).
 */
export function looksLikeSecretValue(value: string, literal = false): boolean {
  if (value.length < 6 || isPlaceholder(value) || VENDOR_OWNED.test(value)) return false;
  if (/^[\d\s.,:+-]+$/.test(value)) return false;
  if (looksLikePath(value) || /^https?:/.test(value) || value.includes('://')) return false;
  if (!literal && looksLikeCode(value)) return false;
  // A value with spaces is a passphrase only with a digit or a symbol prose does not use
  // (`my secret pass 42`, `P@ss word`); `correct horse battery staple` reads as a sentence.
  if (/\s/.test(value.trim()) && !/\d/.test(value) && !NON_PROSE_SYMBOL.test(value)) return false;
  return characterClasses(value) >= 2 || (value.length >= 16 && shannonEntropy(value) >= 3.5);
}

/**
 * A value random enough to be a credential where the name alone does not say so (`auth`, a bare
 * `key` in an `[api]` section): twelve characters or more, letters and digits, 3 bits of entropy
 * per character.
 */
export function looksRandomValue(value: string): boolean {
  return value.length >= 12 && /\d/.test(value) && /[A-Za-z]/.test(value) && !/\s/.test(value) && shannonEntropy(value) >= 3;
}
