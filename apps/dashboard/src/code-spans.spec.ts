import { codeSpans } from './code-spans';

describe('codeSpans', () => {
  it('splits the advice into plain text and code, without a backtick left', () => {
    // As libs/usage/src/migration-advice.ts words it for a cookie call.
    const advice =
      'Stop sending the session cookie (`JSESSIONID` / `cloud.session.token`) on `GET /rest/api/2/search`; ' +
      'send `Authorization: Basic base64(<your email>:<API token>)` on every request instead (curl: `-u you@example.com:tsk_…`).';
    const parts = codeSpans(advice);
    expect(parts.filter((part) => part.code).map((part) => part.text)).toEqual([
      'JSESSIONID',
      'cloud.session.token',
      'GET /rest/api/2/search',
      'Authorization: Basic base64(<your email>:<API token>)',
      '-u you@example.com:tsk_…',
    ]);
    expect(parts.map((part) => part.text).join('')).not.toContain('`');
    expect(parts[0]).toEqual({ code: false, text: 'Stop sending the session cookie (' });
  });

  it('keeps markup as text: only backticks make code', () => {
    expect(codeSpans('<img src=x onerror=alert(1)> on `GET /a<b>`')).toEqual([
      { code: false, text: '<img src=x onerror=alert(1)> on ' },
      { code: true, text: 'GET /a<b>' },
    ]);
  });

  it('keeps an unpaired backtick as a character, and skips empty spans', () => {
    expect(codeSpans('a `b` c ` d')).toEqual([
      { code: false, text: 'a ' },
      { code: true, text: 'b' },
      { code: false, text: ' c ` d' },
    ]);
    expect(codeSpans('x `` y')).toEqual([{ code: false, text: 'x  y' }]);
    expect(codeSpans('')).toEqual([]);
  });
});
