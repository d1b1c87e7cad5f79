import { PrismaService } from '@tokenshift/db';
import { createPostgresTestDatabase, queryRows, TestDatabase, testUser } from '@tokenshift/db/testing';
import { toJiraError } from './to-jira-error';

/** Errors from a real PostgreSQL with a short `statement_timeout`: both shapes Prisma throws them in. */
describe('toJiraError for statements PostgreSQL cancelled at its statement timeout', () => {
  let database: TestDatabase;
  let prisma: PrismaService;

  beforeAll(async () => {
    database = await createPostgresTestDatabase('to_jira_error');
    prisma = new PrismaService({ url: database.url, statementTimeoutMs: 100 });
    await prisma.onModuleInit();
    // Enough text that scanning it takes well over the timeout.
    const user = await prisma.user.create({ data: testUser('ada') });
    const project = await prisma.project.create({ data: { key: 'P', name: 'P' } });
    await queryRows(
      database.url,
      `INSERT INTO "Issue" (key, "projectId", summary, description, "issueType", status, "reporterId", labels, updated)
       SELECT 'P-' || i, $1, 'issue ' || i, repeat(md5(i::text), 8), 'Bug', 'Open', $2, '{}', now() FROM generate_series(1, 300000) i`,
      [project.id, user.id],
    );
  }, 120_000);
  afterAll(async () => {
    await prisma?.onApplicationShutdown();
    await database?.drop();
  });

  function expectUnavailable(error: unknown) {
    const answer = toJiraError(error);
    expect(answer).toMatchObject({ status: 503, headers: { 'Retry-After': '5' }, body: { errorMessages: [expect.stringMatching(/took too long/)], errors: {} } });
    expect(JSON.stringify(answer.body)).not.toMatch(/57014|statement|canceling|prisma/i);
  }

  it('answers a cancelled model query 503 with Retry-After', async () => {
    const error = await prisma.issue.count({ where: { description: { contains: 'not there', mode: 'insensitive' } } }).then(() => null, (caught: unknown) => caught);
    expect(error).not.toBeNull();
    expectUnavailable(error);
  });

  it('answers a cancelled raw query 503 with Retry-After', async () => {
    const error = await prisma.$queryRaw`SELECT pg_sleep(30)`.then(() => null, (caught: unknown) => caught);
    expectUnavailable(error);
  });

  it('still answers other database errors as before', async () => {
    const duplicate = await prisma.user.create({ data: { name: 'ada', email: 'x@example.com', displayName: 'x' } }).then(() => null, (caught: unknown) => caught);
    expect(toJiraError(duplicate)).toMatchObject({ status: 409 });
    const broken = await prisma.$queryRaw`SELECT 1/0`.then(() => null, (caught: unknown) => caught);
    expect(toJiraError(broken)).toMatchObject({ status: 500, headers: {} });
  });
});
