import { DEMO_PASSWORD, json, RunningServer, startServer } from '@tokenshift/testing';

/** The machine is shared: starting two servers at once takes a while. */
const START_TIMEOUT_MS = 150_000;
const PREFIX = '/tokenshift';
const API = `${PREFIX}/rest/tokenshift/1`;

/** The `src`/`href` URLs of a page's scripts and stylesheets, resolved against the page's own URL as a browser does. */
function assetUrls(html: string, pageUrl: string): string[] {
  const found = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
  return found.filter((url) => !url.startsWith('#')).map((url) => new URL(url, pageUrl).href);
}

/**
 * The dashboard and its web sign-in in gateway mode: served under GATEWAY_PREFIX, signed in with
 * tokenshift's own accounts (the upstream, tokenshift's built-in mode without demo data, has none),
 * the cookie's Path behind the prefix, and every asset and API call of the pages under the prefix.
 */
describe('the dashboard under the gateway prefix', () => {
  let upstream: RunningServer;
  let gateway: RunningServer;

  beforeAll(async () => {
    upstream = await startServer({ DATABASE_URL: 'pglite:memory', DEMO_DATA: 'false' }, START_TIMEOUT_MS);
    gateway = await startServer(
      {
        UPSTREAM_URL: upstream.url,
        DATABASE_URL: 'pglite:memory',
        DEMO_DATA: 'true',
        // After the sunset: the deprecated session is refused, the dashboard's own sign-in is not.
        SESSION_POLICY: 'enforce',
        DEPRECATION_DATE: '2019-01-01T00:00:00Z',
        SUNSET_DATE: '2020-01-01T00:00:00Z',
      },
      START_TIMEOUT_MS,
    );
  }, 2 * START_TIMEOUT_MS + 10_000);
  afterAll(async () => {
    await Promise.all([gateway?.stop(), upstream?.stop()]);
  });

  async function signIn(): Promise<{ setCookie: string; cookie: string; csrf: string }> {
    const response = await fetch(`${gateway.url}${API}/dashboard/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo', password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    return { setCookie, cookie: setCookie.split(';')[0] ?? '', csrf: (await json<{ csrfToken: string }>(response)).csrfToken };
  }

  it("signs in with tokenshift's own account, and its cookie's Path is the prefixed API", async () => {
    const { setCookie } = await signIn();
    expect(setCookie).toMatch(new RegExp(`^tokenshift\\.dashboard=[A-Za-z0-9_-]{43}; Max-Age=\\d+; Path=${API.replace(/\//g, '\\/')}; HttpOnly; SameSite=Strict$`));
  });

  it('reads the usage summary and the tokens with that cookie under the prefix, and mints a token with its CSRF token', async () => {
    const { cookie, csrf } = await signIn();
    const summary = await fetch(`${gateway.url}${API}/usage/summary`, { headers: { cookie } });
    expect(summary.status).toBe(200);
    expect(await json<{ deprecatedCalls: number }>(summary)).toMatchObject({ deprecatedCalls: 0 });
    const tokens = await fetch(`${gateway.url}${API}/tokens`, { headers: { cookie } });
    expect(tokens.status).toBe(200);
    expect(Array.isArray(await json<unknown>(tokens))).toBe(true);
    const minted = await fetch(`${gateway.url}${API}/tokens`, {
      method: 'POST',
      headers: { cookie, 'x-tokenshift-csrf': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'gateway dashboard', scopes: ['read'] }),
    });
    expect(minted.status).toBe(201);
    const { token } = await json<{ token: string }>(minted);
    expect((await fetch(`${gateway.url}${API}/tokens`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('signs out under the prefix, clearing the cookie on the same Path', async () => {
    const { cookie, csrf } = await signIn();
    const out = await fetch(`${gateway.url}${API}/dashboard/session`, { method: 'DELETE', headers: { cookie, 'x-tokenshift-csrf': csrf } });
    expect(out.status).toBeLessThan(300);
    expect(out.headers.get('set-cookie')).toContain(`Path=${API};`);
    expect((await fetch(`${gateway.url}${API}/usage/summary`, { headers: { cookie } })).status).toBe(401);
  });

  it("does not take the cookie outside the prefix: the same path unprefixed is the upstream's, which has no such session", async () => {
    const { cookie } = await signIn();
    const upstreamAnswer = await fetch(`${gateway.url}/rest/tokenshift/1/usage/summary`, { headers: { cookie } });
    expect(upstreamAnswer.status).toBe(401);
  });

  it.each(['/dashboard/', '/dashboard/tokens/', '/dashboard/migration/'])('serves %s under the prefix, with every asset under the prefix', async (page) => {
    const pageUrl = `${gateway.url}${PREFIX}${page}`;
    const response = await fetch(pageUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const assets = assetUrls(await response.text(), pageUrl);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      expect(new URL(asset).pathname.startsWith(`${PREFIX}/dashboard/`)).toBe(true);
      expect({ asset, status: (await fetch(asset)).status }).toEqual({ asset, status: 200 });
    }
  });

  it('redirects the pages without their trailing slash to the prefixed page', async () => {
    for (const page of ['/dashboard', '/dashboard/tokens', '/dashboard/migration']) {
      const response = await fetch(`${gateway.url}${PREFIX}${page}`);
      expect(response.status).toBe(200);
      expect(new URL(response.url).pathname).toBe(`${PREFIX}${page}/`);
    }
  });

  it('names the prefixed token page in the 410 of a refused cookie call', async () => {
    const refused = await fetch(`${gateway.url}/rest/api/2/myself`, { headers: { cookie: 'JSESSIONID=abc' } });
    expect(refused.status).toBe(410);
    expect(refused.headers.get('link')).toContain(`<${gateway.url}${PREFIX}/dashboard/tokens/>; rel="help"`);
  });
});
