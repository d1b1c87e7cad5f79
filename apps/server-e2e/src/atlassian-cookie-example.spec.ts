import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createPostgresTestDatabase, TestDatabase } from '@tokenshift/db/testing';
import { DEMO_PASSWORD, RunningServer, startServer } from '@tokenshift/testing';

/**
 * Atlassian's "Cookie-based auth for REST APIs" page, as a reader follows it: the Node.js example
 * (log in, then POST /rest/api/2/search with `jql: "type=Bug AND status=Closed"` and the cookie built
 * from the login answer) and the same flow with curl (a cookie jar, or the header built by hand).
 */

const run = promisify(execFile);
const BUG_AND_CLOSED = 'type=Bug AND status=Closed';

let database: TestDatabase;
let server: RunningServer;
let folder: string;

beforeAll(async () => {
  database = await createPostgresTestDatabase('e2e_atlassian_example');
  server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true' }, 90_000);
  folder = mkdtempSync(join(tmpdir(), 'tokenshift-curl-'));
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await database?.drop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

interface SearchAnswer {
  total: number;
  issues: { key: string; fields: { issuetype: { name: string }; status: { name: string } } }[];
}

function expectOnlyClosedBugs(found: SearchAnswer): void {
  // The page's example is pointless on data without closed bugs: the demo data has some.
  expect(found.total).toBeGreaterThan(0);
  expect(found.issues).toHaveLength(found.total);
  for (const issue of found.issues) expect([issue.fields.issuetype.name, issue.fields.status.name]).toEqual(['Bug', 'Closed']);
}

it('the Node.js example: log in, then search for closed bugs with the cookie made from the session object', async () => {
  const loginAnswer = await fetch(`${server.url}/rest/auth/1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'demo', password: DEMO_PASSWORD }),
  });
  expect(loginAnswer.status).toBe(200);
  const { session } = (await loginAnswer.json()) as { session: { name: string; value: string } };

  const searchAnswer = await fetch(`${server.url}/rest/api/2/search`, {
    method: 'POST',
    headers: { cookie: `${session.name}=${session.value}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ jql: BUG_AND_CLOSED }),
  });
  expect(searchAnswer.status).toBe(200);
  expectOnlyClosedBugs((await searchAnswer.json()) as SearchAnswer);
});

async function curl(...args: string[]): Promise<{ status: number; body: string }> {
  // -w appends the status on a line of its own, after the body.
  const { stdout } = await run('curl', ['-sS', '-w', '\n%{http_code}', ...args]);
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

it('curl with a cookie jar: log in (-c), search (-b), log out, and the jar no longer works', async () => {
  const jar = join(folder, 'cookies.txt');
  const login = await curl('-c', jar, '-H', 'Content-Type: application/json', '-X', 'POST', '-d', JSON.stringify({ username: 'demo', password: DEMO_PASSWORD }), `${server.url}/rest/auth/1/session`);
  expect(login.status).toBe(200);

  const search = await curl('-b', jar, '-G', '--data-urlencode', `jql=${BUG_AND_CLOSED}`, `${server.url}/rest/api/2/search`);
  expect(search.status).toBe(200);
  expectOnlyClosedBugs(JSON.parse(search.body));

  expect((await curl('-b', jar, '-c', jar, '-X', 'DELETE', `${server.url}/rest/auth/1/session`)).status).toBe(204);
  expect((await curl('-b', jar, `${server.url}/rest/api/2/myself`)).status).toBe(401);
});

it('curl with the Cookie header built from the login answer (session.name=session.value)', async () => {
  const login = await curl('-H', 'Content-Type: application/json', '-X', 'POST', '-d', JSON.stringify({ username: 'demo', password: DEMO_PASSWORD }), `${server.url}/rest/auth/1/session`);
  const { session } = JSON.parse(login.body) as { session: { name: string; value: string } };
  const cookie = `Cookie: ${session.name}=${session.value}`;

  const who = await curl('-H', cookie, `${server.url}/rest/auth/1/session`);
  expect(who.status).toBe(200);
  expect(JSON.parse(who.body)).toMatchObject({ name: 'demo' });

  const search = await curl('-H', cookie, '-H', 'Content-Type: application/json', '-X', 'POST', '-d', JSON.stringify({ jql: BUG_AND_CLOSED }), `${server.url}/rest/api/2/search`);
  expect(search.status).toBe(200);
  expectOnlyClosedBugs(JSON.parse(search.body));
});
