import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { isDatabaseUnavailable, isUniqueViolation, sqlStateOf } from './database-errors';
import { DbModule } from './db.module';
import { PrismaService } from './prisma.service';
import { createTestDatabase, TEST_DATABASE_KINDS, TEST_POSTGRES_URL, TestDatabase } from './testing';

async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe.each(TEST_DATABASE_KINDS)('database errors from %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind, 'database_errors');
  });
  afterAll(() => database.drop());

  it('recognises a unique violation however the adapter reports it', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [DbModule.forRoot({ url: database.url })] }).compile();
    await moduleRef.init();
    try {
      const prisma = moduleRef.get(PrismaService);
      const ada = { name: 'ada', email: 'ada@example.com', displayName: 'Ada' };
      await prisma.user.create({ data: ada });
      const error = await caught(() => prisma.user.create({ data: { ...ada, email: 'other@example.com' } }));
      expect(isUniqueViolation(error)).toBe(true);
      expect(isDatabaseUnavailable(error)).toBe(false);
    } finally {
      await moduleRef.close();
    }
  });
});

describe('database errors from a PostgreSQL connection that is terminated', () => {
  it("reads the SQLSTATE from pg's own error", async () => {
    const client = new Client({ connectionString: TEST_POSTGRES_URL });
    await client.connect();
    client.on('error', () => undefined);
    const error = await caught(() => client.query('SELECT pg_terminate_backend(pg_backend_pid())'));
    expect(sqlStateOf(error)).toBe('57P01');
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isUniqueViolation(error)).toBe(false);
    await client.end().catch(() => undefined);
  });

  // The shape Prisma's pg adapter gives a query on a terminated backend (seen with 57P01); a server that is
  // starting up or crashed answers the same shape with another SQLSTATE.
  it.each(['57P01', '57P02', '57P03'])('treats %s from the driver adapter as unavailable, not as a server error', (code) => {
    const cause = { originalCode: code, kind: 'postgres', code, severity: 'FATAL', message: 'the database system is shutting down' };
    const viaPrisma = Object.assign(new Error('Raw query failed.'), { name: 'PrismaClientKnownRequestError', code: 'P2010', meta: { driverAdapterError: { name: 'DriverAdapterError', cause } } });
    const bare = Object.assign(new Error(cause.message), { name: 'DriverAdapterError', cause });
    for (const error of [viaPrisma, bare]) {
      expect(sqlStateOf(error)).toBe(code);
      expect(isDatabaseUnavailable(error)).toBe(true);
    }
  });

  it('takes no Prisma code for a SQLSTATE', () => {
    expect(sqlStateOf(Object.assign(new Error('x'), { name: 'PrismaClientKnownRequestError', code: 'P2025' }))).toBeUndefined();
  });
});
