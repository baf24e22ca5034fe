import type * as z from 'zod/mini';

/**
 * The message of one issue, for `schema.safeParse(value, { error: issueMessage })`. zod/mini
 * loads no locale (an issue reads "Invalid input" unless one is loaded), and loading one would
 * change the app's own zod messages, so the SDK words its issues itself, as zod's English locale
 * does. A schema's own message (the regex checks in schema.ts) still wins. Nothing here quotes
 * the received value: it may be a secret.
 */
export function issueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Invalid input: expected ${issue.expected}, received ${typeName(issue.input)}`;
    case 'too_small':
      return `Too small: expected ${bound(issue.origin, issue.inclusive === false ? '>' : '>=', issue.minimum)}`;
    case 'too_big':
      return `Too big: expected ${bound(issue.origin, issue.inclusive === false ? '<' : '<=', issue.maximum)}`;
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern ? `Invalid string: must match pattern ${issue.pattern}` : `Invalid ${issue.format}`;
    case 'invalid_value':
      return `Invalid option: expected one of ${issue.values.map((value) => JSON.stringify(value)).join('|')}`;
    case 'invalid_union':
      return 'discriminator' in issue && typeof issue.discriminator === 'string' ? `Invalid input: no variant has this "${issue.discriminator}"` : 'Invalid input';
    default:
      return 'Invalid input';
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function bound(origin: string, relation: string, limit: number | bigint): string {
  const unit = origin === 'string' ? ' characters' : origin === 'array' || origin === 'set' ? ' items' : '';
  return unit ? `${origin} to have ${relation}${limit}${unit}` : `${origin} to be ${relation}${limit}`;
}

/**
 * One line naming where a value is wrong and why, e.g.
 * `customDetectors[0].pattern: Too small: expected string to have >=1 characters`.
 * Messages describe the expected shape, never the received value, so this is safe to print
 * for input that may hold secrets.
 */
export function describeZodIssues(error: z.core.$ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const path = formatPath(issue.path);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - max;
  return more > 0 ? `${parts.join('; ')}; and ${more} more` : parts.join('; ');
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
