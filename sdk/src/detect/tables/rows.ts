/**
 * One line read as a row of delimited text: CSV (`,` or `;`), TSV, and pipe tables (markdown,
 * psql and MySQL client output). A cell that starts with a quote (`"` or `'`) runs to the
 * matching quote, a doubled quote (`""`) standing for one, so a delimiter inside it is text.
 */
export const TAB = 9;
export const PIPE = 124;
export const COMMA = 44;
export const SEMICOLON = 59;
const SPACE = 32;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BACKSLASH = 92;

/** A line longer than this is not read as a row: no pasted table has one, and minified JSON does. */
export const MAX_ROW = 16_384;

export interface Row {
  /** The line, `[start, end)`, without its line break. */
  readonly start: number;
  readonly end: number;
  /** The delimiter's code unit, or 0 when the line is no row. */
  readonly delimiter: number;
  /** Positions of the delimiters outside quoted cells, in order: cell `i` ends at `delimiters[i]`. */
  readonly delimiters: readonly number[];
}

const NO_DELIMITERS: readonly number[] = [];

/** The line holding `index`, `[start, end)` without its line break (`\n` or `\r\n`). */
export function lineBounds(text: string, index: number): [number, number] {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  let end = text.indexOf('\n', index);
  if (end < 0) end = text.length;
  return [start, trimCarriageReturn(text, start, end)];
}

/** The line before the one starting at `lineStart` (which must not be 0). */
export function previousLineBounds(text: string, lineStart: number): [number, number] {
  const start = lineStart >= 2 ? text.lastIndexOf('\n', lineStart - 2) + 1 : 0;
  return [start, trimCarriageReturn(text, start, lineStart - 1)];
}

function trimCarriageReturn(text: string, start: number, end: number): number {
  return end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

/**
 * Reads `[start, end)` as a row. The delimiter is a tab if the line has one past its indentation,
 * else `|` if it has at least as many as commas, else the more frequent of `,` and `;`.
 */
export function readRow(text: string, start: number, end: number): Row {
  if (end - start > MAX_ROW) return { start, end, delimiter: 0, delimiters: NO_DELIMITERS };
  let from = start;
  while (from < end && (text.charCodeAt(from) === SPACE || text.charCodeAt(from) === TAB)) from++;
  const found = markDelimiters(text, from, rowEnd(text, from, end));
  let tabs = 0;
  let pipes = 0;
  let commas = 0;
  let semicolons = 0;
  for (let i = 0; i < found; i++) {
    const c = text.charCodeAt(MARKS[i]!);
    if (c === TAB) tabs++;
    else if (c === PIPE) pipes++;
    else if (c === COMMA) commas++;
    else semicolons++;
  }
  const delimiter = tabs > 0 ? TAB : pipes > 0 && pipes >= commas ? PIPE : commas > 0 && commas >= semicolons ? COMMA : semicolons > 0 ? SEMICOLON : 0;
  if (delimiter === 0) return { start, end, delimiter, delimiters: NO_DELIMITERS };
  const delimiters: number[] = [];
  for (let i = 0; i < found; i++) if (text.charCodeAt(MARKS[i]!) === delimiter) delimiters.push(MARKS[i]!);
  return { start, end, delimiter, delimiters };
}

/**
 * Where the row's cells end: before the comma that separates a JSON array or SQL tuple from the
 * next (`[1, "Ada"],`, `(1, 'Ada'),`), which the last row of the list does not have.
 */
function rowEnd(text: string, from: number, end: number): number {
  let i = end;
  while (i > from && text.charCodeAt(i - 1) === SPACE) i--;
  if (i - 1 <= from || text.charCodeAt(i - 1) !== COMMA) return end;
  const closing = text.charCodeAt(i - 2);
  return closing === 93 || closing === 41 || closing === 125 ? i - 1 : end;
}

/** A rule under a header (`|---|:--:|`, `----+-----`, `+----+----+`, `=====`): dashes or equals signs, with `+ | :` and spaces. */
export function isRule(text: string, start: number, end: number): boolean {
  let dashes = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 45 || c === 61) dashes++;
    else if (c !== 43 && c !== PIPE && c !== 58 && c !== SPACE && c !== TAB) return false;
  }
  return dashes >= 3;
}

/** Positions of the delimiter candidates of the row being read (a row has at most MAX_ROW characters). */
const MARKS = new Int32Array(MAX_ROW);

function isDelimiterCandidate(c: number): boolean {
  return c === TAB || c === PIPE || c === COMMA || c === SEMICOLON;
}

/**
 * Records in MARKS each delimiter candidate outside a quoted cell and returns how many. A quote
 * opens a quoted cell only as a cell's first character (past spaces), so an apostrophe in
 * `O'Brien` is text. Inside single quotes a backslash escapes the next character (MySQL dumps
 * write `\'`).
 */
function markDelimiters(text: string, from: number, end: number): number {
  let found = 0;
  let cellStart = true;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isDelimiterCandidate(c)) {
      MARKS[found++] = i;
      cellStart = true;
    } else if ((c === DOUBLE_QUOTE || c === SINGLE_QUOTE) && cellStart) {
      i = quotedCellEnd(text, i, end);
      cellStart = false;
    } else if (c !== SPACE) {
      cellStart = false;
    }
  }
  return found;
}

/** The index of the quote closing the quoted cell opened at `open`, or `end - 1` when none does. */
function quotedCellEnd(text: string, open: number, end: number): number {
  const quote = text.charCodeAt(open);
  for (let i = open + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH && quote === SINGLE_QUOTE) i++;
    else if (c === quote) {
      if (i + 1 < end && text.charCodeAt(i + 1) === quote) i++;
      else return i;
    }
  }
  return end - 1;
}

/** Whether two rows are lines of one table: the same delimiter, as many cells. */
export function sameShape(a: Row, b: Row): boolean {
  return a.delimiter !== 0 && a.delimiter === b.delimiter && a.delimiters.length === b.delimiters.length;
}

/** The cell of `row` holding `index` (a count of the delimiters before it). */
export function cellIndex(row: Row, index: number): number {
  const delimiters = row.delimiters;
  let low = 0;
  let high = delimiters.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (delimiters[middle]! < index) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Where the cell of `row` holding `index` starts. */
export function cellStart(row: Row, index: number): number {
  const i = cellIndex(row, index);
  return i === 0 ? row.start : row.delimiters[i - 1]! + 1;
}

/** Characters around a cell's content that are syntax, not content: JSON/SQL brackets, quotes, markdown emphasis. */
const CELL_WRAPPING = /^[\s[({"'`*]+|[\s\])}"'`*,;]+$/g;

/** The text of cell `i`, its spaces, quotes and surrounding brackets stripped (`["ssn"` → `ssn`). */
export function cellText(text: string, row: Row, i: number): string {
  const start = i === 0 ? row.start : row.delimiters[i - 1]! + 1;
  const end = i < row.delimiters.length ? row.delimiters[i]! : row.end;
  return text.slice(start, end).replace(CELL_WRAPPING, '');
}

/** Every cell's text (see {@link cellText}). */
export function cellTexts(text: string, row: Row): string[] {
  const cells: string[] = [];
  for (let i = 0; i <= row.delimiters.length; i++) cells.push(cellText(text, row, i));
  return cells;
}
