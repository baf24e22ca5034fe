import type { z } from 'zod';

/**
 * One line naming where a value is wrong and why, e.g.
 * `customDetectors[0].pattern: Too small: expected string to have >=1 characters`.
 * Zod's messages describe the expected shape, never the received value, so this is safe to print
 * for input that may hold secrets.
 */
export function describeZodIssues(error: z.ZodError, max = 3): string {
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
