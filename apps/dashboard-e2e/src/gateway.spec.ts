import { DEMO_PASSWORD, RunningServer, startServer } from '@tokenshift/testing';
import { BrowserSession, launchBrowser, screenshot, text, waitForState } from './support/browser';

const PREFIX = '/tokenshift';

/**
 * The dashboard in gateway mode, in Debian's Chromium: served under GATEWAY_PREFIX in front of an
 * upstream (tokenshift's built-in mode without accounts), signed in with tokenshift's own account, and
 * every request the pages make stays under the prefix.
 */
describe('the dashboard through a gateway', () => {
  let upstream: RunningServer;
  let gateway: RunningServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    upstream = await startServer({ DATABASE_URL: 'pglite:memory', DEMO_DATA: 'false' }, 90_000);
    [gateway, browser] = await Promise.all([
      startServer({ UPSTREAM_URL: upstream.url, DATABASE_URL: 'pglite:memory', DEMO_DATA: 'true' }, 90_000),
      launchBrowser(),
    ]);
  }, 200_000);
  afterAll(async () => {
    await browser?.close();
    await Promise.all([gateway?.stop(), upstream?.stop()]);
  });

  it('signs in on /tokenshift/dashboard/, shows the summary, and keeps the sign-in on the token page', async () => {
    const { page } = await browser.newPage();
    const outside: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === gateway.url && !url.pathname.startsWith(`${PREFIX}/`)) outside.push(url.pathname);
    });

    await page.goto(`${gateway.url}${PREFIX}/dashboard/`);
    await waitForState(page, 'login');
    await page.getByLabel('Username or email').fill('demo');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForState(page, 'ready');
    expect(await text(page, 'whoami')).toContain('demo');
    expect(await text(page, 'kpi-deprecated-calls')).toBe('0');
    await screenshot(page, 'gateway-dashboard');

    await page.goto(`${gateway.url}${PREFIX}/dashboard/tokens/`);
    await waitForState(page, 'ready');
    await page.getByTestId('token-name').fill('through the gateway');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByTestId('new-token').waitFor();
    const token = await page.getByTestId('new-token-value').inputValue();
    expect(token).toMatch(/^tsk_/);
    // The line to try it goes to tokenshift's own API under the prefix (the upstream does not take tokenshift's tokens), and it works.
    expect(await page.getByTestId('gateway-note').isVisible()).toBe(true);
    const curl = /^curl -u (\S+):(\S+) (\S+)$/.exec(await page.getByTestId('curl-line').inputValue());
    expect(curl?.slice(1)).toEqual(['demo@example.com', token, `${gateway.url}${PREFIX}/rest/tokenshift/1/tokens`]);
    const tried = await fetch(curl?.[3] ?? '', { headers: { authorization: `Basic ${Buffer.from(`${curl?.[1]}:${curl?.[2]}`).toString('base64')}` } });
    expect(tried.status).toBe(200);
    expect(((await tried.json()) as { name: string }[]).map((listed) => listed.name)).toContain('through the gateway');
    await screenshot(page, 'gateway-tokens');

    // My migration, linked from the token page, under the prefix too.
    await page.getByTestId('migration-link').click();
    await waitForState(page, 'ready');
    expect(new URL(page.url()).pathname).toBe(`${PREFIX}/dashboard/migration/`);
    expect(await text(page, 'migration-summary')).toBe('No calls with the session login from you in the last 30 days: nothing of yours needs to change.');

    expect(outside).toEqual([]);
  });
});
