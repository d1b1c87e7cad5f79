/** A value COPY can take: null is SQL NULL; a Date is written in UTC (the columns are `timestamp` in UTC). */
export type CopyValue = string | number | Date | null | undefined;

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

let lastDate = { time: NaN, iso: '' };

/** Timestamps repeat within a millisecond under load: the last one's text is kept. */
function isoString(date: Date): string {
  const time = date.getTime();
  if (time !== lastDate.time) lastDate = { time, iso: date.toISOString() };
  return lastDate.iso;
}

/** One field in PostgreSQL's COPY text format: `\N` for NULL, backslash escapes. */
function field(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return isoString(value);
  if (typeof value === 'number') return String(value);
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c] ?? c) : value;
}

/** One row in COPY text format: tab-separated fields, newline-terminated. */
export function encodeCopyRow(row: readonly CopyValue[]): string {
  let line = field(row[0]);
  for (let i = 1; i < row.length; i++) line += `\t${field(row[i])}`;
  return `${line}\n`;
}

/** Characters of rows held as one string before they are encoded into a chunk. */
const SPILL_CHARS = 64 * 1024;

/**
 * COPY text rows collected in byte chunks outside the JavaScript heap: rows that wait for a batch
 * write (a second or two) then cost the garbage collector nothing, where thousands of retained
 * strings would be promoted and traced on every major collection. Rows are encoded a few hundred
 * at a time: one encoding call per row costs more than the row itself (measured).
 */
export class CopyTextBuffer {
  private chunks: Buffer[] = [];
  private pending = '';
  rows = 0;

  append(row: readonly CopyValue[]): void {
    this.pending += encodeCopyRow(row);
    this.rows++;
    if (this.pending.length >= SPILL_CHARS) this.spill();
  }

  /** The rows so far, as one buffer. */
  get bytes(): Buffer {
    this.spill();
    const [only] = this.chunks;
    if (only && this.chunks.length === 1) return only;
    const joined = Buffer.concat(this.chunks);
    this.chunks = [joined];
    return joined;
  }

  private spill(): void {
    if (!this.pending) return;
    this.chunks.push(Buffer.from(this.pending, 'utf8'));
    this.pending = '';
  }
}

/** A double-quoted SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
