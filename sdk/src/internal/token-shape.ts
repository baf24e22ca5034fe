/**
 * Machine-made credentials that no detector names — a Telegram bot token in a URL path, a random
 * key used as a JSON key — recognised by shape, so they are never written into an event as a
 * path, a field name or an error message. A run of token characters (`A–Z a–z 0–9 _ -`) is
 * token-shaped when it is long and either hex (32 digits or more in a row) or random-looking:
 * mixed case, digits scattered, the character class changing often. Names people write —
 * `gpt-4o-mini-2024-07-18`, `claude-3-5-sonnet-20241022-v2`, `generateContent`, UUIDs — are not.
 */

/** Shorter runs are names, ids and words; credentials are longer. */
const MIN_TOKEN = 20;
const MIN_HEX = 32;
/**
 * Share of neighbouring letters and digits that change class (lower, upper, digit): random
 * base62 changes at about 60% of positions, camelCase words at 40–50%, so this alone does not
 * tell them apart; digits do: a random token scatters them (two runs of digits or more in all
 * but a few percent of 20-character tokens), a name keeps them together (`Version2024`).
 */
const MIN_CLASS_CHANGES = 0.4;
const MIN_DIGIT_RUNS = 2;

const TOKEN_RUN = /[A-Za-z0-9_-]{20,}/g;

/** Whether `text` holds a token-shaped run anywhere. */
export function hasTokenShape(text: string): boolean {
  if (text.length < MIN_TOKEN) return false;
  TOKEN_RUN.lastIndex = 0;
  for (let match = TOKEN_RUN.exec(text); match !== null; match = TOKEN_RUN.exec(text)) if (isTokenShaped(match[0])) return true;
  return false;
}

/** Replaces each token-shaped run of `text` by `replacement`. */
export function maskTokenShapes(text: string, replacement: string): string {
  if (text.length < MIN_TOKEN) return text;
  return text.replace(TOKEN_RUN, (run) => (isTokenShaped(run) ? replacement : run));
}

/** `run`: characters of `A–Z a–z 0–9 _ -` only. */
export function isTokenShaped(run: string): boolean {
  if (run.length < MIN_TOKEN) return false;
  let hexRun = 0;
  let lower = false;
  let upper = false;
  let digitRuns = 0;
  let alnum = 0;
  let changes = 0;
  /** Class of the previous letter or digit: 1 lower, 2 upper, 3 digit. */
  let previous = 0;
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    const cls = c >= 97 && c <= 122 ? 1 : c >= 65 && c <= 90 ? 2 : c >= 48 && c <= 57 ? 3 : 0;
    const hex = cls === 3 || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
    hexRun = hex ? hexRun + 1 : 0;
    if (hexRun >= MIN_HEX) return true;
    if (cls === 0) continue;
    if (cls === 1) lower = true;
    else if (cls === 2) upper = true;
    else if (previous !== 3) digitRuns++;
    if (previous !== 0 && previous !== cls) changes++;
    previous = cls;
    alnum++;
  }
  return lower && upper && digitRuns >= MIN_DIGIT_RUNS && alnum >= MIN_TOKEN && changes >= MIN_CLASS_CHANGES * (alnum - 1);
}
