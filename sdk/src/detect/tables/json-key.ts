/**
 * The key of a JSON (or Python/JS literal) member whose value is the one at hand:
 * `"ssn": "536229999"`, `'card': 4965…`. Read backwards over a bounded window: the value's opening
 * quote, spaces, the colon, spaces, then the quoted key.
 */
import { codeAt } from '../text';

/** Keys longer than this are not names (and are not read). */
const MAX_KEY = 64;

function skipSpacesBack(text: string, index: number): number {
  let i = index;
  while (codeAt(text, i) === 32 || codeAt(text, i) === 9) i--;
  return i;
}

/** The key of the member whose value starts at `start` (the value itself, or its opening quote), or null. */
export function jsonKeyBefore(text: string, start: number): string | null {
  let i = start - 1;
  const open = codeAt(text, i);
  if (open === 34 || open === 39) i--;
  i = skipSpacesBack(text, i);
  if (codeAt(text, i) !== 58) return null;
  i = skipSpacesBack(text, i - 1);
  const quote = codeAt(text, i);
  if (quote !== 34 && quote !== 39) return null;
  const keyEnd = i;
  const limit = Math.max(0, keyEnd - MAX_KEY - 1);
  for (i = keyEnd - 1; i >= limit; i--) {
    const c = text.charCodeAt(i);
    if (c === quote) return i + 1 < keyEnd ? text.slice(i + 1, keyEnd) : null;
    if (c === 10 || c === 92) return null;
  }
  return null;
}
