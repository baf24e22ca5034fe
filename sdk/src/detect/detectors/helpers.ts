/** Building blocks shared by detector files. */
import type { Span } from '../types';
import { atTokenEnd, stickyEnd } from '../text';

/**
 * `find` for a token that starts with a literal prefix: runs the sticky `pattern` at the anchor
 * and requires the match to end the token (no letter, digit, `_` or `-` right after it).
 */
export function findPrefixedToken(pattern: RegExp): (text: string, anchor: number) => Span | null {
  return (text, anchor) => {
    const end = stickyEnd(pattern, text, anchor);
    return end > 0 && atTokenEnd(text, end) ? { start: anchor, end } : null;
  };
}

/** Lower-cased text of up to `length` characters before `index`, for context keywords. */
export function textBefore(text: string, index: number, length: number): string {
  return text.slice(Math.max(0, index - length), index).toLowerCase();
}
