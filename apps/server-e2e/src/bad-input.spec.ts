import { createPostgresTestDatabase, queryRows, TestDatabase } from '@tokenshift/db/testing';
import { DEMO_PASSWORD, rawHttpExchange, rawHttpRequest, RawHttpRequest, RawHttpResponse, RunningServer, startServer } from '@tokenshift/testing';

/**
 * A corpus of bad requests against a real server on PostgreSQL: every answer must be a 4xx in Jira's
 * envelope with no internals in it, the server must stay up, and the data must not change.
 * Requests go over raw sockets so each one is sent byte for byte as written here.
 */

/** What a stack trace or a database error leaking into a body would look like. */
const INTERNALS = /\n\s*at\s|node_modules|\.[cm]?[jt]s:\d+|prisma|driveradapter|invalid byte sequence|syntax error at|\bstack\b/i;

const LOGIN = '/rest/auth/1/session';
const TOKENS = '/rest/tokenshift/1/tokens';
const SCAN_RUNS = '/rest/tokenshift/1/scan-runs';
const ISSUES = '/rest/api/2/issue';
const USERS = '/rest/tokenshift/1/users';
const SEARCH = '/rest/api/2/search';
const MYSELF = '/rest/api/2/myself';

type Header = [string, string];
interface Context {
  /** The demo admin's API token (minted at start). */
  token: string;
}
/** [name, expected status, the request] — built once the server is up, since most need the token. */
type Case = [string, number, (context: Context) => RawHttpRequest];

const JSON_TYPE: Header = ['Content-Type', 'application/json'];
const bearer = ({ token }: Context): Header => ['Authorization', `Bearer ${token}`];
const basicHeader = (credentials: string | Buffer): Header => ['Authorization', `Basic ${Buffer.from(credentials).toString('base64')}`];

/** A valid body for each write endpoint: wrong content types must still be refused. */
const VALID_BODIES: Record<string, object> = {
  [LOGIN]: { username: 'demo', password: DEMO_PASSWORD },
  [TOKENS]: { name: 'made from bad input' },
  [SCAN_RUNS]: { repo: 'acme/bad-input', scannedAt: '2026-01-01T00:00:00Z', filesScanned: 1, findings: [] },
  [ISSUES]: { fields: { project: { key: 'DEMO' }, summary: 'made from bad input', issuetype: { name: 'Task' } } },
  [USERS]: { name: 'intruder', email: 'intruder@example.com', displayName: 'Intruder', password: 'long-enough-password' },
};
const WRITE_ENDPOINTS = Object.keys(VALID_BODIES);

function post(path: string, body: string | Buffer, headers: Header[] = [JSON_TYPE]): (context: Context) => RawHttpRequest {
  return (context) => ({ method: 'POST', path, body, headers: path === LOGIN ? headers : [bearer(context), ...headers] });
}

function deeplyNested(depth: number): string {
  return `{"fields":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
}

const MALFORMED_JSON: Array<[string, string]> = [
  ['unterminated object', '{"username":"demo",'],
  ['bare word', '{bad json'],
  ['single quotes', "{'username':'demo'}"],
  ['trailing comma', '{"name":"x",}'],
  ['two documents', '{"a":1}{"b":2}'],
  ['raw NUL byte', '{"name":"a\u0000b"}'],
  ['raw control characters', '{"name":"a\tb\u0001"}'],
  ['null', 'null'],
  ['array', '[]'],
  ['string', '"demo"'],
  ['number', '12345'],
  ['prototype pollution', '{"__proto__":{"isAdmin":true},"name":"x"}'],
  ['constructor pollution', '{"constructor":{"prototype":{"isAdmin":true}},"name":"x"}'],
  ['deep array nesting (100,000)', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
  ['deep object nesting (20,000)', deeplyNested(20_000)],
  ['empty body', ''],
];

/** [label, expected status, headers, how the valid JSON text is encoded] */
const WRONG_CONTENT_TYPES: Array<[string, number, Header[], BufferEncoding]> = [
  ['text/plain', 400, [['Content-Type', 'text/plain']], 'utf8'],
  ['form', 400, [['Content-Type', 'application/x-www-form-urlencoded']], 'utf8'],
  ['multipart without boundary', 400, [['Content-Type', 'multipart/form-data']], 'utf8'],
  ['JSON encoded as UTF-16', 400, [['Content-Type', 'application/json; charset=utf-16']], 'utf16le'],
  ['xml', 415, [['Content-Type', 'application/xml']], 'utf8'],
  ['octet-stream', 415, [['Content-Type', 'application/octet-stream']], 'utf8'],
  ['no content type', 415, [], 'utf8'],
];

const FORM_LIKE = ['text/plain', 'form', 'multipart without boundary'];

const TEN_MB = Buffer.alloc(10_000_000, 'a');
const JUST_UNDER_LIMIT = Buffer.alloc(8 * 1024 * 1024 - 4096, 'a');

const corpus: Record<string, Case[]> = {
  'malformed JSON': [
    ...WRITE_ENDPOINTS.flatMap((path) => MALFORMED_JSON.map(([label, body]): Case => [`${path}: ${label}`, 400, post(path, body)])),
    // A search without a body (or `null`) is a search for everything, so those two are not bad input there.
    ...MALFORMED_JSON.filter(([label]) => label !== 'null' && label !== 'empty body').map(([label, body]): Case => [`POST search: ${label}`, 400, post(SEARCH, body)]),
  ],
  'wrong content type': WRITE_ENDPOINTS.flatMap((path) =>
    WRONG_CONTENT_TYPES.map(([label, status, headers, encoding]): Case => [
      `${path}: ${label}`,
      // The login takes JSON only (Jira's @Consumes): a form-like login is refused before its body is read.
      path === LOGIN && FORM_LIKE.includes(label) ? 415 : status,
      post(path, Buffer.from(JSON.stringify(VALID_BODIES[path]), encoding), headers),
    ]),
  ),
  'large bodies': [
    ...WRITE_ENDPOINTS.map((path): Case => [`${path}: 10 MB`, 413, post(path, TEN_MB)]),
    ...[LOGIN, TOKENS].map((path): Case => [
      `${path}: 10 MB chunked (no length)`,
      413,
      (context) => ({ ...post(path, chunked(TEN_MB), [JSON_TYPE, ['Transfer-Encoding', 'chunked']])(context), contentLength: false }),
    ]),
    [`${LOGIN}: a length of 1 GB announced, 10 bytes sent`, 413, () => ({ method: 'POST', path: LOGIN, body: '{"a":"b"}', headers: [JSON_TYPE, ['Content-Length', '1000000000']], contentLength: false })],
    [`${LOGIN}: malformed, just under the 8 MiB limit`, 400, post(LOGIN, JUST_UNDER_LIMIT)],
    [`${LOGIN}: an 8 MB password`, 400, post(LOGIN, JSON.stringify({ username: 'demo', password: 'p'.repeat(8_000_000) }))],
  ],
  'bad credentials in headers': [
    ...[
      ['Basic with bad base64', 'Basic !!!'],
      ['Basic with only padding', 'Basic ===='],
      ['Basic with no colon', basicHeader('demo@example.com')[1]],
      ['Basic with an empty user and secret', basicHeader(':')[1]],
      ['Basic with no credentials', 'Basic'],
      ['Basic glued to its value', `Basic${Buffer.from('demo:x').toString('base64')}`],
      ['Basic with 3,000 junk characters', `Basic ${'A'.repeat(3000)}`],
      ['Basic with a NUL in the user (password Basic on)', basicHeader(`de\u0000mo:${DEMO_PASSWORD}`)[1]],
      ['Basic with a NUL after the password', basicHeader(`demo:${DEMO_PASSWORD}\u0000`)[1]],
      ['Basic with invalid UTF-8', basicHeader(Buffer.from([0xff, 0xfe, 0x3a, 0xc3, 0x28]))[1]],
      ['Basic with emoji', basicHeader('😀@example.com:😀')[1]],
      ['Basic with SQL in the user', basicHeader(`demo' OR '1'='1:${DEMO_PASSWORD}`)[1]],
      ['empty Bearer', 'Bearer'],
      ['Bearer with two values', 'Bearer tsk_a tsk_b'],
      ['Bearer with UTF-8 bytes', `Bearer tsk_${'é'.repeat(49)}`],
      ['unknown scheme', 'Negotiate YII='],
      ['a 15 KB Authorization', `Bearer ${'x'.repeat(15_000)}`],
    ].flatMap(([label, value]): Case[] => [
      [`${MYSELF}: ${label}`, 401, () => ({ method: 'GET', path: MYSELF, headers: [['Authorization', value!]] })],
      [`${TOKENS}: ${label}`, 401, () => ({ method: 'POST', path: TOKENS, body: JSON.stringify(VALID_BODIES[TOKENS]), headers: [JSON_TYPE, ['Authorization', value!]] })],
    ]),
    ...[
      ['session cookie with UTF-8 bytes', `JSESSIONID=${'é'.repeat(43)}`],
      ['session cookie with percent-encoded NUL', `JSESSIONID=%00${'A'.repeat(40)}`],
      ['unterminated quoted cookie', 'JSESSIONID="abc'],
      ['cookie with no value', 'JSESSIONID'],
      ['two session cookies', `JSESSIONID=${'A'.repeat(43)}; JSESSIONID=${'B'.repeat(43)}`],
    ].map(([label, value]): Case => [`${MYSELF}: ${label}`, 401, () => ({ method: 'GET', path: MYSELF, headers: [['Cookie', value!]] })]),
  ],
  'unicode and NUL in credentials and names': [
    ...[
      ['NUL in the username', { username: 'de\u0000mo', password: DEMO_PASSWORD }, 400],
      ['NUL in the password', { username: 'demo', password: `${DEMO_PASSWORD}\u0000` }, 400],
      ['unpaired surrogate in the username', { username: 'demo\ud800', password: DEMO_PASSWORD }, 400],
      ['unpaired surrogate in the password', { username: 'demo', password: '\udfff' }, 400],
      ['emoji username', { username: '😀', password: DEMO_PASSWORD }, 401],
      ['non-Latin username', { username: 'ünïcödé@例え.jp', password: DEMO_PASSWORD }, 401],
      ['right-to-left override', { username: '\u202edemo', password: DEMO_PASSWORD }, 401],
      ['combining accent', { username: 'demo\u0301', password: DEMO_PASSWORD }, 401],
      ['SQL in the username', { username: "' OR '1'='1' --", password: DEMO_PASSWORD }, 401],
      ['SQL in the password', { username: 'demo', password: "' OR '1'='1' --" }, 401],
      ['emoji password', { username: 'demo', password: '🔑'.repeat(100) }, 401],
      ['whitespace username', { username: '   ', password: DEMO_PASSWORD }, 401],
      ['empty username', { username: '', password: DEMO_PASSWORD }, 400],
      ['username of 256 characters', { username: 'u'.repeat(256), password: DEMO_PASSWORD }, 400],
      ['password of 1,025 characters', { username: 'demo', password: 'p'.repeat(1025) }, 400],
      ['username as an object (operator injection)', { username: { $ne: null }, password: DEMO_PASSWORD }, 400],
      ['password as an array', { username: 'demo', password: [DEMO_PASSWORD] }, 400],
    ].map(([label, body, status]): Case => [`${LOGIN}: ${label}`, status as number, post(LOGIN, JSON.stringify(body))]),
    [`${TOKENS}: NUL in the name`, 400, post(TOKENS, JSON.stringify({ name: 'a\u0000b' }))],
    [`${TOKENS}: unpaired surrogate in the name`, 400, post(TOKENS, '{"name":"a\\ud800b"}')],
    [`${SCAN_RUNS}: NUL in the repo`, 400, post(SCAN_RUNS, JSON.stringify({ ...VALID_BODIES[SCAN_RUNS], repo: 'acme/\u0000' }))],
    [`${ISSUES}: NUL in the summary`, 400, post(ISSUES, JSON.stringify({ fields: { project: { key: 'DEMO' }, summary: 'a\u0000', issuetype: { name: 'Task' } } }))],
    [`${USERS}: NUL in the display name`, 400, post(USERS, JSON.stringify({ ...VALID_BODIES[USERS], displayName: 'In\u0000truder' }))],
    [`${USERS}: unpaired surrogate in the name`, 400, post(USERS, JSON.stringify({ ...VALID_BODIES[USERS], name: 'in\udc00truder' }))],
  ],
  'bad path parameters': [
    ['GET issue with a NUL in the key', 400, (c) => ({ method: 'GET', path: `${ISSUES}/DEMO-%001`, headers: [bearer(c)] })],
    ['GET issue with malformed percent-encoding', 400, (c) => ({ method: 'GET', path: `${ISSUES}/%E0%A4%A`, headers: [bearer(c)] })],
    ['GET issue with an emoji key', 404, (c) => ({ method: 'GET', path: `${ISSUES}/%F0%9F%98%80`, headers: [bearer(c)] })],
    ['GET issue with a 200-character key', 414, (c) => ({ method: 'GET', path: `${ISSUES}/${'K'.repeat(200)}`, headers: [bearer(c)] })],
    ['DELETE lock-out of a user with a NUL', 400, (c) => ({ method: 'DELETE', path: `${USERS}/de%00mo/lockout`, headers: [bearer(c)] })],
    ['POST deactivate a user with a NUL', 400, (c) => ({ method: 'POST', path: `${USERS}/de%00mo/deactivate`, headers: [bearer(c)] })],
    ['DELETE a token that is not a UUID', 400, (c) => ({ method: 'DELETE', path: `${TOKENS}/not-a-uuid`, headers: [bearer(c)] })],
    ['DELETE a token with a NUL id', 400, (c) => ({ method: 'DELETE', path: `${TOKENS}/%00`, headers: [bearer(c)] })],
    ['PATCH the session resource', 404, () => ({ method: 'PATCH', path: LOGIN, body: '{}', headers: [JSON_TYPE] })],
  ],
  'SQL-looking and overlong JQL, bad paging': [
    ...[
      [`project = X' OR 1=1 --`, 400],
      [`;DROP TABLE "User"`, 400],
      [`project = DEMO; DROP TABLE "Issue"`, 400],
      [`project = DEMO OR 1=1 --`, 400],
      [`assignee = currentUser() UNION SELECT * FROM "User"`, 400],
      [`project = DEMO ORDER BY "passwordHash"`, 400],
      [`project = "a\u0000b"`, 400],
      ['x'.repeat(10_001), 400],
    ].map(([jql, status]): Case => [`GET search: ${JSON.stringify(jql).slice(0, 60)}`, status as number, (c) => ({ method: 'GET', path: `${SEARCH}?jql=${encodeURIComponent(jql as string)}`, headers: [bearer(c)] })]),
    ['GET search: a 20 KB JQL in the URL', 431, (c) => ({ method: 'GET', path: `${SEARCH}?jql=${'x'.repeat(20_000)}`, headers: [bearer(c)] })],
    ['POST search: an unpaired surrogate in a JQL string', 400, post(SEARCH, '{"jql":"summary ~ \\"\\ud800\\""}')],
    ['POST search: a 100 KB JQL', 400, post(SEARCH, JSON.stringify({ jql: `project = ${'X'.repeat(100_000)}` }))],
    ['POST search: 4,900 nested parentheses', 400, post(SEARCH, JSON.stringify({ jql: `${'('.repeat(4900)}project = DEMO${')'.repeat(4900)}` }))],
    ['POST search: 2,400 NOTs', 400, post(SEARCH, JSON.stringify({ jql: `${'NOT '.repeat(2400)}project = DEMO` }))],
    ...[
      'maxResults=-1',
      'maxResults=abc',
      'maxResults=1e309',
      'maxResults=1001',
      'maxResults=1&maxResults=2',
      'startAt=abc',
      'startAt=-1',
      'startAt=1.5',
      'startAt=99999999999999999999',
      'jql=a&jql=b',
    ].map((query): Case => [`GET search?${query}`, 400, (c) => ({ method: 'GET', path: `${SEARCH}?${query}`, headers: [bearer(c)] })]),
  ],
  'overlong headers': [
    ['64 KB cookie', 431, () => ({ method: 'GET', path: MYSELF, headers: [['Cookie', `JSESSIONID=${'a'.repeat(64 * 1024)}`]] })],
    ['64 KB Authorization', 431, () => ({ method: 'GET', path: MYSELF, headers: [['Authorization', `Bearer ${'a'.repeat(64 * 1024)}`]] })],
    ['1,000 headers of 100 bytes', 431, () => ({ method: 'GET', path: MYSELF, headers: Array.from({ length: 1000 }, (_, i): Header => [`X-Filler-${i}`, 'f'.repeat(90)]) })],
    ['64 KB cookie on a login', 431, () => ({ method: 'POST', path: LOGIN, body: JSON.stringify(VALID_BODIES[LOGIN]), headers: [JSON_TYPE, ['Cookie', `x=${'a'.repeat(64 * 1024)}`]] })],
  ],
};

/** Requests that are not valid HTTP/1.1 at all: sent as raw bytes. */
const MALFORMED_HTTP: Array<[string, string]> = [
  ['CR inside a header value', `GET ${MYSELF} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\rb\r\n\r\n`],
  ['NUL inside a header value', `GET ${MYSELF} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\u0000b\r\n\r\n`],
  ['CR/LF smuggling a header into a cookie', `GET ${MYSELF} HTTP/1.1\r\nHost: x\r\nCookie: a=b\r\n: injected\r\n\r\n`],
  ['folded header line (obs-fold)', `GET ${MYSELF} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer\r\n  tsk_folded\r\n\r\n`],
  ['space in a header name', `GET ${MYSELF} HTTP/1.1\r\nHost: x\r\nBad Name: x\r\n\r\n`],
  ['Content-Length and Transfer-Encoding together', `POST ${LOGIN} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`],
  ['two different Content-Lengths', `POST ${LOGIN} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}x`],
  ['invalid chunk size', `POST ${LOGIN} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`],
  ['garbage request line', 'GARBAGE\r\n\r\n'],
  ['unknown HTTP version', `GET ${MYSELF} HTTP/9.9\r\nHost: x\r\n\r\n`],
  ['space in the path', `GET /rest/api/2/my self HTTP/1.1\r\nHost: x\r\n\r\n`],
];

function chunked(body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
}

/**
 * Columns a refused request may legitimately touch: each failed password check is counted (Jira's loginInfo,
 * or for a made-up name a decoy row's count), token use is noted.
 */
const BOOKKEEPING_COLUMNS: Record<string, string[]> = {
  User: ['failedLoginCount', 'lastFailedLoginAt', 'updatedAt'],
  LoginDecoy: ['failedLoginCount', 'lastFailedLoginAt', 'updatedAt'],
  ApiToken: ['lastUsedAt'],
};

interface TableState {
  rows: number;
  md5: string;
}

/**
 * Row count and an md5 over every row (as JSON, bookkeeping columns left out) of every table.
 * "UsageEvent" is compared up to `usageEventsUpTo` (new rows are the deprecated calls recorded by
 * design, checked separately); "UsageRollup" counts every request by design, "UsageBatchWrite" notes each usage batch
 * written and "UsageAnonymousAgent" samples anonymous callers' User-Agents (bounded), so these are left out.
 */
async function snapshot(url: string, usageEventsUpTo: string): Promise<Record<string, TableState>> {
  const tables = await queryRows<{ name: string }>(url, `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('UsageRollup', 'UsageBatchWrite', 'UsageAnonymousAgent') ORDER BY 1`);
  const state: Record<string, TableState> = {};
  for (const { name } of tables) {
    const where = name === 'UsageEvent' ? `WHERE id <= ${Number(usageEventsUpTo)}` : '';
    const [row] = await queryRows<TableState>(
      url,
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '')) AS md5
         FROM (SELECT to_jsonb(t) - $1::text[] AS r FROM "${name}" t ${where}) rows`,
      [BOOKKEEPING_COLUMNS[name] ?? []],
    );
    state[name] = row!;
  }
  return state;
}

async function lastUsageEventId(url: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(url, `SELECT coalesce(max(id), 0)::text AS id FROM "UsageEvent"`);
  return row!.id;
}

function expectJiraError(name: string, response: RawHttpResponse): void {
  expect({ name, contentType: response.headers['content-type'] }).toEqual({ name, contentType: expect.stringMatching(/^application\/json/) });
  const body = JSON.parse(response.body) as { errorMessages: unknown; errors: unknown };
  expect({ name, body }).toEqual({ name, body: expect.objectContaining({ errorMessages: expect.any(Array), errors: expect.any(Object) }) });
  const messages = body.errorMessages as unknown[];
  expect(messages.length + Object.keys(body.errors as object).length).toBeGreaterThan(0);
  for (const message of messages) expect(message).toEqual(expect.stringMatching(/\S/));
  expect({ name, body: response.body }).not.toEqual({ name, body: expect.stringMatching(INTERNALS) });
}

describe('a corpus of bad input (PostgreSQL)', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let context: Context;
  let before: Record<string, TableState>;
  let usageEventsBefore: string;
  const seen: RawHttpResponse[] = [];

  beforeAll(async () => {
    database = await createPostgresTestDatabase('e2e_bad_input');
    // Lock-out off, so every bad password reaches the hash check; password Basic on, so its parsing is exercised too.
    server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true', MAX_FAILED_LOGINS: '0', ALLOW_PASSWORD_BASIC: 'true', USAGE_FLUSH_INTERVAL_MS: '100' });
    context = { token: server.demoToken()! };
    usageEventsBefore = await lastUsageEventId(database.url);
    before = await snapshot(database.url, usageEventsBefore);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  describe.each(Object.entries(corpus))('%s', (_group, cases) => {
    it.each(cases)('%s → %i', async (name, status, build) => {
      const response = await rawHttpRequest(server.url, build(context));
      seen.push(response);
      expect({ name, status: response.status }).toEqual({ name, status });
      expectJiraError(name, response);
    });
  });

  it.each(MALFORMED_HTTP)('malformed HTTP: %s → 400 in the envelope', async (name, bytes) => {
    const response = await rawHttpExchange(server.url, Buffer.from(bytes, 'latin1'));
    seen.push(response);
    expect({ name, status: response.status }).toEqual({ name, status: 400 });
    expectJiraError(name, response);
  });

  it('treats SQL inside JQL strings as text: 200 with no match, or the project named that does not exist', async () => {
    for (const jql of [`summary ~ "x'); DROP TABLE \\"Issue\\"; --"`, `key = "DEMO-1' UNION SELECT * FROM \\"User\\" --"`]) {
      const response = await rawHttpRequest(server.url, { method: 'GET', path: `${SEARCH}?jql=${encodeURIComponent(jql)}`, headers: [bearer(context)] });
      expect({ jql, status: response.status, total: JSON.parse(response.body).total }).toEqual({ jql, status: 200, total: 0 });
    }
    const project = await rawHttpRequest(server.url, { method: 'GET', path: `${SEARCH}?jql=${encodeURIComponent(`project = "DEMO' OR '1'='1"`)}`, headers: [bearer(context)] });
    expect({ status: project.status, body: JSON.parse(project.body) }).toEqual({
      status: 400,
      body: { errorMessages: ["The value 'DEMO' OR '1'='1' does not exist for the field 'project'."], errors: {} },
    });
  });

  it('answered every request itself, with no 5xx and no error logged, and is still serving', async () => {
    expect(seen).toHaveLength(Object.values(corpus).flat().length + MALFORMED_HTTP.length);
    expect(seen.filter((response) => response.status >= 500)).toEqual([]);
    expect(server.process.exitCode).toBeNull();
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect(server.output()).not.toMatch(/"level":"(error|fatal)"/);
  });

  it('left the database unchanged; the only new rows are the refused deprecated calls, recorded as such', async () => {
    expect(await server.stop()).toBe(0); // a clean shutdown flushes the usage queue
    expect(await snapshot(database.url, usageEventsBefore)).toEqual(before);
    const recorded = await queryRows<{ kind: string; endpoint: string; status: number }>(
      database.url,
      `SELECT DISTINCT kind, endpoint, status FROM "UsageEvent" WHERE id > $1 ORDER BY 1, 2, 3`,
      [usageEventsBefore],
    );
    expect(recorded.length).toBeGreaterThan(0);
    for (const event of recorded) {
      expect(event).toEqual({ kind: expect.stringMatching(/^session-|^password-basic$/), endpoint: expect.stringMatching(/^\/rest\/auth\//), status: expect.any(Number) });
      expect(event.status).toBeGreaterThanOrEqual(400);
      expect(event.status).toBeLessThan(500);
    }
  });
});
