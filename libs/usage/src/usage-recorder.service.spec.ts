import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { DbModule, Prisma, PrismaService } from '@tokenshift/db';
import { createPostgresTestDatabase, createTestDatabase, TEST_DATABASE_KINDS, TEST_POSTGRES_URL, TestDatabase } from '@tokenshift/db/testing';
import { TcpProxy } from '@tokenshift/testing';
import { UsageBatch } from './usage-batch';
import { UsageEventInput, UsageKind } from './usage-event';
import { UsageQueries } from './usage-queries.service';
import { UsageRecorder } from './usage-recorder.service';
import { writeUsageBatch } from './usage-store';
import { encodeSpoolLine } from './usage-spool';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { USAGE_OPTIONS, UsageOptions } from './usage.options';

const OPTIONS: UsageOptions = { enabled: true, batchSize: 50, flushIntervalMs: 20, maxQueue: 10_000, retentionDays: 90, anonymousAgents: 100, spoolDir: null };

async function start(url: string, options: Partial<UsageOptions> = {}) {
  const moduleRef = await Test.createTestingModule({
    imports: [DbModule.forRoot({ url })],
    providers: [{ provide: USAGE_OPTIONS, useValue: { ...OPTIONS, ...options } }, UsageRecorder, UsageQueries],
  }).compile();
  await moduleRef.init();
  return { moduleRef, recorder: moduleRef.get(UsageRecorder), queries: moduleRef.get(UsageQueries), prisma: moduleRef.get(PrismaService) };
}

function event(kind: UsageKind, user: string, occurredAt = new Date()): UsageEventInput {
  return { occurredAt, kind, authMode: kind === 'token-request' ? 'bearer-token' : 'session', userName: user, method: 'GET', endpoint: '/rest/api/2/myself', status: 200, userAgent: `agent-${user}` };
}

/** Deprecated uses written: a raw row counts the identical uses of its second. */
async function usesRecorded(prisma: PrismaService, where: Prisma.UsageEventWhereInput = {}): Promise<number> {
  const { _sum } = await prisma.usageEvent.aggregate({ where, _sum: { count: true } });
  return _sum.count ?? 0;
}

describe.each(TEST_DATABASE_KINDS)('UsageRecorder on %s', (kind) => {
  let database: TestDatabase;
  /** A database that outlives one process: the embedded one in a folder, else the test database. */
  async function folderDatabase(): Promise<string> {
    return kind === 'pglite' ? `pglite:${join(mkdtempSync(join(tmpdir(), 'usage-pglite-')), 'data')}` : database.url;
  }
  beforeAll(async () => {
    database = await createTestDatabase(kind, 'usage_recorder');
  });
  afterAll(() => database.drop());

  it('writes exactly what was queued, raw events for deprecated uses and roll-ups for all', async () => {
    const { moduleRef, recorder, queries, prisma } = await start(database.url);
    try {
      for (let i = 0; i < 230; i++) recorder.record(event(i % 3 === 0 ? 'token-request' : 'cookie-request', `user${i % 4}`));
      await recorder.flush();
      expect(recorder.snapshot()).toMatchObject({ queued: 230, written: 230, dropped: 0, pending: 0 });
      const deprecated = 230 - Math.ceil(230 / 3);
      expect(await usesRecorded(prisma)).toBe(deprecated);
      // One row per user, second and batch (50 events a batch here): 5 batches × 4 users, unless the loop
      // crossed a second boundary.
      expect(await prisma.usageEvent.count()).toBeGreaterThanOrEqual(20);
      expect(await prisma.usageEvent.count()).toBeLessThanOrEqual(28);
      const summary = await queries.summary(new Date(Date.now() - 86_400_000));
      expect(summary).toMatchObject({ deprecatedCalls: deprecated, tokenCalls: Math.ceil(230 / 3), deprecatedUsers: 4, deprecatedClients: 4 });
      expect(summary.tokenShare).toBeCloseTo(Math.ceil(230 / 3) / 230);
      const users = await queries.users(new Date(Date.now() - 86_400_000));
      expect(users.reduce((sum, u) => sum + u.deprecatedCalls, 0)).toBe(deprecated);
    } finally {
      await moduleRef.close();
    }
  });

  it('stores every field of a raw event as given: UTC time to the millisecond, NULLs, tabs and newlines, unicode', async () => {
    const { moduleRef, recorder, prisma } = await start(database.url);
    try {
      const occurredAt = new Date('2026-11-23T23:59:59.987Z');
      const odd: UsageEventInput = {
        occurredAt,
        kind: 'session-login',
        authMode: 'session',
        userId: null,
        userName: 'zoë\tback\\slash',
        method: 'POST',
        endpoint: '/rest/auth/1/session',
        status: 401,
        userAgent: 'agent\nwith newline \\N',
        ip: '2001:db8::1',
        clientId: null,
      };
      recorder.record(odd);
      await recorder.flush();
      const [row] = await prisma.usageEvent.findMany({ where: { kind: 'session-login', status: 401 } });
      expect(row).toMatchObject({ ...odd, occurredAt, userAgent: odd.userAgent, clientId: null, userId: null });
      const [rollup] = await prisma.usageRollup.findMany({ where: { kind: 'session-login', userKey: odd.userName! } });
      expect(rollup).toMatchObject({ bucket: new Date('2026-11-23T23:00:00Z'), count: 1n, lastSeenAt: occurredAt, clientKey: odd.userAgent });
    } finally {
      await moduleRef.close();
    }
  });

  it('counts a batch once when it is written again (the retry after a commit whose answer was lost)', async () => {
    const { moduleRef, prisma } = await start(database.url);
    try {
      const batch = new UsageBatch();
      for (let i = 0; i < 3; i++) batch.add(event('cookie-request', 'retried'));
      await writeUsageBatch(prisma, batch);
      await writeUsageBatch(prisma, batch);
      expect(await usesRecorded(prisma, { userName: 'retried' })).toBe(3);
      expect(await prisma.usageRollup.findMany({ where: { userKey: 'retried' }, select: { count: true } })).toEqual([{ count: 3n }]);
    } finally {
      await moduleRef.close();
    }
  });

  it('flushes what is queued when the application shuts down', async () => {
    const { moduleRef, recorder, prisma } = await start(database.url, { flushIntervalMs: 60_000, batchSize: 10_000 });
    for (let i = 0; i < 40; i++) recorder.record(event('session-get', 'shutdown'));
    let rowsBeforeClose = -1;
    // The database closes in the last shutdown phase, after the recorder's flush: count just before it.
    const close = prisma.onApplicationShutdown.bind(prisma);
    prisma.onApplicationShutdown = async () => {
      rowsBeforeClose = await usesRecorded(prisma, { userName: 'shutdown' });
      await close();
    };
    await moduleRef.close();
    expect(rowsBeforeClose).toBe(40);
    expect(recorder.snapshot()).toMatchObject({ written: 40, pending: 0 });
  });

  it('writes the deprecated uses a crashed process left in its spool once, skipping a torn last line', async () => {
    const spoolDir = join(mkdtempSync(join(tmpdir(), 'usage-replay-')), 'spool');
    mkdirSync(spoolDir);
    const url = await folderDatabase();
    const events = Array.from({ length: 30 }, () => event('cookie-request', 'crashed'));
    // Written before the crash: its segment was not deleted yet.
    const written = new UsageBatch();
    for (const e of events.slice(0, 10)) written.add(e);
    const setup = await start(url);
    await writeUsageBatch(setup.prisma, written);
    await setup.moduleRef.close();
    writeFileSync(join(spoolDir, `${written.id}.events`), events.slice(0, 10).map(encodeSpoolLine).join(''));
    // Not written: the crash came first, in the middle of a line.
    const lines = events.slice(10).map(encodeSpoolLine).join('');
    writeFileSync(join(spoolDir, `${randomUUID()}.events`), lines + encodeSpoolLine(events[0]!).slice(0, 20));

    const { moduleRef, recorder, prisma } = await start(url, { spoolDir });
    try {
      expect(await usesRecorded(prisma, { userName: 'crashed' })).toBe(30);
      expect(recorder.snapshot()).toMatchObject({ queued: 30, written: 30, pending: 0 });
      expect(readdirSync(spoolDir)).toEqual([]);
    } finally {
      await moduleRef.close();
    }
  });

  it('spools each deprecated use before its promise resolves; replaying that spool after its batch was written counts nothing twice', async () => {
    const url = await folderDatabase();
    const spoolDir = join(mkdtempSync(join(tmpdir(), 'usage-spool-')), 'spool');
    const first = await start(url, { spoolDir, flushIntervalMs: 60_000, batchSize: 10_000 });
    const uses = Array.from({ length: 60 }, (_, i) => event(i % 4 === 0 ? 'token-request' : 'session-get', 'spooled'));
    await Promise.all(uses.map((use) => first.recorder.record(use)));
    // What kill -9 would leave now: a copy. The batch is written (and its segment deleted) after it.
    const copy = `${spoolDir}-copy`;
    cpSync(spoolDir, copy, { recursive: true });
    expect(readdirSync(copy)).toHaveLength(1);
    await first.moduleRef.close();
    expect(readdirSync(spoolDir)).toEqual([]);

    const second = await start(url, { spoolDir: copy });
    try {
      expect(readdirSync(copy)).toEqual([]);
      // Each batch once; the token uses were not spooled (their roll-ups were written with their batch).
      expect(await usesRecorded(second.prisma, { userName: 'spooled' })).toBe(45);
      expect(await second.prisma.usageRollup.aggregate({ where: { userKey: 'spooled' }, _sum: { count: true } })).toEqual({ _sum: { count: 60n } });
    } finally {
      await second.moduleRef.close();
    }
  });

  it('counts what it drops when the queue is full, never silently', async () => {
    const { moduleRef, recorder } = await start(database.url, { maxQueue: 10, batchSize: 1000, flushIntervalMs: 60_000 });
    try {
      for (let i = 0; i < 25; i++) recorder.record(event('cookie-request', 'flood'));
      expect(recorder.snapshot()).toMatchObject({ queued: 25, dropped: 15, pending: 10 });
      await recorder.flush();
      expect(recorder.snapshot()).toMatchObject({ queued: 25, written: 10, dropped: 15, pending: 0 });
    } finally {
      await moduleRef.close();
    }
  });
});

describe('UsageRecorder across a PostgreSQL outage', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  beforeAll(async () => {
    database = await createPostgresTestDatabase('usage_outage');
    const target = new URL(TEST_POSTGRES_URL);
    proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
  });
  afterAll(async () => {
    await proxy.close();
    await database.drop();
  });

  it('keeps events while the database is unreachable and writes every one after it returns', async () => {
    const url = new URL(database.url);
    url.port = String(proxy.port);
    const { moduleRef, recorder, prisma } = await start(url.toString());
    try {
      proxy.cut();
      for (let i = 0; i < 120; i++) recorder.record(event('cookie-request', 'outage'));
      await recorder.flush();
      expect(recorder.snapshot()).toMatchObject({ queued: 120, written: 0, pending: 120 });
      expect(recorder.snapshot().failedFlushes).toBeGreaterThan(0);
      proxy.restore();
      const deadline = Date.now() + 15_000;
      while (recorder.snapshot().pending > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(recorder.snapshot()).toMatchObject({ queued: 120, written: 120, dropped: 0, pending: 0 });
      expect(await usesRecorded(prisma, { userName: 'outage' })).toBe(120);
    } finally {
      await moduleRef.close();
    }
  }, 30_000);

  it('drains through an outage until nothing is pending, and answers what is still pending when its time is up', async () => {
    const url = new URL(database.url);
    url.port = String(proxy.port);
    const { moduleRef, recorder, prisma } = await start(url.toString(), { flushIntervalMs: 60_000 });
    try {
      proxy.cut();
      for (let i = 0; i < 30; i++) recorder.record(event('cookie-request', 'drained'));
      expect(await recorder.drain(300)).toMatchObject({ queued: 30, written: 0, pending: 30 });
      const restored = new Promise((resolve) => setTimeout(resolve, 500)).then(() => proxy.restore());
      expect(await recorder.drain(15_000)).toMatchObject({ queued: 30, written: 30, dropped: 0, pending: 0 });
      await restored;
      expect(await usesRecorded(prisma, { userName: 'drained' })).toBe(30);
    } finally {
      proxy.restore();
      await moduleRef.close();
    }
  }, 30_000);
});
