import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { RULES } from '../src/rules/catalog';

const WORKSPACE = join(__dirname, '../../..');
const CLI = join(WORKSPACE, 'dist/tools/scanner/tools/scanner/src/cli.js');
const FIXTURES = join(__dirname, 'fixtures');
/** Every secret planted in the fixtures: none may appear in any output. */
const SECRETS = ['hunter2-build', 's3cret-deploy-pw', 'qa-Passw0rd!', 'ops-pa55word', 'r3lease-Pw', 'pm-Secret-42', 'http-Pa55', 'yaml-Secret9', 'tsk_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfGhIjK'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI asynchronously (a test HTTP server in this process must keep answering); a hung run is killed. */
function scan(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: WORKSPACE, env: { ...process.env, CI: 'true' }, maxBuffer: 64 << 20, timeout: 50_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout, stderr });
    });
  });
}

/** Fixture scans are shared between tests: each run parses every grammar, which costs seconds on 2 cores. */
const cachedRuns = new Map<string, Promise<Run>>();
function scanCached(...args: string[]): Promise<Run> {
  const key = args.join('\u0000');
  if (!cachedRuns.has(key)) cachedRuns.set(key, scan(...args));
  return cachedRuns.get(key)!;
}

jest.setTimeout(60_000);

function tempDir(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokenshift-scan-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const CLEAN = { 'client.js': "fetch(base + '/rest/api/2/myself', { headers: { Authorization: `Bearer ${pat}` } });\n" };
const MEDIUM_ONLY = { 'paths.py': 'SESSION_PATH = "/rest/auth/1/session"\n' };

beforeAll(() => {
  // As `nx run scanner:build` does: compile, then bundle and package (the CLI under test is the shipped bundle).
  execFileSync(process.execPath, ['tools/build/build-node-app.mjs', 'tools/scanner', 'dist/tools/scanner'], { cwd: WORKSPACE });
  execFileSync(process.execPath, ['tools/scanner/scripts/package-bin.mjs'], { cwd: WORKSPACE });
}, 60_000);

describe('exit codes', () => {
  it('0 when clean', async () => {
    const run = await scan(tempDir(CLEAN));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 finding(s)');
  });

  it('1 on findings at or above --fail-on (default low), 0 below it or with none', async () => {
    expect((await scanCached(FIXTURES)).code).toBe(1);
    const mediumOnly = tempDir(MEDIUM_ONLY);
    expect((await scan(mediumOnly)).code).toBe(1);
    expect((await scan(mediumOnly, '--fail-on', 'high')).code).toBe(0);
    expect((await scan(mediumOnly, '--fail-on', 'medium')).code).toBe(1);
    expect((await scan(FIXTURES, '--fail-on', 'none')).code).toBe(0);
  });

  it('2 on usage and I/O errors', async () => {
    expect((await scan(join(tmpdir(), 'does-not-exist-tokenshift'))).code).toBe(2);
    expect((await scan(FIXTURES, '--no-such-option')).code).toBe(2);
    expect((await scan(FIXTURES, '--fail-on', 'critical')).code).toBe(2);
    expect((await scan(FIXTURES, '--format', 'xml')).code).toBe(2);
    expect((await scan(FIXTURES, '--baseline', join(tmpdir(), 'no-baseline.json'))).code).toBe(2);
    const noToken = await scan(FIXTURES, '--report-to', 'http://127.0.0.1:9');
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('--token');
  });
});

describe('output formats', () => {
  it('json parses and matches the fixture count, with unique fingerprints', async () => {
    const run = await scanCached(FIXTURES, '--format', 'json');
    const report = JSON.parse(run.stdout) as { filesScanned: number; findings: Array<{ fingerprint: string; file: string }> };
    expect(report.findings).toHaveLength(161);
    expect(new Set(report.findings.map((f) => f.fingerprint)).size).toBe(161);
    expect(report.findings.every((f) => !f.file.startsWith('/'))).toBe(true);
  });

  it('sarif is a valid 2.1.0 log: rules, levels, locations, fixes', async () => {
    const log = JSON.parse((await scanCached(FIXTURES, '--format', 'sarif')).stdout) as Log;
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    const ruleIds = run.tool.driver.rules!.map((rule) => rule.id);
    expect(ruleIds).toEqual([...RULES.keys()]);
    expect(run.results).toHaveLength(161);
    for (const result of run.results!) {
      expect(ruleIds[result.ruleIndex!]).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      const location = result.locations![0]!.physicalLocation!;
      expect(location.artifactLocation!.uri).toMatch(/^[^/]/);
      expect(location.region!.startLine).toBeGreaterThan(0);
      // A fix `tokenshift-scan fix` makes carries the real change; the rest carry the note for a person.
      if (result.properties!['autoFixable']) {
        const change = result.fixes![0]!.artifactChanges[0]!;
        expect(change.artifactLocation.uri).toBe(location.artifactLocation!.uri);
        for (const replacement of change.replacements) expect(replacement).toEqual({ deletedRegion: expect.objectContaining({ startLine: expect.any(Number), endLine: expect.any(Number) }), insertedContent: { text: expect.any(String) } });
      } else {
        expect(result.fixes).toBeUndefined();
        expect(result.properties!['manualNote']).toBeTruthy();
      }
    }
    const fixable = run.results!.filter((result) => result.properties!['autoFixable']);
    expect(fixable.length).toBeGreaterThan(0);
    expect(fixable.some((result) => result.fixes![0]!.artifactChanges[0]!.replacements.some((replacement) => replacement.insertedContent!.text!.includes('JIRA_API_TOKEN')))).toBe(true);
    const levels = new Map(run.results!.map((result) => [result.properties!['severity'] as string, result.level]));
    expect(Object.fromEntries(levels)).toEqual({ high: 'error', medium: 'warning', info: 'note' });
  });

  it('markdown is a migration plan per owner and file with replacement snippets', async () => {
    const run = await scanCached(FIXTURES, '--format', 'markdown');
    expect(run.stdout).toMatch(/^# Migration plan: \S+/);
    expect(run.stdout).toContain('## Owner: Unowned');
    expect(run.stdout).toContain('### `python/jira_cookie.py`');
    expect(run.stdout).toContain('JIRA(server, basic_auth=(email, api_token))');
  });

  it.each([[], ['--format', 'json'], ['--format', 'sarif'], ['--format', 'markdown']])('output %s never contains a secret', async (...format) => {
    const run = await scanCached(FIXTURES, ...format);
    expect(run.stdout.length).toBeGreaterThan(1000);
    for (const secret of SECRETS) expect(run.stdout).not.toContain(secret);
    expect(run.stdout).toContain('****');
  });

  it('writes to --output and uses worker threads with the same result as in-thread', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tokenshift-out-')), 'report.json');
    await scan(FIXTURES, '--format', 'json', '--output', out, '--jobs', '2');
    const threaded = JSON.parse(readFileSync(out, 'utf8')) as { findings: unknown[] };
    const inline = JSON.parse((await scan(FIXTURES, '--format', 'json', '--jobs', '0')).stdout) as { findings: unknown[] };
    expect(threaded.findings).toEqual(inline.findings);
  });

  it('shares many batches between the main thread and workers: same findings and counts with 0, 1 and 3 workers', async () => {
    // 6,000 files make a couple of dozen batches, so every thread claims some; a positive every 100 files, a few over --max-file-size.
    const files: Record<string, string> = {};
    for (let index = 0; index < 6000; index++) {
      const folder = `pkg${index % 7}/lib${index % 13}`;
      files[`${folder}/file${index}.js`] = index % 100 === 0 ? `axios.post(base + '/rest/auth/1/session', { password: 'pw-${index}' });\n` : `export const value${index} = ${index};\n`;
    }
    for (let index = 0; index < 3; index++) files[`big/file${index}.js`] = `// ${'x'.repeat(5000)}\nfetch('/rest/auth/1/session');\n`;
    const dir = tempDir(files);
    const runs = await Promise.all(['0', '1', '3'].map((jobs) => scan(dir, '--format', 'json', '--jobs', jobs, '--max-file-size', '4096')));
    const [inline, ...threaded] = runs.map((run) => JSON.parse(run.stdout) as { filesScanned: number; findings: Array<{ file: string; ruleId: string }> });
    expect(inline!.filesScanned).toBe(6000);
    expect(inline!.findings.filter((finding) => finding.ruleId === 'session-login-call')).toHaveLength(60);
    for (const report of threaded) expect(report).toEqual(inline);
  });

  it('shares the first pass’s table of values with the workers: files using another file’s auth base are found with 0 and 2 workers alike', async () => {
    // 900 files that join an imported base to '/session' (none holds a pre-filter literal), plus 100 that log in
    // literally (so the workers parse in the first pass too), in a few batches each.
    const files: Record<string, string> = { 'src/paths.js': "export const TRACKER_AUTH_BASE = '/rest/auth/1';\n" };
    for (let index = 0; index < 900; index++) {
      files[`src/users/user${index}.js`] = `import { TRACKER_AUTH_BASE } from '../paths';\nexport const out${index} = () => fetch(TRACKER_AUTH_BASE + '/session', { method: 'DELETE' });\n`;
    }
    for (let index = 0; index < 100; index++) files[`src/literal/login${index}.js`] = "axios.post(site + '/rest/auth/1/session', body);\n";
    for (let index = 0; index < 600; index++) files[`src/other/session${index}.js`] = `export const session${index} = () => fetch(base + '/session');\n`;
    const dir = tempDir(files);
    const runs = await Promise.all(['0', '2'].map((jobs) => scan(dir, '--format', 'json', '--jobs', jobs)));
    const [inline, threaded] = runs.map((run) => JSON.parse(run.stdout) as { findings: Array<{ file: string; ruleId: string; message: string }> });
    const logouts = inline!.findings.filter((finding) => finding.file.startsWith('src/users/') && finding.message.endsWith('DELETE (log out)'));
    expect(logouts).toHaveLength(900);
    expect(inline!.findings.filter((finding) => finding.file.startsWith('src/other/'))).toEqual([]);
    expect(threaded).toEqual(inline);
  });
});

describe('file states: parsed, degraded (line rules only), skipped (not analyzed)', () => {
  const SESSION_CALL = "fetch('/rest/auth/1/session');\n";
  const files = {
    'src/login.py': 'SESSION_PATH = "/rest/auth/1/session"\n',
    'src/clean.js': 'export const answer = 42;\n',
    'scripts/login.pl': 'my $path = "/rest/auth/1/session";\n',
    'src/big.js': `// ${'x'.repeat(5000)}\n${SESSION_CALL}`,
    'src/big-clean.js': `// ${'x'.repeat(5000)}\n`,
    'src/blob.js': Buffer.concat([Buffer.from(SESSION_CALL), Buffer.from([0, 1, 2])]),
  };
  let dir: string;
  beforeAll(() => {
    dir = tempDir(files);
  });

  interface JsonStates {
    files: { parsed: number; degraded: number; skipped: number };
    degraded: Array<{ file: string; reason: string; prefilterHit: boolean }>;
    skipped: Array<{ file: string; reason: string; prefilterHit: boolean }>;
  }

  it('json counts the files per state and lists the degraded and skipped ones', async () => {
    const report = JSON.parse((await scan(dir, '--format', 'json', '--max-file-size', '4096', '--fail-on', 'none')).stdout) as JsonStates;
    expect(report.files).toEqual({ parsed: 2, degraded: 1, skipped: 3 });
    expect(report.degraded).toEqual([{ file: 'scripts/login.pl', reason: 'no grammar for perl: line rules only', prefilterHit: true }]);
    expect(report.skipped).toEqual([
      { file: 'src/big-clean.js', reason: 'larger than --max-file-size (5004 > 4096 bytes)', prefilterHit: false },
      { file: 'src/big.js', reason: 'larger than --max-file-size (5035 > 4096 bytes)', prefilterHit: true },
      { file: 'src/blob.js', reason: 'binary (a NUL byte in the first 8 kB)', prefilterHit: true },
    ]);
  });

  it('sarif reports them as tool execution notifications; the table, the summary line and the markdown plan count them', async () => {
    const log = JSON.parse((await scan(dir, '--format', 'sarif', '--max-file-size', '4096', '--fail-on', 'none')).stdout) as Log;
    const invocation = log.runs[0]?.invocations?.[0];
    expect(invocation?.properties).toEqual({ files: { parsed: 2, degraded: 1, skipped: 3 } });
    expect((invocation?.toolExecutionNotifications ?? []).map((n) => [n.descriptor?.id, n.level, n.locations?.[0]?.physicalLocation?.artifactLocation?.uri])).toEqual([
      ['file-degraded', 'warning', 'scripts/login.pl'],
      ['file-skipped', 'note', 'src/big-clean.js'],
      ['file-skipped', 'warning', 'src/big.js'],
      ['file-skipped', 'warning', 'src/blob.js'],
    ]);
    const table = await scan(dir, '--max-file-size', '4096', '--fail-on', 'none');
    expect(table.stdout).toContain('files: 2 parsed, 1 degraded (line rules only), 3 skipped (not analyzed)');
    expect(table.stdout).toContain('DEGRADED  scripts/login.pl: no grammar for perl: line rules only [pre-filter hit]');
    expect(table.stdout).toContain('SKIPPED  src/blob.js: binary (a NUL byte in the first 8 kB) [pre-filter hit]');
    expect(table.stderr).toContain('files: 2 parsed, 1 degraded, 3 skipped');
    const plan = (await scan(dir, '--format', 'markdown', '--max-file-size', '4096', '--fail-on', 'none')).stdout;
    expect(plan).toContain('1 file(s) degraded (line rules only), 3 skipped (not analyzed).');
    expect(plan).toContain('- `scripts/login.pl` (degraded): no grammar for perl: line rules only');
    expect(plan).toContain('- `src/big.js` (skipped): larger than --max-file-size');
    expect(plan).not.toContain('big-clean.js');
  });

  it('--fail-on fails on a degraded or skipped file with a pre-filter hit, unless --allow-degraded', async () => {
    // The only finding is medium (the Python constant): below --fail-on high.
    const gate = await scan(dir, '--max-file-size', '4096', '--fail-on', 'high');
    expect(gate.code).toBe(1);
    expect(gate.stderr).toContain('tokenshift-scan: degraded scripts/login.pl may hold a finding');
    expect(gate.stderr).toContain('tokenshift-scan: skipped src/big.js may hold a finding');
    expect(gate.stderr).not.toContain('big-clean.js may hold');
    expect((await scan(dir, '--max-file-size', '4096', '--fail-on', 'high', '--allow-degraded')).code).toBe(0);
    expect((await scan(dir, '--max-file-size', '4096', '--fail-on', 'none')).code).toBe(0);
    for (const [name, content] of Object.entries({ 'src/big.js': files['src/big.js'], 'src/blob.js': files['src/blob.js'], 'scripts/login.pl': files['scripts/login.pl'] })) {
      expect((await scan(tempDir({ [name]: content }), '--max-file-size', '4096', '--fail-on', 'high')).code).toBe(1);
    }
    // Skipped without a pre-filter hit: nothing can hide there.
    expect((await scan(tempDir({ 'src/big-clean.js': files['src/big-clean.js'] }), '--max-file-size', '4096', '--fail-on', 'high')).code).toBe(0);
  });

  it('reads files of no known language as text (line rules when their bytes pass the pre-filter, nothing otherwise), or by their shebang', async () => {
    const unknown = tempDir({
      'src/jira.clj': '(http/post (str base "/rest/auth/1/session") {:body body})\n',
      'src/notes.xyz': 'nothing to see\n',
      't/login.t': '#!/bin/bash\nRUNS $jira req /rest/auth/1/session </dev/null\n',
      'assets/logo.png': 'looks like /rest/auth/1/session but is an image\n',
      'data/blob.bin': Buffer.concat([Buffer.from('"/rest/auth/1/session"'), Buffer.from([0, 1, 2])]),
    });
    const run = await scan(unknown, '--format', 'json');
    const report = JSON.parse(run.stdout) as JsonStates & { findings: Array<{ file: string; line: number; ruleId: string; language: string }> };
    expect(report.findings.map((f) => [f.file, f.line, f.ruleId, f.language])).toEqual([
      ['src/jira.clj', 1, 'session-login-call', 'text'],
      ['t/login.t', 2, 'session-login-call', 'shell'],
    ]);
    expect(report.files).toEqual({ parsed: 1, degraded: 1, skipped: 0 });
    expect(report.degraded).toEqual([{ file: 'src/jira.clj', reason: 'no known language: line rules only', prefilterHit: true }]);
    expect(run.code).toBe(1);
  });
});


describe('walking', () => {
  it('respects .gitignore and .tokenshiftignore, skips node_modules, vendored folders, binaries, lock files, minified code and type declarations', async () => {
    const line = "axios.post(base + '/rest/auth/1/session', body);\n";
    const dir = tempDir({
      'src/login.js': line,
      'src/ignored.js': line,
      'src/skip-me/login.js': line,
      '.gitignore': 'ignored.js\n',
      'src/.tokenshiftignore': 'skip-me/\n',
      'node_modules/lib/index.js': line,
      'vendor/lib/index.js': line,
      'src/blob.js': Buffer.concat([Buffer.from(line), Buffer.from([0, 1, 2])]),
      'src/bundle.min.js': line,
      'src/types.d.ts': line,
      'package-lock.json': `{"login": "/rest/auth/1/session"}\n`,
      'config/app.yaml.lock': 'url: /rest/auth/1/session\n',
    });
    const report = JSON.parse((await scan(dir, '--format', 'json')).stdout) as { findings: Array<{ file: string }>; skipped: Array<{ file: string; reason: string; prefilterHit: boolean }> };
    expect(report.findings.map((f) => f.file)).toEqual(['src/login.js']);
    // Folders not walked are reported as skipped (never read, so no pre-filter hit); the binary file too.
    expect(report.skipped).toEqual([
      { file: 'node_modules/', reason: 'vendored or generated folder (--include-vendored scans it)', prefilterHit: false },
      { file: 'src/blob.js', reason: 'binary (a NUL byte in the first 8 kB)', prefilterHit: true },
      { file: 'src/skip-me/', reason: 'ignored by .gitignore or .tokenshiftignore', prefilterHit: false },
      { file: 'vendor/', reason: 'vendored or generated folder (--include-vendored scans it)', prefilterHit: false },
    ]);
    const withVendored = (JSON.parse((await scan(dir, '--format', 'json', '--include-vendored')).stdout) as { findings: Array<{ file: string }> }).findings.map((f) => f.file);
    expect(withVendored.sort()).toEqual(['node_modules/lib/index.js', 'src/login.js', 'vendor/lib/index.js']);
  });
});

describe('baseline', () => {
  it('accepts known findings and fails only on new ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokenshift-baseline-'));
    cpSync(join(FIXTURES, 'python'), join(dir, 'python'), { recursive: true });
    const baseline = join(dir, '..', `${Date.now()}-baseline.json`);
    expect((await scan(dir, '--write-baseline', baseline)).code).toBe(1);
    const accepted = await scan(dir, '--baseline', baseline);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('known finding(s) accepted by the baseline');
    // Known findings survive lines moving down.
    writeFileSync(join(dir, 'python/jira_cookie.py'), `# moved\n\n${readFileSync(join(dir, 'python/jira_cookie.py'), 'utf8')}`);
    expect((await scan(dir, '--baseline', baseline)).code).toBe(0);
    writeFileSync(join(dir, 'python/new_login.py'), 'import requests\nrequests.delete(BASE + "/rest/auth/latest/session")\n');
    const fresh = await scan(dir, '--baseline', baseline, '--format', 'json');
    expect(fresh.code).toBe(1);
    expect((JSON.parse(fresh.stdout) as { findings: Array<{ file: string; line: number }> }).findings.map((f) => `${f.file}:${f.line}`)).toEqual(['python/new_login.py:2']);
    rmSync(baseline);
  });
});

describe('autoFixable: what `fix` would do, in every report but the table', () => {
  /** A requests session login `fix` rewrites, and a Kotlin login it has no rewriter for (a manual note). */
  const MIXED = {
    'whoami.py': `import os\nimport requests\nBASE = os.environ["JIRA_URL"]\nsession = requests.Session()\nsession.post(BASE + "/rest/auth/1/session", json={"username": "bot", "password": os.environ["PW"]})\nprint(session.get(BASE + "/rest/api/2/myself").json())\n`,
    'Login.kt': 'class Login { val url = base + "/rest/auth/1/session" }\n',
  };
  type Fixable = { file: string; autoFixable?: boolean };
  const byFile = (findings: Fixable[]) => Object.fromEntries([...new Set(findings.map((f) => f.file))].map((file) => [file, findings.filter((f) => f.file === file).map((f) => f.autoFixable)]));

  it('JSON: true for the finding the rewrite clears, false for the one that needs a person; nothing is written', async () => {
    const dir = tempDir(MIXED);
    try {
      const run = await scan(dir, '--format', 'json');
      expect(byFile((JSON.parse(run.stdout) as { findings: Fixable[] }).findings)).toEqual({ 'Login.kt': [false], 'whoami.py': [true] });
      expect(readFileSync(join(dir, 'whoami.py'), 'utf8')).toBe(MIXED['whoami.py']);
      const unplanned = await scan(dir, '--format', 'json', '--no-fix-plan');
      expect(byFile((JSON.parse(unplanned.stdout) as { findings: Fixable[] }).findings)).toEqual({ 'Login.kt': [undefined], 'whoami.py': [undefined] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('SARIF carries it in the property bag, Markdown says which finding is fixed automatically', async () => {
    const dir = tempDir(MIXED);
    try {
      const sarif = JSON.parse((await scan(dir, '--format', 'sarif')).stdout) as Log;
      const results = sarif.runs[0]!.results!.map((result) => ({ file: result.locations![0]!.physicalLocation!.artifactLocation!.uri!, autoFixable: result.properties?.['autoFixable'] as boolean }));
      expect(byFile(results)).toEqual({ 'Login.kt': [false], 'whoami.py': [true] });
      const markdown = (await scan(dir, '--format', 'markdown')).stdout;
      expect(markdown).toContain('fix: automatic, see [the rewrite of `whoami.py`]');
      expect(markdown).toContain('needs a person: ');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--report-to', () => {
  let server: Server;
  let url: string;
  let received: Array<{ method?: string; path?: string; headers: IncomingHttpHeaders; body: string }>;
  let reply: { status: number; body: unknown };

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ method: request.method, path: request.url, headers: request.headers, body });
        response.writeHead(reply.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    received = [];
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts the run with the contract shape, redacted evidence and relative paths', async () => {
    reply = { status: 201, body: { id: 'run-42', findingCount: 161 } };
    const token = 'tsk_ReportTokenReportTokenReportTokenReportTokenRe';
    const run = await scan(FIXTURES, '--report-to', `${url}/`, '--token', token, '--repo', 'fixtures-repo', '--format', 'json');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('reported run run-42');
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/rest/tokenshift/1/scan-runs');
    expect(request!.headers.authorization).toBe(`Bearer ${token}`);
    expect(request!.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request!.body) as Record<string, unknown> & { findings: Array<Record<string, unknown>> };
    expect(body['repo']).toBe('fixtures-repo');
    expect(typeof body['commit']).toBe('string');
    expect(new Date(body['scannedAt'] as string).toISOString()).toBe(body['scannedAt']);
    expect(body['scannerVersion']).toBe('0.1.0');
    expect(body['filesScanned']).toBe(67);
    expect(body.findings).toHaveLength(161);
    expect(Object.keys(body.findings[0]!).sort()).toEqual(['autoFixable', 'column', 'evidence', 'file', 'fingerprint', 'language', 'line', 'message', 'replacement', 'ruleId', 'severity']);
    expect(body.findings.every((finding) => typeof finding['autoFixable'] === 'boolean')).toBe(true);
    for (const secret of SECRETS) expect(request!.body).not.toContain(secret);
    expect(body.findings.every((finding) => !String(finding['file']).startsWith('/'))).toBe(true);
  });

  it('prints the server error message (Jira envelope) and exits 2', async () => {
    reply = { status: 400, body: { errorMessages: ['Scan report rejected: findings[0].severity is invalid'], errors: {} } };
    const run = await scan(join(FIXTURES, 'go'), '--report-to', url, '--token', 'tsk_x');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Scan report rejected: findings[0].severity is invalid');
  });
});
