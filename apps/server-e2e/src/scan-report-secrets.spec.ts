import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { redactEvidence, type RepoScans, type ScanRun } from '@tokenshift/shared';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '@tokenshift/db/testing';
import { type ErrorBody, json, RunningServer, startServer, WORKSPACE_ROOT } from '@tokenshift/testing';

/**
 * A password planted in code never reaches the server's store: not through `tokenshift-scan --report-to` (the
 * real CLI posting to the real server), and not through a report made by hand or by an older scanner that
 * left it in the evidence (the server redacts it the scanner's way, with the same libs/shared module).
 * And what `fix` can clear in one step: the scanner's auto-fixable flags and count, stored and read back.
 */

const SCANNER = join(WORKSPACE_ROOT, 'dist/tools/scanner/tools/scanner/src/cli.js');
const API = '/rest/tokenshift/1/scan-runs';
/** Printable, no quotes, backslashes or interpolation marks; a letter that is no hex digit keeps it out of fingerprints by chance. */
const SECRET = fc.stringMatching(/^[A-Za-z0-9!%*+,.:;?^_~=-]{10,24}$/).filter((secret) => /[G-Zg-z]/.test(secret) && /\d/.test(secret));

/** Evidence lines as the scanner reports them, a credential in each (the shapes of docs/scanner.md, "Redaction"). */
const EVIDENCE_SHAPES: Array<(secret: string) => string> = [
  (s) => `ok, err := client.Authentication.AcquireSessionCookie("jdoe", "${s}")`,
  (s) => `s.auth = ("jdoe", "${s}"); s.post(BASE + "/rest/auth/1/session")`,
  (s) => `given().auth().preemptive().basic("jdoe", "${s}").post("/rest/auth/1/session");`,
  (s) => `api.login('jdoe', '${s}', '/rest/auth/1/session');`,
  (s) => `jira = JIRA("https://j", auth=("jdoe", "${s}"))`,
  (s) => `await client.Session.StartAsync("jdoe", "${s}");`,
  (s) => `req = Net::HTTP::Post.new('/rest/auth/1/session'); req.basic_auth 'jdoe', '${s}'`,
  (s) => `curl -u 'jdoe:${s}' -X POST "$JIRA/rest/auth/1/session"`,
  (s) => `requests.post(url, json={"username": "jdoe", "password": "${s}"})`,
  (s) => `xhr.open('POST', base + '/rest/auth/1/session', false, 'jdoe', '${s}');`,
  (s) => `http.Open "POST", base & "/rest/auth/1/session", False, "jdoe", "${s}"`,
  (s) => `requests.post("https://jdoe:${encodeURIComponent(s)}@j.example.com/rest/auth/1/session")`,
  (s) => `"url":{"raw":"{{base}}/rest/auth/1/session"},"auth":{"type":"basic","basic":[{"key":"password","value":"${s}"}]}`,
  (s) => `(http/post (str base "/rest/auth/1/session") {:form-params {:username "jdoe" :password "${s}"}})`,
];

/** Files the scanner reports, one credential shape each. */
const FILES: Record<string, (secret: string) => string> = {
  'go/login.go': (s) => `package main\n\nfunc login() {\n\tok, err := client.Authentication.AcquireSessionCookie("jdoe", "${s}")\n\t_, _ = ok, err\n}\n`,
  'python/jira_cookie.py': (s) => `from jira import JIRA\njira = JIRA("https://j", auth=("jdoe", "${s}"))\n`,
  'python/session.py': (s) => `import requests\ns = requests.Session()\ns.auth = ("jdoe", "${s}"); s.post(BASE + "/rest/auth/1/session")\n`,
  'java/Login.java': (s) => `class Login {\n  void run() {\n    given().auth().preemptive().basic("jdoe", "${s}").post("/rest/auth/1/session");\n  }\n}\n`,
  'javascript/login.js': (s) => `api.login('jdoe', '${s}', '/rest/auth/1/session');\n`,
  'csharp/Login.cs': (s) => `class Login {\n  async Task Run() {\n    await client.Session.StartAsync("jdoe", "${s}");\n  }\n}\n`,
  'shell/login.sh': (s) => `#!/bin/sh\ncurl -u 'jdoe:${s}' -X POST "$JIRA/rest/auth/1/session"\n`,
};

function scan(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCANNER, ...args], { env: { ...process.env, CI: 'true' }, timeout: 90_000 }, (error, _stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code) : 0, stderr });
    });
  });
}

function writeTree(root: string, files: Record<string, string>): void {
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), source);
  }
}

beforeAll(() => {
  execFileSync(process.execPath, ['tools/build/build-node-app.mjs', 'tools/scanner', 'dist/tools/scanner'], { cwd: WORKSPACE_ROOT });
  execFileSync(process.execPath, ['tools/scanner/scripts/package-bin.mjs'], { cwd: WORKSPACE_ROOT });
}, 120_000);

describe('scan reports keep no secret', () => {
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    server = await startServer({ DATABASE_URL: 'pglite:memory', DEMO_DATA: 'true' }, 90_000);
    token = server.demoToken()!;
  }, 180_000);
  afterAll(() => server?.stop());

  const storedRun = async (id: string) => json<ScanRun>(await fetch(`${server.url}${API}/${id}`, { headers: { authorization: `Bearer ${token}` } }));

  it('tokenshift-scan --report-to: the run the server stores holds none of the planted passwords', async () => {
    await fc.assert(
      fc.asyncProperty(SECRET, async (secret) => {
        const root = mkdtempSync(join(tmpdir(), 'tokenshift-planted-'));
        try {
          writeTree(root, Object.fromEntries(Object.entries(FILES).map(([file, source]) => [file, source(secret)])));
          const run = await scan([root, '--report-to', server.url, '--token', token, '--repo', 'planted', '--format', 'json', '--no-progress']);
          const id = /reported run ([0-9a-f-]{36})/.exec(run.stderr)?.[1];
          expect({ code: run.code, reported: Boolean(id) }).toEqual({ code: 1, reported: true });
          const stored = await storedRun(id!);
          // Every planted file is in the run, on the line that held the secret.
          expect(new Set(stored.findings.map((finding) => finding.file))).toEqual(new Set(Object.keys(FILES)));
          expect(JSON.stringify(stored)).not.toContain(secret);
          expect(run.stderr).not.toContain(secret);
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 3 },
    );
  });

  it('a report that still carries passwords is stored redacted, the way the scanner redacts', async () => {
    await fc.assert(
      fc.asyncProperty(SECRET, async (secret) => {
        const findings = EVIDENCE_SHAPES.map((shape, index) => ({
          ruleId: 'session-login-call',
          severity: 'high',
          file: `src/f${index}`,
          line: index + 1,
          column: 1,
          message: `Calls the deprecated cookie-session resource: ${shape(secret)}`,
          evidence: shape(secret),
          replacement: 'Basic auth with an API token',
        }));
        const response = await fetch(`${server.url}${API}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ repo: 'hand-made', scannedAt: new Date().toISOString(), filesScanned: findings.length, findings }),
        });
        expect(response.status).toBe(201);
        const stored = await storedRun((await json<{ id: string }>(response)).id);
        for (const form of [secret, encodeURIComponent(secret)]) expect(JSON.stringify(stored)).not.toContain(form);
        const evidenceByLine = new Map(stored.findings.map((finding) => [finding.line, finding.evidence]));
        for (const finding of findings) expect(evidenceByLine.get(finding.line)).toBe(redactEvidence(finding.evidence));
      }),
      { numRuns: 5 },
    );
  });
});

/** One finding `fix` rewrites (a requests session login) and one it leaves to a person (Kotlin has no rewriter). */
const MIXED = {
  'clients/whoami.py': `import os\nimport requests\nBASE = os.environ["JIRA_URL"]\nsession = requests.Session()\nsession.post(BASE + "/rest/auth/1/session", json={"username": "bot", "password": os.environ["PW"]})\nprint(session.get(BASE + "/rest/api/2/myself").json())\n`,
  'android/Login.kt': 'class Login { val url = base + "/rest/auth/1/session" }\n',
};

describe.each(TEST_DATABASE_KINDS)('auto-fixable findings reported to the server (%s)', (kind) => {
  let database: TestDatabase;
  let server: RunningServer;
  let token: string;
  let root: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind, 'e2e_autofix');
    server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true' }, 90_000);
    token = server.demoToken()!;
    root = mkdtempSync(join(tmpdir(), 'tokenshift-autofix-'));
    writeTree(root, MIXED);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const get = async <T>(path: string) => json<T>(await fetch(`${server.url}${API}${path}`, { headers: { authorization: `Bearer ${token}` } }));
  const post = (body: unknown) =>
    fetch(`${server.url}${API}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('tokenshift-scan --report-to: the run says which finding fix clears and how many the repo can clear in one step', async () => {
    const run = await scan([root, '--report-to', server.url, '--token', token, '--repo', 'acme/mixed', '--no-progress']);
    const id = /reported run ([0-9a-f-]{36})/.exec(run.stderr)?.[1];
    expect({ code: run.code, reported: Boolean(id) }).toEqual({ code: 1, reported: true });

    const stored = await get<ScanRun>(`/${id}`);
    expect(stored.findingCount).toBe(2);
    expect(stored.autoFixableCount).toBe(1);
    expect(stored.findings.map(({ file, autoFixable }) => ({ file, autoFixable }))).toEqual([
      { file: 'android/Login.kt', autoFixable: false },
      { file: 'clients/whoami.py', autoFixable: true },
    ]);
    const [repo] = (await get<RepoScans[]>('/repos')).filter((entry) => entry.repo === 'acme/mixed');
    expect(repo?.latest).toMatchObject({ id, findingCount: 2, autoFixableCount: 1 });
  });

  it('a report from a scanner older than the field is accepted and reads back as unknown, not as "needs a person"', async () => {
    const finding = { ruleId: 'session-resource-path', severity: 'medium', file: 'a.kt', line: 1, column: 1, message: 'Uses the session resource' };
    const old = await post({ repo: 'acme/old-scanner', scannedAt: new Date().toISOString(), filesScanned: 1, findings: [finding, { ...finding, line: 2, autoFixable: null }] });
    expect(old.status).toBe(201);
    const stored = await get<ScanRun>(`/${(await json<{ id: string }>(old)).id}`);
    expect(stored.autoFixableCount).toBeNull();
    expect(stored.findings.map((f) => f.autoFixable)).toEqual([null, null]);
    const [repo] = (await get<RepoScans[]>('/repos')).filter((entry) => entry.repo === 'acme/old-scanner');
    expect(repo?.latest.autoFixableCount).toBeNull();

    const bad = await post({ repo: 'acme/bad', scannedAt: new Date().toISOString(), filesScanned: 1, findings: [{ ...finding, autoFixable: 'yes' }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await json<ErrorBody>(bad))).toContain('autoFixable');
  });
});
