/**
 * Rows as ClickHouse `TabSeparated` text. The server parses it several times faster than
 * `JSONEachRow` (about 3× on 18.16 with our rows, whose `Body` holds the event's JSON), which is
 * what a 1,000,000-event load spends its time on. Escaping follows the format's documentation:
 * backslash, tab and newline in every field; an array is `['a','b']`, its strings single-quoted
 * with the same escapes plus `\'` (the server reads array items with the field's own rules, so
 * they are not escaped twice).
 */
import type { EventRow } from './row';

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', "'": "\\'" };

function field(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!);
}

function literal(value: string | number): string {
  return typeof value === 'number' ? String(value) : `'${value.replace(/[\\\t\n\r']/g, (c) => ESCAPES[c]!)}'`;
}

function cell(value: EventRow[string]): string {
  if (Array.isArray(value)) return `[${(value as (string | number)[]).map(literal).join(',')}]`;
  return field(String(value));
}

/** The rows' text for `INSERT INTO t (columns…) FORMAT TabSeparated`, every row in `columns` order. */
export function toTabSeparated(rows: readonly EventRow[], columns: readonly string[]): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) out += '\t';
      out += cell(row[columns[i]!]!);
    }
    out += '\n';
  }
  return out;
}
