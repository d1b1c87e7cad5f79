import { createPostgresTestDatabase, queryRows, TestDatabase } from '@tokenshift/db/testing';
import { DEMO_PASSWORD, RunningServer, startServer } from '@tokenshift/testing';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { checkPage } from './support/axe';
import { BrowserSession, launchBrowser, screenshot, SCREENSHOTS, tableRows, text, waitForState } from './support/browser';
// npm's jira-connector, used unchanged (CommonJS, no types), as in apps/server-e2e/src/jira-clients.spec.ts.
const JiraConnector = require('jira-connector');
const request = require('request');

/* eslint-disable @typescript-eslint/no-explicit-any -- jira-connector has no types */

const HOUR = 3_600_000;

/**
 * The journey of issue 22 on the real built server and a fresh PostgreSQL database, in Debian's
 * Chromium: during a brown-out (the session login refused), a user signs in to the token page with
 * their password, creates a token, and a real client library works with it; the pages' own use adds
 * nothing to the usage data.
 */
describe('web sign-in and "My API tokens" during a brown-out', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    database = await createPostgresTestDatabase('e2e_websignin');
    // A start waits up to 60 s: on a loaded machine 30 s was not always enough.
    const brownout = `${new Date(Date.now() - HOUR).toISOString()}/${new Date(Date.now() + 3 * HOUR).toISOString()}`;
    [server, browser] = await Promise.all([
      startServer({
        DATABASE_URL: database.url,
        DEMO_DATA: 'true',
        SESSION_POLICY: 'enforce',
        SUNSET_DATE: '2035-01-01T00:00:00Z',
        BROWNOUT_WINDOWS: brownout,
        DEPRECATION_EXEMPT_CLIENTS: 'legacy-cron',
        USAGE_FLUSH_INTERVAL_MS: '100',
      }, 60_000),
      launchBrowser(),
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  /** Everything the usage data holds, read from the database once every queued use is written. */
  async function usageData(): Promise<{ events: number; rolledUpCalls: number; anonymousAgents: number }> {
    // Nothing a page does is recorded, so nothing can be pending from it; what a test call queued is written within the flush interval.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const [row] = await queryRows<{ events: string; calls: string; agents: string }>(
      database.url,
      `SELECT (SELECT count(*) FROM "UsageEvent") AS events, (SELECT coalesce(sum("count"), 0) FROM "UsageRollup") AS calls, (SELECT count(*) FROM "UsageAnonymousAgent") AS agents`,
    );
    return { events: Number(row?.events), rolledUpCalls: Number(row?.calls), anonymousAgents: Number(row?.agents) };
  }

  async function signInWithPassword(page: Page, path: string, username: string): Promise<void> {
    await page.goto(`${server.url}${path}`);
    await waitForState(page, 'login');
    await page.getByLabel('Username or email').fill(username);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function signInWithToken(page: Page, path: string, token: string): Promise<void> {
    await page.goto(`${server.url}${path}`);
    await waitForState(page, 'login');
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Use token' }).click();
  }

  async function createToken(page: Page, name: string, scopes: string[]): Promise<string> {
    await page.getByTestId('token-name').fill(name);
    for (const scope of ['read', 'write', 'admin']) {
      const box = page.locator(`input[name="scope"][value="${scope}"]`);
      if (await box.isVisible()) await box.setChecked(scopes.includes(scope));
    }
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByTestId('new-token').waitFor();
    const token = await page.getByTestId('new-token-value').inputValue();
    // The token is shown before the list is read again: wait for its row (its preview) too.
    await page.locator('[data-testid="my-tokens"] tr', { hasText: `${token.slice(0, 8)}…` }).waitFor();
    return token;
  }

  /** Every page and panel, as a user clicks through them: the dashboard (periods, hour view, refresh, findings), the token page and My migration. */
  async function visitEveryPage(page: Page): Promise<void> {
    await page.goto(`${server.url}/dashboard/`);
    await waitForState(page, 'ready');
    for (const days of ['1', '90', '366', '30', '7']) {
      await page.getByTestId('days').selectOption(days);
      await waitForState(page, 'ready');
    }
    // The hour view is offered for periods up to 7 days.
    await page.getByLabel('hour').check();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await waitForState(page, 'ready');
    await page.goto(`${server.url}/dashboard/tokens/`);
    await waitForState(page, 'ready');
    const made = await createToken(page, 'scripted visit', ['read']);
    expect(made).toMatch(/^tsk_/);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('[data-testid="my-tokens"] tr', { hasText: 'scripted visit' }).getByRole('button', { name: /^Revoke/ }).click();
    await page.locator('[data-testid="my-tokens"] tr', { hasText: 'scripted visit' }).getByText('revoked').waitFor();
    await page.getByTestId('everyone-user').fill('demo');
    await page.getByRole('button', { name: 'Show' }).click();
    // My migration: from the token page's link, and again by its address without the trailing slash.
    await page.getByTestId('migration-link').click();
    await waitForState(page, 'ready');
    await page.goto(`${server.url}/dashboard/migration`);
    await waitForState(page, 'ready');
    expect(new URL(page.url()).pathname).toBe('/dashboard/migration/');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitForState(page, 'login');
  }

  it('adds nothing to the usage data of a fresh install: every page, signed in with a password and with a token', async () => {
    expect(await usageData()).toEqual({ events: 0, rolledUpCalls: 0, anonymousAgents: 0 });
    const { page } = await browser.newPage();
    const sessionRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/rest/auth/')) sessionRequests.push(`${request.method()} ${request.url()}`);
    });

    await signInWithPassword(page, '/dashboard/', 'demo');
    await waitForState(page, 'ready');
    await visitEveryPage(page);

    await signInWithToken(page, '/dashboard/', server.demoToken()!);
    await waitForState(page, 'ready');
    expect(await text(page, 'whoami')).toBe('Signed in as demo (API token)');
    await visitEveryPage(page);

    expect(sessionRequests).toEqual([]); // no login, no session DELETE: the deprecated resource is never called
    expect(await usageData()).toEqual({ events: 0, rolledUpCalls: 0, anonymousAgents: 0 });

    // The measure counts what it should: one token call to Jira's API is one call in the roll-ups.
    expect((await fetch(`${server.url}/rest/api/2/myself`, { headers: { authorization: `Bearer ${server.demoToken()}` } })).status).toBe(200);
    expect(await usageData()).toEqual({ events: 0, rolledUpCalls: 1, anonymousAgents: 0 });
  });

  it('lets a user refused by the brown-out sign in on the page the 410 names, create a token, and use it with jira-connector', async () => {
    // 1. The deprecated login is refused, and the answer says where to go.
    const refused = await fetch(`${server.url}/rest/auth/1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: DEMO_PASSWORD }),
    });
    expect(refused.status).toBe(410);
    const tokenPage = `${server.url}/dashboard/tokens/`;
    expect(((await refused.json()) as { errorMessages: string[] }).errorMessages[0]).toContain(`sign in with your password at ${tokenPage}`);
    expect(refused.headers.get('link')).toContain(`<${tokenPage}>; rel="help"`);
    expect(refused.headers.get('link')).toContain('rel="deprecation"');

    // Her one exempt script still uses the cookie: "My migration" will list it.
    const legacy = await fetch(`${server.url}/rest/auth/1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'legacy-cron' },
      body: JSON.stringify({ username: 'alice', password: DEMO_PASSWORD }),
    });
    expect(legacy.status).toBe(200);
    const jsessionid = `JSESSIONID=${((await legacy.json()) as { session: { value: string } }).session.value}`;
    for (let i = 0; i < 2; i++) {
      expect((await fetch(`${server.url}/rest/api/2/myself`, { headers: { cookie: jsessionid, 'user-agent': 'legacy-cron' } })).status).toBe(200);
    }
    await usageData(); // written

    // 2. The page it names: password sign-in, a dashboard cookie (HttpOnly, SameSite=Strict, only for tokenshift's API), no Jira session.
    const { context, page } = await browser.newPage();
    await signInWithPassword(page, '/dashboard/tokens/', 'alice');
    await waitForState(page, 'ready');
    expect(await text(page, 'whoami')).toBe('Signed in as alice (session)');
    const cookies = await context.cookies(); // all of them: a cookie scoped to a path is not one of the root URL's
    expect(cookies.map((c) => ({ name: c.name, httpOnly: c.httpOnly, sameSite: c.sameSite, path: c.path }))).toEqual([
      { name: 'tokenshift.dashboard', httpOnly: true, sameSite: 'Strict', path: '/rest/tokenshift/1' },
    ]);
    // A non-admin is offered read and write, never admin, and sees no one else's tokens.
    expect(await page.locator('input[name="scope"][value="admin"]').isVisible()).toBe(false);
    expect(await page.locator('#everyone').isVisible()).toBe(false);
    await shoot(page, 'tokens-01-signed-in');
    // "My migration", its own page linked from the token page: her own deprecated calls by client, address and endpoint, with the change to make.
    await page.getByTestId('migration-link').click();
    await waitForState(page, 'ready');
    expect(new URL(page.url()).pathname).toBe('/dashboard/migration/');
    expect(await text(page, 'migration-summary')).toBe('3 calls with the session login from you in the last 30 days. Change each client as "What to change" says.');
    const calls = await tableRows(page, 'my-calls');
    expect(calls.map((row) => row.slice(0, 4))).toEqual([
      ['legacy-cron', '127.0.0.1', 'GET /rest/api/2/myself', '2'],
      ['legacy-cron', '127.0.0.1', 'POST /rest/auth/1/session', '1'],
    ]);
    expect(calls[0]?.[5]).toMatch(/^Stop sending the session cookie/);
    // The advice's code spans are <code> elements: no markdown backtick on screen.
    const change = page.getByTestId('my-calls').locator('tbody tr').first().locator('td').nth(5);
    expect(await change.locator('code').allTextContents()).toEqual(expect.arrayContaining(['JSESSIONID', 'GET /rest/api/2/myself']));
    expect(await page.locator('main').innerText()).not.toContain('`');
    expect(await checkPage(page, 'migration-01-calls')).toEqual({});
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'My API tokens' }).click();
    await waitForState(page, 'ready');

    // 3. A token, shown once, with a copy button and the curl line.
    const token = await createToken(page, 'jira-connector script', ['read', 'write']);
    expect(token).toMatch(/^tsk_[A-Za-z0-9_-]{49}$/);
    expect(await page.getByTestId('curl-line').inputValue()).toBe(`curl -u alice@example.com:${token} ${server.url}/rest/api/2/myself`);
    expect(await page.getByTestId('gateway-note').isVisible()).toBe(false);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.getByTestId('copy-token').click();
    await page.getByTestId('copy-status').filter({ hasText: 'Copied to the clipboard.' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    const rows = await tableRows(page, 'my-tokens');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.slice(0, 3)).toEqual(['jira-connector script', `${token.slice(0, 8)}…`, 'read, write']);
    expect(rows[0]?.slice(5, 7)).toEqual(['never', 'active']);
    await shoot(page, 'tokens-02-created');

    // 4. A real client works with it while the session login is still refused.
    const jira = new JiraConnector({ host: '127.0.0.1', port: server.port, protocol: 'http', basic_auth: { email: 'alice@example.com', api_token: token } });
    expect((await jira.myself.getMyself()).name).toBe('alice');
    const created = await jira.issue.createIssue({ fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'Made with a token during a brown-out' } });
    expect((await jira.search.search({ jql: `key = ${created.key}`, fields: ['summary'] })).issues.map((i: any) => i.fields.summary)).toEqual(['Made with a token during a brown-out']);
    const cookieClient = new JiraConnector({ host: '127.0.0.1', port: server.port, protocol: 'http', cookie_jar: request.jar() });
    await expect(cookieClient.auth.login({ username: 'alice', password: DEMO_PASSWORD })).rejects.toBeTruthy();
    expect((await fetch(`${server.url}/rest/auth/1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice', password: DEMO_PASSWORD }) })).status).toBe(410);

    // 5. The list shows the use; revoking stops the client at once.
    await expectEventually(async () => {
      await page.reload();
      await waitForState(page, 'ready');
      return (await tableRows(page, 'my-tokens'))[0]?.[6] ?? '';
    }, (lastUsed) => lastUsed !== 'never');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke jira-connector script' }).click();
    await page.locator('[data-testid="my-tokens"] .status-revoked').waitFor();
    await expect(jira.myself.getMyself()).rejects.toBeTruthy();
    expect((await fetch(`${server.url}/rest/api/2/myself`, { headers: { authorization: `Basic ${Buffer.from(`alice@example.com:${token}`).toString('base64')}` } })).status).toBe(401);
  });

  it('falls back to selecting the token where the Clipboard API is missing', async () => {
    const { page } = await browser.newPage();
    await page.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
    await signInWithPassword(page, '/dashboard/tokens/', 'alice');
    await waitForState(page, 'ready');
    const token = await createToken(page, 'no clipboard', ['read']);
    await page.getByTestId('copy-token').click();
    expect(await text(page, 'copy-status')).toBe('Selected: press Ctrl+C (⌘C on a Mac) to copy.');
    const selected = await page.getByTestId('new-token-value').evaluate((input: HTMLInputElement) => input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0));
    expect(selected).toBe(token);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-token-value');
  });

  it('says so on My migration when none of your calls used the session login', async () => {
    const { page } = await browser.newPage();
    await page.goto(`${server.url}/dashboard/migration/`);
    await waitForState(page, 'login');
    expect(await checkPage(page, 'migration-00-sign-in')).toEqual({});
    await signInWithPassword(page, '/dashboard/migration/', 'demo');
    await waitForState(page, 'ready');
    expect(await text(page, 'migration-summary')).toBe('No calls with the session login from you in the last 30 days: nothing of yours needs to change.');
    expect(await page.getByTestId('my-calls').isHidden()).toBe(true);
    expect(await checkPage(page, 'migration-02-none')).toEqual({});
  });

  it("lets an admin mint an admin token and see and revoke anyone's tokens", async () => {
    const { page } = await browser.newPage();
    await signInWithPassword(page, '/dashboard/tokens/', 'demo');
    await waitForState(page, 'ready');
    await createToken(page, 'admin automation', ['read', 'write', 'admin']);
    expect((await tableRows(page, 'my-tokens')).find((row) => row[0] === 'admin automation')?.[2]).toBe('read, write, admin');
    await page.getByTestId('everyone-user').fill('alice');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('[data-testid="all-tokens"] tr', { hasText: 'no clipboard' }).waitFor();
    await shoot(page, 'tokens-03-admin');
    // Everyone's tokens alone (no new token on screen), for docs/dashboard.md.
    await page.locator('#everyone').screenshot({ path: join(SCREENSHOTS, 'view-everyone-tokens.png') });
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('[data-testid="all-tokens"] tr', { hasText: 'no clipboard' }).getByRole('button', { name: /^Revoke/ }).click();
    await page.getByTestId('everyone-user').fill('alice');
    await page.locator('#everyone-active').setChecked(false);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('[data-testid="all-tokens"] tr', { hasText: 'no clipboard' }).locator('.status-revoked').waitFor();
  });

  /** A full-page screenshot at desktop (1440 px) and phone (390 px) widths, under test-output/dashboard/. */
  async function shoot(page: Page, name: string): Promise<void> {
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await screenshot(page, `${name}-${width}`);
    }
    await page.setViewportSize({ width: 1360, height: 900 });
  }
});

async function expectEventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

