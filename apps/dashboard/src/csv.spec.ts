import { toCsv } from './csv';

describe('csv', () => {
  it('writes a header and one line per row, quoting commas, quotes and newlines', () => {
    const rows = [
      { client: 'jira-cli/1.0', deprecatedCalls: 3 },
      { client: 'x, y', deprecatedCalls: 1 },
      { client: 'say "hi"', deprecatedCalls: 0 },
      { client: 'two\nlines', deprecatedCalls: -3 },
      { client: null, deprecatedCalls: 2 },
    ];
    expect(toCsv(['client', 'deprecatedCalls'], rows)).toBe(
      'client,deprecatedCalls\r\njira-cli/1.0,3\r\n"x, y",1\r\n"say ""hi""",0\r\n"two\nlines",-3\r\n,2\r\n',
    );
  });

  it.each(['=', '+', '-', '@', '\t', '\r'])('defuses a text cell starting with %j so a spreadsheet keeps it as text', (start) => {
    const csv = toCsv(['client'], [{ client: `${start}HYPERLINK("x")` }]);
    const cell = csv.slice('client\r\n'.length).replace(/^"/, '');
    expect(cell.startsWith(`'${start}`)).toBe(true);
  });
});
