import { createPostgresTestDatabase, TestDatabase } from '@tokenshift/db/testing';
import { DEMO_PASSWORD, RunningServer, startServer } from '@tokenshift/testing';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { BrowserSession, chartData, launchBrowser, screenshot, tableRows, text, waitForState } from './support/browser';

const API = '/rest/tokenshift/1';
const MYSELF = 'GET /rest/api/2/myself';

/**
 * The dashboard against the real built server (dist/apps/server serving dist/apps/dashboard) on a fresh
 * PostgreSQL database: usage and scan runs are seeded over HTTP, then the page must show those numbers.
 */
describe('dashboard against the real server with seeded usage', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let browser: BrowserSession;
  let adminToken: string;
  const bearer = () => ({ authorization: `Bearer ${adminToken}` });

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(`${server.url}${API}${path}`, { headers: bearer() });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function sessionCookie(username: string): Promise<string> {
    const response = await fetch(`${server.url}/rest/auth/1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'seed-login' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { session: { name: string; value: string } };
    return `${body.session.name}=${body.session.value}`;
  }

  async function calls(count: number, headers: Record<string, string>): Promise<void> {
    for (let i = 0; i < count; i++) {
      const response = await fetch(`${server.url}/rest/api/2/myself`, { headers });
      expect(response.status).toBe(200);
    }
  }

  async function postScan(repo: string, scannedAt: string, findings: number, severities: string[]): Promise<void> {
    const response = await fetch(`${server.url}${API}/scan-runs`, {
      method: 'POST',
      headers: { ...bearer(), 'content-type': 'application/json' },
      body: JSON.stringify({
        repo,
        commit: `${repo.length}${scannedAt.slice(0, 10).replace(/-/g, '')}abcdef0123456789`.slice(0, 40),
        scannedAt,
        scannerVersion: '0.1.0',
        filesScanned: 40,
        findings: Array.from({ length: findings }, (_, i) => ({
          ruleId: 'session-login',
          severity: severities[i % severities.length],
          file: `src/client${i}.ts`,
          line: 10 + i,
          column: 5,
          language: 'typescript',
          message: 'Logs in with the deprecated cookie session',
          evidence: "post('/rest/auth/1/session')",
          replacement: 'Authorization: Bearer <api token>',
          fingerprint: `${repo}-${i}`,
        })),
      }),
    });
    expect({ repo, scannedAt, status: response.status }).toEqual({ repo, scannedAt, status: 201 });
  }

  interface Summary {
    deprecatedCalls: number;
    tokenCalls: number;
    deprecatedUsers: number;
    deprecatedClients: number;
    recording: { pending: number };
  }

  /** Usage is written in batches off the request path: wait until nothing is pending. */
  async function settled(): Promise<Summary> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const summary = await api<Summary>('/usage/summary?days=30');
      if (summary.recording.pending === 0) return summary;
      if (Date.now() > deadline) throw new Error(`usage still pending: ${JSON.stringify(summary.recording)}`);
      // Random spacing: each poll is recorded too, and fixed spacing can lock to the flush timer's phase.
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }

  beforeAll(async () => {
    database = await createPostgresTestDatabase('e2e_dashboard');
    [server, browser] = await Promise.all([startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true' }, 120_000), launchBrowser()]);
    adminToken = server.demoToken()!;

    // Deprecated usage: alice from two clients, demo from one; token usage: 4 calls.
    const alice = await sessionCookie('alice');
    const demo = await sessionCookie('demo');
    await calls(5, { cookie: alice, 'x-tokenshift-client': 'nightly-export' });
    await calls(2, { cookie: alice, 'user-agent': 'jira-cli/2.0' });
    await calls(3, { cookie: demo, 'user-agent': 'jira-cli/2.0' });
    await calls(4, { ...bearer(), 'user-agent': 'token-client/1.0' });

    // Scan runs: acme/api burns down 12 → 7 → 3, acme/web 4 → 0.
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    await postScan('acme/api', day(10), 12, ['high', 'medium', 'low']);
    await postScan('acme/web', day(9), 4, ['medium']);
    await postScan('acme/api', day(5), 7, ['high', 'medium', 'low']);
    await postScan('acme/api', day(1), 3, ['high', 'high', 'info']);
    await postScan('acme/web', day(1), 0, []);
    await settled();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  async function signInWithToken(page: Page): Promise<void> {
    await page.goto(`${server.url}/dashboard`);
    await waitForState(page, 'login');
    await page.getByLabel('API token').fill(adminToken);
    await page.getByRole('button', { name: 'Use token' }).click();
    await waitForState(page, 'ready');
  }

  it('shows the seeded numbers in the headline, the tables and the charts', async () => {
    const { page } = await browser.newPage();
    await signInWithToken(page);
    // The page's own token calls count too: compare with what the API says now, and with what was seeded.
    const summary = await settled();
    const users = await api<{ user: string; deprecatedCalls: number; clients: number }[]>('/usage/users?days=30');
    const clients = await api<{ client: string; deprecatedCalls: number; users: number }[]>('/usage/clients?days=30');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await waitForState(page, 'ready');

    expect(await text(page, 'whoami')).toBe('Signed in as demo (API token)');
    expect(summary.deprecatedCalls).toBeGreaterThanOrEqual(10);
    expect(summary.deprecatedUsers).toBe(2);
    expect(await text(page, 'kpi-deprecated-calls')).toBe(summary.deprecatedCalls.toLocaleString('en-US'));
    expect(await text(page, 'kpi-deprecated-users')).toBe('2');
    expect(await text(page, 'kpi-deprecated-clients')).toBe(String(summary.deprecatedClients));
    const tokenCalls = Number((await text(page, 'kpi-token-calls')).replace(/,/g, ''));
    expect(tokenCalls).toBeGreaterThanOrEqual(Math.max(4, summary.tokenCalls));
    expect(await text(page, 'kpi-token-share')).toMatch(/^\d+(\.\d)?%$/);

    // Users: alice made 7 of the seeded calls from 2 clients, demo 3 from 1 (plus whatever the server counts for the logins).
    const aliceApi = users.find((u) => u.user === 'alice')!;
    const demoApi = users.find((u) => u.user === 'demo')!;
    expect(aliceApi.deprecatedCalls).toBeGreaterThanOrEqual(7);
    expect(demoApi.deprecatedCalls).toBeGreaterThanOrEqual(3);
    const userRows = await tableRows(page, 'users-table');
    expect(userRows.map((r) => r[0])).toEqual(['alice', 'demo']);
    expect(userRows[0]!.slice(3, 6)).toEqual([String(aliceApi.deprecatedCalls), String(aliceApi.clients), expect.stringMatching(/just now|minute/)]);
    expect(userRows[1]!.slice(3, 5)).toEqual([String(demoApi.deprecatedCalls), String(demoApi.clients)]);
    expect(aliceApi.clients).toBeGreaterThanOrEqual(2);

    // Clients: the header names one, the User-Agent the other; jira-cli/2.0 was used by both users.
    const clientRows = await tableRows(page, 'clients-table');
    expect(clientRows.map((r) => r[0]).sort()).toEqual(clients.map((c) => c.client).sort());
    expect(clientRows.map((r) => r[0])).toEqual(expect.arrayContaining(['nightly-export', 'jira-cli/2.0']));
    const cli = clientRows.find((r) => r[0] === 'jira-cli/2.0')!;
    expect(cli.slice(1, 3)).toEqual([String(clients.find((c) => c.client === 'jira-cli/2.0')!.deprecatedCalls), '2']);
    expect(Number(clientRows.find((r) => r[0] === 'nightly-export')![1])).toBe(5);

    // Calls over time: the myself endpoint carries exactly the 10 seeded session calls, all today.
    const timeline = (await chartData(page, 'timeline'))!;
    expect(timeline.type).toBe('bar');
    expect(timeline.labels).toHaveLength(30);
    const myself = timeline.datasets.find((d) => d.label === `Deprecated: ${MYSELF}`)!;
    expect(myself.sum).toBe(10);
    expect(myself.data.at(-1)).toBe(10);
    const deprecatedSum = timeline.datasets.filter((d) => d.label?.startsWith('Deprecated: ')).reduce((s, d) => s + d.sum, 0);
    expect(deprecatedSum).toBe(summary.deprecatedCalls);
    expect(timeline.datasets.find((d) => d.label === 'API token calls')!.sum).toBeGreaterThanOrEqual(4);
    const share = (await chartData(page, 'share'))!;
    expect(share.datasets[0]!.data).toEqual([tokenCalls, summary.deprecatedCalls]);

    // Scanner: latest findings per repo and the burn-down lines.
    const repoRows = await tableRows(page, 'repos-table');
    expect(repoRows.map((r) => [r[0], r[3], r[4], r[5], r[6], r[7]])).toEqual([
      ['acme/api', '3', '2', '0', '0', '1'],
      ['acme/web', '0', '0', '0', '0', '0'],
    ]);
    const burnDown = (await chartData(page, 'burnDown'))!;
    expect(burnDown.datasets.map((d) => [d.label, (d.data as { y: number }[]).map((p) => p.y)]).sort()).toEqual([
      ['acme/api', [12, 7, 3]],
      ['acme/web', [4, 0]],
    ]);
    expect(await text(page, 'scans-message')).toBe('3 findings left across 2 repositories.');
    await screenshot(page, 'dashboard-01-overview');

    await page.getByRole('button', { name: 'Show findings' }).click();
    await page.getByTestId('run-findings').waitFor();
    expect((await tableRows(page, 'run-findings')).map((r) => r[0])).toEqual(['high', 'high', 'info']);

    // Per hour only up to a week: disabled for 30 days, offered for 7.
    expect(await page.getByLabel('hour').isDisabled()).toBe(true);
    expect(await text(page, 'granularity-hint')).toBe('Per hour is offered for periods of up to 7 days.');
    await page.getByTestId('days').selectOption('7');
    await waitForState(page, 'ready');
    await page.getByLabel('hour').check();
    await page.waitForFunction(() => document.getElementById('timeline')?.dataset['state'] === 'ready' && (window as any).tokenshiftCharts?.timeline?.data.labels.length > 100); // eslint-disable-line @typescript-eslint/no-explicit-any
    const hourly = (await chartData(page, 'timeline'))!;
    expect(hourly.labels.length).toBeGreaterThanOrEqual(168);
    expect(hourly.labels.length).toBeLessThanOrEqual(170);
    expect(hourly.datasets.find((d) => d.label === `Deprecated: ${MYSELF}`)!.data.at(-1)).toBe(10);
    await screenshot(page, 'dashboard-02-hourly');
  });

  it('sorts, searches and exports the users as CSV', async () => {
    const { page } = await browser.newPage();
    await signInWithToken(page);
    const users = await page.getByTestId('users-table');
    await users.getByRole('button', { name: 'User' }).click();
    expect((await tableRows(page, 'users-table')).map((r) => r[0])).toEqual(['alice', 'demo']);
    await users.getByRole('button', { name: 'User' }).click();
    expect((await tableRows(page, 'users-table')).map((r) => r[0])).toEqual(['demo', 'alice']);
    expect(await users.locator('th[aria-sort="descending"]').textContent()).toContain('User');

    await page.getByTestId('users-table-search').fill('ali');
    expect((await tableRows(page, 'users-table')).map((r) => r[0])).toEqual(['alice']);
    expect(await text(page, 'users-table-status')).toBe('Showing 1 of 2.');
    await page.getByTestId('users-table-search').fill('nobody');
    expect(await tableRows(page, 'users-table')).toEqual([['No row matches “nobody”.']]);
    await page.getByTestId('users-table-search').fill('');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('users-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^tokenshift-session-users-30d-\d{4}-\d\d-\d\d\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('user,displayName,email,deprecatedCalls,lastSeen,clients');
    const apiUsers = await api<{ user: string; deprecatedCalls: number; clients: number }[]>('/usage/users?days=30');
    expect(lines).toHaveLength(3);
    for (const user of apiUsers) {
      const line = lines.find((l) => l.startsWith(`${user.user},`));
      expect(line).toMatch(new RegExp(`,${user.deprecatedCalls},\\d{4}-\\d\\d-\\d\\dT[^,]+,${user.clients}$`));
    }

    const [clientsDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('clients-export').click()]);
    const clientsCsv = await readFile((await clientsDownload.path())!, 'utf8');
    expect(clientsCsv.split('\r\n')[0]).toBe('client,deprecatedCalls,lastSeen,users');
    expect(clientsCsv).toMatch(/\r\nnightly-export,5,\d{4}-[^,]+,1\r\n/);
    await screenshot(page, 'dashboard-03-users-sorted');
  });

  it('signs in with username and password, and tells a non-admin that an administrator is needed', async () => {
    const { page } = await browser.newPage();
    await page.goto(`${server.url}/dashboard/`);
    await waitForState(page, 'login');
    await page.getByLabel('Username or email').fill('demo');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('password-error').filter({ hasText: 'Wrong username or password.' }).waitFor();

    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForState(page, 'ready');
    expect(await text(page, 'whoami')).toBe('Signed in as demo (session)');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect((await tableRows(page, 'users-table')).map((r) => r[0])).toContain('alice');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitForState(page, 'login');

    const other = (await browser.newPage()).page;
    await other.goto(`${server.url}/dashboard/`);
    await waitForState(other, 'login');
    await other.getByLabel('Username or email').fill('alice');
    await other.getByLabel('Password').fill(DEMO_PASSWORD);
    await other.getByRole('button', { name: 'Sign in' }).click();
    await waitForState(other, 'forbidden');
    expect(await text(other, 'notice')).toMatch(/^You are signed in as alice, but the dashboard needs a Jira administrator/);
    expect(await other.locator('#content').isHidden()).toBe(true);
    await screenshot(other, 'dashboard-04-forbidden');
  });
});
