import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiteralSearch } from '../src/literal-search';
import { readSmallFile } from '../src/read-small-file';
import { PREFILTER, PREFILTER_LITERALS, bytesMayMatch } from '../src/rules/patterns';

/** One text per PREFILTER alternative: the byte pre-filter must let each through (it may only be looser). */
const EXAMPLES = [
  "post('/rest/auth/latest/session')", 'BASE + "auth/1/session"', 'base + "auth/latest/"', "['rest', 'auth' ,\t'1', 'session']",
  '["auth", "latest"]', 'Cookie: JSESSIONID=abc', 'cloud.session.token', 'studio.crowd.tokenkey', 'jira.CookieAuthTransport{}',
  'AcquireSessionCookie(user, pass)', 'auth_type: :cookie', 'use_cookies: true', 'cookie_jar: jar', "'cookieAuthEnabled' => true",
  'COOKIE_AUTH_ENABLED=true', 'authentication-method: session', 'jira.kill_session()', 'JIRA  (server, auth=(u, p))', 'Jira(url, cookies=c)',
  'tsk_abc', 'jira.auth.login()', 'client.session.currentUser()', 'client.auth.logout()', 'client.Session.StartAsync()',
  'client.Session.EndAsync()', 'getSessionClient()', 'getCurrentSession()', 'body.session.name', '$session->value', 'session?.name',
  "body['session']", 'body["session"]', '$config->isCookieAuthorizationEnabled()', 'JiraCookieAuth(session, url, auth)',
  'self._create_cookie_auth(auth)', 'client.Authentication.Logout()', 'client.Authentication.GetCurrentUser()',
  'StartAsync(this ISessionDomain jira)', "import { login } from 'jira.js/server'", '$auth->authorizeWithCookie($u, $p)',
  '@request_client.make_cookie_auth_request',
  "AUTH = 'auth/1'", 'AUTH = "auth/latest"', 'AUTH = `auth/1`',
  'r.Session.Name', 'answer.Session?.Value', 'login.get("session")', "json.getJSONObject('session')", 'then().extract().path("session.value")',
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

describe('LiteralSearch blocks', () => {
  const literal = 'auth/latest/';
  const search = new LiteralSearch(['JIRA', literal]);

  it('finds a literal at every offset of a long buffer, across the 16-byte blocks and in the tail', () => {
    const filler = 'x'.repeat(203);
    for (let offset = 0; offset <= filler.length; offset++) {
      const text = filler.slice(0, offset) + literal + filler.slice(offset);
      expect(search.foundIn(Buffer.from(text))).toBe(true);
    }
    expect(search.foundIn(Buffer.from(filler + 'auth/latest' + filler))).toBe(false);
  });

  it('finds every literal at every offset of buffers of every short length', () => {
    const prefilter = new LiteralSearch(PREFILTER_LITERALS);
    for (const literal of PREFILTER_LITERALS) {
      for (let length = literal.length; length <= literal.length + 40; length++) {
        for (let offset = 0; offset + literal.length <= length; offset++) {
          const text = 'z'.repeat(offset) + literal + 'z'.repeat(length - offset - literal.length);
          if (!prefilter.foundIn(Buffer.from(text))) throw new Error(`missed ${JSON.stringify(literal)} at ${offset} of ${length}`);
        }
      }
    }
  });

  it('answers as a plain substring test on random text built from the literals\' own bytes', () => {
    const prefilter = new LiteralSearch(PREFILTER_LITERALS);
    const alphabet = [...new Set(PREFILTER_LITERALS.join(''))].join('');
    let seed = 42;
    const random = (below: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % below);
    let found = 0;
    for (let round = 0; round < 3000; round++) {
      let text = '';
      const length = random(300);
      while (text.length < length) text += random(40) ? alphabet[random(alphabet.length)] : PREFILTER_LITERALS[random(PREFILTER_LITERALS.length)]!.slice(0, 2 + random(12));
      const expected = PREFILTER_LITERALS.some((literal) => text.includes(literal));
      if (expected) found++;
      expect(prefilter.foundIn(Buffer.from(text))).toBe(expected);
    }
    expect(found).toBeGreaterThan(100);
  });

  it('searches files read into its own memory in place, also one that made the memory grow', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokenshift-search-'));
    const search = new LiteralSearch(PREFILTER_LITERALS);
    const cases: Array<[string, boolean]> = [['x'.repeat(900 * 1024) + 'JSESSIONID', true], ['y'.repeat(400 * 1024), false], ['tsk_' + 'y'.repeat(1000), true], ['small file', false]];
    for (const [index, [text, expected]] of cases.entries()) {
      writeFileSync(join(dir, `${index}.txt`), text);
      const bytes = readSmallFile(join(dir, `${index}.txt`), 1024 * 1024, search)!;
      expect(bytes.length).toBe(text.length);
      expect(search.foundIn(bytes)).toBe(expected);
    }
  });
});
