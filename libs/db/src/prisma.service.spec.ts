import { Test } from '@nestjs/testing';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ProxyAnswer, TcpProxy } from '@tokenshift/testing';
import { isDatabaseUnavailable } from './database-errors';
import { DbModule } from './db.module';
import { DatabaseOptions } from './database-options';
import { PrismaService } from './prisma.service';
import { createTestDatabase, TEST_DATABASE_KINDS, TEST_POSTGRES_URL, TestDatabase } from './testing';

async function start(options: DatabaseOptions) {
  const moduleRef = await Test.createTestingModule({ imports: [DbModule.forRoot(options)] }).compile();
  await moduleRef.init();
  return { moduleRef, prisma: moduleRef.get(PrismaService) };
}

describe.each(TEST_DATABASE_KINDS)('PrismaService on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind, 'prisma_service');
  });
  afterAll(() => database.drop());

  it('migrates on start, writes and reads through the generated client', async () => {
    const { moduleRef, prisma } = await start({ url: database.url });
    try {
      const created = await prisma.user.create({
        data: { name: 'ada', email: 'ada@example.com', displayName: 'Ada Lovelace' },
      });
      const found = await prisma.user.findUniqueOrThrow({ where: { email: 'ada@example.com' } });
      expect(found).toMatchObject({ id: created.id, name: 'ada', active: true, emailVerified: false, loginCount: 0 });
      expect(await prisma.health()).toMatchObject({ status: 'up', kind });
    } finally {
      await moduleRef.close();
    }
  });
});

describe.each(TEST_DATABASE_KINDS)('PrismaService.bulkTransaction on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind, 'bulk_transaction');
  });
  afterAll(() => database.drop());

  const ids = Array.from({ length: 3 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);

  it('commits all of a transaction or none of it, even when two overlap', async () => {
    const { moduleRef, prisma } = await start({ url: database.url });
    try {
      const failing = prisma.bulkTransaction(async (tx) => {
        await tx.copy('UsageBatchWrite', ['id', 'writtenAt'], `${ids[0]}\t2026-11-23T10:00:00Z\n`);
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('fails after its COPY');
      });
      const succeeding = prisma.bulkTransaction(async (tx) => {
        await tx.copy('UsageBatchWrite', ['id', 'writtenAt'], `${ids[1]}\t2026-11-23T10:00:00Z\n`);
        const rows = await tx.query<{ id: string }>(`INSERT INTO "UsageBatchWrite" ("id") VALUES ($1) RETURNING "id"`, [ids[2]]);
        expect(rows).toEqual([{ id: ids[2] }]);
      });
      await expect(failing).rejects.toThrow('fails after its COPY');
      await succeeding;
      const stored = await prisma.usageBatchWrite.findMany({ orderBy: { id: 'asc' }, select: { id: true } });
      expect(stored.map((row) => row.id)).toEqual([ids[1], ids[2]]);
    } finally {
      await moduleRef.close();
    }
  });
});

describe('PrismaService on an embedded data folder', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'tokenshift-db-')), 'pglite');

  it('keeps data across a restart and releases its lock on close', async () => {
    const first = await start({ url: `pglite:${dataDir}` });
    await first.prisma.project.create({ data: { key: 'DEMO', name: 'Demo' } });
    await first.moduleRef.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);

    const second = await start({ url: `pglite:${dataDir}` });
    try {
      expect(await second.prisma.project.findMany({ select: { key: true } })).toEqual([{ key: 'DEMO' }]);
      expect(await second.prisma.migrate()).toEqual([]);
    } finally {
      await second.moduleRef.close();
    }
  });

  it('refuses a second open of the same folder while the first is running', async () => {
    const first = await start({ url: `pglite:${dataDir}` });
    try {
      await expect(start({ url: `pglite:${dataDir}` })).rejects.toThrow(`The embedded database ${dataDir} is in use by process ${process.pid}`);
    } finally {
      await first.moduleRef.close();
    }
  });
});

describe('PrismaService when PostgreSQL is unreachable', () => {
  it('fails start-up loudly instead of serving without a database', async () => {
    await expect(start({ url: 'postgresql://postgres@127.0.0.1:1/nowhere' })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('gives up on a connection that is accepted but never set up, instead of waiting for ever', async () => {
    // Accepts and says nothing, like a server stuck in a restart or a backend killed during its start-up.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      // Not started: the request pool alone, as a request would use it.
      const moduleRef = await Test.createTestingModule({ imports: [DbModule.forRoot({ url: `postgresql://postgres@127.0.0.1:${port}/silent`, migrate: false })] }).compile();
      const started = performance.now();
      const failure = await moduleRef.get(PrismaService).$queryRaw`SELECT 1`.catch((error: unknown) => error);
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(isDatabaseUnavailable(failure)).toBe(true);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  }, 30_000);
});

/** PostgreSQL's ErrorResponse for a backend terminated by pg_terminate_backend (a restart does the same). */
function terminatedByAdministrator(): Buffer {
  const fields = [['S', 'FATAL'], ['V', 'FATAL'], ['C', '57P01'], ['M', 'terminating connection due to administrator command']];
  const body = Buffer.concat([...fields.map(([code, text]) => Buffer.from(`${code}${text}\0`)), Buffer.from([0])]);
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/**
 * Ends a connection's start-up (ReadyForQuery) with its backend's termination in the same packet, then
 * closes it: what a client sees when its backend is terminated the moment it is ready, as in a restart
 * under load.
 */
const terminatedWhenReady: ProxyAnswer = (upstream, client) => {
  let pending = Buffer.alloc(0);
  upstream.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    // Server messages: a type byte and a length that counts itself.
    for (let at = 0; at + 5 <= pending.length; at += 1 + pending.readInt32BE(at + 1)) {
      if (pending[at] !== 0x5a) continue; // 'Z': ReadyForQuery, the start-up is over
      upstream.pause();
      client.end(Buffer.concat([pending.subarray(0, at + 1 + pending.readInt32BE(at + 1)), terminatedByAdministrator()]));
      return;
    }
  });
};

describe('PrismaService when PostgreSQL terminates a connection as it becomes ready', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres', 'terminated_at_start');
  });
  afterAll(() => database.drop());

  it('fails that transaction as "unavailable" without an uncaught error, and serves the next one', async () => {
    let poisoned = true;
    const target = new URL(TEST_POSTGRES_URL);
    const proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432), (upstream, client) =>
      poisoned ? terminatedWhenReady(upstream, client) : upstream.pipe(client),
    );
    const url = `postgresql://${target.username}@127.0.0.1:${proxy.port}${new URL(database.url).pathname}`;
    // Not started: the request pool alone, empty, so the transaction opens a new connection.
    const moduleRef = await Test.createTestingModule({ imports: [DbModule.forRoot({ url, migrate: false })] }).compile();
    const prisma = moduleRef.get(PrismaService);
    try {
      // A transaction takes its connection with pool.connect(): no listener of pg-pool's or Prisma's yet.
      const failure = await prisma.$transaction(async (tx) => tx.$queryRaw`SELECT 1`).catch((error: unknown) => error);
      expect(isDatabaseUnavailable(failure)).toBe(true);
      poisoned = false;
      expect(await prisma.$transaction(async (tx) => tx.$queryRaw`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
    } finally {
      await moduleRef.close();
      await proxy.close();
    }
  });
});

describe('PrismaService statement timeout on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres', 'statement_timeout');
  });
  afterAll(() => database.drop());

  it('has its pooled connections cancel a statement that runs longer than statementTimeoutMs (SQLSTATE 57014)', async () => {
    const { moduleRef, prisma } = await start({ url: database.url, statementTimeoutMs: 200, poolSize: 3 });
    try {
      const settings = await Promise.all(Array.from({ length: 3 }, () => prisma.$queryRaw<Array<{ statement_timeout: string }>>`SHOW statement_timeout`));
      expect(settings.flat()).toEqual(Array(3).fill({ statement_timeout: '200ms' }));
      const started = performance.now();
      await expect(prisma.$queryRaw`SELECT pg_sleep(30)`).rejects.toMatchObject({ meta: { driverAdapterError: { cause: { kind: 'postgres', code: '57014' } } } });
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(await prisma.health()).toMatchObject({ status: 'up' });
    } finally {
      await moduleRef.close();
    }
  });

  it('sets no timeout unless asked', async () => {
    const { moduleRef, prisma } = await start({ url: database.url });
    try {
      expect(await prisma.$queryRaw`SHOW statement_timeout`).toEqual([{ statement_timeout: '0' }]);
    } finally {
      await moduleRef.close();
    }
  });
});
