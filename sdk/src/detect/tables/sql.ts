/**
 * `INSERT INTO t (a, b, …) VALUES (…), (…);` statements (SQL dumps, mysqldump's one-line
 * extended inserts, seed scripts), read forward from their `VALUES` keyword: which tuple column
 * a position falls in, and that column's name from the column list. Quoted strings (`'…'` with
 * `''` or `\'` inside, `"…"`) and nested calls (`ST_GeomFromText('POINT(1 2)')`) are skipped.
 *
 * Like the delimited reader it is lazy and forward-only within a pass: the keyword search and the
 * statement being read resume where the last question left them, so a pass reads the text once.
 */

import { isAlnum } from '../text';

/** The keyword and the spaces up to the tuple list's `(`, at a known position. */
const VALUES_KEYWORD = /values\s*(?=\()/iy;
/** What must come before `VALUES` (within a bounded window): the statement and its optional column list. */
const INSERT_HEAD = /\b(?:insert|replace)\s+(?:(?:ignore|low_priority|high_priority|delayed)\s+)*(?:into\s+)?[^\s(;]+\s*(?:\(([^()]*)\))?\s*$/i;
/** How far before `VALUES` its statement's head is looked for. */
const HEAD_WINDOW = 4096;

const SINGLE_QUOTE = 39;
const DOUBLE_QUOTE = 34;
const BACKSLASH = 92;
const OPEN = 40;
const CLOSE = 41;
const COMMA = 44;

interface Statement {
  /** Column names from the column list, or null when the statement has none. */
  readonly columns: readonly string[] | null;
  /** Where the tuple list starts (its first `(`). */
  readonly start: number;
  /** The parse state at `pos`. */
  pos: number;
  depth: number;
  column: number;
  quote: number;
  /** Where the tuple list ended, or -1 while it goes on. */
  end: number;
}

/** A tuple column: its index from 0 and its name when the statement lists columns. */
export interface SqlColumn {
  readonly index: number;
  readonly name: string | null;
}

export class SqlReader {
  private statement: Statement | null = null;
  /** The next keyword at or after `searchFrom` (-1: none; -2: not looked for yet). */
  private pending = -2;
  private searchFrom = 0;
  /** The last keyword passed: the head of a later statement starts after it. */
  private passed = -1;
  /** Whether the text holds `INSERT` or `REPLACE` in either case at all; null until asked. */
  private statements: boolean | null = null;

  /** The tuple column holding `index`, or null when `index` is not inside a VALUES tuple. */
  columnAt(text: string, index: number): SqlColumn | null {
    // Most texts hold no INSERT: four `indexOf` sweeps settle that once per scan.
    this.statements ??= ['INSERT', 'insert', 'REPLACE', 'replace'].some((word) => text.includes(word));
    if (!this.statements) return null;
    let statement = this.statement;
    if (statement !== null && index < statement.pos) {
      // A question behind the last one (the scanner's second pass): read again from the start.
      statement = this.statement = null;
      this.pending = -2;
      this.searchFrom = 0;
      this.passed = -1;
    }
    for (;;) {
      if (statement === null) {
        statement = this.open(text, index);
        if (statement === null) return null;
        this.statement = statement;
      }
      advance(text, statement, index);
      if (statement.end < 0) break;
      statement = null;
    }
    if (statement.depth < 1) return null;
    return { index: statement.column, name: statement.columns?.[statement.column] ?? null };
  }

  /** The statement of the last `VALUES` keyword before `index` that has an INSERT head, or null. */
  private open(text: string, index: number): Statement | null {
    let opened: Statement | null = null;
    for (;;) {
      if (this.pending === -2) this.pending = nextKeyword(text, this.searchFrom);
      const keyword = this.pending;
      if (keyword < 0 || keyword >= index) return opened;
      opened = openAt(text, keyword, this.passed + 1) ?? opened;
      this.passed = keyword;
      this.searchFrom = keyword + 1;
      this.pending = -2;
    }
  }
}

/**
 * The next `VALUES` or `values` at or after `from` that starts a word and is followed by `(`:
 * two `indexOf` sweeps, far cheaper over text with no SQL than a case-insensitive regex, which
 * tries every `v`. Dumps and scripts write the keyword in one case or the other.
 */
function nextKeyword(text: string, from: number): number {
  let upper = text.indexOf('VALUES', from);
  let lower = text.indexOf('values', from);
  for (;;) {
    const at = upper < 0 ? lower : lower < 0 ? upper : Math.min(upper, lower);
    if (at < 0) return -1;
    VALUES_KEYWORD.lastIndex = at;
    const before = at > 0 ? text.charCodeAt(at - 1) : 32;
    if (!isAlnum(before) && before !== 95 && VALUES_KEYWORD.test(text)) return at;
    if (at === upper) upper = text.indexOf('VALUES', at + 1);
    else lower = text.indexOf('values', at + 1);
  }
}

/**
 * The statement of the keyword at `keyword` when an INSERT head ends right before it. The head is
 * looked for after `from` (the previous keyword), so the windows of all keywords add up to the
 * text at most, however many `values(` it holds.
 */
function openAt(text: string, keyword: number, from: number): Statement | null {
  const head = INSERT_HEAD.exec(text.slice(Math.max(from, keyword - HEAD_WINDOW), keyword));
  if (head === null) return null;
  VALUES_KEYWORD.lastIndex = keyword;
  VALUES_KEYWORD.test(text);
  const start = VALUES_KEYWORD.lastIndex;
  const columns = head[1] === undefined ? null : head[1].split(',').map((name) => name.replace(/^[\s"`[]+|[\s"`\]]+$/g, ''));
  return { columns, start, pos: start, depth: 0, column: 0, quote: 0, end: -1 };
}

/** Parses the tuple list on up to `index` (or its end, whichever comes first). */
function advance(text: string, s: Statement, index: number): void {
  let pos = s.pos;
  let depth = s.depth;
  let column = s.column;
  let quote = s.quote;
  for (; pos < index; pos++) {
    const c = text.charCodeAt(pos);
    if (quote !== 0) {
      if (c === BACKSLASH) pos++;
      else if (c === quote) {
        if (pos + 1 < text.length && text.charCodeAt(pos + 1) === quote) pos++;
        else quote = 0;
      }
    } else if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) {
      quote = c;
    } else if (c === OPEN) {
      if (++depth === 1) column = 0;
    } else if (c === CLOSE) {
      if (--depth < 0) break;
    } else if (c === COMMA) {
      if (depth === 1) column++;
    } else if (depth === 0 && c !== 32 && c !== 9 && c !== 10 && c !== 13) {
      // `;`, or anything but the commas and spaces between tuples: the list is over.
      break;
    }
  }
  if (pos < index) s.end = pos;
  s.pos = pos;
  s.depth = depth;
  s.column = column;
  s.quote = quote;
}
