import { join } from 'node:path';
import { scanDirectory } from '../src/scan';

/**
 * URLs reached through indirection and fluent chains (issue 17, items 3, 6 and 7). Each folder under
 * indirection-fixtures/ is scanned as a repository of its own, so values defined in one of its files are
 * resolved in the others and never leak into another case.
 */
const CASES = join(__dirname, 'indirection-fixtures');

async function findingsOf(name: string): Promise<string[]> {
  const { findings, errors } = await scanDirectory({ root: join(CASES, name), jobs: 0 });
  expect(errors).toEqual([]);
  return findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.message.replace(/^[^:]*(?::|$)\s*/, '')}`.trim());
}

describe('fluent chains: the whole chain is examined', () => {
  it('sees a request inside a chain that ends in a string builder (RestAssured …extract().path("x"))', async () => {
    expect(await findingsOf('chain-restassured')).toEqual([
      'LoginSteps.java:6 session-resource-path',
      'LoginSteps.java:9 session-login-call POST (log in)',
    ]);
  });

  it('follows a URL built at the start of a chain to the verb that sends it (Flurl AppendPathSegments … PostJsonAsync)', async () => {
    expect(await findingsOf('chain-flurl')).toEqual(['TrackerLogin.cs:10 session-login-call POST (log in)']);
  });

  it('takes the verb from the request builder chain (OkHttp .url(…).delete())', async () => {
    expect(await findingsOf('chain-okhttp')).toEqual(['Logout.kt:6 session-login-call DELETE (log out)']);
  });
});

describe('URLs reached through indirection', () => {
  it.each([
    ['helper-python', 'a method that returns the URL built from its argument (auth_endpoint("session"))', ['tracker.py:15 session-login-call POST (log in)', 'tracker.py:18 session-login-call DELETE (log out)']],
    ['helper-js', "makeUrl('/session') on a client whose base field is the auth path", ['board-client.js:12 session-login-call POST (log in)']],
    ['field-php', "a class field: private $prefix = '/rest/auth/1' … $this->prefix . '/session'", ['SignIn.php:13 session-login-call POST (log in)']],
    ['template-defaults', '"{site}{auth_resource}".format(**self.conf) from a dict of defaults', ['settings_client.py:5 session-resource-path', 'settings_client.py:15 session-login-call POST (log in)']],
  ])('%s: %s', async (name, _shape, expected) => {
    expect(await findingsOf(name)).toEqual(expected);
  });
});

describe('values from other files of the repository (the second pass)', () => {
  it.each([
    ['xfile-js-import', 'a JS import', ['src/login.js:5 session-login-call POST (log in)']],
    ['xfile-python-settings', 'Python from config.settings import', ['bot/login.py:7 session-login-call POST (log in)']],
    ['xfile-java-static', 'a Java static final of another class', ['src/main/java/tracker/LoginSteps.java:7 session-login-call POST (log in)']],
    ['xfile-go-package', 'a Go package-level constant', ['tracker/logout.go:6 session-login-call DELETE (log out)']],
    ['xfile-php-class-const', 'a PHP class constant', ['src/Login.php:11 session-login-call POST (log in)']],
    ['xfile-csharp-const', 'a C# const under a generic name, reached through its class', ['Tracker/SessionClient.cs:10 session-login-call POST (log in)']],
    ['xfile-js-helper-method', "another file's helper method (this.api.authPath('/session'))", ['lib/auth.js:4 session-login-call DELETE (log out)']],
    ['xfile-python-varargs', 'a varargs segment builder and a segments tuple from another module', ['tracker/client.py:10 session-login-call POST (log in)']],
    ['xfile-package-json', 'a whole-path key of a package.json, used in a file that names no session', ['dashboard/package.json:6 session-resource-path', 'dashboard/server.js:5 session-login-call POST (log in)']],
    ['xfile-renamed-import', 'a constant renamed on import (from .routes import TRACKER_AUTH_BASE as AUTH)', ['app/client.py:7 session-login-call DELETE (log out)']],
    ['xfile-ts-segments', "segments('rest', 'auth', '1') then segments('session')", ['src/session.ts:4 session-login-call DELETE (log out)']],
  ])('%s: %s', async (name, _shape, expected) => {
    expect(await findingsOf(name)).toEqual(expected);
  });

  it.each([
    ['negative-other-base', "another client's makeUrl('/session') under its own base; the auth base joined to another resource"],
    ['negative-xfile-generic', 'a generic name (options.base) that another, unrelated file defines as the auth base'],
    ['negative-xfile-noise', 'a file the pre-filter rules out, analyzed for a value of the table: only what the table gives counts (not its own cookie join), and a sentence is no value'],
    ['negative-xfile-locals', "a function's local variable in another file is no shared value"],
  ])('%s: nothing (but info) for %s', async (name) => {
    expect((await findingsOf(name)).filter((finding) => !finding.includes('session-path-in-comment'))).toEqual([]);
  });
});

describe('messages name what the code does', () => {
  it('names the verb the call sends: http.MethodDelete, new HttpDelete(…), curl --request=DELETE, wget --method=DELETE, -Method Delete, fetch with no method (GET)', async () => {
    expect((await findingsOf('messages-verbs')).sort()).toEqual([
      'Logout.java:5 session-login-call DELETE (log out)',
      'Logout.ps1:2 session-login-call DELETE (log out)',
      'logout.go:6 session-login-call DELETE (log out)',
      'logout.sh:2 session-login-call DELETE (log out)',
      'logout.sh:3 session-login-call DELETE (log out)',
      'whoami.js:1 session-login-call GET (current session)',
    ].sort());
  });

  it('reports a URL join or a frozen constant as a URL reference, and the call as the call', async () => {
    expect((await findingsOf('messages-references')).sort()).toEqual([
      'Urls.java:7 session-resource-path',
      'Urls.java:10 session-resource-path URL built with create(…)',
      'Urls.java:11 session-login-call DELETE (log out)',
      'links.py:4 session-resource-path URL built with urljoin(…)',
      'paths.rb:2 session-resource-path',
    ].sort());
  });
});
