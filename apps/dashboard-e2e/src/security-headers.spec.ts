import { DEMO_PASSWORD, RunningServer, startServer } from '@tokenshift/testing';
import type { Page } from 'playwright-core';
import { BrowserSession, launchBrowser, waitForState } from './support/browser';

/** Collects what the browser reports as blocked by the page's Content-Security-Policy. */
async function recordViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation(text: string): void }).reportViolation(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return violations;
}

/**
 * The security headers on the real server (embedded database, demo data): the dashboard and the docs
 * page work under their Content-Security-Policy, no page can be framed, and no REST answer that
 * carries a secret may be stored by a browser or a cache.
 */
describe('security headers on the real server', () => {
  let server: RunningServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ DATABASE_URL: 'pglite:memory', DEMO_DATA: 'true' }, 60_000), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('forbids framing and sets a Content-Security-Policy on the dashboard and the docs page', async () => {
    for (const path of ['/dashboard/', '/docs']) {
      const response = await fetch(`${server.url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves the dashboard, signed in with a password, with nothing blocked by the policy', async () => {
    const { page } = await browser.newPage();
    const violations = await recordViolations(page);
    await page.goto(`${server.url}/dashboard/`);
    await waitForState(page, 'login');
    await page.getByLabel('Username').fill('demo');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await waitForState(page, 'ready');
    expect(violations).toEqual([]);
  });

  it('serves the docs page (Swagger UI) with its operations listed and nothing blocked by the policy', async () => {
    const { page } = await browser.newPage();
    const violations = await recordViolations(page);
    await page.goto(`${server.url}/docs`);
    await page.locator('.opblock').first().waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(5);
    expect(violations).toEqual([]);
  });

  it('marks the login answer (a session cookie) and the token creation answer (the token) no-store', async () => {
    const login = await fetch(`${server.url}/rest/auth/1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-cache, no-store, no-transform');
    const created = await fetch(`${server.url}/rest/tokenshift/1/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`demo:${server.demoToken()}`).toString('base64')}` },
      body: JSON.stringify({ name: 'no-store check' }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-cache, no-store, no-transform');
  });
});
