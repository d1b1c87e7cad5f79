import type { Page } from 'playwright-core';
import { checkPage } from './support/axe';
import { BrowserSession, type ChartWindow, launchBrowser, tableRows, text, waitForState } from './support/browser';
import { ADMIN_TOKEN, emptySummary, FixtureApi, USER_TOKEN } from './support/fixture-api';

/**
 * The states the real server cannot show on demand: an empty database, a failing endpoint, a sunset in the
 * past. A stand-in API answers (same contract); the seeded numbers are checked against the real server in
 * dashboard.spec.ts. Each state is checked like every page (support/axe.ts): screenshots at 1440 and
 * 390 px, no serious or critical axe-core violation, no sideways scrolling.
 */
describe('dashboard: sign-in, empty and error states (stand-in API)', () => {
  let api: FixtureApi;
  let browser: BrowserSession;

  beforeAll(async () => {
    [api, browser] = await Promise.all([new FixtureApi().start(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });
  beforeEach(() => {
    api.routes.clear();
    api.set('/rest/tokenshift/1/usage/summary', emptySummary());
    api.set('/rest/tokenshift/1/usage/timeseries', { granularity: 'day', buckets: [] });
    api.set('/rest/tokenshift/1/usage/users', []);
    api.set('/rest/tokenshift/1/usage/clients', []);
    api.set('/rest/tokenshift/1/scan-runs/repos', []);
    for (const list of ['contacts', 'client-ips', 'migrated', 'refusals']) api.set(`/rest/tokenshift/1/usage/${list}`, []);
    api.set('/rest/tokenshift/1/usage/exemptions', { users: [], clients: [] });
  });

  async function signInWithToken(page: Page, token: string): Promise<void> {
    await page.goto(`${api.url}/dashboard/`);
    await waitForState(page, 'login');
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Use token' }).click();
  }

  it('asks to sign in, rejects a bad token in words, and explains every empty panel', async () => {
    const { page } = await browser.newPage();
    await page.goto(`${api.url}/dashboard/`);
    await waitForState(page, 'login');
    expect(await page.getByRole('heading', { name: 'Sign in as an administrator' }).isVisible()).toBe(true);
    expect(await checkPage(page, 'states-01-login')).toEqual({});

    await page.getByLabel('API token').fill('tsk_wrong');
    await page.getByRole('button', { name: 'Use token' }).click();
    await page.getByTestId('token-error').filter({ hasText: 'not accepted' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    api.requests.length = 0;
    await page.getByLabel('API token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Use token' }).click();
    await waitForState(page, 'ready');
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([ADMIN_TOKEN]);
    const apiCalls = api.requests.filter((r) => r.path.startsWith('/rest/tokenshift/'));
    expect(apiCalls.length).toBeGreaterThanOrEqual(5);
    expect(apiCalls.filter((r) => r.authorization !== `Bearer ${ADMIN_TOKEN}`)).toEqual([]);

    expect(await text(page, 'whoami')).toBe('Signed in as admin (API token)');
    expect(await text(page, 'kpi-token-share')).toBe('—');
    // Nothing was ever recorded: the page says there is no traffic yet, never that everyone is on tokens.
    const noTraffic = 'No traffic has been recorded yet: no API call has reached this server since usage recording started.';
    expect(await text(page, 'traffic-message')).toBe('No traffic yet: this server has not recorded a single API call. The figures below fill in as clients call it.');
    expect(await text(page, 'kpi-token-share-note')).toBe('No traffic recorded yet.');
    expect(await text(page, 'share-message')).toBe('No traffic recorded yet, so there is no share to show.');
    expect(await text(page, 'timeline-message')).toBe('No API calls in the last 30 days: nothing to chart yet.');
    expect(await tableRows(page, 'users-table')).toEqual([[noTraffic]]);
    expect(await tableRows(page, 'clients-table')).toEqual([[noTraffic]]);
    expect(await tableRows(page, 'contacts-table')).toEqual([[noTraffic]]);
    expect(await text(page, 'stored')).toBe('Stored in the database: no usage yet.');
    expect(await page.locator('body').textContent()).not.toMatch(/every (user|client)[^.]* is on API tokens/);
    expect(await text(page, 'scans-message')).toBe('No scan has been reported yet, so there is no burn-down to draw.');
    expect(await text(page, 'brownouts-message')).toBe('No brown-out windows are scheduled (and none would be enforced with the policy off).');
    expect(await page.getByTestId('users-export').isDisabled()).toBe(true);
    expect(await page.evaluate(() => Object.keys((window as ChartWindow).tokenshiftCharts ?? {}))).toEqual([]);
    expect(await checkPage(page, 'states-02-empty')).toEqual({});

    // A reload keeps the token (sessionStorage); signing out forgets it.
    await page.reload();
    await waitForState(page, 'ready');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitForState(page, 'login');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(await text(page, 'notice')).toBe('You are signed out.');
  });

  it('tells a signed-in non-administrator that an administrator is needed', async () => {
    const { page } = await browser.newPage();
    await signInWithToken(page, USER_TOKEN);
    await waitForState(page, 'forbidden');
    expect(await text(page, 'notice')).toBe(
      'You are signed in as alice, but the dashboard needs a Jira administrator: it shows usage across the whole organisation. Sign out and sign in as an administrator, or ask one for access.',
    );
    expect(await page.locator('#content').isHidden()).toBe(true);
    expect(await checkPage(page, 'states-03-forbidden')).toEqual({});
  });

  it('explains failing endpoints in words, panel by panel, and keeps the rest of the page', async () => {
    const now = Date.now();
    api.set(
      '/rest/tokenshift/1/usage/summary',
      emptySummary({
        deprecatedCalls: 12_345,
        tokenCalls: 54_321,
        tokenShare: 54_321 / 66_666,
        deprecatedUsers: 3,
        deprecatedClients: 2,
        refusals: 7,
        policy: {
          mode: 'enforce',
          deprecatedAt: new Date(now - 90 * 86_400_000).toISOString(),
          sunsetAt: new Date(now - 4 * 86_400_000).toISOString(),
          daysToSunset: -4,
          inBrownout: true,
          brownouts: [{ start: new Date(now - 3_600_000).toISOString(), end: new Date(now + 3_600_000).toISOString() }],
        },
        recording: { queued: 10, written: 66_666, dropped: 2, pending: 0 },
        stored: { deprecatedCalls: 99_999, tokenCalls: 77_777, firstHour: '2026-01-01T00:00:00.000Z', lastHour: '2026-11-23T14:00:00.000Z' },
      }),
    );
    api.set('/rest/tokenshift/1/usage/timeseries', { errorMessages: ['The database is not reachable.'], errors: {} }, 503);
    api.set('/rest/tokenshift/1/usage/users', { errorMessages: ['days: must be between 1 and 366'], errors: {} }, 400);
    api.routes.delete('/rest/tokenshift/1/scan-runs/repos');
    const { page } = await browser.newPage();
    await signInWithToken(page, ADMIN_TOKEN);
    await waitForState(page, 'ready');

    expect(await text(page, 'kpi-token-share')).toBe('81%');
    expect(await text(page, 'kpi-deprecated-calls')).toBe('12,345');
    expect(await text(page, 'kpi-token-calls')).toBe('54,321');
    expect(await text(page, 'kpi-sunset')).toBe('Passed');
    expect(await text(page, 'kpi-sunset-note')).toMatch(/^4 days ago, on \d{4}-\d\d-\d\d$/);
    expect(await page.getByTestId('users-table').isHidden()).toBe(true);
    expect(await text(page, 'brownout-banner')).toMatch(/^A brown-out is in progress until \d{4}-\d\d-\d\d \d\d:\d\d UTC: deprecated session calls are refused\.$/);
    expect(await tableRows(page, 'brownouts-table')).toEqual([[expect.any(String), expect.any(String), '2 h', 'In progress']]);
    expect(await text(page, 'recording')).toBe(
      "This server process since it started: 66,666 usage events written, 0 waiting to be written. 2 events were dropped (the recorder's queue was full), so counts are a little low.",
    );
    expect(await text(page, 'stored')).toBe(
      'Stored in the database (all servers): 99,999 deprecated and 77,777 API token calls, from 2026-01-01 00:00 UTC to 2026-11-23 14:00 UTC (hours).',
    );
    expect(await text(page, 'timeline-message')).toBe(
      'Could not load calls over time: the server failed (HTTP 503: The database is not reachable.). Try Refresh; if it persists, see the server log.',
    );
    expect(await text(page, 'users-message')).toBe('Could not load the users still on the session login: days: must be between 1 and 366 (HTTP 400).');
    expect(await text(page, 'scans-message')).toBe(
      'Could not load scanner results: this server does not offer it (HTTP 404). Is the server older than the dashboard?',
    );
    expect(await page.locator('#timeline').getAttribute('data-state')).toBe('error');
    expect(await checkPage(page, 'states-04-errors')).toEqual({});
  });
  it('draws stacked endpoints per day, fills days without traffic, and formats big numbers', async () => {
    const now = Date.now();
    const dayStart = (n: number) => new Date(Math.floor(now / 86_400_000) * 86_400_000 - n * 86_400_000).toISOString();
    api.set('/rest/tokenshift/1/usage/summary', emptySummary({
        deprecatedCalls: 1_530,
        tokenCalls: 8_470,
        tokenShare: 0.847,
        deprecatedUsers: 2,
        deprecatedClients: 1,
        stored: { deprecatedCalls: 1_530, tokenCalls: 8_470, firstHour: dayStart(20), lastHour: dayStart(0) },
      }));
    api.set('/rest/tokenshift/1/usage/timeseries', {
      granularity: 'day',
      buckets: [
        { bucket: dayStart(20), deprecated: { 'GET /rest/api/2/search': 900, 'POST /rest/auth/1/session': 100 }, token: 1_000 },
        { bucket: dayStart(3), deprecated: { 'GET /rest/api/2/search': 500 }, token: 3_470 },
        { bucket: dayStart(0), deprecated: { 'POST /rest/auth/1/session': 30 }, token: 4_000 },
      ],
    });
    api.set('/rest/tokenshift/1/usage/users', [
      { user: 'bob', displayName: 'Bob Builder', email: 'bob@example.com', deprecatedCalls: 1_500, lastSeen: new Date(now - 3 * 3_600_000).toISOString(), clients: 1 },
      { user: 'carol', displayName: null, email: null, deprecatedCalls: 30, lastSeen: new Date(now - 2 * 86_400_000).toISOString(), clients: 1 },
    ]);
    const { page } = await browser.newPage();
    await signInWithToken(page, ADMIN_TOKEN);
    await waitForState(page, 'ready');
    expect(await text(page, 'kpi-token-share')).toBe('85%');
    expect(await text(page, 'kpi-token-share-note')).toBe('8,470 of 10,000 calls');
    const timeline = await page.evaluate(() => {
      const c = (window as ChartWindow).tokenshiftCharts?.['timeline'];
      // The timeline's datasets hold one count per day.
      return c && { labels: c.data.labels?.length, sets: c.data.datasets.map((d) => [d.label, (d.data as number[]).reduce((a, b) => a + b, 0), (d.data as number[]).filter((v) => v > 0).length]) };
    });
    expect(timeline).toEqual({
      labels: 30,
      sets: [
        ['Deprecated: GET /rest/api/2/search', 1_400, 2],
        ['Deprecated: POST /rest/auth/1/session', 130, 2],
        ['API token calls', 8_470, 3],
      ],
    });
    expect(await tableRows(page, 'users-table')).toEqual([
      ['bob', 'Bob Builder', 'bob@example.com', '1,500', '1', '3 hours ago'],
      ['carol', '—', '—', '30', '1', '2 days ago'],
    ]);
    expect(await checkPage(page, 'states-05-populated')).toEqual({});
  });
});
