import { createPostgresTestDatabase, TestDatabase } from '@tokenshift/db/testing';
import { cookieFrom, DEMO_PASSWORD, login, RunningServer, startServer, WORKSPACE_ROOT } from '@tokenshift/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Metric names in an exposition (`# TYPE <name> <type>` lines). */
function exportedMetrics(exposition: string): Set<string> {
  return new Set([...exposition.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]!));
}

function sample(exposition: string, name: string, labels: string): number | undefined {
  const line = exposition.split('\n').find((l) => l.startsWith(`${name}{`) && labels.split(',').every((label) => l.includes(label)));
  return line === undefined ? undefined : Number(line.split(' ').pop());
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
    const cookie = cookieFrom((await login(server.url, 'demo', DEMO_PASSWORD)).body);
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
    expect(sample(text, 'tokenshift_deprecated_uses_total', 'kind="cookie-request"')).toBe(3);
    expect(sample(text, 'tokenshift_deprecated_uses_total', 'kind="session-login"')).toBe(5);
    expect(sample(text, 'tokenshift_login_failures_total', 'outcome="failed"')).toBe(3);
    expect(sample(text, 'tokenshift_login_failures_total', 'outcome="denied"')).toBe(1);
    expect(text).toMatch(/^tokenshift_lockouts_total 1$/m);
    expect(sample(text, 'tokenshift_usage_events', 'state="dropped"')).toBe(0);
    expect(text).toMatch(/^tokenshift_process_resident_memory_bytes \d+/m);
  });

  it('ships a Grafana dashboard whose every query names an exported metric', async () => {
    const dashboard = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'docs/grafana/tokenshift-dashboard.json'), 'utf8'));
    const exported = exportedMetrics(await (await fetch(`${server.url}/metrics`)).text());
    const queries: string[] = dashboard.panels.flatMap((panel: { targets: Array<{ expr: string }> }) => panel.targets.map((t) => t.expr));
    expect(queries.length).toBeGreaterThanOrEqual(8);
    for (const query of queries) {
      const names = [...query.matchAll(/\btokenshift_[a-z_]+/g)].map((m) => m[0]);
      expect({ query, names: names.length > 0 }).toEqual({ query, names: true });
      for (const name of names) expect({ query, name, exported: exported.has(name) }).toEqual({ query, name, exported: true });
    }
  });
});
