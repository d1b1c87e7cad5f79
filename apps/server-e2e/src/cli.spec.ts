import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createPostgresTestDatabase, prepareDatabaseBefore, TEST_DATABASE_KINDS, TestDatabase } from '@tokenshift/db/testing';
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
      stderr: "tokenshift: Already exists: The username 'bob' is taken.\n",
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
    // Deactivation revoked bob's token for good; a token made after reactivation works.
    const renewed = await cli(['tokens', 'create', '--user', 'bob', '--name', 'ci again'], { cwd: folder });
    expect(renewed.code).toBe(0);
    expect((await cli(['tokens', 'list', '--user', 'bob'], { cwd: folder })).stdout).toMatch(/ ci {2}read,write {2}revoked /);
    const server = await startServer({ DATABASE_URL: `pglite:${join(folder, 'db')}` }, 90_000);
    try {
      expect((await fetch(`${server.url}/rest/api/2/myself`, { headers: { authorization: `Bearer ${bobToken}` } })).status).toBe(401);
      expect((await fetch(`${server.url}/rest/api/2/myself`, { headers: { authorization: `Bearer ${renewed.stdout.trim()}` } })).status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 600_000);

  it('refuses names that collide in the one namespace of login names, and renames users', async () => {
    const env = { DATABASE_URL: 'pglite:names' };
    expect(await cli(['users', 'create', 'gina', '--email', 'gina@example.com'], { cwd: folder, env })).toMatchObject({ code: 0 });
    for (const [args, message] of [
      [['users', 'create', 'GINA', '--email', 'other@example.com'], "The username 'GINA' is taken: usernames are case-insensitive, and 'gina' exists."],
      [['users', 'create', 'gina@example.com', '--email', 'other@example.com'], "The username 'gina@example.com' is another user's email address."],
      [['users', 'create', 'hal', '--email', 'GINA@example.com'], "The email address 'gina@example.com' is already in use."],
    ] as const) {
      expect(await cli([...args], { cwd: folder, env })).toEqual({ code: 6, stdout: '', stderr: `tokenshift: Already exists: ${message}\n` });
    }
    expect(await cli(['users', 'create', 'hal', '--email', 'hal@example.com'], { cwd: folder, env })).toMatchObject({ code: 0 });
    expect(await cli(['users', 'rename', 'hal', 'Gina'], { cwd: folder, env })).toMatchObject({
      code: 6,
      stderr: "tokenshift: Already exists: The username 'Gina' is taken: usernames are case-insensitive, and 'gina' exists.\n",
    });
    expect(await cli(['users', 'rename', 'hal', 'bad name'], { cwd: folder, env })).toMatchObject({ code: 2 });
    expect(await cli(['users', 'rename', 'nobody', 'x'], { cwd: folder, env })).toMatchObject({ code: 4 });
    expect(await cli(['users', 'rename', 'HAL', 'harold'], { cwd: folder, env })).toEqual({ code: 0, stdout: 'Renamed hal to harold\n', stderr: '' });
    expect(await cli(['tokens', 'list', '--user', 'hal'], { cwd: folder, env })).toMatchObject({ code: 4 });
    expect(await cli(['tokens', 'list', '--user', 'Harold'], { cwd: folder, env })).toMatchObject({ code: 0 });
  }, 300_000);

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

const NAMESPACE_MIGRATION = '20261206110000_one_login_namespace';
const collidingUsers = ['alice', 'alice@example.com', 'demo', 'DEMO']
  .map((name, i) => `INSERT INTO "User" (id, name, email, "displayName", "emailVerified", "updatedAt") VALUES (gen_random_uuid(), '${name}', '${['alice@example.com', 'alice2@example.com', 'demo@example.com', 'big-demo@example.com'][i]}', '${name}', true, now());`)
  .join('\n');

describe.each(TEST_DATABASE_KINDS)('an upgrade over users whose names collide (%s)', (kind) => {
  let folder: string;
  let database: TestDatabase | undefined;
  let env: Record<string, string>;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tokenshift-namespace-'));
    if (kind === 'postgres') {
      database = await createPostgresTestDatabase('e2e_namespace');
      env = { DATABASE_URL: database.url };
      await prepareDatabaseBefore({ url: database.url }, NAMESPACE_MIGRATION, collidingUsers);
    } else {
      env = { DATABASE_URL: `pglite:${join(folder, 'db')}` };
      await prepareDatabaseBefore({ dataDir: join(folder, 'db') }, NAMESPACE_MIGRATION, collidingUsers);
    }
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('refuses to start, naming the colliding users; once the CLI renamed them, it starts', async () => {
    const refused = await startServer(env, 90_000).then(
      async (server) => {
        await server.stop();
        return 'started';
      },
      (error: Error) => error.message,
    );
    expect(refused).toContain(NAMESPACE_MIGRATION);
    expect(refused).toContain(`'alice@example.com' is claimed by users 'alice' (email), 'alice@example.com' (username)`);
    expect(refused).toContain(`'demo' is claimed by users 'DEMO' (username), 'demo' (username)`);
    expect(refused).toContain('users rename');

    // The rename runs on the database as it is, before the migration that is held back.
    expect(await cli(['users', 'rename', 'alice@example.com', 'alice2'], { cwd: folder, env })).toMatchObject({ code: 0, stdout: 'Renamed alice@example.com to alice2\n' });
    expect(await cli(['users', 'rename', 'DEMO', 'demo'], { cwd: folder, env })).toMatchObject({ code: 6 });
    expect(await cli(['users', 'rename', 'DEMO', 'big-demo'], { cwd: folder, env })).toMatchObject({ code: 0, stdout: 'Renamed DEMO to big-demo\n' });

    const server = await startServer(env, 90_000);
    try {
      const refusal = await fetch(`${server.url}/rest/api/2/myself`);
      expect(refusal.status).toBe(401);
    } finally {
      await server.stop();
    }
  }, 300_000);
});
