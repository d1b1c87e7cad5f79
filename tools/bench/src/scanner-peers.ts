// The tools of the scanner benchmark, each with its command line for a tree and what it reports: the files it
// read, the files it matched, its findings.
import { dirname, join } from 'node:path';

export interface BenchTree {
  name: 'monorepo' | 'repo' | 'node_modules';
  label: string;
  path: string;
  /** Walk what ignore files and vendored-folder rules leave out (node_modules is all vendored). */
  everything: boolean;
}

export interface ToolCounts {
  filesRead: number | undefined;
  filesMatched: number | undefined;
  findings: number | undefined;
}

export interface BenchTool {
  name: 'tokenshift-scan' | 'ast-grep' | 'rg' | 'rg-literal';
  /** What it does, for the table. */
  description: string;
  command: string;
  args(tree: BenchTree): string[];
  counts(stdout: string, stderr: string): ToolCounts;
}

const numberAfter = (text: string, pattern: RegExp): number | undefined => {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : undefined;
};

export function scannerTool(cli: string, jobs?: number): BenchTool {
  return {
    name: 'tokenshift-scan',
    description: `tokenshift-scan --format json${jobs === undefined ? '' : ` --jobs ${jobs}`}`,
    command: process.execPath,
    args: (tree) => [
      cli, tree.path, '--format', 'json', '--output', '/dev/null', '--fail-on', 'none', '--no-progress',
      ...(tree.everything ? ['--include-vendored'] : []), ...(jobs === undefined ? [] : ['--jobs', String(jobs)]),
    ],
    counts: (_stdout, stderr) => ({
      filesRead: numberAfter(stderr, /(\d+) files scanned/),
      // A file the pre-filter passes is parsed or analysed by line rules: those are the files it "matched".
      filesMatched: numberAfter(stderr, /\((\d+) parsed\)/),
      findings: numberAfter(stderr, /(\d+) finding\(s\)/),
    }),
  };
}

/** The native binary of @ast-grep/cli (its postinstall, which would put it in node_modules/.bin, does not run). */
export function astGrepBinary(): string {
  const packageJson = require.resolve(`@ast-grep/cli-${process.platform}-${process.arch}${process.platform === 'linux' ? '-gnu' : ''}/package.json`);
  return join(dirname(packageJson), 'ast-grep');
}

export function astGrepTool(config: string): BenchTool {
  return {
    name: 'ast-grep',
    description: 'ast-grep scan (tools/bench/ast-grep rules)',
    command: astGrepBinary(),
    args: (tree) => [
      'scan', '-c', config, '--json=stream', '--inspect', 'summary',
      ...(tree.everything ? ['--no-ignore', 'hidden', '--no-ignore', 'dot', '--no-ignore', 'vcs', '--no-ignore', 'parent'] : []), tree.path,
    ],
    counts: (stdout, stderr) => {
      const matches = stdout.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { file: string }).file);
      return { filesRead: numberAfter(stderr, /scannedFileCount=(\d+)/), filesMatched: new Set(matches).size, findings: matches.length };
    },
  };
}

/** Characters ripgrep's regex syntax lets be escaped (it refuses `\/`, `\``… which JavaScript accepts). */
const RIPGREP_ESCAPABLE = /[\\.+*?()|[\]{}^$#&\-~]/;

/**
 * A JavaScript regex source (no flags) as ripgrep reads it: escapes of other punctuation dropped, and `\b`
 * ASCII-only as JavaScript's is (ripgrep's Unicode `\b` keeps it off its fast engines: minutes on node_modules).
 */
export function toRipgrepRegex(source: string): string {
  return source.replace(/\\(.)/g, (escape, character: string) => {
    if (character === 'b') return '(?-u:\\b)';
    return /[A-Za-z0-9]/.test(character) || RIPGREP_ESCAPABLE.test(character) ? escape : character;
  });
}

/**
 * ripgrep doing the scanner's first stage alone: its pre-filter regex over every file. `patternsModule` is the
 * scanner's src/rules/patterns.ts (the bench runs under tsx), the source of the scanner measured.
 */
export function ripgrepTool(patternsModule: string): BenchTool {
  const { PREFILTER } = require(patternsModule) as { PREFILTER: RegExp };
  const prefilter = toRipgrepRegex(PREFILTER.source);
  return {
    name: 'rg',
    description: 'rg -l (the scanner pre-filter regex)',
    command: 'rg',
    args: (tree) => ['--stats', '-l', ...(tree.everything ? ['--no-ignore', '--hidden'] : []), '-e', prefilter, tree.path],
    // --stats goes to stdout, after the file list.
    counts: (stdout) => ({
      filesRead: numberAfter(stdout, /(\d+) files searched/),
      filesMatched: numberAfter(stdout, /(\d+) files contained matches/),
      findings: numberAfter(stdout, /(\d+) matched lines/),
    }),
  };
}

/** ripgrep for the session path alone (`rg -F auth/1/session`): the reference the ≤ 3× goal was first set against. */
export function ripgrepLiteralTool(): BenchTool {
  return {
    name: 'rg-literal',
    description: 'rg -F -l auth/1/session',
    command: 'rg',
    args: (tree) => ['--stats', '-F', '-l', ...(tree.everything ? ['--no-ignore', '--hidden'] : []), '-e', 'auth/1/session', tree.path],
    counts: (stdout) => ({
      filesRead: numberAfter(stdout, /(\d+) files searched/),
      filesMatched: numberAfter(stdout, /(\d+) files contained matches/),
      findings: numberAfter(stdout, /(\d+) matched lines/),
    }),
  };
}
