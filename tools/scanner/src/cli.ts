#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileStates, isSeverity, severityRank, type Finding, type ScanResult, type Severity } from './model';
import { progressReporter } from './progress';
import { DEFAULT_MAX_FILE_SIZE, scanDirectory, type ScanOutcome } from './scan';
import { fixCommand } from './fix/fix-command';
import { SCANNER_VERSION } from './version';

// Everything off the scan's path (output formats, baseline, git, --report-to, the progress bar) is imported
// when it is used: a scan pays only for the modules it needs at start-up.

/** Exit codes (documented in docs/scanner.md). */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

interface CliOptions {
  path?: string;
  format: 'table' | 'json' | 'sarif' | 'markdown';
  output?: string;
  failOn: Severity | 'none';
  baseline?: string;
  writeBaseline?: string;
  reportTo?: string;
  token?: string;
  repo?: string;
  jobs?: number;
  includeVendored?: boolean;
  maxFileSize: number;
  allowDegraded?: boolean;
  progress: boolean;
  stats?: boolean;
  /** False with --no-fix-plan. */
  fixPlan: boolean;
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return parsed;
}

function failOnLevel(value: string): Severity | 'none' {
  if (value === 'none' || isSeverity(value)) return value;
  throw new InvalidArgumentError('expected high, medium, low, info or none');
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

async function format(result: ScanResult, options: CliOptions, suppressed: number, repo: string | undefined, plan: FixPlan | undefined): Promise<string> {
  switch (options.format) {
    case 'table':
      return (await import('./format/table.js')).formatTable(result, suppressed);
    case 'json':
      return (await import('./format/json.js')).formatJson(result);
    case 'sarif':
      return (await import('./format/sarif.js')).formatSarif(result, plan);
    case 'markdown':
      return (await import('./format/markdown.js')).formatMarkdown(result, repo, plan);
  }
}

type FixPlan = Awaited<ReturnType<typeof import('./fix/plan.js').planFixes>>;

/**
 * `fix`'s decisions, dry (nothing is written), when an output carries them: every format but the table, and
 * --report-to; the table (the interactive default) skips them, and --no-fix-plan turns them off. SARIF and
 * Markdown get the whole plan (diffs, changes, manual notes); JSON and --report-to only which findings are
 * automatic, which skips the files whose answer is known without rewriting them.
 */
function planKind(options: CliOptions): 'whole' | 'automatic' | undefined {
  if (!options.fixPlan || (options.format === 'table' && !options.reportTo)) return undefined;
  return options.format === 'sarif' || options.format === 'markdown' ? 'whole' : 'automatic';
}

async function fixDecisions(root: string, kept: Finding[], outcome: ScanOutcome, options: CliOptions): Promise<{ plan?: FixPlan; automatic?: Set<string> }> {
  const kind = planKind(options);
  if (!kind) return {};
  const { planFixes, autoFixableFindings, DEFAULT_FIX_OPTIONS } = await import('./fix/plan.js');
  const scan = { findings: outcome.findings, resolvedFiles: new Set(outcome.resolvedFiles), fixes: new Map(outcome.scannedFixes.map((fix) => [fix.file, fix])), walked: outcome.walked };
  if (kind === 'whole') {
    const plan = await planFixes(root, kept, DEFAULT_FIX_OPTIONS, scan);
    return { plan, automatic: new Set([...plan].filter(([, fix]) => fix.kind === 'automatic').map(([fingerprint]) => fingerprint)) };
  }
  return { automatic: await autoFixableFindings(root, kept, scan) };
}

async function run(pathArgument: string | undefined, options: CliOptions): Promise<number> {
  const root = resolve(pathArgument ?? options.path ?? '.');
  if (!isDirectory(root)) throw new Error(`not a folder: ${root}`);
  const token = options.token ?? process.env['TOKENSHIFT_TOKEN'];
  if (options.reportTo && !token) throw new Error('--report-to needs --token (or TOKENSHIFT_TOKEN)');
  const accepted = options.baseline ? await (await import('./baseline.js')).readBaseline(options.baseline) : new Set<string>();

  const progress = await progressReporter(options.progress);
  // The automatic findings are decided where the scan holds each file's tree (ScanOptions.fixPlan).
  const fixPlan = planKind(options) === 'automatic' ? (await import('./fix/plan.js')).DEFAULT_FIX_OPTIONS : undefined;
  const scanOptions = { root, jobs: options.jobs, includeVendored: options.includeVendored, maxFileSize: options.maxFileSize, onProgress: progress.onProgress, fixPlan };
  const outcome = await scanDirectory(scanOptions).finally(() => progress.stop());
  for (const error of outcome.errors) process.stderr.write(`tokenshift-scan: skipped ${error}\n`);

  const kept = outcome.findings.filter((finding) => !accepted.has(finding.fingerprint));
  const { plan, automatic } = await fixDecisions(root, kept, outcome, options);
  // A finding the plan does not cover (its file could not be read again) needs a person.
  const findings = automatic ? kept.map((finding) => ({ ...finding, autoFixable: automatic.has(finding.fingerprint) })) : kept;
  const result: ScanResult = { ...outcome, findings };
  const suppressed = outcome.findings.length - findings.length;
  const info = options.format === 'markdown' || options.reportTo ? await (await import('./git-info.js')).repoInfo(root) : undefined;
  const formatted = await format(result, options, suppressed, options.repo ?? info?.repo, plan);
  if (options.output) writeFileSync(options.output, formatted);
  else process.stdout.write(formatted);
  if (options.writeBaseline) await (await import('./baseline.js')).writeBaseline(options.writeBaseline, outcome.findings);

  const memory = process.resourceUsage().maxRSS / 1024;
  const states = fileStates(outcome);
  process.stderr.write(
    `tokenshift-scan: ${outcome.filesScanned} files scanned (${outcome.filesParsed} parsed) in ${(outcome.durationMs / 1000).toFixed(2)}s, ${findings.length} finding(s)` +
      `; files: ${states.parsed} parsed, ${states.degraded} degraded, ${states.skipped} skipped` +
      (suppressed ? `, ${suppressed} accepted by the baseline` : '') +
      (options.stats ? `, peak memory ${memory.toFixed(0)} MB` : '') +
      '\n',
  );

  // `info` is read whenever there is a report to send (above).
  if (options.reportTo && token && info) {
    const { buildReport, postReport } = await import('./report-to.js');
    const report = buildReport({ repo: options.repo ?? info.repo, commit: info?.commit, branch: info?.branch, filesScanned: outcome.filesScanned, findings });
    const stored = await postReport(options.reportTo, token, report);
    process.stderr.write(`tokenshift-scan: reported run ${stored.id} (${stored.findingCount} finding(s)) to ${options.reportTo}\n`);
  }

  if (options.failOn === 'none') return EXIT_CLEAN;
  // A degraded or skipped file whose bytes hold a pre-filter literal may hide a finding: a gate must not pass silently.
  const unchecked = options.allowDegraded ? [] : outcome.notices.filter((notice) => notice.prefilterHit);
  for (const notice of unchecked) process.stderr.write(`tokenshift-scan: ${notice.state} ${notice.file} may hold a finding (${notice.reason}); pass --allow-degraded to accept\n`);
  const threshold = severityRank(options.failOn);
  return unchecked.length || findings.some((finding) => severityRank(finding.severity) >= threshold) ? EXIT_FINDINGS : EXIT_CLEAN;
}

function scanCommand(): Command {
  return new Command('scan')
    .description('Report code that still uses the cookie-session login (the default command)')
    .argument('[path]', 'folder to scan (default: the current folder)')
    .option('--path <dir>', 'folder to scan (same as the argument; for `nx run scanner:scan --path=…`)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'sarif', 'markdown']).default('table'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: high, medium, low, info, or none', failOnLevel, 'low')
    .option('--baseline <file>', 'accept the findings listed in this file (a --write-baseline or --format json output); only new ones count')
    .option('--write-baseline <file>', 'write every finding of this run to a baseline file')
    .option('--report-to <url>', 'post the run to a tokenshift server (POST <url>/rest/tokenshift/1/scan-runs)')
    .option('--token <token>', 'API token for --report-to (default: $TOKENSHIFT_TOKEN)')
    .option('--repo <name>', 'repository name for --report-to and the markdown plan (default: git origin name, else folder name)')
    .option('-j, --jobs <n>', 'worker threads besides the main one, which also analyzes (default: none on up to 2 CPUs, else one per 2 CPUs but one; 0 = none)', positiveInteger)
    .option('--include-vendored', 'also scan node_modules, vendor, dist, build and other generated folders')
    .option('--max-file-size <bytes>', 'skip larger files', positiveInteger, DEFAULT_MAX_FILE_SIZE)
    .option('--allow-degraded', 'do not fail on degraded or skipped files that may hold a finding (line rules only, too large, binary)')
    .option('--no-progress', 'no progress bar even on a terminal')
    .option('--stats', 'print peak memory with the summary line')
    .option('--no-fix-plan', "faster: do not ask fix's planner, so findings carry no autoFixable (unknown) and SARIF/markdown no fixes")
    .action(async (path: string | undefined, options: CliOptions) => {
      process.exitCode = await run(path, options);
    });
}

export function buildProgram(): Command {
  const program = new Command('tokenshift-scan')
    .description('Find code that still uses the deprecated Jira cookie-session login (/rest/auth/1/session), and rewrite it to API tokens')
    .version(SCANNER_VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  // `scan` is the default: `tokenshift-scan <dir>` scans; a folder named `fix` is `tokenshift-scan scan fix` or `./fix`.
  program.addCommand(scanCommand(), { isDefault: true });
  program.addCommand(fixCommand());
  for (const command of program.commands) command.exitOverride().configureOutput({ writeErr: (text) => process.stderr.write(text) });
  return program;
}

export async function main(argv = process.argv): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? EXIT_CLEAN : EXIT_ERROR;
      return;
    }
    process.stderr.write(`tokenshift-scan: ${(error as Error).message}\n`);
    process.exitCode = EXIT_ERROR;
  }
}

// Run directly (`node cli.js`), also as a bundle, where `module` is the bundler's wrapper but the file is this one.
if (require.main?.filename === __filename) void main();
