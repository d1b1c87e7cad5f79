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

  it('collects rows in a growing buffer, byte for byte the same text', () => {
    const buffer = new CopyTextBuffer();
    const rows = Array.from({ length: 3000 }, (_, i) => [`row ${i}\twith tab`, i, null, 'zoë ✓']);
    for (const row of rows) buffer.append(row);
    expect(buffer.rows).toBe(3000);
    expect(buffer.bytes.toString('utf8')).toBe(rows.map(encodeCopyRow).join(''));
  });

  it('quotes identifiers', () => {
    expect(quoteIdentifier('UsageEvent')).toBe('"UsageEvent"');
    expect(quoteIdentifier('we"ird')).toBe('"we""ird"');
  });
});
