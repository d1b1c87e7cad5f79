import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LanguageId } from '../src/model';
import { declarationAt } from '../src/fix/declarations';
import { applyEdits } from '../src/fix/edits';
import { parse } from '../src/fix/fix-file';
import { runFix, type FixRun } from '../src/fix/run-fix';

// Shapes read in public clients: a settings/constants module or an env file holds the session path, and a script
// or a helper in another file reads it (each written here from scratch).

jest.setTimeout(60_000);

const OPTIONS = { emailVar: 'JIRA_EMAIL', tokenVar: 'JIRA_API_TOKEN', bearer: false, force: true, jobs: 0 };

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tokenshift-cross-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const fix = (root: string, write = false): Promise<FixRun> => runFix({ root, write, ...OPTIONS });
const byFile = (run: FixRun, file: string) => run.files.find((entry) => entry.file === file);
const rules = (findings: Array<{ ruleId: string }>): string[] => findings.map((finding) => finding.ruleId).sort();

/** Writes the fix, checks the second run has nothing left to do, and answers the rewritten files' texts. */
async function writeTwice(root: string): Promise<(file: string) => string> {
  await fix(root, true);
  const again = await fix(root);
  expect(again.files.filter((entry) => entry.status === 'rewritten').map((entry) => entry.file)).toEqual([]);
  expect(again.files.flatMap((entry) => entry.fixed)).toEqual([]);
  return (file) => readFileSync(join(root, file), 'utf8');
}

const PY_SETTINGS: Record<string, string> = {
  'pkg/__init__.py': '',
  'pkg/settings.py': 'import os\n\nJIRA_URL = os.environ["JIRA_URL"]\nSESSION_PATH = "/rest/auth/1/session"\nSEARCH_PATH = "/rest/api/2/search"\n',
  'pkg/report.py':
    'import os\n\nimport requests\n\nfrom .settings import JIRA_URL, SEARCH_PATH, SESSION_PATH\n\nsession = requests.Session()\n' +
    'session.post(JIRA_URL + SESSION_PATH, json={"username": "bot", "password": os.environ["JIRA_PASSWORD"]})\n' +
    'print(session.get(JIRA_URL + SEARCH_PATH, params={"jql": "assignee = currentUser()"}).json()["total"])\n',
};

describe('fix: whole-tree reasoning (cross-file.ts)', () => {
  const roots: string[] = [];
  const make = (files: Record<string, string>): string => {
    const root = tree(files);
    roots.push(root);
    return root;
  };
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it('Python: a settings constant goes with the login in another module that read it, and so does its import', async () => {
    const root = make(PY_SETTINGS);
    const run = await fix(root);
    expect(rules(byFile(run, 'pkg/settings.py')?.fixed ?? [])).toEqual(['session-resource-path']);
    expect(rules(byFile(run, 'pkg/report.py')?.fixed ?? [])).toEqual(['session-login-call']);
    expect(run.files.flatMap((entry) => entry.manual)).toEqual([]);
    const read = await writeTwice(root);
    expect(read('pkg/settings.py')).toBe('import os\n\nJIRA_URL = os.environ["JIRA_URL"]\nSEARCH_PATH = "/rest/api/2/search"\n');
    expect(read('pkg/report.py')).toContain('from .settings import JIRA_URL, SEARCH_PATH\n');
    expect(read('pkg/report.py')).toContain('session.auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])');
    execFileSync('python3', ['-m', 'py_compile', join(root, 'pkg/settings.py'), join(root, 'pkg/report.py')]);
  });

  it('--write refuses a cross-file fix as a whole: a reader with uncommitted changes keeps the constant it reads', async () => {
    const root = make(PY_SETTINGS);
    const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'client');
    writeFileSync(join(root, 'pkg/report.py'), `${PY_SETTINGS['pkg/report.py']}# edited\n`);
    const run = await runFix({ root, write: true, ...OPTIONS, force: false });
    expect(run.written).toEqual([]);
    expect(run.refused).toEqual([
      { file: 'pkg/report.py', reason: 'uncommitted changes (commit or pass --force)' },
      { file: 'pkg/settings.py', reason: 'rewritten together with a file that was refused (see above)' },
    ]);
    expect(readFileSync(join(root, 'pkg/settings.py'), 'utf8')).toBe(PY_SETTINGS['pkg/settings.py']);
  });

  it('shell: the env file entry goes with the curl login of the script that sources it (the scan saw only the entry)', async () => {
    const root = make({
      'deploy/jira.env': 'JIRA_URL=https://jira.example.com\nJIRA_LOGIN_PATH=/rest/auth/1/session\n',
      'deploy/notify.sh':
        '#!/usr/bin/env bash\nset -eu\n. "$(dirname "$0")/jira.env"\n' +
        `curl -sf -c /tmp/jar -H 'Content-Type: application/json' -d @"$HOME/.jira-login.json" "$JIRA_URL$JIRA_LOGIN_PATH"\n` +
        'curl -sf -b /tmp/jar "$JIRA_URL/rest/api/2/myself"\n',
    });
    const run = await fix(root);
    expect(rules(byFile(run, 'deploy/jira.env')?.fixed ?? [])).toEqual(['session-resource-path']);
    // The script had no finding of its own: rewritten, counted nowhere.
    expect(byFile(run, 'deploy/notify.sh')).toMatchObject({ status: 'rewritten', fixed: [], manual: [] });
    const read = await writeTwice(root);
    expect(read('deploy/jira.env')).toBe('JIRA_URL=https://jira.example.com\n');
    expect(read('deploy/notify.sh')).toContain('curl -sf -u "$JIRA_EMAIL:$JIRA_API_TOKEN" "$JIRA_URL/rest/api/2/myself"\n');
    expect(read('deploy/notify.sh')).not.toContain('JIRA_LOGIN_PATH');
    execFileSync('bash', ['-n', join(root, 'deploy/notify.sh')]);
  });

  it('shell: a sourced config script loses its path variable with the login of the script that reads it', async () => {
    const root = make({
      'ci/jira-config.sh': '#!/bin/sh\nJIRA_URL=${JIRA_URL:-https://jira.example.com}\nexport JIRA_LOGIN_PATH=/rest/auth/1/session\n',
      'ci/comment.sh':
        '#!/bin/sh\nset -e\n. "$(dirname "$0")/jira-config.sh"\n' +
        'curl -s -c jar.txt -H "Content-Type: application/json" -d "{\\"username\\":\\"$JIRA_USER\\",\\"password\\":\\"$JIRA_PASSWORD\\"}" "$JIRA_URL$JIRA_LOGIN_PATH"\n' +
        'curl -s -b jar.txt -X POST -d "{\\"body\\":\\"deployed\\"}" "$JIRA_URL/rest/api/2/issue/$ISSUE/comment"\n',
    });
    const run = await fix(root);
    expect(rules(byFile(run, 'ci/jira-config.sh')?.fixed ?? [])).toEqual(['session-resource-path']);
    const read = await writeTwice(root);
    expect(read('ci/jira-config.sh')).toBe('#!/bin/sh\nJIRA_URL=${JIRA_URL:-https://jira.example.com}\n');
    expect(read('ci/comment.sh')).toContain('curl -s -u "$JIRA_EMAIL:$JIRA_API_TOKEN" -X POST');
    for (const file of ['ci/jira-config.sh', 'ci/comment.sh']) execFileSync('sh', ['-n', join(root, file)]);
  });

  it('JavaScript: an endpoints object loses its session entry once the script reading `PATHS.session` authenticates each call', async () => {
    const root = make({
      'web/paths.js': "export const PATHS = {\n  session: '/rest/auth/1/session',\n  myself: '/rest/api/2/myself',\n};\n",
      'web/whoami.mjs':
        "import { PATHS } from './paths.js';\n\nconst base = process.env.JIRA_URL;\nconst login = await fetch(base + PATHS.session, {\n  method: 'POST',\n" +
        "  headers: { 'Content-Type': 'application/json' },\n  body: JSON.stringify({ username: 'bot', password: process.env.JIRA_PASSWORD }),\n});\n" +
        'const { session } = await login.json();\nconst me = await fetch(base + PATHS.myself, { headers: { Cookie: `${session.name}=${session.value}` } });\n' +
        'console.log((await me.json()).name);\n',
    });
    const run = await fix(root);
    expect(rules(byFile(run, 'web/paths.js')?.fixed ?? [])).toEqual(['session-resource-path']);
    const read = await writeTwice(root);
    expect(read('web/paths.js')).toBe("export const PATHS = {\n  myself: '/rest/api/2/myself',\n};\n");
    expect(read('web/whoami.mjs')).not.toMatch(/PATHS\.session|password|Cookie/);
    execFileSync(process.execPath, ['--check', join(root, 'web/paths.js')]);
    execFileSync(process.execPath, ['--check', join(root, 'web/whoami.mjs')]);
  });

  it('a declaration still read by a login that stays is kept, and its note names the reader; the helper names its callers', async () => {
    const root = make({
      'lib/paths.js': "export const AUTH_PATH = '/rest/auth/1/session';\n",
      'lib/session.js':
        "import { AUTH_PATH } from './paths.js';\n\nexport async function createSession(base, username, password) {\n" +
        "  const response = await fetch(base + AUTH_PATH, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });\n" +
        '  const { session } = await response.json();\n  return `${session.name}=${session.value}`;\n}\n',
      'bin/report.js': "import { createSession } from '../lib/session.js';\n\nconst cookie = await createSession(process.env.JIRA_URL, 'bot', process.env.PW);\nconsole.log(cookie.length);\n",
    });
    const run = await fix(root);
    const paths = byFile(run, 'lib/paths.js');
    expect(paths?.status).toBe('manual');
    expect(paths?.manual[0]?.note).toBe(
      '`AUTH_PATH` is still read (or named) at lib/session.js:1, lib/session.js:4: delete this entry together with the session login there (once nothing reads it; `fix` deletes it in the run that rewrites those logins).',
    );
    const login = byFile(run, 'lib/session.js')?.manual.find((entry) => entry.finding.ruleId === 'session-login-call');
    expect(login?.note).toContain('Calls of createSession() under the scanned folder: bin/report.js:3.');
  });

  it("a function's local holding the path is read only in that function: its note names that reader, by its line before the fix", async () => {
    // Shape of a client library's logout (pycontribs/jira's kill_session): `url` is a common local name, in the
    // class's other methods and in other modules; only the one in the logout's method reads the session path.
    const root = make({
      'pkg/client.py':
        'import requests\n\n\nclass Client:\n    def __init__(self, server):\n        self.server_url = server\n        self._session = requests.Session()\n\n' +
        '    def issue(self, key):\n        url = self.server_url + "/rest/api/2/issue/" + key\n        return self._session.get(url)\n\n' +
        '    def kill_session(self):\n        url = self.server_url + "/rest/auth/latest/session"\n        return self._session.delete(url)\n',
      'pkg/fetch.py': 'def fetch(session, url):\n    return session.get(url)\n',
    });
    const run = await fix(root);
    const path = byFile(run, 'pkg/client.py')?.manual.find((entry) => entry.finding.ruleId === 'session-resource-path');
    expect(path?.finding.line).toBe(14);
    expect(path?.note).toBe(
      '`url` is still read (or named) at pkg/client.py:15: delete this entry together with the session login there (once nothing reads it; `fix` deletes it in the run that rewrites those logins).',
    );
  });

  it('a helper nothing in the tree calls says its callers are outside the scan; an entry nothing reads says so too', async () => {
    const root = make({
      'config/application.yml': 'jira:\n  endpoints:\n    loginResource: /rest/auth/1/session\n',
      'src/main/resources/env.properties': 'HOST=http://localhost:8080\nPOST_res=/rest/auth/1/session\n',
      'login.py': 'import requests\n\n\ndef open_session(base, user, secret):\n    resp = requests.post(base + "/rest/auth/1/session", json={"username": user, "password": secret})\n    return resp.cookies\n',
    });
    const run = await fix(root);
    expect(byFile(run, 'src/main/resources/env.properties')?.manual[0]?.note).toMatch(/^Nothing under the scanned folder reads `POST_res`: the program that reads it is not part of this scan\./);
    expect(byFile(run, 'login.py')?.manual[0]?.note).toContain('No file under the scanned folder calls open_session(): its callers are outside this scan');
    expect(byFile(run, 'config/application.yml')?.manual[0]?.note).toMatch(/^Nothing under the scanned folder names `loginResource`: .* `fix` does not edit YAML: delete this entry by hand/);
  });

  it('Python: a public login method whose every call in the tree discards its answer sets the session\'s auth instead', async () => {
    const client =
      'from urllib.parse import urljoin\n\nimport requests\n\n\nclass Client:\n    def __init__(self, base):\n        self.base = base.rstrip("/") + "/"\n        self.s = requests.Session()\n\n' +
      '    def login(self, user, secret):\n        return self.s.post(urljoin(self.base, "rest/auth/1/session"), json={"username": user, "password": secret})\n\n' +
      '    def me(self):\n        return self.s.get(urljoin(self.base, "rest/api/2/myself")).json()\n';
    const cli = (call: string): string =>
      `import os\n\nfrom .http import Client\n\n\ndef main():\n    client = Client(os.environ["JIRA_URL"])\n    ${call}\n    print(client.me()["displayName"])\n`;
    const root = make({ 'jiractl/__init__.py': '', 'jiractl/http.py': client, 'jiractl/cli.py': cli('client.login(os.environ["JIRA_USER"], os.environ["JIRA_PASSWORD"])') });
    const run = await fix(root);
    expect(rules(byFile(run, 'jiractl/http.py')?.fixed ?? [])).toEqual(['session-login-call']);
    const read = await writeTwice(root);
    expect(read('jiractl/http.py')).toContain('    def login(self, user, secret):\n        # JIRA_EMAIL + JIRA_API_TOKEN');
    expect(read('jiractl/http.py')).toContain('        self.s.auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])\n');
    execFileSync('python3', ['-m', 'py_compile', join(root, 'jiractl/http.py')]);

    // One caller that reads the answer: the login stays, and its note names the calls.
    const reading = make({ 'jiractl/__init__.py': '', 'jiractl/http.py': client, 'jiractl/cli.py': cli('print(client.login("bot", os.environ["PW"]).status_code)') });
    const kept = byFile(await fix(reading), 'jiractl/http.py');
    expect(kept?.status).toBe('manual');
    expect(kept?.manual[0]?.note).toContain('Calls of login() under the scanned folder: jiractl/cli.py:8.');
  });

  it('JavaScript: an exported login helper goes with its path constant once its every caller sends Authorization instead', async () => {
    const files = {
      'lib/paths.js': "export const AUTH_PATH = '/rest/auth/1/session';\nexport const SEARCH_PATH = '/rest/api/2/search';\n",
      'lib/session.js':
        "import { AUTH_PATH } from './paths.js';\n\nexport async function createSession(base, username, password) {\n" +
        "  const response = await fetch(base + AUTH_PATH, {\n    method: 'POST',\n    headers: { 'Content-Type': 'application/json' },\n    body: JSON.stringify({ username, password }),\n  });\n" +
        '  const { session } = await response.json();\n  return `${session.name}=${session.value}`;\n}\n\nexport function searchUrl(base) {\n  return `${base}/rest/api/2/search`;\n}\n',
      'bin/report.mjs':
        "import { createSession } from '../lib/session.js';\n\nconst base = process.env.JIRA_URL;\nconst cookie = await createSession(base, 'bot', process.env.JIRA_PASSWORD);\n" +
        'const res = await fetch(`${base}/rest/api/2/search?jql=project=OPS`, { headers: { Cookie: cookie } });\nconsole.log((await res.json()).total);\n',
    };
    const root = make(files);
    const run = await fix(root);
    expect(rules(byFile(run, 'lib/session.js')?.fixed ?? [])).toEqual(['session-cookie', 'session-login-call']);
    expect(rules(byFile(run, 'lib/paths.js')?.fixed ?? [])).toEqual(['session-resource-path']);
    expect(run.files.flatMap((entry) => entry.manual)).toEqual([]);
    const read = await writeTwice(root);
    expect(read('lib/session.js')).toBe('export function searchUrl(base) {\n  return `${base}/rest/api/2/search`;\n}\n');
    expect(read('lib/paths.js')).toBe("export const SEARCH_PATH = '/rest/api/2/search';\n");
    expect(read('bin/report.mjs')).toMatch(/^const base = process\.env\.JIRA_URL;\n\/\/ JIRA_EMAIL \+ JIRA_API_TOKEN.*\nconst res = await fetch\(.*\{ headers: \{ Authorization: 'Basic ' \+ Buffer\.from/);
    for (const file of ['lib/session.js', 'lib/paths.js', 'bin/report.mjs']) execFileSync(process.execPath, ['--check', join(root, file)]);

    // A caller that keeps the cookie for something else: nothing changes, and the notes say where.
    const keeping = make({ ...files, 'bin/cache.mjs': "import { createSession } from '../lib/session.js';\n\nexport const cookie = await createSession(process.env.JIRA_URL, 'bot', process.env.PW);\n" });
    const refused = await fix(keeping);
    expect(byFile(refused, 'lib/session.js')?.status).toBe('manual');
    expect(byFile(refused, 'lib/session.js')?.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('Calls of createSession() under the scanned folder: bin/cache.mjs:3, bin/report.mjs:4.');
    expect(byFile(refused, 'bin/report.mjs')).toBeUndefined();
  });

  it('Python: a public helper returning the cookies goes once its every caller passes auth= instead of cookies=', async () => {
    const root = make({
      'login.py':
        'import os\nimport requests\n\nJIRA = os.environ["JIRA_BASE"]\n\n\ndef open_session(user, secret):\n' +
        '    resp = requests.post(JIRA + "/rest/auth/1/session", json={"username": user, "password": secret})\n    resp.raise_for_status()\n    return resp.cookies\n\n\n' +
        'def search_url(jql):\n    return JIRA + "/rest/api/2/search?jql=" + jql\n',
      'report.py':
        'import os\n\nimport requests\n\nfrom login import open_session, search_url\n\njar = open_session("bot", os.environ["JIRA_PASSWORD"])\n' +
        'print(requests.get(search_url("project = OPS"), cookies=jar).json()["total"])\n',
    });
    const run = await fix(root);
    expect(rules(byFile(run, 'login.py')?.fixed ?? [])).toEqual(['session-login-call']);
    const read = await writeTwice(root);
    expect(read('login.py')).toBe('import os\nimport requests\n\nJIRA = os.environ["JIRA_BASE"]\n\n\ndef search_url(jql):\n    return JIRA + "/rest/api/2/search?jql=" + jql\n');
    expect(read('report.py')).toContain('from login import search_url\n');
    expect(read('report.py')).toContain('print(requests.get(search_url("project = OPS"), auth=(os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])).json()["total"])\n');
    expect(read('report.py')).not.toContain('open_session');
    execFileSync('python3', ['-m', 'py_compile', join(root, 'login.py'), join(root, 'report.py')]);
  });

  it('a namesake is no caller: a file calling Django\'s login() keeps it, and the helper called login stays', async () => {
    const root = make({
      'jira/session.py': 'import requests\n\n\ndef login(base, user, secret):\n    resp = requests.post(base + "/rest/auth/1/session", json={"username": user, "password": secret})\n    return resp.cookies\n',
      'web/views.py':
        'import os\n\nimport requests\nfrom django.contrib.auth import login\n\n\ndef sign_in(request, user):\n    login(request, user)\n' +
        '    return requests.get(os.environ["STATUS_URL"], auth=(os.environ["U"], os.environ["P"])).json()\n',
    });
    const run = await fix(root);
    expect(byFile(run, 'jira/session.py')?.status).toBe('manual');
    expect(byFile(run, 'web/views.py')).toBeUndefined();
  });

  it('a reader in another language cannot read a constant: it is not counted (a Kotlin SESSION_PATH does not keep a Python one)', async () => {
    const root = make({
      'pkg/settings.py': 'SESSION_PATH = "/rest/auth/1/session"\n',
      'pkg/run.py': 'import requests\n\nfrom settings import SESSION_PATH\n\ns = requests.Session()\ns.post("https://jira.example.com" + SESSION_PATH, json={"username": "u", "password": "p"})\nprint(s.get("https://jira.example.com/rest/api/2/myself").json())\n',
      'other/Consts.kt': 'object Consts { const val SESSION_PATH = "/api/session" }\n',
    });
    const run = await fix(root);
    expect(rules(byFile(run, 'pkg/settings.py')?.fixed ?? [])).toEqual(['session-resource-path']);
  });
});

/** What the declaration pass deletes, per language: the name its readers spell, and a text that still parses. */
const DECLARATIONS: Array<{ language: LanguageId; source: string; line: number; name: string; after: string }> = [
  { language: 'python', source: 'DEFAULTS = {\n    "host": "https://jira.internal",\n    "login_path": "/rest/auth/1/session",\n    "search_path": "/rest/api/2/search",\n}\n', line: 3, name: 'login_path', after: 'DEFAULTS = {\n    "host": "https://jira.internal",\n    "search_path": "/rest/api/2/search",\n}\n' },
  { language: 'python', source: 'class Config:\n    JIRA_URL = "https://jira"\n    JIRA_AUTH = "/rest/auth/1/session"\n', line: 3, name: 'JIRA_AUTH', after: 'class Config:\n    JIRA_URL = "https://jira"\n' },
  { language: 'typescript', source: "export const JIRA_ENDPOINTS = {\n  session: 'rest/auth/1/session',\n  search: 'rest/api/2/search',\n} as const;\n", line: 2, name: 'session', after: "export const JIRA_ENDPOINTS = {\n  search: 'rest/api/2/search',\n} as const;\n" },
  { language: 'javascript', source: "const a = 1;\nexport const AUTH_PATH = '/rest/auth/1/session';\n", line: 2, name: 'AUTH_PATH', after: 'const a = 1;\n' },
  { language: 'json', source: '{\n  "jira": {\n    "host": "https://jira",\n    "authUrl": "/rest/auth/1/session",\n    "searchUrl": "/rest/api/2/search"\n  }\n}\n', line: 4, name: 'authUrl', after: '{\n  "jira": {\n    "host": "https://jira",\n    "searchUrl": "/rest/api/2/search"\n  }\n}\n' },
  { language: 'go', source: 'package jiraapi\n\nconst (\n\tSessionPath = "/rest/auth/1/session"\n\tSearchPath  = "/rest/api/2/search"\n)\n', line: 4, name: 'SessionPath', after: 'package jiraapi\n\nconst (\n\tSearchPath  = "/rest/api/2/search"\n)\n' },
  { language: 'go', source: 'package jiraapi\n\nconst SessionPath = "/rest/auth/1/session"\n', line: 3, name: 'SessionPath', after: 'package jiraapi\n\n' },
  { language: 'ruby', source: "module Paths\n  SESSION = '/rest/auth/1/session'.freeze\n  ISSUE = '/rest/api/2/issue'.freeze\nend\n", line: 2, name: 'SESSION', after: "module Paths\n  ISSUE = '/rest/api/2/issue'.freeze\nend\n" },
  { language: 'php', source: "<?php\nclass Endpoints\n{\n    public const SESSION = '/rest/auth/1/session';\n    public const ISSUE = '/rest/api/2/issue';\n}\n", line: 4, name: 'SESSION', after: "<?php\nclass Endpoints\n{\n    public const ISSUE = '/rest/api/2/issue';\n}\n" },
  { language: 'php', source: "<?php\nreturn [\n    'host' => 'https://jira',\n    'session_uri' => '/rest/auth/1/session',\n];\n", line: 4, name: 'session_uri', after: "<?php\nreturn [\n    'host' => 'https://jira',\n];\n" },
  { language: 'java', source: 'class P {\n    static final String BASE = "https://jira";\n    static final String LOGIN_PATH = "/rest/auth/1/session";\n}\n', line: 3, name: 'LOGIN_PATH', after: 'class P {\n    static final String BASE = "https://jira";\n}\n' },
  { language: 'csharp', source: 'public class JiraOptions\n{\n    public string BaseUrl { get; set; } = "https://jira";\n    public string AuthPath { get; set; } = "/rest/auth/1/session";\n}\n', line: 4, name: 'AuthPath', after: 'public class JiraOptions\n{\n    public string BaseUrl { get; set; } = "https://jira";\n}\n' },
  { language: 'kotlin', source: 'class JiraAuth {\n    companion object {\n        const val AUTH_PATH = "rest/auth/latest/session"\n        const val SEARCH = "rest/api/2/search"\n    }\n}\n', line: 3, name: 'AUTH_PATH', after: 'class JiraAuth {\n    companion object {\n        const val SEARCH = "rest/api/2/search"\n    }\n}\n' },
  { language: 'shell', source: 'JIRA_URL=https://jira.example.com\nexport JIRA_LOGIN_PATH=/rest/auth/1/session\n', line: 2, name: 'JIRA_LOGIN_PATH', after: 'JIRA_URL=https://jira.example.com\n' },
  { language: 'shell', source: 'LOGIN="/rest/auth/1/session"\nSEARCH=/rest/api/2/search\n', line: 1, name: 'LOGIN', after: 'SEARCH=/rest/api/2/search\n' },
  { language: 'powershell', source: "@{\n    Server      = 'https://jira.example.com'\n    SessionPath = '/rest/auth/latest/session'\n    ApiPath     = '/rest/api/2'\n}\n", line: 3, name: 'SessionPath', after: "@{\n    Server      = 'https://jira.example.com'\n    ApiPath     = '/rest/api/2'\n}\n" },
  { language: 'dotenv', source: 'HOST=http://localhost\nPOST_res=/rest/auth/1/session\nissue_res=/rest/api/2/issue\n', line: 2, name: 'POST_res', after: 'HOST=http://localhost\nissue_res=/rest/api/2/issue\n' },
];

describe('declarationAt: the session path only stored, per language', () => {
  it.each(DECLARATIONS)('$language: $name', async ({ language, source, line, name, after }) => {
    const parsed = language === 'dotenv' ? undefined : await parse(source, language);
    const declaration = declarationAt(source, parsed?.rootNode, language, line);
    parsed?.delete();
    expect(declaration?.name).toBe(name);
    const text = applyEdits(source, declaration?.removal ? [declaration.removal] : []);
    expect(text).toBe(after);
    const check = language === 'dotenv' ? undefined : await parse(text, language);
    expect(check?.rootNode.hasError ?? false).toBe(false);
    check?.delete();
  });

  it('YAML and INI entries have a name (their readers are looked for) and no removal: fix does not edit them', () => {
    expect(declarationAt('jira:\n  endpoints:\n    login: /rest/auth/1/session\n', undefined, 'yaml', 3)).toEqual({ name: 'login' });
    expect(declarationAt('[issues]\nauth_url = https://x/rest/auth/latest/session\n', undefined, 'config', 2)).toEqual({ name: 'auth_url' });
    // An Ansible task's templated URL is the request itself.
    expect(declarationAt('- uri:\n    url: "{{ jira_url }}/rest/auth/1/session"\n', undefined, 'yaml', 2)).toBeUndefined();
  });

  it('a path used where it stands (a call argument) is no declaration; one stored from a template is', async () => {
    const source = 'import requests\nrequests.post(BASE + "/rest/auth/1/session", json={})\nURL = f"{BASE}/rest/auth/1/session"\n';
    const parsed = await parse(source, 'python');
    expect(declarationAt(source, parsed?.rootNode, 'python', 2)).toBeUndefined();
    expect(declarationAt(source, parsed?.rootNode, 'python', 3)?.name).toBe('URL');
    parsed?.delete();
  });
});
