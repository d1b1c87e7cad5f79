/** A value COPY can take: null is SQL NULL; a Date is written in UTC (the columns are `timestamp` in UTC). */
export type CopyValue = string | number | Date | null | undefined;

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field in PostgreSQL's COPY text format: `\N` for NULL, backslash escapes. */
function field(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return String(value);
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c]!) : value;
}

/** One row in COPY text format: tab-separated fields, newline-terminated. */
export function encodeCopyRow(row: readonly CopyValue[]): string {
  let line = field(row[0]);
  for (let i = 1; i < row.length; i++) line += `\t${field(row[i])}`;
  return `${line}\n`;
}

/**
 * COPY text rows collected in one growing byte buffer outside the JavaScript heap: rows that wait
 * for a batch write (a second or two) then cost the garbage collector nothing, where thousands of
 * retained strings would be promoted and traced on every major collection.
 */
export class CopyTextBuffer {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private length = 0;
  rows = 0;

  append(row: readonly CopyValue[]): void {
    const line = encodeCopyRow(row);
    const needed = this.length + Buffer.byteLength(line);
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(line, this.length);
    this.rows++;
  }

  /** The rows so far (a view, not a copy). */
  get bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** A double-quoted SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
