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
    expect(await page.getByTestId('new-token-value').inputValue()).toMatch(/^tsk_/);

    expect(outside).toEqual([]);
  });
});
