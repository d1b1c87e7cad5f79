import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type ErrorBody, json, RunningServer, startServer, WORKSPACE_ROOT } from '@tokenshift/testing';

/** The administration CLI (`npm run cli -- …`) as a shell runs it: the built entry point, a real data folder. */

const CLI_ENTRY = join(WORKSPACE_ROOT, 'dist/apps/server/apps/server/src/cli.js');
const run = promisify(execFile);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  const env = { PATH: process.env.PATH ?? '', DATABASE_URL: 'pglite:db', ...options.env };
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI_ENTRY, ...args], { cwd: options.cwd, env, timeout: 90_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const API = '/rest/tokenshift/1';

describe('the CLI', () => {
  let folder: string;
  let api: RunningServer;
  let adminToken: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tokenshift-cli-'));
    // A server of its own to compare the CLI's refusals with the API's.
    api = await startServer({ DATABASE_URL: 'pglite:memory', DEMO_DATA: 'true' }, 90_000);
    adminToken = api.demoToken()!;
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  /** What the API answers to this body: its error messages as the CLI joins them. */
  async function apiRefusal(path: string, body: object): Promise<string> {
    const response = await fetch(`${api.url}${API}/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    return (await json<ErrorBody>(response)).errorMessages.join('; ');
  }

  it('prints the package version with --version', async () => {
    const { version } = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await cli(['--version'], { cwd: folder })).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  const user = (name: string, email: string) => ({ name, email, displayName: name, isAdmin: false, emailVerified: false });
  it.each<[string, string[], Record<string, string>, string, object]>([
    ['a user name with a space', ['users', 'create', 'bad name', '--email', 'bad@example.com'], {}, 'users', user('bad name', 'bad@example.com')],
    ['an email that is not one', ['users', 'create', 'carol', '--email', 'carol-at-example'], {}, 'users', user('carol', 'carol-at-example')],
    ['a short password', ['users', 'create', 'dave', '--email', 'dave@example.com'], { TOKENSHIFT_PASSWORD: 'short' }, 'users', { ...user('dave', 'dave@example.com'), password: 'short' }],
    ['a fractional expiry', ['tokens', 'create', '--user', 'demo', '--name', 'ci', '--expires-in-days', '1.5'], {}, 'tokens', { name: 'ci', expiresInDays: 1.5 }],
    ['an expiry of 0 days', ['tokens', 'create', '--user', 'demo', '--name', 'ci', '--expires-in-days', '0'], {}, 'tokens', { name: 'ci', expiresInDays: 0 }],
    ['an expiry of 10 years and a day', ['tokens', 'create', '--user', 'demo', '--name', 'ci', '--expires-in-days', '3651'], {}, 'tokens', { name: 'ci', expiresInDays: 3651 }],
    ['an expiry that is no date', ['tokens', 'create', '--user', 'demo', '--name', 'ci', '--expires-at', 'tomorrow'], {}, 'tokens', { name: 'ci', expiresAt: 'tomorrow' }],
    ['an expiry in the past', ['tokens', 'create', '--user', 'demo', '--name', 'ci', '--expires-at', '2020-01-01T00:00:00Z'], {}, 'tokens', { name: 'ci', expiresAt: '2020-01-01T00:00:00Z' }],
    ['an unknown scope', ['tokens', 'create', '--user', 'demo', '--name', 'ci', '--scopes', 'read,root'], {}, 'tokens', { name: 'ci', scopes: ['read', 'root'] }],
  ])('refuses %s exactly as the API does (exit 2)', async (_case, args, env, path, body) => {
    const expected = await apiRefusal(path, body);
    expect(await cli(args, { cwd: folder, env })).toEqual({ code: 2, stdout: '', stderr: `tokenshift: Invalid input: ${expected}\n` });
  });

  it('answers each kind of failure with its own wording and exit code, and activates a deactivated user', async () => {
    expect(await cli(['users', 'create', 'bob', '--email', 'bob@example.com'], { cwd: folder })).toMatchObject({ code: 0, stdout: 'Created bob <bob@example.com> (token-only)\n' });
    const created = await cli(['tokens', 'create', '--user', 'bob', '--name', 'ci'], { cwd: folder });
    expect(created.code).toBe(0);
    const bobToken = created.stdout.trim();

    expect(await cli(['users', 'create', 'bob', '--email', 'bob2@example.com'], { cwd: folder })).toMatchObject({
      code: 6,
      stderr: 'tokenshift: Already exists: A user with that name or email already exists.\n',
    });
    expect(await cli(['users', 'unlock', 'nobody'], { cwd: folder })).toMatchObject({ code: 4, stderr: "tokenshift: Unknown user: The user 'nobody' does not exist.\n" });
    expect(await cli(['tokens', 'list', '--user', 'nobody'], { cwd: folder })).toMatchObject({ code: 4, stderr: "tokenshift: Unknown user: The user 'nobody' does not exist.\n" });
    expect(await cli(['tokens', 'revoke', 'not-an-id', '--user', 'bob'], { cwd: folder })).toMatchObject({
      code: 3,
      stderr: 'tokenshift: Bad id: Validation failed (uuid is expected)\n',
    });
    expect(await cli(['tokens', 'revoke', '00000000-0000-4000-8000-000000000000', '--user', 'bob'], { cwd: folder })).toMatchObject({
      code: 5,
      stderr: 'tokenshift: Unknown token: No such active token for bob.\n',
    });
    expect(await cli(['users', 'frob'], { cwd: folder })).toMatchObject({ code: 2, stderr: "tokenshift: Invalid input: unknown command 'frob'\n" });
    expect(await cli(['tokens', 'create', '--user', 'bob'], { cwd: folder })).toMatchObject({
      code: 2,
      stderr: "tokenshift: Invalid input: required option '--name <name>' not specified\n",
    });
    expect(await cli(['users', 'unlock', 'bob'], { cwd: folder, env: { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere' } })).toMatchObject({
      code: 8,
      stderr: 'tokenshift: Database unavailable: The database at postgresql://postgres@127.0.0.1:1/nowhere is not reachable or not ready. Try again shortly.\n',
    });

    expect(await cli(['users', 'deactivate', 'bob'], { cwd: folder })).toMatchObject({ code: 0, stdout: 'Deactivated bob\n' });
    expect(await cli(['users', 'activate', 'bob'], { cwd: folder })).toMatchObject({ code: 0, stdout: 'Activated bob\n' });
    const server = await startServer({ DATABASE_URL: `pglite:${join(folder, 'db')}` }, 90_000);
    try {
      const myself = await fetch(`${server.url}/rest/api/2/myself`, { headers: { authorization: `Bearer ${bobToken}` } });
      expect(myself.status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 600_000);

  it('names the data folder it tried and the admin API call that does the same while a server holds the database', async () => {
    const server = await startServer({ DATABASE_URL: `pglite:${join(folder, 'db')}`, DEMO_DATA: 'true' }, 90_000);
    try {
      const baseUrl = server.url;
      const env = { BASE_URL: baseUrl };
      const unlock = await cli(['users', 'unlock', 'bob'], { cwd: folder, env });
      const held = `tokenshift: Database locked: The embedded database ${join(folder, 'db')} is in use by process ${server.process.pid} (a running server?). While the server holds it, do the same through its admin API:\n  `;
      const curl = `curl -X DELETE -H "Authorization: Bearer $ADMIN_TOKEN" ${baseUrl}/rest/tokenshift/1/users/bob/lockout`;
      expect(unlock).toEqual({ code: 7, stdout: '', stderr: `${held}${curl}\n` });
      // The line works as printed, with an admin token in $ADMIN_TOKEN.
      const { stdout } = await run('bash', ['-c', `${curl} -s -o /dev/null -w '%{http_code}'`], { env: { PATH: process.env.PATH ?? '', ADMIN_TOKEN: server.demoToken()! } });
      expect(stdout).toBe('204');

      const token = await cli(['tokens', 'create', '--user', 'bob', '--name', 'ci', '--expires-in-days', '30'], { cwd: folder, env });
      expect(token.code).toBe(7);
      expect(token.stderr).toContain(
        `as bob: curl -X POST -H "Authorization: Bearer $USER_TOKEN" -H 'Content-Type: application/json' -d '{"name":"ci","expiresInDays":30,"scopes":["read","write"]}' ${baseUrl}/rest/tokenshift/1/tokens\n`,
      );
    } finally {
      await server.stop();
    }
  }, 300_000);
});
