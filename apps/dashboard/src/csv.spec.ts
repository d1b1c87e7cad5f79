import { csvCell, toCsv } from './csv';

describe('csv', () => {
  it('quotes commas, quotes and newlines, and defuses spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });

  it('writes a header and one line per row', () => {
    expect(toCsv(['client', 'deprecatedCalls'], [{ client: 'jira-cli/1.0', deprecatedCalls: 3 }, { client: 'x, y', deprecatedCalls: 1 }])).toBe(
      'client,deprecatedCalls\r\njira-cli/1.0,3\r\n"x, y",1\r\n',
    );
  });
});
