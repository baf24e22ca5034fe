/**
 * Delimited tables (CSV, TSV, pipe tables) read lazily, around the values a detector or the
 * scanner asks about, never as a pass over the whole text: a table is a run of consecutive lines
 * of one shape (see rows.ts), and its header is its first line, or its second when the first is
 * a sentence that happens to have as many commas, if every cell of it reads as a column name.
 * A TSV block right after `COPY table (a, b) FROM stdin;` (pg_dump) takes those names.
 *
 * Questions come in increasing position within a pass, so the reader keeps the last line and
 * the run it belongs to: the next line of the run joins it in one step, and a walk back from a
 * line ahead stops where the known run ends. Each line is read about once per pass.
 */
import { isLabelCell } from './labels';
import { cellIndex, cellTexts, isRule, lineBounds, previousLineBounds, readRow, sameShape, TAB, type Row } from './rows';

/** A run of consecutive lines of one shape, as far as it has been read. */
interface Run {
  /** A row of the run's shape. */
  readonly shape: Row;
  /** Start of its first line and end of the last line read. */
  readonly top: number;
  end: number;
  /** Lines read, at least. */
  lines: number;
  /** The header's cells, one per cell of the shape, or null. */
  readonly header: readonly string[] | null;
}

/** Lines walked back from a row for its table's first line; a header farther up is not looked for. */
const MAX_WALK = 10_000;

const COPY_FROM_STDIN = /^\s*COPY\s+[^\s(]+\s*\(([^()]*)\)\s+FROM\s+stdin/i;

export class DelimitedReader {
  private row: Row | null = null;
  private run: Run | null = null;

  /** The line holding `index`, read as a row (its delimiter is 0 when it is none). */
  rowAt(text: string, index: number): Row {
    const row = this.row;
    if (row !== null && index >= row.start && index <= row.end) return row;
    const [start, end] = lineBounds(text, index);
    return (this.row = readRow(text, start, end));
  }

  /** The header of the cell of `row` holding `index`, or null. */
  headerAt(text: string, row: Row, index: number): string | null {
    const run = this.runOf(text, row);
    if (run === null || run.header === null) return null;
    const header = run.header[cellIndex(row, index)];
    return header === undefined || header === '' ? null : header;
  }

  /** Whether `row` is a line of a table of two lines or more. */
  inTable(text: string, row: Row): boolean {
    const run = this.runOf(text, row);
    return run !== null && run.lines >= 2;
  }

  private runOf(text: string, row: Row): Run | null {
    if (row.delimiter === 0) return null;
    const known = this.run;
    if (known !== null && sameShape(known.shape, row)) {
      if (row.start >= known.top && row.end <= known.end) return known;
      if (row.start > known.end && lineBreakBetween(text, known.end, row.start)) {
        known.end = row.end;
        known.lines++;
        return known;
      }
    }
    return (this.run = this.walkBack(text, row, known));
  }

  /**
   * Reads back from `row` to the first line of its run, or to where `known` ends. A rule line
   * (`----+----` under a psql header, `+----+` around MySQL's) is passed over: the header is above it.
   */
  private walkBack(text: string, row: Row, known: Run | null): Run {
    let top = row;
    let second: Row | null = null;
    let lines = 1;
    let lineStart = row.start;
    while (lineStart > 0 && lines < MAX_WALK) {
      const [start, end] = previousLineBounds(text, lineStart);
      lineStart = start;
      if (known !== null && end === known.end && sameShape(known.shape, row)) {
        known.end = row.end;
        known.lines += lines;
        return known;
      }
      if (isRule(text, start, end)) continue;
      const previous = readRow(text, start, end);
      if (!sameShape(previous, row)) break;
      second = top;
      top = previous;
      lines++;
    }
    return { shape: row, top: top.start, end: row.end, lines, header: headerOf(text, top, second) };
  }
}

/** Whether only a line break (`\n` or `\r\n`) lies between `end` and `start`. */
function lineBreakBetween(text: string, end: number, start: number): boolean {
  return start - end === 1 || (start - end === 2 && text.charCodeAt(end) === 13);
}

function headerOf(text: string, top: Row, second: Row | null): readonly string[] | null {
  const cells = labelCells(text, top) ?? (second === null ? null : labelCells(text, second));
  if (cells !== null || top.delimiter !== TAB || top.start === 0) return cells;
  const [start, end] = previousLineBounds(text, top.start);
  const copy = COPY_FROM_STDIN.exec(text.slice(start, Math.min(end, start + 4096)));
  const names = copy?.[1]!.split(',').map((name) => name.replace(/^[\s"`[]+|[\s"`\]]+$/g, '')) ?? null;
  return names !== null && names.length === top.delimiters.length + 1 ? names : null;
}

/** The row's cells when they read as column names (empty edge cells of `| a | b |` allowed), else null. */
function labelCells(text: string, row: Row): string[] | null {
  const cells = cellTexts(text, row);
  let named = 0;
  for (const cell of cells) {
    if (cell === '') continue;
    if (!isLabelCell(cell)) return null;
    named++;
  }
  return named >= 2 ? cells : null;
}
