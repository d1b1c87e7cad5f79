import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WORKSPACE = join(__dirname, '../../..');
const CLI = join(WORKSPACE, 'dist/tools/scanner/tools/scanner/src/cli.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, CI: 'true' }, timeout: 50_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout, stderr });
    });
  });
}

const LOGIN_PY = `import os

import requests

BASE = os.environ["JIRA_URL"]

session = requests.Session()
login = session.post(BASE + "/rest/auth/1/session", json={"username": "bot", "password": "hunter2-fix"})
login.raise_for_status()
print(session.get(BASE + "/rest/api/2/myself").json()["name"])
`;

const CURL_SH = `#!/bin/sh
curl -s -c jar.txt -d '{"username":"bot","password":"x"}' "$JIRA_URL/rest/auth/1/session"
curl -s -b jar.txt "$JIRA_URL/rest/api/2/myself"
`;

const git = (cwd: string, ...args: string[]): string => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' });

jest.setTimeout(60_000);

describe('tokenshift-scan fix', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'tokenshift-fix-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('dry run: prints a unified diff and a per-rule summary, writes nothing; --write applies; the second run is a no-op', async () => {
    writeFileSync(join(folder, 'whoami.py'), LOGIN_PY);
    const dry = await cli(folder, 'fix', folder);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('--- a/whoami.py\n+++ b/whoami.py\n');
    expect(dry.stdout).toContain('+session.auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])\n');
    expect(dry.stdout).toContain('+# JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token');
    expect(dry.stdout).not.toContain('hunter2-fix');
    expect(dry.stderr).toMatch(/session-login-call: 1 fixed automatically, 0 need a person/);
    expect(dry.stderr).toContain('whoami.py:8 (removed by the rewrite)');
    expect(dry.stderr).not.toContain('hunter2-fix');
    expect(readFileSync(join(folder, 'whoami.py'), 'utf8')).toBe(LOGIN_PY);

    const written = await cli(folder, 'fix', '--write', folder);
    expect(written.stdout).toBe('');
    expect(written.stderr).toContain('1 written');
    const after = readFileSync(join(folder, 'whoami.py'), 'utf8');
    expect(after).not.toContain('/rest/auth/1/session');
    expect(after).not.toContain('hunter2-fix');

    const again = await cli(folder, 'fix', '--write', folder);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/0 of 0 finding\(s\)/);
    expect(readFileSync(join(folder, 'whoami.py'), 'utf8')).toBe(after);
  });

  it('--email-var/--token-var rename the variables; --bearer sends a PAT', async () => {
    writeFileSync(join(folder, 'jira.sh'), CURL_SH);
    const renamed = await cli(folder, 'fix', '--email-var', 'ME', '--token-var', 'SECRET', folder);
    expect(renamed.stdout).toContain('+curl -s -u "$ME:$SECRET" "$JIRA_URL/rest/api/2/myself"');
    expect(renamed.stdout).toContain('-curl -s -c jar.txt');
    writeFileSync(join(folder, 'whoami.py'), LOGIN_PY);
    const bearer = await cli(folder, 'fix', '--bearer', folder);
    expect(bearer.stdout).toContain('+curl -s -H "Authorization: Bearer $JIRA_API_TOKEN" "$JIRA_URL/rest/api/2/myself"');
    expect(bearer.stdout).toContain('+session.headers["Authorization"] = "Bearer " + os.environ["JIRA_API_TOKEN"]\n');
    expect(bearer.stdout).toContain('+# JIRA_API_TOKEN: a personal access token');
    expect((await cli(folder, 'fix', '--token-var', 'not a name', folder)).code).toBe(2);
  });

  it('php-jira-rest-client: the cookie options go, user and password read the email and token (a PAT with --bearer)', async () => {
    const config = `<?php\n$config = new ArrayConfiguration([\n    'jiraHost' => getenv('JIRA_HOST'),\n    'jiraUser' => getenv('JIRA_USER'),\n    'jiraPassword' => getenv('JIRA_PASS'),\n    'cookieAuthEnabled' => true,\n    'cookieFile' => 'jira-cookie.txt',\n]);\n`;
    writeFileSync(join(folder, 'jira.php'), config);
    const basic = await cli(folder, 'fix', folder);
    expect(basic.stdout).toContain("-    'cookieAuthEnabled' => true,\n-    'cookieFile' => 'jira-cookie.txt',\n");
    expect(basic.stdout).toContain("+    'jiraUser' => getenv('JIRA_EMAIL'),\n+    'jiraPassword' => getenv('JIRA_API_TOKEN'),\n");
    expect(basic.stderr).toContain('php-jira-cookie-auth: 1 fixed automatically, 0 need a person');
    const bearer = await cli(folder, 'fix', '--bearer', folder);
    expect(bearer.stdout).toContain("+    'useTokenBasedAuth' => true,\n+    'personalAccessToken' => getenv('JIRA_API_TOKEN'),\n");
  });

  it('--write refuses a file with uncommitted changes unless --force', async () => {
    writeFileSync(join(folder, 'whoami.py'), LOGIN_PY);
    git(folder, 'init', '-q');
    git(folder, 'add', '.');
    git(folder, 'commit', '-qm', 'client');
    writeFileSync(join(folder, 'whoami.py'), `${LOGIN_PY}# local edit\n`);
    const refused = await cli(folder, 'fix', '--write', folder);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not written: whoami.py: uncommitted changes');
    expect(readFileSync(join(folder, 'whoami.py'), 'utf8')).toContain('/rest/auth/1/session');
    const forced = await cli(folder, 'fix', '--write', '--force', folder);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(folder, 'whoami.py'), 'utf8')).not.toContain('/rest/auth/1/session');
  });

  it('leaves a file the parser cannot read untouched and reports it; every other finding gets a manual note', async () => {
    const broken = `${LOGIN_PY}def broken(:\n`;
    writeFileSync(join(folder, 'broken.py'), broken);
    writeFileSync(join(folder, 'Login.java'), 'class Login { String url = base + "/rest/auth/1/session"; }\n');
    const run = await cli(folder, 'fix', '--write', folder);
    expect(run.stderr).toContain('left untouched: broken.py: the parser cannot read it without errors');
    expect(run.stderr).toMatch(/needs a person:\n(.*\n)*\s+Login\.java:1 \[session-resource-path\] \S/);
    expect(readFileSync(join(folder, 'broken.py'), 'utf8')).toBe(broken);
  });

  it('never writes outside the folder: a symbolic link to a file elsewhere is not followed', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'tokenshift-outside-'));
    try {
      writeFileSync(join(outside, 'whoami.py'), LOGIN_PY);
      mkdirSync(join(folder, 'src'));
      symlinkSync(join(outside, 'whoami.py'), join(folder, 'src/whoami.py'));
      const run = await cli(folder, 'fix', '--write', folder);
      expect(run.stderr).toContain('0 of 0 finding(s)');
      expect(readFileSync(join(outside, 'whoami.py'), 'utf8')).toBe(LOGIN_PY);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('scan is the default command: a folder named fix is scanned with `scan fix` or `./fix`', async () => {
    mkdirSync(join(folder, 'fix'));
    writeFileSync(join(folder, 'fix/whoami.py'), LOGIN_PY);
    for (const args of [['scan', 'fix'], ['./fix']]) {
      const run = await cli(folder, ...args, '--format', 'json');
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout).findings.map((finding: { file: string }) => finding.file)).toContain('whoami.py');
    }
    expect(readFileSync(join(folder, 'fix/whoami.py'), 'utf8')).toBe(LOGIN_PY);
  });
});
