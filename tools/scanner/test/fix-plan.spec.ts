import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { autoFixableFindings, DEFAULT_FIX_OPTIONS, planFixes } from '../src/fix/plan';
import { formatSarif } from '../src/format/sarif';
import { runFix } from '../src/fix/run-fix';
import type { Finding } from '../src/model';
import { scanDirectory } from '../src/scan';
import { casesFolder } from './corpus/manifest';

const CLI = join(__dirname, '../../..', 'dist/tools/scanner/tools/scanner/src/cli.js');
const DEV = casesFolder('dev');

function jsonReport(root: string, jobs = '0'): Promise<Array<Finding & { autoFixable: boolean }>> {
  return new Promise((resolve, reject) => {
    // Exit code 1 (findings) is expected: only the report matters.
    execFile(process.execPath, [CLI, '--format', 'json', '--no-progress', '--jobs', jobs, root], { maxBuffer: 64 * 1024 * 1024, timeout: 100_000 }, (error, stdout) => {
      if (!stdout) return reject(error ?? new Error('no report'));
      resolve((JSON.parse(stdout) as { findings: Array<Finding & { autoFixable: boolean }> }).findings);
    });
  });
}

const automatic = (plan: Awaited<ReturnType<typeof planFixes>>): string[] => [...plan].filter(([, fix]) => fix.kind === 'automatic').map(([fingerprint]) => fingerprint).sort();

// The scan decides autoFixable without rewriting every file again: its answer must stay `fix`'s, finding by finding.
describe("autoFixable in the scan's report is what `fix` does", () => {
  // The report's answers are made where the scan holds each file's tree: on this thread (--jobs 0) or on a worker.
  it.each(['0', '1'])('on every dev-corpus finding, the JSON report (--jobs %s) says automatic exactly where `fix` clears it', async (jobs) => {
    const [report, run] = await Promise.all([jsonReport(DEV, jobs), runFix({ root: DEV, write: false, force: false, jobs: 0, emailVar: 'JIRA_EMAIL', tokenVar: 'JIRA_API_TOKEN', bearer: false })]);
    const fixed = new Set(run.files.flatMap((file) => file.fixed.map((finding) => finding.fingerprint)));
    expect(report.length).toBe(run.files.reduce((sum, file) => sum + file.fixed.length + file.manual.length, 0));
    expect(fixed.size).toBeGreaterThan(20);
    expect(report.filter((finding) => finding.autoFixable !== fixed.has(finding.fingerprint)).map(({ file, line, ruleId }) => `${file}:${line} ${ruleId}`)).toEqual([]);
  }, 120_000);

  it('with part of the findings accepted by a baseline, and files resolved through the table: the same as the full plan', async () => {
    const outcome = await scanDirectory({ root: DEV, jobs: 0, fixPlan: DEFAULT_FIX_OPTIONS });
    // The shortcuts' risky inputs are there: files whose findings came through the repository table.
    expect(outcome.resolvedFiles.length).toBeGreaterThan(0);
    expect(outcome.scannedFixes.length).toBeGreaterThan(20);
    // The second pass plans the files it resolves, with their findings through the table.
    expect(outcome.scannedFixes.filter((fix) => outcome.resolvedFiles.includes(fix.file)).length).toBeGreaterThan(0);
    const scan = { findings: outcome.findings, resolvedFiles: new Set(outcome.resolvedFiles) };
    const withScannedFixes = { ...scan, fixes: new Map(outcome.scannedFixes.map((fix) => [fix.file, fix])) };
    for (const kept of [outcome.findings, outcome.findings.filter((_, index) => index % 3 !== 0), outcome.findings.filter((finding) => finding.ruleId !== 'session-login-call')]) {
      const expected = automatic(await planFixes(DEV, kept));
      expect([...(await autoFixableFindings(DEV, kept, scan))].sort()).toEqual(expected);
      expect([...(await autoFixableFindings(DEV, kept, withScannedFixes))].sort()).toEqual(expected);
      expect(automatic(await planFixes(DEV, kept, undefined, scan))).toEqual(expected);
    }
  }, 120_000);

  it('a login found only through an imported constant: the whole-tree pass deletes the constant with it, in every planner alike', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tokenshift-plan-'));
    try {
      mkdirSync(join(root, 'pkg'));
      writeFileSync(join(root, 'pkg/settings.py'), 'SESSION_PATH = "/rest/auth/1/session"\n');
      writeFileSync(
        join(root, 'pkg/client.py'),
        'import os\nimport requests\nfrom .settings import SESSION_PATH\nBASE = os.environ["JIRA_URL"]\nsession = requests.Session()\n' +
          'session.post(BASE + SESSION_PATH, json={"username": "bot", "password": os.environ["PW"]})\nprint(session.get(BASE + "/rest/api/2/myself").json())\n',
      );
      const outcome = await scanDirectory({ root, jobs: 0 });
      expect(outcome.resolvedFiles).toEqual(['pkg/client.py']);
      const scan = { findings: outcome.findings, resolvedFiles: new Set(outcome.resolvedFiles) };
      // The file alone never reported the login; the constant it read is gone with it (cross-file.ts), so both are fixed.
      const both = outcome.findings.map((finding) => finding.fingerprint).sort();
      expect(outcome.findings.map((finding) => `${finding.file} ${finding.ruleId}`).sort()).toEqual(['pkg/client.py session-login-call', 'pkg/settings.py session-resource-path']);
      expect(automatic(await planFixes(root, outcome.findings))).toEqual(both);
      expect([...(await autoFixableFindings(root, outcome.findings, scan))].sort()).toEqual(both);
      expect(automatic(await planFixes(root, outcome.findings, undefined, scan))).toEqual(both);
      // The scan's own plan of the resolved reader (second pass) and of the declaration (first pass).
      const planned = await scanDirectory({ root, jobs: 0, fixPlan: DEFAULT_FIX_OPTIONS });
      expect(planned.scannedFixes.map((fix) => fix.file).sort()).toEqual(['pkg/client.py', 'pkg/settings.py']);
      const fixes = new Map(planned.scannedFixes.map((fix) => [fix.file, fix]));
      expect([...(await autoFixableFindings(root, planned.findings, { ...scan, fixes }))].sort()).toEqual(both);
      // The constant's fix carries the reader's rewrite too (SARIF: a second artifactChange; Markdown: its diff).
      const declared = outcome.findings.find((finding) => finding.file === 'pkg/settings.py');
      const plan = (await planFixes(root, outcome.findings)).get(declared?.fingerprint ?? '');
      expect(plan?.kind === 'automatic' && plan.others?.map((other) => other.file)).toEqual(['pkg/client.py']);
      expect(plan?.kind === 'automatic' && plan.others?.[0]?.diff).toContain('-from .settings import SESSION_PATH\n');
      const sarif = JSON.parse(formatSarif(outcome, await planFixes(root, outcome.findings))) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>; fixes?: Array<{ artifactChanges: Array<{ artifactLocation: { uri: string } }> }> }> }> };
      const result = sarif.runs[0]?.results.find((entry) => entry.locations[0]?.physicalLocation.artifactLocation.uri === 'pkg/settings.py');
      expect(result?.fixes?.[0]?.artifactChanges.map((change) => change.artifactLocation.uri)).toEqual(['pkg/settings.py', 'pkg/client.py']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("takes each file's fix from the scan, which held the file: it reads no file the scan already read", async () => {
    const root = mkdtempSync(join(tmpdir(), 'tokenshift-plan-'));
    try {
      cpSync(DEV, root, { recursive: true });
      const outcome = await scanDirectory({ root, jobs: 0, fixPlan: DEFAULT_FIX_OPTIONS });
      const scan = { findings: outcome.findings, resolvedFiles: new Set(outcome.resolvedFiles) };
      const expected = [...(await autoFixableFindings(root, outcome.findings, scan))].sort();
      // Gone from the disk after the scan: a planner reading them again would have nothing to rewrite.
      const planned = outcome.scannedFixes.filter((fix) => fix.fix?.fixed.length);
      expect(planned.length).toBeGreaterThan(10);
      for (const { file } of planned) rmSync(join(root, file));
      const fixes = new Map(outcome.scannedFixes.map((fix) => [fix.file, fix]));
      expect([...(await autoFixableFindings(root, outcome.findings, { ...scan, fixes }))].sort()).toEqual(expected);
      expect([...(await autoFixableFindings(root, outcome.findings, scan))].length).toBeLessThan(expected.length);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
