/** A value COPY can take: null is SQL NULL; a Date is written in UTC (the columns are `timestamp` in UTC). */
export type CopyValue = string | number | Date | null | undefined;

const SPECIAL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Rows in PostgreSQL's COPY text format: tab-separated, `\N` for NULL, backslash escapes. */
export function encodeCopyText(rows: readonly (readonly CopyValue[])[]): string {
  let text = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const value = row[i];
      if (i) text += '\t';
      if (value === null || value === undefined) text += '\\N';
      else if (value instanceof Date) text += value.toISOString();
      else if (typeof value === 'number') text += String(value);
      else text += value.replace(SPECIAL, (c) => ESCAPES[c]!);
    }
    text += '\n';
  }
  return text;
}

/** A double-quoted SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
