/**
 * Structure-aware reading of tabular text: which column a value sits in and what its header
 * says, for CSV/TSV/pipe tables (delimited.ts), SQL `INSERT … VALUES` (sql.ts) and JSON members
 * (json-key.ts). Detectors ask it for context on bare values (nine digits in an `ssn` column),
 * number readers ask whether a `,` delimits cells, and the scanner records a finding's column.
 *
 * Nothing here is a pass over the text: a question reads the line around its position, the lines
 * of its table back to the header, or a SQL statement from its keyword, each once per pass
 * (see the readers), so text with no table costs only the lines that hold findings.
 */
import { scanSlot, type ScanContext, type ScanSlot } from '../context';
import { codeAt } from '../text';
import { DelimitedReader } from './delimited';
import { jsonKeyBefore } from './json-key';
import { headerNames, holdsLetter, LABELS, labelWords, type LabelledType } from './labels';
import { SqlReader } from './sql';
import { cellStart, COMMA } from './rows';

export { headerNames, isIdentifierHeader, LABELS, labelWords, type LabelledType } from './labels';

interface Readers {
  readonly delimited: DelimitedReader;
  readonly sql: SqlReader;
}

const READERS: ScanSlot<Readers> = scanSlot(() => ({ delimited: new DelimitedReader(), sql: new SqlReader() }));

/** Where a value sits: its column's header (or null) and where text before it may label it. */
interface Place {
  readonly header: string | null;
  /** A label is looked for in `[max(labelFrom, start - LABEL_WINDOW), start)`: the cell, or the line. */
  readonly labelFrom: number;
}

/** Characters before a value searched for a label (`SSN:`, `Aadhaar no.`, `Tel.`). */
const LABEL_WINDOW = 32;

/**
 * The value's JSON key, table header or INSERT column. In a table with named columns the text a
 * label may sit in is the value's own cell: the cells before it (an `ssn` two columns left) say
 * nothing about it. Elsewhere it is the value's line.
 */
function place(text: string, start: number, context: ScanContext): Place {
  const key = jsonKeyBefore(text, start);
  if (key !== null) return { header: key, labelFrom: start };
  const readers = context.get(READERS);
  const row = readers.delimited.rowAt(text, start);
  const header = readers.delimited.headerAt(text, row, start);
  if (header !== null) return { header, labelFrom: cellStart(row, start) };
  const column = mayBeTupleValue(text, start) ? readers.sql.columnAt(text, start) : null;
  return column === null ? { header: null, labelFrom: row.start } : { header: column.name, labelFrom: start };
}

/**
 * The header of the column holding the value that starts at `start`: its JSON key, its table
 * header, or its INSERT column; null when it is in no table or the table names no columns.
 * The header is text of the input as written: record it only if {@link isIdentifierHeader}.
 */
export function columnHeader(text: string, start: number, context: ScanContext): string | null {
  return place(text, start, context).header;
}

/**
 * Whether the value at `start` is labelled as a `type` value: by its column's header (`536229999`
 * under `ssn`, `"aadhaar_no": "…"`) or by the words just before it in its cell or line (`SSN: …`).
 */
export function labelledAs(text: string, start: number, context: ScanContext, type: LabelledType): boolean {
  const { header, labelFrom } = place(text, start, context);
  if (header !== null && headerNames(header, type)) return true;
  const from = Math.max(labelFrom, start - LABEL_WINDOW);
  return holdsLetter(text, from, start) && LABELS[type].test(labelWords(text.slice(from, start)));
}

/**
 * Whether the `,` at `comma` separates the cells of a table of two lines or more, where
 * `…,81.2.69.160,443` is an address then a port, not the number `160,443`.
 */
export function delimitsCells(text: string, comma: number, context: ScanContext): boolean {
  const delimited = context.get(READERS).delimited;
  const row = delimited.rowAt(text, comma);
  return row.delimiter === COMMA && delimited.inTable(text, row);
}

/** A value right after `(` or `,` (past spaces and an opening quote) may be an element of a SQL tuple. */
function mayBeTupleValue(text: string, start: number): boolean {
  let i = start - 1;
  let c = codeAt(text, i);
  if (c === 39 || c === 34) c = codeAt(text, --i);
  while (c === 32 || c === 9 || c === 10 || c === 13) c = codeAt(text, --i);
  return c === 40 || c === 44;
}
