import { createPostgresTestDatabase, queryRows, TestDatabase } from '@tokenshift/db/testing';
import { DEMO_PASSWORD, RunningServer, startServer } from '@tokenshift/testing';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { checkPage } from './support/axe';
import { BrowserSession, launchBrowser, SCREENSHOTS, tableRows, text, waitForState } from './support/browser';

const API = '/rest/tokenshift/1';
const START_TIMEOUT_MS = 120_000;

/** 45 days of history the server cannot record in the past: roll-ups (the aggregates' trigger counts them) and raw events with IPs. */
const HISTORY_SQL = `
  INSERT INTO "UsageRollup" ("bucket", "kind", "authMode", "method", "endpoint", "userKey", "clientKey", "count", "lastSeenAt")
  SELECT date_trunc('hour', now()) - make_interval(days => n) + interval '12 hours', 'cookie-request', 'cookie', 'GET', e.endpoint,
         u.name, u.client, (n % 7) + 3, date_trunc('hour', now()) - make_interval(days => n) + interval '12 hours 5 minutes'
  FROM generate_series(1, 45) AS n,
       (VALUES ('alice', 'nightly-export'), ('alice', 'jira-cli/2.0'), ('bob', 'bob-script/1.0'), ('carol', 'python-requests/2.31'),
               ('dave', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36'), ('erin', 'report-builder'),
               ('frank', 'confluence-macro'), ('grace', 'jenkins-plugin/3.1'), ('heidi', 'powershell/7.4')) AS u(name, client),
       (VALUES ('/rest/api/2/search'), ('/rest/api/2/issue/:idOrKey'), ('/rest/api/2/myself'), ('/rest/api/2/project'), ('/rest/api/2/field'),
               ('/rest/api/2/issue/:idOrKey/comment'), ('/rest/api/2/issue/:idOrKey/transitions'), ('/rest/api/2/serverInfo'), ('/rest/api/2/user'),
               ('/rest/api/2/priority')) AS e(endpoint)
  WHERE (n + length(u.name) + length(e.endpoint)) % 3 = 0;
  INSERT INTO "UsageRollup" ("bucket", "kind", "authMode", "method", "endpoint", "userKey", "clientKey", "count", "lastSeenAt")
  SELECT date_trunc('hour', now()) - make_interval(days => n) + interval '13 hours', 'token-request', 'token', 'GET', '/rest/api/2/search',
         u.name, u.client, 20 + n, date_trunc('hour', now()) - make_interval(days => n) + interval '13 hours 5 minutes'
  FROM generate_series(1, 45) AS n, (VALUES ('ivan', 'ivan-bot/1.0'), ('judy', 'judy-sync/2.0'), ('bob', 'bob-script/2.0')) AS u(name, client);
  INSERT INTO "UsageRollup" ("bucket", "kind", "authMode", "method", "endpoint", "userKey", "clientKey", "count", "lastSeenAt") VALUES
    (date_trunc('hour', now()) - interval '2 days', 'refused', 'cookie', 'GET', '/rest/api/2/search', 'grace', 'jenkins-plugin/3.1', 14, date_trunc('hour', now()) - interval '2 days' + interval '3 minutes');
  INSERT INTO "UsageEvent" ("occurredAt", "kind", "authMode", "userName", "method", "endpoint", "status", "userAgent", "ip", "clientId", "count")
  SELECT now() - make_interval(days => n), 'cookie-request', 'cookie', 'alice', 'GET', '/rest/api/2/search', 200, NULL, ip, 'nightly-export', n
  FROM generate_series(1, 20) AS n, (VALUES ('10.1.0.1'), ('10.1.0.2'), ('10.9.8.7')) AS ips(ip);
`;

/**
 * Every page of the dashboard, and the docs page, against the real server: screenshots at 1440 and 390 px
 * (test-output/dashboard/pages-*.png), no serious or critical axe-core violation at either width, no
 * sideways scrolling. Then the honest states: an empty database and the policy off.
 */
describe('dashboard pages: views, readability and accessibility (real server)', () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function signIn(page: Page, url: string, token: string): Promise<void> {
    await page.goto(`${url}/dashboard/`);
    await waitForState(page, 'login');
    expect(await checkPage(page, 'pages-01-sign-in')).toEqual({});
    await page.getByRole('textbox', { name: 'API token' }).fill(token);
    await page.getByRole('button', { name: 'Use token' }).click();
    await waitForState(page, 'ready');
  }

  describe('with 45 days of traffic from many users and clients', () => {
    let database: TestDatabase;
    let server: RunningServer;
    let token: string;

    beforeAll(async () => {
      database = await createPostgresTestDatabase('e2e_dashboard_pages');
      server = await startServer(
        {
          DATABASE_URL: database.url,
          DEMO_DATA: 'true',
          TRUST_PROXY: 'true',
          SESSION_POLICY: 'enforce',
          DEPRECATION_DATE: '2026-01-01T00:00:00Z',
          SUNSET_DATE: '2099-01-01T00:00:00Z',
          DEPRECATION_EXEMPT_USERS: 'carol',
          DEPRECATION_EXEMPT_CLIENTS: 'confluence-macro',
        },
        START_TIMEOUT_MS,
      );
      token = server.demoToken()!;
      // Live cookie traffic from behind the proxy, so today's IPs are the server's own records.
      const login = await fetch(`${server.url}/rest/auth/1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tokenshift-client': 'nightly-export', 'x-forwarded-for': '10.1.0.1' },
        body: JSON.stringify({ username: 'alice', password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const { session } = (await login.json()) as { session: { name: string; value: string } };
      for (let i = 0; i < 4; i++) {
        const response = await fetch(`${server.url}/rest/api/2/myself`, {
          headers: { cookie: `${session.name}=${session.value}`, 'x-tokenshift-client': 'nightly-export', 'x-forwarded-for': '10.1.0.1' },
        });
        expect(response.status).toBe(200);
      }
      await queryRows(database.url, HISTORY_SQL);
      // A scan with more findings than one page holds, of every severity; every third one auto-fixable (15).
      const severities = ['info', 'low', 'high', 'medium'];
      const scan = await fetch(`${server.url}${API}/scan-runs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          repo: 'acme/integrations',
          commit: '0123456789abcdef0123456789abcdef01234567',
          scannedAt: new Date(Date.now() - 86_400_000).toISOString(),
          scannerVersion: '0.1.0',
          filesScanned: 120,
          findings: Array.from({ length: 45 }, (_, i) => ({
            ruleId: 'session-login',
            severity: severities[i % severities.length],
            file: `src/clients/client${i}.ts`,
            line: 10 + i,
            column: 5,
            language: 'typescript',
            message: 'Logs in with the deprecated cookie session',
            evidence: "post('/rest/auth/1/session')",
            replacement: 'Authorization: Bearer <api token>',
            fingerprint: `finding-${i}`,
            autoFixable: i % 3 === 0,
          })),
        }),
      });
      expect(scan.status).toBe(201);
    }, 3 * START_TIMEOUT_MS);
    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    });

    it('shows every view, readable at 1440 and 390 px, with no serious or critical axe violation', async () => {
      const { page } = await browser.newPage();
      await signIn(page, server.url, token);
      expect(await checkPage(page, 'pages-02-dashboard')).toEqual({});
      // The first screen at each width, small enough for docs/dashboard.md (docs/images/).
      for (const size of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
        await page.setViewportSize(size);
        await page.screenshot({ path: `${SCREENSHOTS}/first-screen-${size.width}.png` });
      }
      await page.setViewportSize({ width: 1440, height: 900 });

      // Top 8 endpoint series plus one "other", in the colour-blind-safe palette; 10 endpoints were called.
      const labels = await page.evaluate(() => (window as any).tokenshiftCharts.timeline.data.datasets.map((d: any) => d.label)); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(labels).toHaveLength(8 + 1 + 1);
      expect(labels.filter((l: string) => l.startsWith('Deprecated: Other endpoints ('))).toHaveLength(1);

      // Contacts: alice first (history + today's live calls), with her clients; the CSV is the server's.
      const contacts = await tableRows(page, 'contacts-table');
      expect(contacts.length).toBeGreaterThanOrEqual(8);
      expect(contacts.find((row) => row[1] === 'alice')?.[2]).toMatch(/nightly-export/);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('contacts-export').click()]);
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv.split('\n')[0]).toBe('email,user,displayName,clients,lastDeprecatedCall,deprecatedCalls');
      expect(csv).toMatch(/\nalice@example\.com,alice,Alice Example,/);

      // Top IPs: today's live 10.1.0.1 plus the history's three addresses for nightly-export.
      const ips = (await tableRows(page, 'ips-table')).filter((row) => row[0] === 'nightly-export').map((row) => row[1]);
      expect(ips.sort()).toEqual(['10.1.0.1', '10.1.0.2', '10.9.8.7']);
      // Migrated: token users without deprecated calls (ivan, judy; bob still uses a cookie script too).
      const migrated = (await tableRows(page, 'migrated-table')).map((row) => row[0]);
      expect(migrated).toEqual(expect.arrayContaining(['ivan', 'judy']));
      expect(migrated).not.toContain('bob');
      expect((await tableRows(page, 'refusals-table')).find((row) => row[0] === 'grace')?.slice(1, 4)).toEqual(['jenkins-plugin/3.1', '14', '0']);
      expect((await tableRows(page, 'exempt-users-table')).map((row) => row[0])).toEqual(['carol']);
      expect((await tableRows(page, 'exempt-clients-table')).map((row) => row[0])).toEqual(['confluence-macro']);

      // Drill-down: alice → her clients and their endpoints → the client's users → back to alice.
      await page.locator('[data-testid="users-table"] [data-drill-user="alice"]').click();
      await page.waitForFunction(() => document.getElementById('drilldown')?.dataset['state'] === 'ready');
      expect(await text(page, 'drilldown-heading')).toBe('alice: clients and endpoints');
      const clients = (await tableRows(page, 'drilldown-table')).map((row) => row[0]);
      expect(clients.sort()).toEqual(['jira-cli/2.0', 'nightly-export']);
      expect(await checkPage(page, 'pages-03-drilldown-user')).toEqual({});
      // The admin views one by one, small enough for docs/dashboard.md (docs/images/).
      for (const view of ['contacts', 'ips', 'migrated', 'refusals', 'exemptions', 'drilldown']) await page.locator(`#${view}`).screenshot({ path: `${SCREENSHOTS}/view-${view}.png` });
      await page.locator('[data-testid="drilldown-table"] [data-drill="jira-cli/2.0"]').click();
      await page.getByTestId('drilldown-heading').filter({ hasText: 'jira-cli/2.0: users and endpoints' }).waitFor();
      expect((await tableRows(page, 'drilldown-table')).map((row) => row[0])).toEqual(['alice']);
      await page.getByTestId('drilldown-back').click();
      await page.getByTestId('drilldown-heading').filter({ hasText: 'alice: clients and endpoints' }).waitFor();

      // The repo list and the summary say how many findings `fix` clears in one step.
      const repoRow = (await tableRows(page, 'repos-table')).find((row) => row[0] === 'acme/integrations');
      expect(repoRow?.[8]).toBe('15');
      expect(await text(page, 'scans-message')).toContain('15 of them auto-fixable in one step');

      // Findings: most severe first, a severity filter, pages of 20, and an export of what is shown.
      await page.getByRole('button', { name: 'Show findings' }).click();
      await page.getByTestId('run-findings').waitFor();
      const firstPage = await tableRows(page, 'run-findings');
      expect(firstPage).toHaveLength(20);
      // 45 findings cycling info, low, high, medium: 11 high, then medium.
      expect(firstPage.map((row) => row[0])).toEqual([...Array(11).fill('high'), ...Array(9).fill('medium')]);
      expect(await text(page, 'run-findings-status')).toBe('45 rows. Rows 1–20 shown.');
      await page.getByTestId('run-findings-pager').getByRole('button', { name: 'Next page' }).click();
      expect(await text(page, 'run-findings-status')).toBe('45 rows. Rows 21–40 shown.');
      await page.getByTestId('findings-severity').selectOption('low');
      const lowRows = await tableRows(page, 'run-findings');
      expect(lowRows.map((row) => row[0])).toEqual(Array(11).fill('low'));
      // The Fix column: low findings are i = 1, 5, …, 41; i = 9, 21 and 33 are auto-fixable.
      expect(lowRows.filter((row) => row[3] === 'Auto-fixable')).toHaveLength(3);
      expect(lowRows.filter((row) => row[3] === 'Needs a person')).toHaveLength(8);
      const [findings] = await Promise.all([page.waitForEvent('download'), page.getByTestId('findings-export').click()]);
      const findingsCsv = (await readFile((await findings.path())!, 'utf8')).trim().split('\r\n');
      expect(findingsCsv[0]).toBe('repo,commit,severity,ruleId,file,line,column,message,replacement,autoFixable');
      expect(findingsCsv).toHaveLength(12);
      expect(findingsCsv.filter((line) => line.endsWith(',true'))).toHaveLength(3);
      await page.getByTestId('findings-fix').selectOption('auto');
      expect((await tableRows(page, 'run-findings')).map((row) => [row[0], row[3]])).toEqual(Array(3).fill(['low', 'Auto-fixable']));
      await page.getByTestId('findings-severity').selectOption('');
      expect(await text(page, 'run-findings-status')).toBe('Showing 15 of 45.');
      expect(await checkPage(page, 'pages-04-findings')).toEqual({});
      await page.locator('#scans').screenshot({ path: `${SCREENSHOTS}/view-scans.png` });

      // At 390 px the users table keeps its key numbers: every row shows its calls and clients.
      await page.setViewportSize({ width: 390, height: 844 });
      // …and every finding card still says whether it is auto-fixable, as does the repo card.
      const fixCells = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="run-findings"] tbody td[data-column="autoFixable"], [data-testid="repos-table"] tbody td[data-column="autoFixableCount"]')].map(
          (cell) => (cell as HTMLElement).offsetParent !== null,
        ),
      );
      expect(fixCells.length).toBeGreaterThanOrEqual(16);
      expect(fixCells.every(Boolean)).toBe(true);
      const visible = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="users-table"] tbody td[data-column="deprecatedCalls"], [data-testid="users-table"] tbody td[data-column="clients"]')].map(
          (cell) => (cell as HTMLElement).offsetParent !== null,
        ),
      );
      expect(visible.length).toBeGreaterThanOrEqual(16);
      expect(visible.every(Boolean)).toBe(true);
    }, 300_000);

    it('keeps the docs page (Swagger UI) free of serious and critical axe violations', async () => {
      const { page } = await browser.newPage();
      await page.goto(`${server.url}/docs`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
      await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 60_000 });
      expect(await checkPage(page, 'pages-05-docs')).toEqual({});
    }, 180_000);
  });

  describe('honest states', () => {
    let database: TestDatabase;
    let server: RunningServer;

    beforeAll(async () => {
      database = await createPostgresTestDatabase('e2e_dashboard_honest');
      // Policy off with dates in the past; usage is queued but not written during the test (a 10-minute
      // flush), so the database stays exactly empty while the page is read.
      server = await startServer(
        {
          DATABASE_URL: database.url,
          DEMO_DATA: 'true',
          SESSION_POLICY: 'off',
          DEPRECATION_DATE: '2020-01-01T00:00:00Z',
          SUNSET_DATE: '2020-06-01T00:00:00Z',
          USAGE_FLUSH_INTERVAL_MS: '600000',
          USAGE_BATCH_SIZE: '10000',
        },
        START_TIMEOUT_MS,
      );
    }, 2 * START_TIMEOUT_MS);
    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    });

    it('says there is no traffic yet on an empty database, and shows the dates as planned when the policy is off', async () => {
      expect(await queryRows(database.url, 'SELECT count(*)::int AS n FROM "UsageRollup"')).toEqual([{ n: 0 }]);
      const { page } = await browser.newPage();
      await signIn(page, server.url, server.demoToken()!);
      expect(await text(page, 'traffic-message')).toBe('No traffic yet: this server has not recorded a single API call. The figures below fill in as clients call it.');
      expect(await text(page, 'stored')).toBe('Stored in the database: no usage yet.');
      const body = (await page.locator('main').textContent()) ?? '';
      expect(body).not.toMatch(/is on API tokens|every call used an API token/);
      expect(body).not.toMatch(/passed/i);
      expect(await text(page, 'kpi-sunset')).toBe('Not enforced');
      expect(await text(page, 'kpi-sunset-note')).toBe('Planned for 2020-06-01; the policy is off');
      expect(await text(page, 'policy-text')).toBe(
        'Policy: off. No sunset or brown-out is enforced: deprecated session logins are served as before (with deprecation headers) and counted. ' +
          'Planned deprecation date: 2020-01-01. Planned sunset: 2020-06-01 00:00 UTC (takes effect only once the policy is dry-run or enforce).',
      );
      expect(await checkPage(page, 'pages-06-empty-policy-off')).toEqual({});
    }, 180_000);
  });
});
