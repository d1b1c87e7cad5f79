import { PrismaService } from '@tokenshift/db';
import { createTestDatabase, TEST_DATABASE_KINDS, TestDatabase, testUser } from '@tokenshift/db/testing';
import { JqlError, parseJql } from './jql-parser';
import { jqlToWhere } from './jql-to-prisma';
import { lookUpJqlValues } from './jql-lookups';

/** The JQL pipeline as the search resource runs it (parse, resolve users, filter), on a real database. */
describe.each(TEST_DATABASE_KINDS)('JQL search on %s', (kind) => {
  let database: TestDatabase;
  let prisma: PrismaService;
  let ada: string;
  let projectId: string;

  async function where(jql: string, currentUserId = ada) {
    const query = parseJql(jql);
    if (!query.where) return {};
    const time = { now: new Date(), timeZone: 'UTC' };
    return jqlToWhere(query.where, { currentUserId, time, ...(await lookUpJqlValues(prisma, query.where)) });
  }

  async function keys(jql: string): Promise<string[]> {
    const issues = await prisma.issue.findMany({ where: await where(jql), orderBy: { key: 'asc' }, select: { key: true } });
    return issues.map((issue) => issue.key);
  }

  async function messagesOf(jql: string): Promise<string[]> {
    const error = await where(jql).then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(JqlError);
    return (error as JqlError).messages;
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind, 'jql_search');
    prisma = new PrismaService({ url: database.url });
    await prisma.onModuleInit();
    ada = (await prisma.user.create({ data: testUser('ada') })).id;
    const bob = (await prisma.user.create({ data: { name: 'bob', email: 'Bob@Example.com', displayName: 'Bob' } })).id;
    projectId = (await prisma.project.create({ data: { key: 'P', name: 'Pea Project' } })).id;
    const issue = { projectId, issueType: 'Bug', status: 'Open' };
    await prisma.issue.createMany({
      data: [
        { ...issue, key: 'P-1', summary: 'one', assigneeId: ada, reporterId: bob, labels: ['auth'] },
        { ...issue, key: 'P-2', summary: 'two', assigneeId: bob, reporterId: ada, status: 'Done', labels: [] },
        { ...issue, key: 'P-3', summary: 'three', assigneeId: null, reporterId: ada, labels: ['auth', 'ui'] },
        // Stored as the demo seed stores it: no labels given, so the column is NULL.
        { ...issue, key: 'P-4', summary: 'four', assigneeId: null, reporterId: bob, status: 'Closed' },
      ],
    });
    await prisma.user.createMany({ data: Array.from({ length: 1000 }, (_, i) => ({ name: `u${i}`, email: `u${i}@example.com`, displayName: `U ${i}` })) });
  });
  afterAll(async () => {
    await prisma?.onApplicationShutdown();
    await database?.drop();
  });

  it('matches users by name or by e-mail address in any case, and currentUser()', async () => {
    expect(await keys('assignee in (ada, BOB@example.COM)')).toEqual(['P-1', 'P-2']);
    expect(await keys('reporter = bob@example.com')).toEqual(['P-1', 'P-4']);
    expect(await keys('assignee = currentUser()')).toEqual(['P-1']);
    expect(await keys('assignee in (currentUser(), bob) AND reporter != currentUser()')).toEqual(['P-1']);
  });

  it("gives NOT, != and NOT IN Jira's meaning: they never match an issue whose field is empty", async () => {
    expect(await keys('assignee not in (ada)')).toEqual(['P-2']);
    expect(await keys('assignee != bob')).toEqual(['P-1']);
    expect(await keys('NOT assignee = ada')).toEqual(['P-2']);
    expect(await keys('assignee != bob OR assignee is EMPTY')).toEqual(['P-1', 'P-3', 'P-4']);
    expect(await keys('assignee in (ada, EMPTY)')).toEqual(['P-1', 'P-3', 'P-4']);
    expect(await keys('assignee not in (ada, EMPTY)')).toEqual(['P-2']);
    expect(await keys('assignee is not EMPTY')).toEqual(['P-1', 'P-2']);
    expect(await keys('NOT assignee is EMPTY')).toEqual(['P-1', 'P-2']);
    expect(await keys('labels in (ui, EMPTY)')).toEqual(['P-2', 'P-3', 'P-4']);
    expect(await keys('labels not in (ui)')).toEqual(['P-1']);
    expect(await keys('NOT (assignee = ada OR labels = ui)')).toEqual([]);
  });

  it('counts an issue stored without labels (NULL) and one with an empty list alike as EMPTY', async () => {
    expect(await keys('labels is EMPTY')).toEqual(['P-2', 'P-4']);
    expect(await keys('labels is not EMPTY')).toEqual(['P-1', 'P-3']);
    expect(await keys('labels != auth')).toEqual([]);
  });

  it('compares plain fields in any case, one IN per list', async () => {
    expect(await keys('project in (p) AND status in (open, "In Progress")')).toEqual(['P-1', 'P-3']);
    expect(await keys('key in (p-1, P-3, P-3) AND status != done')).toEqual(['P-1', 'P-3']);
    expect(await where('status in (A, b, A, a)')).toEqual({ status: { in: ['A', 'b', 'a'], mode: 'insensitive' } });
  });

  it('looks projects up once, by key or name in any case or by id, and filters by project id (no join per clause)', async () => {
    expect(await where('project in (p, P, "Pea project")')).toEqual({ projectId: { in: [projectId] } });
    expect(await keys(`project = "pea PROJECT" AND project = ${projectId} AND status = done`)).toEqual(['P-2']);
    expect(await keys('project not in (p)')).toEqual([]);
    expect(await keys('project is not EMPTY')).toEqual(['P-1', 'P-2', 'P-3', 'P-4']);
    expect(await keys('project is EMPTY')).toEqual([]);
  });

  it("answers a project that does not exist as Jira does: 400, not an empty result", async () => {
    expect(await messagesOf('project = NOPE')).toEqual(["The value 'NOPE' does not exist for the field 'project'."]);
    expect(await messagesOf('project in (p, nope, "No Such")')).toEqual([
      "The value 'nope' does not exist for the field 'project'.",
      "The value 'No Such' does not exist for the field 'project'.",
    ]);
  });

  it('compares keys within their project, by number, and refuses a key that names no issue', async () => {
    expect(await keys('key > P-2')).toEqual(['P-3', 'P-4']);
    expect(await keys('key <= p-2 AND key >= P-2')).toEqual(['P-2']);
    expect(await keys('NOT key > P-2')).toEqual(['P-1', 'P-2']);
    expect(await messagesOf('key > P-99')).toEqual(["An issue with key 'P-99' does not exist for field 'key'."]);
  });

  it('answers priority, description and resolution emptiness from what is stored', async () => {
    expect(await keys('priority is EMPTY')).toEqual([]);
    expect(await keys('priority is not EMPTY')).toEqual(['P-1', 'P-2', 'P-3', 'P-4']);
    expect(await keys('description is EMPTY')).toEqual(['P-1', 'P-2', 'P-3', 'P-4']);
    expect(await keys('resolution = Unresolved AND resolution is EMPTY')).toEqual(['P-1', 'P-2', 'P-3', 'P-4']);
  });

  it('searches text for % and _ as themselves, not as LIKE wildcards', async () => {
    const project = await prisma.project.create({ data: { key: 'W', name: 'Wildcards' } });
    const issue = { projectId: project.id, issueType: 'Task', status: 'Open', reporterId: ada };
    await prisma.issue.createMany({ data: [{ ...issue, key: 'W-1', summary: 'x5000y' }, { ...issue, key: 'W-2', summary: 'a 50% b_c', description: 'back\\slash' }] });
    try {
      expect(await keys('project = W AND summary ~ "50%"')).toEqual(['W-2']);
      expect(await keys('project = W AND text ~ "x_0"')).toEqual([]);
      expect(await keys('project = W AND text ~ "b_c"')).toEqual(['W-2']);
      expect(await keys('project = W AND description ~ "k\\\\s"')).toEqual(['W-2']);
      expect(await keys('project = W AND summary !~ "%"')).toEqual(['W-1']);
    } finally {
      await prisma.project.delete({ where: { id: project.id } });
    }
  });

  it('turns a list of 1,000 users into one IN of their ids, each written value once', async () => {
    const names = Array.from({ length: 1000 }, (_, i) => `u${i}`);
    const filter = await where(`assignee in (${names.join(',')})`);
    expect(filter).toEqual({ assigneeId: { in: expect.any(Array) } });
    expect(new Set((filter as { assigneeId: { in: string[] } }).assigneeId.in).size).toBe(1000);
    expect(await keys(`reporter in (${Array(1000).fill('ada').join(',')})`)).toEqual(['P-2', 'P-3']);
  });

  it("answers a value that names no user as Jira does, one message per unknown value", async () => {
    expect(await messagesOf('assignee in (ada, u0, ghost, ghost, "Ghost 2") OR reporter = nobody@example.com')).toEqual([
      "The value 'ghost' does not exist for the field 'assignee'.",
      "The value 'Ghost 2' does not exist for the field 'assignee'.",
      "The value 'nobody@example.com' does not exist for the field 'reporter'.",
    ]);
    expect(await messagesOf(`assignee not in (${Array.from({ length: 1000 }, (_, i) => `x${i}`).join(',')})`)).toHaveLength(1000);
  });
});
