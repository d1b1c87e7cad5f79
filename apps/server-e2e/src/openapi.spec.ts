import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { json, type OpenApiDocument, type OpenApiOperation, RunningServer, startServer, WORKSPACE_ROOT } from '@tokenshift/testing';

/**
 * The OpenAPI document the server serves at /docs/json: linted by Redocly with its recommended
 * ruleset (0 errors), and what Swagger UI and client generators need of every operation.
 */

const run = promisify(execFile);
const REDOCLY = join(WORKSPACE_ROOT, 'node_modules/.bin/redocly');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const SUNSET = '2027-06-30T00:00:00Z';
/** The machine may be busy with other test processes: starting can take longer than the default. */
const START_TIMEOUT_MS = 90_000;

let server: RunningServer;
let document: OpenApiDocument;
let folder: string;

beforeAll(async () => {
  server = await startServer({ DATABASE_URL: 'pglite:memory', SESSION_COOKIE_NAME: 'cloud.session.token', SUNSET_DATE: SUNSET }, START_TIMEOUT_MS);
  const response = await fetch(`${server.url}/docs/json`);
  expect(response.status).toBe(200);
  document = await json<OpenApiDocument>(response);
  folder = mkdtempSync(join(tmpdir(), 'tokenshift-openapi-'));
}, START_TIMEOUT_MS + 10_000);
afterAll(async () => {
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

function operations(): { path: string; method: string; operation: OpenApiOperation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ path, method, operation }] : [];
    }),
  );
}

/** The operation at `method path`: the test fails when the document has none. */
function operationAt(path: string, method: string): OpenApiOperation {
  const operation = document.paths[path]?.[method];
  if (!operation) throw new Error(`the document has no ${method.toUpperCase()} ${path}`);
  return operation;
}

/** `METHOD path` of each operation for which `problem` says something. */
function offenders(problem: (operation: OpenApiOperation, path: string) => boolean): string[] {
  return operations()
    .filter(({ operation, path }) => problem(operation, path))
    .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
}

it('passes `redocly lint` with the recommended ruleset: no errors', async () => {
  const file = join(folder, 'openapi.json');
  writeFileSync(file, JSON.stringify(document));
  // Redocly exits non-zero on errors; the JSON report is read either way.
  const { stdout } = await run(REDOCLY, ['lint', '--extends=recommended', '--format=json', file], {
    env: { PATH: process.env['PATH'] ?? '', REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout: string }) => error);
  const report = JSON.parse(stdout) as { totals: { errors: number }; problems: { severity: string; ruleId: string; message: string; location: { pointer: string }[] }[] };
  const errors = report.problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.ruleId} ${problem.location[0]?.pointer}: ${problem.message}`);
  expect(errors).toEqual([]);
  expect(report.totals.errors).toBe(0);
}, 60_000);

it('gives every operation a summary, security, its 401 and 403 where credentials are needed, and an operationId without an alias index', () => {
  expect(offenders((operation) => !operation.summary)).toEqual([]);
  expect(offenders((operation) => !Array.isArray(operation.security) || operation.security.length === 0)).toEqual([]);
  const needsCredentials = (operation: OpenApiOperation) => (operation.security ?? []).every((requirement) => Object.keys(requirement).length > 0);
  expect(offenders((operation) => needsCredentials(operation) && !(operation.responses['401'] && operation.responses['403']))).toEqual([]);
  const ids = operations().map(({ operation }) => operation.operationId as string);
  expect(ids.filter((id) => /\[\d+\]/.test(id))).toEqual([]);
  expect(new Set(ids).size).toBe(ids.length);
});

it('declares Basic, Bearer and the session cookie, so Swagger UI can authorize each operation', () => {
  expect(document.components.securitySchemes).toEqual({
    basic: expect.objectContaining({ type: 'http', scheme: 'basic' }),
    bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    cookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'cloud.session.token' }),
  });
  expect(operationAt('/rest/api/2/myself', 'get').security).toEqual([{ basic: [] }, { bearer: [] }, { cookie: [] }]);
  // Anonymous callers are served here: "no credentials" is one of the choices.
  expect(operationAt('/rest/api/2/serverInfo', 'get').security).toContainEqual({});
});

it('answers each Jira operation with a response schema, and each refusal with the error envelope', () => {
  const jira = (path: string) => path.startsWith('/rest/api/') || path.startsWith('/rest/auth/');
  const success = (operation: OpenApiOperation) => Object.entries(operation.responses).find(([status]) => /^2\d\d$/.test(status) && status !== '204')?.[1];
  expect(offenders((operation, path) => jira(path) && success(operation) !== undefined && !success(operation)?.content?.['application/json']?.schema)).toEqual([]);
  expect(
    offenders((operation, path) =>
      Object.entries(operation.responses).some(
        ([status, response]) => jira(path) && /^4\d\d$/.test(status) && response.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorCollection',
      ),
    ),
  ).toEqual([]);
  expect(document.components.schemas['ErrorCollection']?.properties).toMatchObject({ errorMessages: { type: 'array' }, errors: { type: 'object' } });
});

it("keeps Jira Cloud's operationIds on the session resource, deprecated with the removal date and the cookie", () => {
  const session = { get: operationAt('/rest/auth/1/session', 'get'), post: operationAt('/rest/auth/1/session', 'post'), delete: operationAt('/rest/auth/1/session', 'delete') };
  expect(session.get.operationId).toBe('com.atlassian.jira.rest.auth.Login.getCurrentUserLoginInformation_get');
  expect(session.post.operationId).toBe('com.atlassian.jira.rest.auth.Login.logIn_post');
  expect(session.delete.operationId).toBe('com.atlassian.jira.rest.auth.Login.logOut_delete');
  for (const operation of [session.get, session.post, session.delete]) {
    expect(operation.deprecated).toBe(true);
    expect(operation.description).toContain('2027-06-30');
  }
  expect(session.post.description).toContain('cloud.session.token');
  expect(session.post.requestBody?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/LoginBody' });
  expect(document.components.schemas.LoginBody).toMatchObject({ required: ['username', 'password'], properties: { username: { type: 'string' }, password: { type: 'string' } } });
  expect(session.post.responses['200']?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/AuthSuccess' });
  expect(document.components.schemas['SessionInfo']?.properties).toMatchObject({ name: { type: 'string' }, value: { type: 'string' } });
  expect(session.get.responses['200']?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/CurrentUser' });
  expect(Object.keys(session.post.responses).sort()).toEqual(['200', '400', '401', '403', '409', '415', '429']);
});

it('documents the search parameters (jql, startAt, maxResults, fields, expand) and the POST body', () => {
  const search = { get: operationAt('/rest/api/2/search', 'get'), post: operationAt('/rest/api/2/search', 'post') };
  expect(search.get.parameters?.map((parameter) => `${parameter.in}:${parameter.name}`)).toEqual([
    'query:jql',
    'query:startAt',
    'query:maxResults',
    'query:fields',
    'query:expand',
  ]);
  expect(search.post.requestBody?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/SearchRequestBean' });
  expect(Object.keys(document.components.schemas['SearchRequestBean']?.properties ?? {})).toEqual(['jql', 'startAt', 'maxResults', 'fields', 'expand']);
});

it('documents the scan-runs body and answers, with autoFixable and the auto-fixable count nullable (unknown)', () => {
  const post = operationAt('/rest/tokenshift/1/scan-runs', 'post');
  expect(post.requestBody?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/ScanRunBody' });
  expect(document.components.schemas['ScanRunBody']?.properties).toMatchObject({ findings: { type: 'array', items: { $ref: '#/components/schemas/ScanFindingBody' } } });
  const autoFixable = { type: 'boolean', nullable: true };
  expect(document.components.schemas['ScanFindingBody']?.properties).toMatchObject({ ruleId: { type: 'string' }, autoFixable });
  expect(document.components.schemas['ScanFindingBody']?.required).not.toContain('autoFixable');
  const run = operationAt('/rest/tokenshift/1/scan-runs/{id}', 'get');
  expect(run.responses['200']?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/ScanRunResponse' });
  expect(document.components.schemas['ScanRunResponse']?.properties).toMatchObject({ autoFixableCount: { type: 'number', nullable: true } });
  expect(document.components.schemas['StoredFindingResponse']?.properties).toMatchObject({ autoFixable });
  const repos = operationAt('/rest/tokenshift/1/scan-runs/repos', 'get');
  expect(repos.responses['200']?.content?.['application/json']?.schema).toEqual({ type: 'array', items: { $ref: '#/components/schemas/RepoScansResponse' } });
});

it('documents each `latest` alias on its versioned operation instead of repeating it, and the server', () => {
  expect(Object.keys(document.paths).filter((path) => path.includes('/latest/'))).toEqual([]);
  expect(operationAt('/rest/api/2/search', 'get').description).toContain('GET /rest/api/latest/search');
  expect(operationAt('/rest/auth/1/session', 'delete').description).toContain('DELETE /rest/auth/latest/session');
  expect(document.servers).toEqual([{ url: server.url }]);
});

it('serves the aliases it documents', async () => {
  expect((await fetch(`${server.url}/rest/api/latest/serverInfo`)).status).toBe(200);
  expect((await fetch(`${server.url}/rest/auth/latest/session`)).status).toBe(401);
});

it('says which token scope a write needs, and answers its absence with a 403', () => {
  const create = operationAt('/rest/api/2/issue', 'post');
  expect(create['x-required-scope']).toBe('write');
  expect(create.responses['403']?.description).toContain('`write`');
  expect(create.requestBody?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/IssueUpdateBean' });
});
