import { Test } from '@nestjs/testing';
import { DbModule, PrismaService } from '@tokenshift/db';
import { createPostgresTestDatabase, createTestDatabase, TEST_DATABASE_KINDS, TestDatabase } from '@tokenshift/db/testing';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DEPRECATED_KINDS, UsageEventInput, UsageKind } from './usage-event';
import { firstWholeDay, UsageQueries } from './usage-queries.service';
import { UsageRecorder } from './usage-recorder.service';
import { USAGE_OPTIONS, UsageOptions } from './usage.options';

const OPTIONS: UsageOptions = { enabled: true, batchSize: 40, flushIntervalMs: 20, maxQueue: 100_000, retentionDays: 90, anonymousAgents: 100, spoolDir: null };
const HOUR = 3_600_000;
/**
 * Every kind, as the dashboard counts it. The aggregates' trigger (prisma/migrations/*_dashboard_aggregates)
 * classifies kinds in SQL: a new kind fails to compile here until it is listed, and the migration updated.
 */
const KIND_CLASS: Record<UsageKind, 'deprecated' | 'token' | 'neither'> = {
  'session-login': 'deprecated',
  'session-logout': 'deprecated',
  'session-get': 'deprecated',
  'cookie-request': 'deprecated',
  'password-basic': 'deprecated',
  refused: 'deprecated',
  'would-refuse': 'deprecated',
  'token-request': 'token',
  'token-session-get': 'token',
  // Gateway mode: password Basic an upstream still allows; kept in the roll-ups under its own kind, in neither share.
  'password-basic-allowed': 'neither',
};
const KINDS = Object.keys(KIND_CLASS) as UsageKind[];
const TOKEN_KINDS = KINDS.filter((kind) => KIND_CLASS[kind] === 'token');

/**
 * The dashboard's answers as the plain GROUP BYs over the hourly roll-up that the aggregates replace:
 * the queries must give exactly these, whatever the window's edges. Anonymous uses (client key
 * `anonymous`) are counted as calls but are no client.
 */
async function fromRollups(prisma: PrismaService, from: Date) {
  const deprecated = [...DEPRECATED_KINDS];
  const [summary] = await prisma.$queryRawUnsafe<Array<Record<string, bigint>>>(
    `SELECT COALESCE(SUM("count") FILTER (WHERE "kind" = ANY($2)), 0) AS deprecated,
            COALESCE(SUM("count") FILTER (WHERE "kind" = ANY($3)), 0) AS token,
            COALESCE(SUM("count") FILTER (WHERE "kind" = 'refused'), 0) AS refusals,
            COUNT(DISTINCT "userKey") FILTER (WHERE "kind" = ANY($2) AND "userKey" <> '') AS users,
            COUNT(DISTINCT "clientKey") FILTER (WHERE "kind" = ANY($2) AND "clientKey" NOT IN ('', 'anonymous')) AS clients
     FROM "UsageRollup" WHERE "bucket" >= $1`,
    from,
    deprecated,
    TOKEN_KINDS,
  );
  const per = (key: 'userKey' | 'clientKey', other: string) =>
    prisma.$queryRawUnsafe<Array<{ key: string; calls: bigint; lastSeen: Date; others: bigint }>>(
      `SELECT "${key}" AS key, SUM("count") AS calls, MAX("lastSeenAt") AS "lastSeen", COUNT(DISTINCT "${other}") FILTER (WHERE "${other}" <> '') AS others
       FROM "UsageRollup" WHERE "bucket" >= $1 AND "kind" = ANY($2) AND "${key}" NOT IN ('', $3) GROUP BY 1 ORDER BY 1`,
      from,
      deprecated,
      key === 'clientKey' ? 'anonymous' : '',
    );
  const timeseries = async (granularity: 'hour' | 'day') => {
    const rows = await prisma.$queryRawUnsafe<Array<{ bucket: Date; series: string; calls: bigint }>>(
      `SELECT date_trunc('${granularity}', "bucket") AS bucket, CASE WHEN "kind" = ANY($2) THEN '' ELSE "method" || ' ' || "endpoint" END AS series,
              SUM("count") AS calls
       FROM "UsageRollup" WHERE "bucket" >= $1 AND ("kind" = ANY($2) OR "kind" = ANY($3)) GROUP BY 1, 2 ORDER BY 1`,
      from,
      TOKEN_KINDS,
      deprecated,
    );
    const buckets = new Map<number, { bucket: Date; deprecated: Record<string, number>; token: number }>();
    for (const row of rows) {
      const bucket = buckets.get(row.bucket.getTime()) ?? { bucket: row.bucket, deprecated: {}, token: 0 };
      if (row.series) bucket.deprecated[row.series] = Number(row.calls);
      else bucket.token = Number(row.calls);
      buckets.set(row.bucket.getTime(), bucket);
    }
    return [...buckets.values()];
  };
  return {
    summary: {
      deprecatedCalls: Number(summary!['deprecated']),
      tokenCalls: Number(summary!['token']),
      refusals: Number(summary!['refusals']),
      deprecatedUsers: Number(summary!['users']),
      deprecatedClients: Number(summary!['clients']),
    },
    users: (await per('userKey', 'clientKey')).map((r) => ({ user: r.key, deprecatedCalls: Number(r.calls), lastSeen: r.lastSeen, clients: Number(r.others) })),
    clients: (await per('clientKey', 'userKey')).map((r) => ({ client: r.key, deprecatedCalls: Number(r.calls), lastSeen: r.lastSeen, users: Number(r.others) })),
    timeseries: { hour: await timeseries('hour'), day: await timeseries('day') },
  };
}

/** Deterministic traffic over the last four days: users (and anonymous calls), client ids and User-Agents, every kind. */
function traffic(now: number): UsageEventInput[] {
  const events: UsageEventInput[] = [];
  for (let i = 0; i < 900; i++) {
    const kind = KINDS[(i * 7) % KINDS.length]!;
    const user = i % 11 === 0 ? null : `user${(i * 13) % 6}`;
    events.push({
      occurredAt: new Date(now - ((i * 7919) % (96 * 60)) * 60_000 - (i % 1000)),
      kind,
      authMode: kind.startsWith('token-') ? 'bearer-token' : user ? 'session' : 'anonymous',
      userName: user,
      method: i % 4 === 0 ? 'POST' : 'GET',
      endpoint: ['/rest/api/2/search', '/rest/api/2/issue/:idOrKey', '/rest/auth/1/session'][i % 3]!,
      status: kind === 'refused' ? 410 : 200,
      userAgent: i % 17 === 0 ? null : `agent/${i % 5}`,
      clientId: i % 3 === 0 ? `script-${i % 4}` : null,
    });
  }
  return events;
}

describe.each(TEST_DATABASE_KINDS)('UsageQueries on %s', (kind) => {
  let database: TestDatabase;
  let close: () => Promise<void>;
  let prisma: PrismaService;
  let queries: UsageQueries;
  const now = Date.now();

  beforeAll(async () => {
    database = await createTestDatabase(kind, 'usage_queries');
    const moduleRef = await Test.createTestingModule({
      imports: [DbModule.forRoot({ url: database.url })],
      providers: [{ provide: USAGE_OPTIONS, useValue: OPTIONS }, UsageRecorder, UsageQueries],
    }).compile();
    await moduleRef.init();
    close = () => moduleRef.close();
    prisma = moduleRef.get(PrismaService);
    queries = moduleRef.get(UsageQueries);
    const recorder = moduleRef.get(UsageRecorder);
    // Twice, in batches of 40: most roll-up rows are inserted once and then updated (ON CONFLICT).
    for (let round = 0; round < 2; round++) {
      for (const event of traffic(now)) recorder.record(event);
      await recorder.flush();
    }
    expect(recorder.snapshot()).toMatchObject({ written: 1800, dropped: 0, pending: 0 });
  });
  afterAll(async () => {
    await close();
    await database.drop();
  });

  // Windows starting mid-hour, on an hour, on a midnight, and before any traffic.
  const windows: Array<[string, () => Date]> = [
    ['the last 24 hours', () => new Date(now - 24 * HOUR)],
    ['the last 61.5 hours', () => new Date(now - 61.5 * HOUR)],
    ['since a whole hour', () => new Date(Math.floor(now / HOUR) * HOUR - 30 * HOUR)],
    ['since a midnight', () => new Date(firstWholeDay(new Date(now - 72 * HOUR)).getTime() - 86_400_000)],
    ['the last 30 days', () => new Date(now - 30 * 24 * HOUR)],
  ];

  it.each(windows)('answers %s exactly as the roll-ups do', async (_, start) => {
    const from = start();
    const expected = await fromRollups(prisma, from);
    expect(expected.summary.deprecatedCalls).toBeGreaterThan(0);
    expect(await queries.summary(from)).toMatchObject(expected.summary);
    const byUser = (await queries.users(from)).map(({ user, deprecatedCalls, lastSeen, clients }) => ({ user, deprecatedCalls, lastSeen, clients }));
    expect(byUser.sort((a, b) => a.user.localeCompare(b.user))).toEqual(expected.users.sort((a, b) => a.user.localeCompare(b.user)));
    expect((await queries.clients(from)).sort((a, b) => a.client.localeCompare(b.client))).toEqual(expected.clients.sort((a, b) => a.client.localeCompare(b.client)));
    for (const granularity of ['hour', 'day'] as const) expect(await queries.timeseries(granularity, from)).toEqual(expected.timeseries[granularity]);
  });

  it('follows roll-ups that are deleted', async () => {
    const from = new Date(now - 48 * HOUR);
    await prisma.$executeRawUnsafe(`DELETE FROM "UsageRollup" WHERE "userKey" = 'user1' AND "bucket" >= $1`, new Date(now - 12 * HOUR));
    const expected = await fromRollups(prisma, from);
    expect((await queries.summary(from)).deprecatedCalls).toBe(expected.summary.deprecatedCalls);
    expect(await queries.timeseries('hour', from)).toEqual(expected.timeseries.hour);
  });
});

describe('the aggregates migration on a database that already has roll-ups', () => {
  const MIGRATIONS = join(__dirname, '../../../prisma/migrations');
  const AGGREGATES = '20261123150000_dashboard_aggregates';
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createPostgresTestDatabase('usage_backfill');
  });
  afterAll(() => database.drop());

  it('back-fills the aggregates from them', async () => {
    const sqlOf = (name: string) => readFileSync(join(MIGRATIONS, name, 'migration.sql'), 'utf8');
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const moduleRef = await Test.createTestingModule({ imports: [DbModule.forRoot({ url: database.url, migrate: false })], providers: [UsageQueries] }).compile();
    try {
      for (const name of readdirSync(MIGRATIONS).filter((name) => /^\d{14}_/.test(name) && name < AGGREGATES).sort()) await client.query(sqlOf(name));
      // Three days of roll-ups of every kind, from a few users and clients ('' for unknown ones).
      await client.query(
        `INSERT INTO "UsageRollup" ("bucket", "kind", "authMode", "method", "endpoint", "userKey", "clientKey", "count", "lastSeenAt")
         SELECT date_trunc('hour', now() AT TIME ZONE 'utc' - n * interval '37 minutes'), ($1::text[])[1 + n % 9], 'session', 'GET',
                '/rest/api/2/issue/' || (n % 3), CASE WHEN n % 7 = 0 THEN '' ELSE 'user' || (n % 5) END, CASE WHEN n % 11 = 0 THEN '' ELSE 'client' || (n % 4) END,
                1 + n % 13, date_trunc('hour', now() AT TIME ZONE 'utc' - n * interval '37 minutes') + (n % 60) * interval '1 minute'
         FROM generate_series(0, 120) AS n ON CONFLICT DO NOTHING`,
        [KINDS],
      );
      await client.query(sqlOf(AGGREGATES));
      await moduleRef.init();
      const prisma = moduleRef.get(PrismaService);
      const queries = moduleRef.get(UsageQueries);
      for (const hours of [5.5, 30, 80]) {
        const from = new Date(Date.now() - hours * HOUR);
        const expected = await fromRollups(prisma, from);
        expect(expected.summary.deprecatedCalls).toBeGreaterThan(0);
        expect(await queries.summary(from)).toMatchObject(expected.summary);
        expect((await queries.users(from)).map(({ user, deprecatedCalls, lastSeen, clients }) => ({ user, deprecatedCalls, lastSeen, clients })).sort((a, b) => a.user.localeCompare(b.user))).toEqual(
          expected.users.sort((a, b) => a.user.localeCompare(b.user)),
        );
        expect((await queries.clients(from)).sort((a, b) => a.client.localeCompare(b.client))).toEqual(expected.clients.sort((a, b) => a.client.localeCompare(b.client)));
        for (const granularity of ['hour', 'day'] as const) expect(await queries.timeseries(granularity, from)).toEqual(expected.timeseries[granularity]);
      }
    } finally {
      await moduleRef.close();
      await client.end();
    }
  });
});

describe('the kinds the aggregates know', () => {
  it('are the deprecated kinds of usage-event.ts and the token kinds', () => {
    expect([...DEPRECATED_KINDS].sort()).toEqual(KINDS.filter((kind) => KIND_CLASS[kind] === 'deprecated').sort());
  });
});

describe('firstWholeDay', () => {
  it('is the first UTC midnight at or after the time', () => {
    expect(firstWholeDay(new Date('2026-11-23T00:00:00.000Z'))).toEqual(new Date('2026-11-23T00:00:00.000Z'));
    expect(firstWholeDay(new Date('2026-11-23T00:00:00.001Z'))).toEqual(new Date('2026-11-24T00:00:00.000Z'));
    expect(firstWholeDay(new Date('2026-12-31T23:59:59.999Z'))).toEqual(new Date('2027-01-01T00:00:00.000Z'));
  });
});
