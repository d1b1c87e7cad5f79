// Scanner benchmark, like with like (issue 17): the built scanner, ast-grep (a committed rule file expressing the
// same shapes, tools/bench/ast-grep) and ripgrep (the scanner's pre-filter regex) on three trees, side by side:
// (a) a generated monorepo of the scanner's dev corpus, ~30 % of its files with uses; (b) this repository;
// (c) this workspace's node_modules. Each tool is warmed once per tree, then runs as often as the others, in
// rounds whose order rotates; the median counts.
// Alone: `BENCH_ONLY=scanner npm run bench`, or `npx tsx --tsconfig tools/bench/tsconfig.json tools/bench/src/scanner.bench.ts`.
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatTable, median } from './load';
import { generateMonorepo, readCorpus, type MonorepoStats } from './scanner-monorepo';
import { astGrepTool, ripgrepLiteralTool, ripgrepTool, scannerTool, type BenchTool, type BenchTree, type ToolCounts } from './scanner-peers';
import { goalMet, type SummaryRow } from './summary';
import { runTimed } from './timed-command';
import { itemAt } from './item-at';

const WORKSPACE = resolve(__dirname, '../../..');
const SCANNER = join(WORKSPACE, 'dist/tools/scanner/tools/scanner/src/cli.js');
const AST_GREP_CONFIG = join(WORKSPACE, 'tools/bench/ast-grep/sgconfig.yml');
const CORPUS = join(WORKSPACE, 'tools/scanner/corpus/dev');
/** Never part of tree (b): the frozen corpus part set aside for measurement (docs/scanner-corpus.md). */
const HOLDOUT = 'tools/scanner/corpus/holdout';

export interface ScannerBenchSettings {
  trees: Array<BenchTree['name']>;
  /** Timed runs per tool and tree, after one warm-up run each. */
  runs: number;
  /** Files of the generated monorepo (at least; whole corpus cases are copied). */
  monorepoFiles: number;
  seed: number;
  /** Extra scanner rows with these --jobs values (the --jobs default is chosen from them, docs/benchmarks.md). */
  jobs: number[];
  /** CPUs to run every tool on (taskset -c), to measure fewer cores than the machine has. */
  cpus: string | undefined;
  /** The peers run beside the scanner (none: the scanner alone, e.g. for the --jobs table). */
  peers: Array<'ast-grep' | 'rg' | 'rg-literal'>;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): ScannerBenchSettings {
  const list = (value: string | undefined) => (value ? value.split(',').map((item) => item.trim()).filter(Boolean) : undefined);
  return {
    trees: (list(env['SCANNER_BENCH_TREES']) as ScannerBenchSettings['trees'] | undefined) ?? ['monorepo', 'repo', 'node_modules'],
    runs: Number(env['SCANNER_BENCH_RUNS'] ?? 3),
    monorepoFiles: Number(env['SCANNER_BENCH_FILES'] ?? 6000),
    seed: Number(env['SCANNER_BENCH_SEED'] ?? 17),
    jobs: (list(env['SCANNER_BENCH_JOBS']) ?? []).map(Number),
    cpus: env['SCANNER_BENCH_CPUS'] || undefined,
    peers: (env['SCANNER_BENCH_PEERS'] === undefined ? ['ast-grep', 'rg', 'rg-literal'] : (list(env['SCANNER_BENCH_PEERS']) ?? [])) as ScannerBenchSettings['peers'],
  };
}

interface ToolResult {
  tool: BenchTool;
  seconds: number[];
  cpuSeconds: number[];
  peakRssMb: number;
  counts: ToolCounts;
}

/** Warm-up, then `runs` rounds; each round runs every tool once, starting with another tool each round. */
function measureTree(tree: BenchTree, tools: BenchTool[], settings: ScannerBenchSettings): ToolResult[] {
  const prefix = settings.cpus ? ['taskset', '-c', settings.cpus] : [];
  const run = (tool: BenchTool) => {
    const outcome = runTimed(tool.command, tool.args(tree), { cwd: WORKSPACE, prefix });
    // ast-grep exits 1 when it reports error-level matches; anything else is a failed run.
    if (outcome.status !== 0 && !(tool.name === 'ast-grep' && outcome.status === 1)) {
      throw new Error(`${tool.description} on ${tree.label} exited ${outcome.status}: ${outcome.stderr.slice(-500)}`);
    }
    return outcome;
  };
  const results: ToolResult[] = tools.map((tool) => {
    const warmUp = run(tool);
    return { tool, seconds: [], cpuSeconds: [], peakRssMb: warmUp.peakRssMb, counts: tool.counts(warmUp.stdout, warmUp.stderr) };
  });
  for (let round = 0; round < settings.runs; round++) {
    for (let offset = 0; offset < results.length; offset++) {
      const result = itemAt(results, (round + offset) % results.length);
      const outcome = run(result.tool);
      result.seconds.push(outcome.seconds);
      result.cpuSeconds.push(outcome.cpuSeconds);
      result.peakRssMb = Math.max(result.peakRssMb, outcome.peakRssMb);
    }
  }
  return results;
}

function prepareTree(name: BenchTree['name'], scratch: string, settings: ScannerBenchSettings): { tree: BenchTree; note: string } {
  switch (name) {
    case 'monorepo': {
      const path = join(scratch, 'monorepo');
      mkdirSync(path);
      const stats: MonorepoStats = generateMonorepo(path, readCorpus(CORPUS), { minFiles: settings.monorepoFiles, seed: settings.seed });
      const share = ((100 * stats.filesWithUses) / stats.files).toFixed(0);
      return {
        tree: { name, label: '(a) generated monorepo', path, everything: false },
        note: `${stats.files} files (seed ${settings.seed}): ${stats.filesWithUses} with uses (${share} %), ${stats.lookAlikeFiles} look-alikes, ${stats.neutralFiles} neutral`,
      };
    }
    case 'repo': {
      // The committed tree (HEAD), without build output or the holdout corpus.
      const path = join(scratch, 'repo');
      mkdirSync(path);
      execSync(`git archive HEAD -- . ':(exclude)${HOLDOUT}' | tar -x -C ${JSON.stringify(path)}`, { cwd: WORKSPACE });
      const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: WORKSPACE, encoding: 'utf8' }).trim();
      return { tree: { name, label: '(b) this repository', path, everything: false }, note: `git archive of ${commit} without ${HOLDOUT}` };
    }
    case 'node_modules':
      return { tree: { name, label: '(c) node_modules', path: realpathSync(join(WORKSPACE, 'node_modules')), everything: true }, note: 'everything walked (--include-vendored, --no-ignore)' };
  }
}

const seconds = (value: number) => `${value.toFixed(2)} s`;
const count = (value: number | undefined) => (value === undefined ? '?' : value.toLocaleString('en'));

export interface ScannerBenchResult {
  table: string[][];
  summary: SummaryRow[];
}

export async function runScannerBench(settings = settingsFromEnv()): Promise<ScannerBenchResult> {
  // Always rebuilt (as `nx run scanner:build` does), so the numbers are never those of a stale dist.
  execFileSync(process.execPath, ['tools/build/build-node-app.mjs', 'tools/scanner', 'dist/tools/scanner'], { cwd: WORKSPACE });
  execFileSync(process.execPath, ['tools/scanner/scripts/package-bin.mjs'], { cwd: WORKSPACE });
  const scanner = scannerTool(SCANNER);
  const peers = { 'ast-grep': () => astGrepTool(AST_GREP_CONFIG), rg: () => ripgrepTool(join(WORKSPACE, 'tools/scanner/src/rules/patterns.ts')), 'rg-literal': ripgrepLiteralTool };
  const tools = [scanner, ...settings.jobs.map((jobs) => scannerTool(SCANNER, jobs)), ...settings.peers.map((peer) => peers[peer]())];
  const table: string[][] = [['tree', 'tool', 'wall time, median (runs)', 'tokenshift-scan (default) ÷ this', 'CPU user+sys, median', 'files read', 'files matched', 'findings', 'peak RSS']];
  const summary: SummaryRow[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'scanner-bench-'));
  try {
    let scannerPeakRss = 0;
    for (const name of settings.trees) {
      const { tree, note } = prepareTree(name, scratch, settings);
      const [load = NaN] = loadavg();
      const results = measureTree(tree, tools, settings);
      const scanner = itemAt(results, 0);
      const scannerMedian = median(scanner.seconds);
      const cpus = settings.cpus ? `, on CPU ${settings.cpus} only` : '';
      table.push([`${tree.label}: ${note}${cpus} (load average before: ${load.toFixed(1)})`, '', '', '', '', '', '', '', '']);
      for (const result of results) {
        const ratio = scannerMedian / median(result.seconds);
        table.push([
          '', result.tool.description, `${seconds(median(result.seconds))} (${result.seconds.map((value) => value.toFixed(2)).join(', ')})`,
          result === scanner ? '' : `${ratio.toFixed(2)}×`, seconds(median(result.cpuSeconds)), count(result.counts.filesRead), count(result.counts.filesMatched), count(result.counts.findings),
          `${result.peakRssMb.toFixed(0)} MB`,
        ]);
      }
      const peer = (toolName: BenchTool['name']) => {
        const found = results.find((result) => result.tool.name === toolName);
        if (!found) throw new Error(`${toolName} was not measured on ${tree.label}`);
        return found;
      };
      const ratioTo = (toolName: BenchTool['name']) => scannerMedian / median(peer(toolName).seconds);
      // CPU time beside the wall-time goal: under load from other processes it moves less than wall time.
      const cpuRatioTo = (toolName: BenchTool['name']) => `${(median(scanner.cpuSeconds) / median(peer(toolName).cpuSeconds)).toFixed(2)}× CPU time`;
      if (name === 'monorepo' && settings.peers.includes('ast-grep')) summary.push(goalMet(`scanner ÷ ast-grep, wall time median, ${tree.label}`, ratioTo('ast-grep'), '<=', 1, `${ratioTo('ast-grep').toFixed(2)}× (${cpuRatioTo('ast-grep')})`, '×'));
      if (name === 'node_modules') {
        for (const rg of (['rg-literal', 'rg'] as const).filter((peerName) => settings.peers.includes(peerName))) {
          const what = rg === 'rg' ? 'rg with the scanner pre-filter regex' : 'rg -F auth/1/session';
          summary.push(goalMet(`scanner ÷ ${what}, wall time median, ${tree.label}`, ratioTo(rg), '<=', 3, `${ratioTo(rg).toFixed(2)}× (${cpuRatioTo(rg)})`, '×'));
        }
      }
      scannerPeakRss = Math.max(scannerPeakRss, scanner.peakRssMb);
      // Each tree as it is done (stderr): a long run that fails later still shows what it measured.
      process.stderr.write(`${formatTable([itemAt(table, 0), ...table.slice(-results.length - 1)])}\n`);
    }
    summary.push(goalMet(`scanner peak RSS (GNU time, all threads; highest run on ${settings.trees.join(', ')})`, scannerPeakRss, '<=', 300, `${scannerPeakRss.toFixed(0)} MB`, ' MB'));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { table, summary };
}

if (require.main === module) {
  void runScannerBench().then(({ table, summary }) => {
    process.stdout.write(`${formatTable(table)}\n\n${formatTable([['benchmark', 'measured', 'goal', ''], ...summary])}\n`);
  });
}
