import { LiteralSearch } from '../src/literal-search';
import { PREFILTER, bytesMayMatch } from '../src/rules/patterns';

/** One text per PREFILTER alternative: the byte pre-filter must let each through (it may only be looser). */
const EXAMPLES = [
  "post('/rest/auth/latest/session')", 'BASE + "auth/1/session"', 'base + "auth/latest/"', "['rest', 'auth' ,\t'1', 'session']",
  '["auth", "latest"]', 'Cookie: JSESSIONID=abc', 'cloud.session.token', 'studio.crowd.tokenkey', 'jira.CookieAuthTransport{}',
  'AcquireSessionCookie(user, pass)', 'auth_type: :cookie', 'use_cookies: true', 'cookie_jar: jar', "'cookieAuthEnabled' => true",
  'COOKIE_AUTH_ENABLED=true', 'authentication-method: session', 'jira.kill_session()', 'JIRA  (server, auth=(u, p))', 'Jira(url, cookies=c)',
  'tsk_abc', 'jira.auth.login()', 'client.session.currentUser()', 'client.auth.logout()', 'client.Session.StartAsync()',
  'client.Session.EndAsync()', 'getSessionClient()', 'getCurrentSession()', 'body.session.name', '$session->value', 'session?.name',
  "body['session']", 'body["session"]',
];

describe('byte pre-filter', () => {
  it.each(EXAMPLES)('lets %j through', (example) => {
    expect(PREFILTER.test(example)).toBe(true);
    expect(bytesMayMatch(Buffer.from(`const unrelated = 1;\n${example}\n`))).toBe(true);
  });

  it('rules out text without any literal', () => {
    expect(bytesMayMatch(Buffer.from('const session = await login(user); // authorization header\n'))).toBe(false);
  });
});

describe('LiteralSearch', () => {
  const search = new LiteralSearch(['he', 'she', 'hers', 'auth/1/']);

  it('finds literals anywhere, including after a partial match', () => {
    expect(search.foundIn(Buffer.from('ushers'))).toBe(true);
    expect(search.foundIn(Buffer.from('xxauthauth/1/'))).toBe(true);
    expect(search.foundIn(Buffer.from('auth/2/ s h e'))).toBe(false);
    expect(search.foundIn(Buffer.from(''))).toBe(false);
  });

  it('works on bytes beyond ASCII', () => {
    expect(new LiteralSearch(['é']).foundIn(Buffer.from('café'))).toBe(true);
    expect(new LiteralSearch(['é']).foundIn(Buffer.from('cafe\u00c3'))).toBe(false);
  });
});

describe('LiteralSearch lanes', () => {
  const literal = 'auth/latest/';
  const search = new LiteralSearch(['JIRA', literal]);

  it('finds a literal at every offset of a long buffer, across quarter boundaries', () => {
    const filler = 'x'.repeat(203);
    for (let offset = 0; offset <= filler.length; offset++) {
      const text = filler.slice(0, offset) + literal + filler.slice(offset);
      expect(search.foundIn(Buffer.from(text))).toBe(true);
    }
    expect(search.foundIn(Buffer.from(filler + 'auth/latest' + filler))).toBe(false);
  });
});
