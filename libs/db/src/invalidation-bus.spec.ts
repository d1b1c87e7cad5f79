import { Test } from '@nestjs/testing';
import { spawnSync } from 'node:child_process';
import { DbModule } from './db.module';
import { DatabaseOptions } from './database-options';
import { INVALIDATION_CHANNEL, InvalidationBus, LISTENER_APPLICATION_NAME } from './invalidation-bus';
import { PrismaService } from './prisma.service';
import { RowCache, RowCacheFactory } from './row-cache';
import { createPostgresTestDatabase, createTestDatabase, queryRows, TEST_DATABASE_KINDS, TestDatabase, testUser } from './testing';

interface Row {
  id: string;
  name: string;
}

async function start(options: DatabaseOptions) {
  const moduleRef = await Test.createTestingModule({ imports: [DbModule.forRoot(options)] }).compile();
  await moduleRef.init();
  const prisma = moduleRef.get(PrismaService);
  const bus = moduleRef.get(InvalidationBus);
  const cache: RowCache<Row> = moduleRef.get(RowCacheFactory).create<Row>((row) => [`user:${row.id}`]);
  /** Reads the user's name through the cache, counting database reads. */
  const reads = { count: 0 };
  const nameOf = async (id: string) => {
    const row = await cache.get(id, async () => {
      reads.count++;
      return prisma.user.findUnique({ where: { id }, select: { id: true, name: true } });
    });
    return row?.name;
  };
  const rename = (id: string, name: string) => bus.commit(prisma.user.update({ where: { id }, data: { name } }), [`user:${id}`]);
  return { moduleRef, prisma, bus, cache, nameOf, rename, reads };
}

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 3000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return Date.now() - started;
}

describe.each(TEST_DATABASE_KINDS)('RowCache and InvalidationBus on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind, 'invalidation');
  });
  afterAll(() => database.drop());

  it('serves repeated reads from memory and reloads a row as soon as a change to it commits', async () => {
    const node = await start({ url: database.url });
    try {
      const { id } = await node.prisma.user.create({ data: testUser('grace') });
      expect(node.bus.trusted).toBe(true);
      expect(node.cache.peek(id)).toBeUndefined();
      for (let i = 0; i < 5; i++) expect(await node.nameOf(id)).toBe('grace');
      expect(node.reads.count).toBe(1);
      expect(node.cache.peek(id)?.name).toBe('grace');
      expect(node.cache.peek(id, (row) => row.name !== 'grace')).toBeUndefined();
      await node.rename(id, 'grace.hopper');
      expect(node.cache.peek(id)).toBeUndefined();
      expect(await node.nameOf(id)).toBe('grace.hopper');
      expect(node.reads.count).toBe(2);
    } finally {
      await node.moduleRef.close();
    }
  });

  it('does not cache a row whose load raced an invalidation', async () => {
    const node = await start({ url: database.url });
    try {
      const { id } = await node.prisma.user.create({ data: testUser('ida') });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      // The load reads the old row, then the change commits (and is announced) before the load returns.
      const racing = node.cache.get(id, async () => {
        const row = await node.prisma.user.findUnique({ where: { id }, select: { id: true, name: true } });
        await gate;
        return row;
      });
      await node.rename(id, 'ida.b');
      release();
      expect((await racing)?.name).toBe('ida');
      expect(await node.nameOf(id)).toBe('ida.b');
    } finally {
      await node.moduleRef.close();
    }
  });
});

describe('InvalidationBus across two instances on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createPostgresTestDatabase('invalidation_two');
  });
  afterAll(() => database.drop());

  it('returns from a change only once the other instance has evicted the row', async () => {
    const a = await start({ url: database.url });
    const b = await start({ url: database.url, migrate: false });
    try {
      const { id } = await a.prisma.user.create({ data: testUser('edsger') });
      expect(await b.nameOf(id)).toBe('edsger');
      expect(await b.nameOf(id)).toBe('edsger');
      expect(b.reads.count).toBe(1);
      for (let round = 0; round < 20; round++) {
        const started = performance.now();
        await a.rename(id, `ewd${round}`);
        expect(performance.now() - started).toBeLessThan(1000);
        expect(b.cache.peek(id)).toBeUndefined();
        // No waiting: when the change has returned, b already reads the new row.
        expect(await b.nameOf(id)).toBe(`ewd${round}`);
        expect(await b.nameOf(id)).toBe(`ewd${round}`);
      }
      expect(b.reads.count).toBe(21);
    } finally {
      await Promise.all([a.moduleRef.close(), b.moduleRef.close()]);
    }
  });

  it('never serves a stale row after its own process stalled past the trust window', async () => {
    const node = await start({ url: database.url, migrate: false });
    try {
      const { id } = await node.prisma.user.create({ data: testUser('frances') });
      expect(await node.nameOf(id)).toBe('frances');
      // While this process is frozen (a long GC, a container pause), another writer commits and
      // notifies; notification and the next request then wait in the same I/O phase, in any order.
      const frozen = spawnSync('psql', [
        database.url,
        '-c',
        `BEGIN; UPDATE "User" SET name = 'allen' WHERE id = '${id}'; SELECT pg_notify('${INVALIDATION_CHANNEL}', 'change-1 user:${id}'); COMMIT; SELECT pg_sleep(3);`,
      ]);
      expect(frozen.status).toBe(0);
      expect(node.bus.trusted).toBe(false);
      expect(await node.nameOf(id)).toBe('allen');
      await eventually(() => node.bus.trusted, 5000);
    } finally {
      await node.moduleRef.close();
    }
  });

  it('bypasses the cache while its notification connection is down, and trusts it again once back', async () => {
    const node = await start({ url: database.url, migrate: false });
    try {
      const { id } = await node.prisma.user.create({ data: testUser('barbara') });
      await node.nameOf(id);
      await node.nameOf(id);
      expect(node.reads.count).toBe(1);
      // Kill the listening connection from the server side, as a failover or a proxy timeout would.
      await queryRows(database.url, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [
        LISTENER_APPLICATION_NAME,
      ]);
      await eventually(() => !node.bus.trusted);
      expect(node.cache.peek(id)).toBeUndefined();
      // A change made meanwhile by someone who does not notify (another tool): never served stale.
      await queryRows(database.url, `UPDATE "User" SET name = 'liskov' WHERE id = $1`, [id]);
      expect(await node.nameOf(id)).toBe('liskov');
      expect(node.reads.count).toBe(2);
      await eventually(() => node.bus.trusted, 5000);
      await node.nameOf(id);
      await node.nameOf(id);
      expect(node.reads.count).toBe(3);
    } finally {
      await node.moduleRef.close();
    }
  });
});
