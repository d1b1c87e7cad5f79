// Scanner benchmark: the built scanner against ripgrep (literal search) and @ast-grep/cli (equivalent
// string-literal rules) on the same large real tree (this workspace's node_modules), side by side.
// Alone: `npx tsx tools/bench/src/scanner.bench.ts`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatTable } from './load';

const WORKSPACE = resolve(__dirname, '../../..');
const SCANNER = join(WORKSPACE, 'dist/tools/scanner/tools/scanner/src/cli.js');
const AST_GREP = join(WORKSPACE, 'node_modules/.bin/ast-grep');
const TREE = process.env['SCANNER_BENCH_TREE'] ?? join(WORKSPACE, 'node_modules');
/** Timed runs per tool (after one warm-up run each), interleaved so that load from other processes hits both; the best counts. */
const RUNS = Number(process.env['SCANNER_BENCH_RUNS'] ?? 3);

/** ast-grep rules equivalent to the scanner's path rule: string literals holding the session path, per language. */
const AST_GREP_LANGUAGES: Array<[string, string]> = [['JavaScript', 'string'], ['TypeScript', 'string'], ['Tsx', 'string'], ['Python', 'string'], ['Java', 'string_literal'], ['Go', 'interpreted_string_literal'], ['Ruby', 'string'], ['Php', 'string'], ['CSharp', 'string_literal'], ['Kotlin', 'string_literal'], ['Bash', 'string'], ['Swift', 'line_string_literal']];

function timed(command: string, args: string[]): { seconds: number; status: number | null; stderr: string } {
  const started = performance.now();
  const run = spawnSync(command, args, { cwd: WORKSPACE, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (run.error) throw run.error;
  return { seconds: (performance.now() - started) / 1000, status: run.status, stderr: run.stderr };
}

function hasCommand(command: string): boolean {
  return spawnSync(command, ['--version'], { encoding: 'utf8' }).status === 0;
}

function best(runs: Array<{ seconds: number }>): string {
  return `best ${Math.min(...runs.map((run) => run.seconds)).toFixed(2)} s of ${runs.map((run) => run.seconds.toFixed(2)).join(', ')}`;
}

export async function runScannerBench(): Promise<string[][]> {
  // Always rebuilt (as `nx run scanner:build` does), so the numbers are never those of a stale dist.
  execFileSync(process.execPath, ['tools/build/build-node-app.mjs', 'tools/scanner', 'dist/tools/scanner'], { cwd: WORKSPACE });
  execFileSync(process.execPath, ['tools/scanner/scripts/package-bin.mjs'], { cwd: WORKSPACE });
  const rows: string[][] = [['scanner benchmark', 'value', 'goal']];
  const scannerArgs = [SCANNER, TREE, '--include-vendored', '--format', 'json', '--output', '/dev/null', '--fail-on', 'none', '--no-progress', '--stats'];
  const rgArgs = ['--no-ignore', '--hidden', '-F', '-l', 'auth/1/session', TREE];
  const withRg = hasCommand('rg');
  // Warm-up: every tool then reads the tree from the page cache.
  timed(process.execPath, scannerArgs);
  if (withRg) timed('rg', rgArgs);
  const scannerRuns: Array<ReturnType<typeof timed>> = [];
  const rgRuns: Array<ReturnType<typeof timed>> = [];
  for (let run = 0; run < RUNS; run++) {
    scannerRuns.push(timed(process.execPath, scannerArgs));
    if (withRg) rgRuns.push(timed('rg', rgArgs));
  }
  const scanner = scannerRuns.reduce((fastest, run) => (run.seconds < fastest.seconds ? run : fastest));
  const summary = /(\d+) files scanned \((\d+) parsed\).*peak memory (\d+) MB/.exec(scanner.stderr);
  const peakMemory = Math.max(...scannerRuns.map((run) => Number(/peak memory (\d+) MB/.exec(run.stderr)?.[1] ?? NaN)));
  rows.push([`tokenshift-scan ${TREE.replace(`${WORKSPACE}/`, '')} (${summary?.[1] ?? '?'} files, ${summary?.[2] ?? '?'} parsed; ${best(scannerRuns)})`, `${scanner.seconds.toFixed(2)} s`, '']);

  if (withRg) {
    const rg = rgRuns.reduce((fastest, run) => (run.seconds < fastest.seconds ? run : fastest));
    rows.push([`rg -F auth/1/session (${best(rgRuns)}): time ratio scanner/rg`, `${(scanner.seconds / rg.seconds).toFixed(1)}x`, '<= 3x']);
  } else {
    rows.push(['rg: not installed (apt-get install -y ripgrep)', 'n/a', '<= 3x']);
  }

  if (existsSync(AST_GREP)) {
    const rules = AST_GREP_LANGUAGES.map(([language, kind]) => `id: session-path-${language.toLowerCase()}\nlanguage: ${language}\nseverity: error\nmessage: session path\nrule:\n  kind: ${kind}\n  regex: 'auth/(1|latest)/session'\n`).join('---\n');
    const rulesFile = join(mkdtempSync(join(tmpdir(), 'bench-ast-grep-')), 'rules.yml');
    writeFileSync(rulesFile, rules);
    const astGrep = timed(AST_GREP, ['scan', '--rule', rulesFile, '--json=compact', '--no-ignore', 'hidden', '--no-ignore', 'dot', '--no-ignore', 'vcs', '--no-ignore', 'parent', TREE]);
    rows.push([`ast-grep scan, ${AST_GREP_LANGUAGES.length} rules (${astGrep.seconds.toFixed(2)} s): time ratio scanner/ast-grep`, `${(scanner.seconds / astGrep.seconds).toFixed(2)}x`, '<= 0.5x']);
  } else {
    rows.push(['ast-grep: not installed (npm install @ast-grep/cli)', 'n/a', '<= 0.5x']);
  }
  rows.push(['scanner peak memory (RSS, all threads; highest run)', `${Number.isNaN(peakMemory) ? '?' : peakMemory} MB`, '<= 300 MB']);
  return rows;
}

if (require.main === module) {
  void runScannerBench().then((rows) => process.stdout.write(`${formatTable(rows)}\n`));
}
