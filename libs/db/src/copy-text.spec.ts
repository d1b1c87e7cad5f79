import { CopyTextBuffer, CopyValue, encodeCopyRow, quoteIdentifier } from './copy-text';

const copyText = (rows: CopyValue[][]) => {
  const buffer = new CopyTextBuffer();
  for (const row of rows) buffer.append(row);
  return buffer.bytes.toString('utf8');
};

describe('COPY text encoding', () => {
  it('escapes what COPY text format treats specially and writes NULL and dates as PostgreSQL reads them', () => {
    expect(encodeCopyRow(['a\tb', 'c\nd\r', 'back\\slash', null, undefined, 42, new Date('2026-11-23T14:00:00.123Z')])).toBe(
      'a\\tb\tc\\nd\\r\tback\\\\slash\t\\N\t\\N\t42\t2026-11-23T14:00:00.123Z\n',
    );
    expect(copyText([])).toBe('');
    expect(copyText([['x'], ['y']])).toBe('x\ny\n');
  });

  it('collects rows in chunks, byte for byte the same text, however often it is read', () => {
    const buffer = new CopyTextBuffer();
    const rows = Array.from({ length: 5000 }, (_, i) => [`row ${i}\twith tab`, i, null, 'zoë ✓', new Date(1_795_000_000_000 + (i >> 4))]);
    for (const row of rows.slice(0, 4000)) buffer.append(row);
    expect(buffer.bytes.toString('utf8')).toBe(rows.slice(0, 4000).map(encodeCopyRow).join(''));
    for (const row of rows.slice(4000)) buffer.append(row);
    expect(buffer.rows).toBe(5000);
    expect(buffer.bytes.toString('utf8')).toBe(rows.map(encodeCopyRow).join(''));
    expect(buffer.bytes.toString('utf8')).toContain('2026-11-18T11:06:40.312Z');
  });

  it('quotes identifiers', () => {
    expect(quoteIdentifier('UsageEvent')).toBe('"UsageEvent"');
    expect(quoteIdentifier('we"ird')).toBe('"we""ird"');
  });
});
