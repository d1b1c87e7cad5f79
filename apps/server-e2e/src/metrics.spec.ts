import { createPostgresTestDatabase, TestDatabase } from '@tokenshift/db/testing';
import { type ErrorBody, json, login, rawHttpRequest, RunningServer, sessionCookie, startServer, WORKSPACE_ROOT } from '@tokenshift/testing';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

const METRICS_TOKEN = `metrics-${randomBytes(16).toString('hex')}`;

/** Metric names in an exposition (`# TYPE <name> <type>` lines). */
function exportedMetrics(exposition: string): Set<string> {
  return new Set([...exposition.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]!));
}

function sample(exposition: string, name: string, labels = ''): number | undefined {
  const line = exposition
    .split('\n')
    .find((l) => (labels ? l.startsWith(`${name}{`) : l.startsWith(`${name} `)) && labels.split(',').every((label) => l.includes(label)));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

/** The series (name and labels, without the value) of the given metrics. */
function seriesOf(exposition: string, names: string[]): Set<string> {
  const lines = exposition.split('\n').filter((line) => names.some((name) => line.startsWith(`${name}{`) || line.startsWith(`${name}_`)));
  return new Set(lines.map((line) => line.slice(0, line.lastIndexOf(' '))));
}

async function scrape(server: RunningServer, token?: string): Promise<string> {
  const response = await fetch(`${server.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(response.status).toBe(200);
  return response.text();
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function reportScan(server: RunningServer, repo: string, findingCount: number): Promise<Response> {
  return fetch(`${server.url}/rest/tokenshift/1/scan-runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.demoToken()}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      repo,
      scannedAt: new Date().toISOString(),
      filesScanned: 1,
      findings: Array.from({ length: findingCount }, (_, i) => ({ ruleId: 'session-resource-call', severity: 'high', file: `f${i}.py`, line: 1, column: 1, message: 'm' })),
    }),
  });
}

/** Paths and methods a caller chooses freely; Node's parser refuses methods it does not know (400 before any route). */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND', 'MKCOL', 'SEARCH', 'PURGE', 'REPORT', 'LOCK', 'BREW', 'X-CUSTOM'];
function randomPath(): string {
  const id = randomUUID();
  const shapes = [`/${id}`, `/rest/api/2/${id}`, `/rest/api/2/issue/${id}/nothing`, `/metrics/${id}`, `/dashboard-${id}?q=${id}`, `/${id}/%2e%2e/${randomInt(1e9)}`];
  return shapes[randomInt(shapes.length)]!;
}

describe('Prometheus metrics and the Grafana dashboard', () => {
  let database: TestDatabase;
  let server: RunningServer;
  beforeAll(async () => {
    database = await createPostgresTestDatabase('e2e_metrics');
    server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true', USAGE_FLUSH_INTERVAL_MS: '50' });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('counts requests by auth mode, deprecated uses, login failures and lock-outs', async () => {
    const token = server.demoToken()!;
    const cookie = await sessionCookie(server.url, 'demo');
    for (let i = 0; i < 3; i++) await fetch(`${server.url}/rest/api/2/myself`, { headers: { cookie } });
    for (let i = 0; i < 2; i++) await fetch(`${server.url}/rest/api/2/myself`, { headers: { authorization: `Bearer ${token}` } });
    for (let i = 0; i < 4; i++) await login(server.url, 'alice', 'wrong');
    await new Promise((r) => setTimeout(r, 300));
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(sample(text, 'tokenshift_http_requests_total', 'auth_mode="session",method="GET",route="/rest/api/2/myself",status="200"')).toBe(3);
    expect(sample(text, 'tokenshift_http_requests_total', 'auth_mode="bearer-token",method="GET",route="/rest/api/2/myself"')).toBe(2);
    expect(sample(text, 'tokenshift_http_request_duration_seconds_count', 'method="GET",route="/rest/api/2/myself",status="200"')).toBe(5);
    expect(sample(text, 'tokenshift_http_request_duration_seconds_bucket', 'le="+Inf",method="GET",route="/rest/api/2/myself",status="200"')).toBe(5);
    expect(sample(text, 'tokenshift_deprecated_uses_total', 'kind="cookie-request"')).toBe(3);
    expect(sample(text, 'tokenshift_deprecated_uses_total', 'kind="session-login"')).toBe(5);
    expect(sample(text, 'tokenshift_login_failures_total', 'outcome="failed"')).toBe(3);
    expect(sample(text, 'tokenshift_login_failures_total', 'outcome="denied"')).toBe(1);
    expect(text).toMatch(/^tokenshift_lockouts_total 1$/m);
    expect(sample(text, 'tokenshift_usage_events_dropped_total')).toBe(0);
    expect(text).toMatch(/^tokenshift_process_resident_memory_bytes \d+/m);
  });

  it('keeps the same request series after 1,000 requests to random paths with random methods', async () => {
    const metrics = ['tokenshift_http_requests_total', 'tokenshift_http_request_duration_seconds'];
    // Every method once, so each bounded value (and `unmatched`) already has its series.
    for (const method of METHODS) await rawHttpRequest(server.url, { method, path: randomPath() });
    const before = await scrape(server);
    const paths: string[] = [];
    const workers = Array.from({ length: 8 }, async () => {
      while (paths.length < 1000) {
        const path = randomPath();
        paths.push(path);
        const response = await rawHttpRequest(server.url, { method: METHODS[randomInt(METHODS.length)]!, path });
        expect([400, 404]).toContain(response.status);
      }
    });
    await Promise.all(workers);
    const after = await scrape(server);
    expect(seriesOf(after, metrics)).toEqual(seriesOf(before, metrics));
    expect(seriesOf(after, metrics).size).toBeGreaterThan(0);
    expect(after.length).toBeLessThan(before.length + 2_000);
    const askedFor = paths.map((path) => /[0-9a-f]{8}-[0-9a-f-]{27}/.exec(path)![0]);
    expect(askedFor.filter((id) => after.includes(id))).toEqual([]);
    expect(sample(after, 'tokenshift_http_requests_total', 'route="unmatched"')).toBeGreaterThan(0);
    expect(after).toMatch(/method="other"/);
  });

  it('exposes the usage recorder as _total counters that move as requests are recorded', async () => {
    const read = async () => {
      const text = await scrape(server);
      return { queued: sample(text, 'tokenshift_usage_events_queued_total')!, written: sample(text, 'tokenshift_usage_events_written_total')! };
    };
    const before = await until('usage drained', read, (c) => c.queued === c.written);
    const cookie = await sessionCookie(server.url, 'demo');
    for (let i = 0; i < 3; i++) await fetch(`${server.url}/rest/api/2/myself`, { headers: { cookie } });
    // The login and three cookie requests; nothing else is recorded meanwhile (scrapes are anonymous).
    const after = await until('usage written', read, (c) => c.written >= before.written + 4);
    expect(after).toEqual({ queued: before.queued + 4, written: before.written + 4 });
    const text = await scrape(server);
    expect(text).toMatch(/^# TYPE tokenshift_usage_events_queued_total counter$/m);
    expect(text).toMatch(/^# TYPE tokenshift_usage_failed_flushes_total counter$/m);
    expect(sample(text, 'tokenshift_usage_failed_flushes_total')).toBe(0);
    expect(sample(text, 'tokenshift_usage_events_pending')).toBe(0);
  });

  it('shows scanner totals without a token, never a repository name', async () => {
    const repo = `acme/secret-${randomUUID()}`;
    expect((await reportScan(server, repo, 3)).status).toBe(201);
    const text = await scrape(server);
    expect(text).not.toContain(repo);
    expect(text).not.toMatch(/\brepo="/);
    expect(sample(text, 'tokenshift_scan_repos')).toBe(1);
    expect(sample(text, 'tokenshift_scan_findings_all_repos')).toBe(3);
  });
});

describe('/metrics behind METRICS_TOKEN', () => {
  const REFRESH_SECONDS = 4;
  let database: TestDatabase;
  let server: RunningServer;
  beforeAll(async () => {
    database = await createPostgresTestDatabase('e2e_metrics_token');
    server = await startServer({
      DATABASE_URL: database.url,
      DEMO_DATA: 'true',
      METRICS_TOKEN,
      METRICS_SCAN_REFRESH_SECONDS: String(REFRESH_SECONDS),
      // No timed flush during the test: what is recorded stays pending.
      USAGE_FLUSH_INTERVAL_MS: '600000',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong token of the same length', `Bearer ${METRICS_TOKEN.slice(0, -1)}${METRICS_TOKEN.endsWith('0') ? '1' : '0'}`],
    ['a shorter token', `Bearer ${METRICS_TOKEN.slice(0, 10)}`],
    ['the token as Basic credentials', `Basic ${Buffer.from(`metrics:${METRICS_TOKEN}`).toString('base64')}`],
    ['a user API token', 'demo token'],
  ])('answers 401 in Jira’s envelope to %s', async (_case, authorization) => {
    const value = authorization === 'demo token' ? `Bearer ${server.demoToken()}` : authorization;
    const response = await fetch(`${server.url}/metrics`, { headers: value ? { authorization: value } : {} });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="tokenshift-metrics"');
    const body = await json<ErrorBody>(response);
    expect(body).toEqual({ errorMessages: [expect.stringContaining('metrics token')], errors: {} });
    expect(JSON.stringify(body)).not.toContain(METRICS_TOKEN);
  });

  it('answers 200 with the token (scheme in any case) and shows findings per repository', async () => {
    const repo = `acme/api-${randomUUID()}`;
    expect(sample(await scrape(server, METRICS_TOKEN), 'tokenshift_scan_repos')).toBe(0);
    expect((await reportScan(server, repo, 2)).status).toBe(201);
    const lower = await fetch(`${server.url}/metrics`, { headers: { authorization: `bearer ${METRICS_TOKEN}` } });
    expect(lower.status).toBe(200);
    const text = await lower.text();
    // A run reported to this instance shows at the next scrape, without waiting for the refresh.
    expect(sample(text, 'tokenshift_scan_findings', `repo="${repo}"`)).toBe(2);
    expect(sample(text, 'tokenshift_scan_findings_all_repos')).toBe(2);
    expect(server.output()).not.toContain(METRICS_TOKEN);
  });

  it('reads a run another instance stored only once the refresh period is over', async () => {
    // A run reported here empties the cache, so the first scrape below reads the database afresh.
    expect((await reportScan(server, `acme/here-${randomUUID()}`, 1)).status).toBe(201);
    const firstScrapeAt = Date.now();
    const before = sample(await scrape(server, METRICS_TOKEN), 'tokenshift_scan_repos')!;
    const repo = `acme/elsewhere-${randomUUID()}`;
    const db = new Client({ connectionString: database.url });
    await db.connect();
    try {
      await db.query(`INSERT INTO "ScanRun"(id, repo, "scannedAt", "findingCount") VALUES ($1, $2, now(), 9)`, [randomUUID(), repo]);
    } finally {
      await db.end();
    }
    const cachedAt = Date.now();
    const cached = await scrape(server, METRICS_TOKEN);
    // Precondition for the next line: this scrape came within the refresh period of the first one.
    expect(cachedAt - firstScrapeAt).toBeLessThan(REFRESH_SECONDS * 1000);
    expect({ repos: sample(cached, 'tokenshift_scan_repos'), repo: cached.includes(repo) }).toEqual({ repos: before, repo: false });
    let seenAt = 0;
    await until(
      'run from another instance',
      async () => {
        seenAt = Date.now();
        return sample(await scrape(server, METRICS_TOKEN), 'tokenshift_scan_findings', `repo="${repo}"`);
      },
      (findings) => findings === 9,
    );
    expect(seenAt - firstScrapeAt).toBeGreaterThanOrEqual(REFRESH_SECONDS * 1000 - 50);
    expect(seenAt - firstScrapeAt).toBeLessThan(REFRESH_SECONDS * 1000 + 10_000);
  });

  it('counts recorded usage as queued and pending until it is written', async () => {
    const read = async () => {
      const text = await scrape(server, METRICS_TOKEN);
      return { queued: sample(text, 'tokenshift_usage_events_queued_total')!, pending: sample(text, 'tokenshift_usage_events_pending')! };
    };
    const before = await read();
    const cookie = await sessionCookie(server.url, 'demo');
    for (let i = 0; i < 2; i++) await fetch(`${server.url}/rest/api/2/myself`, { headers: { cookie } });
    // Recording happens after each response is sent: wait for the third event, then compare exactly.
    const after = await until('usage queued', read, (c) => c.queued >= before.queued + 3);
    expect(after).toEqual({ queued: before.queued + 3, pending: before.pending + 3 });
  });

  it('ships a Grafana dashboard whose every query names an exported metric', async () => {
    const dashboard = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'docs/grafana/tokenshift-dashboard.json'), 'utf8'));
    const exported = exportedMetrics(await scrape(server, METRICS_TOKEN));
    type Panel = { title: string; targets: Array<{ expr: string; legendFormat?: string }>; fieldConfig?: { defaults?: { unit?: string } } };
    const panels: Panel[] = dashboard.panels;
    const queries = panels.flatMap((panel) => panel.targets.map((t) => t.expr));
    expect(queries.length).toBeGreaterThanOrEqual(10);
    for (const query of queries) {
      const names = [...query.matchAll(/\btokenshift_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, ''));
      expect({ query, names: names.length > 0 }).toEqual({ query, names: true });
      for (const name of names) expect({ query, name, exported: exported.has(name) }).toEqual({ query, name, exported: true });
    }
    for (const panel of panels) {
      expect({ panel: panel.title, unit: typeof panel.fieldConfig?.defaults?.unit }).toEqual({ panel: panel.title, unit: 'string' });
      for (const target of panel.targets) expect({ panel: panel.title, legendFormat: typeof target.legendFormat }).toEqual({ panel: panel.title, legendFormat: 'string' });
    }
  });
});
