import { PGlite } from '@electric-sql/pglite';
import { createPostgresTestDatabase, TestDatabase } from '@tokenshift/db/testing';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runServerToExit, startServer } from '@tokenshift/testing';

describe('server start-up on the embedded default database', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'tokenshift-e2e-')), 'pglite');

  it('serves health and serverInfo with demo data, and keeps its data across a restart', async () => {
    const first = await startServer({ DATABASE_URL: `pglite:${dataDir}`, DEMO_DATA: 'true' });
    try {
      const health = await fetch(`${first.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', database: { status: 'up', kind: 'pglite' } });

      const info = await fetch(`${first.url}/rest/api/2/serverInfo`);
      expect(info.status).toBe(200);
      expect(await info.json()).toMatchObject({ baseUrl: first.url, deploymentType: 'Server', versionNumbers: [9, 12, 0] });
      expect((await fetch(`${first.url}/rest/api/latest/serverInfo`)).status).toBe(200);
      expect(first.demoToken()).toMatch(/^tsk_/);
    } finally {
      // On SIGTERM the app is closed (database, lock) and the process exits 0.
      expect(await first.stop()).toBe(0);
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);

    const second = await startServer({ DATABASE_URL: `pglite:${dataDir}`, DEMO_DATA: 'true' });
    const secondToken = second.demoToken();
    expect(await second.stop()).toBe(0);

    const db = new PGlite(dataDir);
    try {
      const users = await db.query<{ name: string }>('SELECT name FROM "User" ORDER BY name');
      expect(users.rows.map((u) => u.name)).toEqual(['alice', 'demo', 'unverified']);
      const tokens = await db.query<{ live: number; revoked: number }>(
        'SELECT count(*) FILTER (WHERE "revokedAt" IS NULL)::int AS live, count(*) FILTER (WHERE "revokedAt" IS NOT NULL)::int AS revoked FROM "ApiToken"',
      );
      expect(tokens.rows[0]).toEqual({ live: 1, revoked: 1 });
      const migrations = await db.query('SELECT 1 FROM "_prisma_migrations"');
      expect(migrations.rows.length).toBeGreaterThan(0);
      const issues = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM "Issue"');
      expect(issues.rows[0]!.n).toBe(8); // the demo project's issues, two of them Closed bugs
    } finally {
      await db.close();
    }
    expect(secondToken).not.toEqual(first.demoToken());
  });

  it('answers malformed JSON and unknown routes in Jira’s error envelope', async () => {
    const server = await startServer({ DATABASE_URL: 'pglite:memory' });
    try {
      const bad = await fetch(`${server.url}/rest/api/2/serverInfo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"broken"',
      });
      expect(bad.status).toBeGreaterThanOrEqual(400);
      expect(bad.status).toBeLessThan(500);
      expect(await bad.json()).toEqual({ errorMessages: [expect.any(String)], errors: {} });

      const missing = await fetch(`${server.url}/rest/api/2/nothing-here`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ errorMessages: [expect.any(String)], errors: {} });
    } finally {
      await server.stop();
    }
  });
});

describe('server start-up on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createPostgresTestDatabase('e2e_startup');
  });
  afterAll(() => database.drop());

  it('applies migrations and serves, with no demo data unless asked', async () => {
    const server = await startServer({ DATABASE_URL: database.url });
    try {
      const health = await fetch(`${server.url}/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', database: { status: 'up', kind: 'postgres' } });
      expect(server.demoToken()).toBeUndefined();
    } finally {
      await server.stop();
    }
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const tables = await client.query(`SELECT 1 FROM information_schema.tables WHERE table_name IN ('User', 'Session', 'ApiToken')`);
      expect(tables.rowCount).toBe(3);
      expect((await client.query('SELECT 1 FROM "User"')).rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });
});

describe('server start-up failures', () => {
  it('exits 1 with every invalid variable named', async () => {
    const { code, output } = await runServerToExit({ PORT: 'http', LOG_FORMAT: 'xml' });
    expect(code).toBe(1);
    expect(output).toContain('Invalid configuration');
    expect(output).toMatch(/PORT/);
    expect(output).toMatch(/LOG_FORMAT/);
  });

  it('exits 1 when PostgreSQL is unreachable, without printing the password', async () => {
    const { code, output } = await runServerToExit({ DATABASE_URL: 'postgresql://app:s3cret-pw@127.0.0.1:1/none' });
    expect(code).toBe(1);
    expect(output).toMatch(/ECONNREFUSED/);
    expect(output).not.toContain('s3cret-pw');
  });
});
