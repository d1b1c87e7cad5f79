import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createPostgresTestDatabase, queryRows, TestDatabase } from '@tokenshift/db/testing';
import { DEMO_PASSWORD, RunningServer, startServer, WORKSPACE_ROOT } from '@tokenshift/testing';

/**
 * `tokenshift-scan fix --write` on real cookie-session clients (Debian's python3-jira, python3-requests,
 * ruby-jira, curl, OpenJDK; Node's fetch and npm's jira-connector): each works against the real server and is recorded
 * as a deprecated use; the rewritten one prints the same with the token variables set, and is not recorded.
 */

const SCANNER = join(WORKSPACE_ROOT, 'dist/tools/scanner/tools/scanner/src/cli.js');
const CLIENTS = join(WORKSPACE_ROOT, 'apps/server-e2e/test/fixtures/scanner-fix-clients');
const run = promisify(execFile);
const PYTHON = '/usr/bin/python3'; // Debian's, with python3-jira and python3-requests

interface Client {
  file: string;
  command: string[];
  /** The language's own syntax check. */
  check: string[];
}

const LANGUAGES: Record<string, Client[]> = {
  python: ['jira_report.py', 'whoami.py', 'export_issues.py', 'session_auth.py', 'urllib_opener.py', 'urllib_installed.py', 'jira_whoami.py'].map((file) => ({ file: `python/${file}`, command: [PYTHON, file], check: [PYTHON, '-m', 'py_compile', file] })),
  shell: ['jira-whoami.sh', 'jira-wrapper.sh', 'jira-wget.sh', 'jira-session-id.sh', 'jira-guarded.sh', 'jira-cached-cookie.sh'].map((file) => ({ file: `shell/${file}`, command: ['bash', file], check: ['bash', '-n', file] })),
  node: ['search.js', 'bot.js', 'tracker.js', 'whoami.js'].map((file) => ({ file: `node/${file}`, command: [process.execPath, file], check: [process.execPath, '--check', file] })),
  ruby: [{ file: 'ruby/projects.rb', command: ['ruby', 'projects.rb'], check: ['ruby', '-c', 'projects.rb'] }],
  // Debian's OpenJDK: the single-file source launcher runs it, javac is the syntax (and type) check.
  // Across files: a settings module's path and a login helper whose caller sends its cookies (Python, Node); an env file a script sources.
  'python-cross-file': [{ file: 'python-cross-file/whoami.py', command: [PYTHON, 'whoami.py'], check: [PYTHON, '-m', 'py_compile', 'whoami.py', 'session.py', 'settings.py'] }],
  'shell-cross-file': [{ file: 'shell-cross-file/whoami.sh', command: ['bash', 'whoami.sh'], check: ['bash', '-n', 'whoami.sh'] }],
  'node-cross-file': [{ file: 'node-cross-file/whoami.mjs', command: [process.execPath, 'whoami.mjs'], check: [process.execPath, '--check', 'whoami.mjs'] }],
  java: [{ file: 'java/Tracker.java', command: ['java', 'Tracker.java'], check: ['javac', '-d', join(tmpdir(), 'tokenshift-fix-javac'), 'Tracker.java'] }],
};

async function exec(command: string[], cwd: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(command[0]!, command.slice(1), { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string; message: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr || failed.message };
  }
}

/** Deprecated uses recorded for the demo user (token traffic is not a deprecated use). */
async function deprecatedUses(url: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(url, `SELECT coalesce(sum("count"), 0)::int AS n FROM "UsageEvent" WHERE kind NOT LIKE 'token-%' AND "userName" = 'demo'`);
  return row!.n;
}

/** A committed git work tree holding the clients of one language (`--write` refuses uncommitted files). */
async function repoWith(language: string): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), `tokenshift-fix-${language}-`));
  cpSync(join(CLIENTS, language), join(folder, language), { recursive: true });
  const git = (...args: string[]) => exec(['git', '-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', ...args], folder, {});
  await git('init', '-q');
  await git('add', '.');
  await git('commit', '-qm', 'clients');
  return folder;
}

describe('tokenshift-scan fix: rewritten clients still work, on tokens', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let token: string;
  const folders: string[] = [];

  beforeAll(async () => {
    database = await createPostgresTestDatabase('e2e_scanner_fix');
    server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true', USAGE_FLUSH_INTERVAL_MS: '100' });
    token = server.demoToken()!;
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it.each(Object.keys(LANGUAGES))('%s', async (language) => {
    const folder = await repoWith(language);
    folders.push(folder);
    const clients = LANGUAGES[language]!;
    const cookieEnv = { JIRA_URL: server.url, JIRA_USER: 'demo', JIRA_PASSWORD: DEMO_PASSWORD, NODE_PATH: join(WORKSPACE_ROOT, 'node_modules') };
    const tokenEnv = { JIRA_URL: server.url, JIRA_EMAIL: 'demo@example.com', JIRA_API_TOKEN: token, NODE_PATH: join(WORKSPACE_ROOT, 'node_modules') };

    const outputs = new Map<string, string>();
    for (const client of clients) {
      const cwd = join(folder, client.file, '..');
      const before = await deprecatedUses(database.url);
      const result = await exec(client.command, cwd, cookieEnv);
      expect({ file: client.file, code: result.code, stderr: result.code ? result.stderr : '' }).toEqual({ file: client.file, code: 0, stderr: '' });
      expect(result.stdout.trim()).not.toBe('');
      outputs.set(client.file, result.stdout);
      await server.drainUsage();
      expect({ file: client.file, recorded: (await deprecatedUses(database.url)) > before }).toEqual({ file: client.file, recorded: true });
    }

    const fixed = await exec([process.execPath, SCANNER, 'fix', '--write', folder], folder, {});
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).not.toContain('need a person:');
    expect(fixed.stderr).not.toContain(DEMO_PASSWORD);

    for (const client of clients) {
      const cwd = join(folder, client.file, '..');
      const rewritten = readFileSync(join(folder, client.file), 'utf8');
      expect(rewritten).not.toContain('/rest/auth/1/session');
      expect(rewritten).not.toContain(DEMO_PASSWORD);
      const checked = await exec(client.check, cwd, {});
      expect({ file: client.file, code: checked.code, stderr: checked.stderr }).toEqual({ file: client.file, code: 0, stderr: '' });

      const before = await deprecatedUses(database.url);
      const result = await exec(client.command, cwd, tokenEnv);
      expect({ file: client.file, code: result.code, stdout: result.stdout }).toEqual({ file: client.file, code: 0, stdout: outputs.get(client.file) });
      await server.drainUsage();
      expect({ file: client.file, deprecatedUses: (await deprecatedUses(database.url)) - before }).toEqual({ file: client.file, deprecatedUses: 0 });
    }

    // The second run has nothing left to change.
    await exec(['git', '-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', 'commit', '-qam', 'fixed'], folder, {});
    const again = await exec([process.execPath, SCANNER, 'fix', folder], folder, {});
    expect(again).toMatchObject({ code: 0, stdout: '' });
  });

  it('--bearer: the rewritten clients send the token as a Data Center personal access token', async () => {
    const folder = await repoWith('python');
    folders.push(folder);
    cpSync(join(CLIENTS, 'shell'), join(folder, 'shell'), { recursive: true });
    await exec(['git', '-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', 'add', '.'], folder, {});
    await exec(['git', '-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', 'commit', '-qm', 'shell'], folder, {});
    const cookieEnv = { JIRA_URL: server.url, JIRA_USER: 'demo', JIRA_PASSWORD: DEMO_PASSWORD };
    const clients = [...LANGUAGES['python']!, ...LANGUAGES['shell']!];
    const outputs = new Map<string, string>();
    for (const client of clients) outputs.set(client.file, (await exec(client.command, join(folder, client.file, '..'), cookieEnv)).stdout);

    expect((await exec([process.execPath, SCANNER, 'fix', '--write', '--bearer', folder], folder, {})).code).toBe(0);
    for (const client of clients) {
      const cwd = join(folder, client.file, '..');
      expect(readFileSync(join(folder, client.file), 'utf8')).not.toContain('JIRA_EMAIL');
      const before = await deprecatedUses(database.url);
      const result = await exec(client.command, cwd, { JIRA_URL: server.url, JIRA_API_TOKEN: token });
      expect({ file: client.file, code: result.code, stdout: result.stdout }).toEqual({ file: client.file, code: 0, stdout: outputs.get(client.file) });
      await server.drainUsage();
      expect({ file: client.file, deprecatedUses: (await deprecatedUses(database.url)) - before }).toEqual({ file: client.file, deprecatedUses: 0 });
    }
  });

  // go-jira cannot be fetched here: the Go proof is gofmt's (Debian's golang-go), not a run.
  it('go: the rewritten go-jira client is gofmt-clean and holds no session', async () => {
    const folder = await repoWith('go');
    folders.push(folder);
    const fixed = await exec([process.execPath, SCANNER, 'fix', '--write', folder], folder, {});
    expect(fixed).toMatchObject({ code: 0 });
    const rewritten = readFileSync(join(folder, 'go/tracker.go'), 'utf8');
    expect(rewritten).toContain('jira.BasicAuthTransport{');
    expect(rewritten).not.toContain('/rest/auth/1/session');
    const report = readFileSync(join(folder, 'go/report/main.go'), 'utf8');
    expect(report).toContain('client, err := jira.NewClient(tp.Client(), os.Getenv("JIRA_URL"))');
    expect(report).not.toContain('AcquireSessionCookie');
    expect(fixed.stderr).not.toContain('need a person:');
    expect(await exec(['gofmt', '-l', '-e', 'go'], folder, {})).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
