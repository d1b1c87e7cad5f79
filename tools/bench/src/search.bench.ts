// Search with the largest lists and queries the JQL limits allow (issue 16), on both databases: how long
// each search takes alone, and how slow a plain issue GET gets while 12 copies of it run at once.
import { createTestDatabase, TEST_DATABASE_KINDS } from '@tokenshift/db/testing';
import { RunningServer, startServer } from '@tokenshift/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './load';

const USERS = 3000;
const ISSUES = 3000;
/** parseJql and the search DTO refuse longer queries; with it, lists of 1,000 cannot reach 200 clauses. */
const MAX_JQL_LENGTH = 10_000;

const user = (i: number) => `s${i}`;
const list = (field: string, from: number, count: number) => `${field} in (${Array.from({ length: count }, (_, i) => user((from + i) % USERS)).join(',')})`;

/** Clauses of up to `perClause` distinct known users, alternating assignee and reporter, as many as the clause limit and the length allow. */
function fill(perClause: number): string {
  let jql = '';
  let from = 0;
  for (let i = 0; i < 200; i++) {
    let count = perClause;
    const withClause = () => `${jql}${jql ? ' OR ' : ''}${list(i % 2 ? 'reporter' : 'assignee', from, count)}`;
    while (count > 0 && withClause().length > MAX_JQL_LENGTH) count--;
    if (!count) break;
    jql = withClause();
    from += count;
  }
  return jql;
}

const CASES: Array<[string, string]> = [
  ['1 list of 1,000 known users', list('assignee', 0, 1000)],
  ['1 list of 1,000 unknown users (400)', `assignee in (${Array.from({ length: 1000 }, (_, i) => `x${i}`).join(',')})`],
  ['lists of up to 1,000 known users filling 10,000 characters', fill(1000)],
  ['clauses of 5 known users, as many as fit', fill(5)],
  ['200 project clauses', Array.from({ length: 200 }, (_, i) => `project = P${i}`).join(' OR ')],
  ['200 clauses of plain lists (status, key)', Array.from({ length: 200 }, (_, i) => (i % 2 ? `status in (Done, "To Do", s${i})` : `key in (DEMO-${i}, X-${i})`)).join(' OR ')],
];

async function seed(server: RunningServer, headers: Record<string, string>): Promise<void> {
  const post = async (path: string, body: object) => {
    const response = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  };
  const inTurns = async (count: number, make: (i: number) => Promise<void>) => {
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let i = next++; i < count; i = next++) await make(i);
    }));
  };
  await inTurns(USERS, (i) => post('/rest/tokenshift/1/users', { name: user(i), email: `${user(i)}@example.com`, displayName: `S ${i}` }));
  await inTurns(ISSUES, (i) =>
    post('/rest/api/2/issue', { fields: { project: { key: 'DEMO' }, summary: `bench issue ${i}`, issuetype: { name: 'Task' }, assignee: { name: user(i % USERS) } } }),
  );
}

/** Searches at once per process: the default gate, and none (every search runs as it arrives). */
const GATES: Array<{ gate: string; env: Record<string, string>; seed: boolean }> = [
  { gate: 'none', env: { SEARCH_CONCURRENCY: '1000' }, seed: true },
  { gate: '2 (default)', env: {}, seed: false },
];

export async function runSearchBench(): Promise<string[][]> {
  const rows = [['database', 'searches at once', 'search', 'JQL characters', 'status', 'alone: median of 5 (ms)', '12 at once: all answered (ms)', 'plain GET idle → during the 12 (ms)']];
  for (const kind of TEST_DATABASE_KINDS) {
    const database = await createTestDatabase(kind, 'bench_search');
    // A folder, not memory, for the embedded database: the second server reads what the first seeded.
    const url = kind === 'pglite' ? `pglite:${join(mkdtempSync(join(tmpdir(), 'bench-search-')), 'pglite')}` : database.url;
    try {
      for (const { gate, env, seed } of GATES) {
        const server = await startServer({ DATABASE_URL: url, DEMO_DATA: 'true', LOG_LEVEL: 'warn', ...env }, 180_000);
        try {
          for (const row of await measure(server, seed)) rows.push([kind, gate, ...row]);
        } finally {
          await server.stop();
        }
      }
    } finally {
      await database.drop();
    }
  }
  return rows;
}

async function measure(server: RunningServer, seedFirst: boolean): Promise<string[][]> {
  const rows: string[][] = [];
  const headers = { authorization: `Bearer ${server.demoToken()}`, 'content-type': 'application/json' };
  const timed = async (path: string, body?: string) => {
    const started = performance.now();
    const response = await fetch(`${server.url}${path}`, body ? { method: 'POST', headers, body } : { headers });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  };
  if (seedFirst) await seed(server, headers);
  for (const [label, jql] of CASES) {
    const body = JSON.stringify({ jql, maxResults: 50 });
    const alone: number[] = [];
    let status = 0;
    for (let i = 0; i < 5; i++) ({ status, ms: alone[i] } = await timed('/rest/api/2/search', body));
    const idle = median(await Promise.all([0, 1, 2].map(async () => (await timed('/rest/api/2/issue/DEMO-1')).ms)));
    const started = performance.now();
    let done = false;
    const twelve = Promise.all(Array.from({ length: 12 }, () => timed('/rest/api/2/search', body))).finally(() => (done = true));
    let slowestGet = 0;
    do slowestGet = Math.max(slowestGet, (await timed('/rest/api/2/issue/DEMO-1')).ms);
    while (!done);
    await twelve;
    const all = performance.now() - started;
    rows.push([label, String(jql.length), String(status), median(alone).toFixed(0), all.toFixed(0), `${idle.toFixed(0)} → ${slowestGet.toFixed(0)}`]);
  }
  return rows;
}
