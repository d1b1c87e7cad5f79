/**
 * Scores the built scanner on the frozen corpus: recall and precision for `dev` and `holdout` separately, by
 * language and by shape. Only aggregate numbers are printed for the holdout; per-file detail only for dev.
 * Run with `npx nx run scanner:corpus` (builds the scanner first). Not a pass/fail gate: it exits 0 whatever the
 * numbers, and 1 only when the scanner cannot be run.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { FileNotice, Finding } from '../../src/model';
import { type CorpusCase, PARTS, type Part, casesFolder, readManifest } from './manifest';
import { type Score, type Tally, score, tallyBy } from './score';

const CLI = join(__dirname, '..', '..', '..', '..', 'dist', 'tools', 'scanner', 'tools', 'scanner', 'src', 'cli.js');

interface ScanRun {
  findings: Finding[];
  /** Files the scanner gave up on (its `skipped <file>: <reason>` lines). */
  skipped: string[];
  files: { parsed: number; degraded: number; skipped: number };
  notices: Array<Omit<FileNotice, 'state'> & { state: string }>;
}

interface JsonReport {
  findings: Finding[];
  files: ScanRun['files'];
  degraded: Array<Omit<FileNotice, 'state'>>;
  skipped: Array<Omit<FileNotice, 'state'>>;
}

function scan(folder: string): ScanRun {
  const run = spawnSync(process.execPath, [CLI, folder, '--format', 'json', '--fail-on', 'none', '--no-progress'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`the scanner exited ${run.status}: ${run.stderr}`);
  const skipped = run.stderr.split('\n').filter((line) => line.startsWith('tokenshift-scan: skipped '));
  const json = JSON.parse(run.stdout) as JsonReport;
  const notices = [...json.degraded.map((notice) => ({ ...notice, state: 'degraded' })), ...json.skipped.map((notice) => ({ ...notice, state: 'skipped' }))];
  return { findings: json.findings, skipped, files: json.files, notices };
}

const percent = (part: number, whole: number): string => (whole === 0 ? '   -  ' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`);

function table(title: string, tallies: Map<string, Tally>): string {
  const width = Math.max(title.length, ...[...tallies.keys()].map((key) => key.length));
  const rows = [...tallies].map(([key, { uses, found }]) => `  ${key.padEnd(width)}  ${String(found).padStart(3)}/${String(uses).padEnd(3)}  ${percent(found, uses)}`);
  return [`  ${title.padEnd(width)}  found/uses  recall`, ...rows].join('\n');
}

function caseLanguage(cases: CorpusCase[], file: string): string {
  return cases.find((corpusCase) => file.startsWith(`${corpusCase.id}/`))?.language ?? '?';
}

function report(part: Part, cases: CorpusCase[], result: Score, run: ScanRun): string {
  const { skipped } = run;
  const findings = result.matched.length + result.falsePositives.length;
  const negatives = cases.filter((corpusCase) => corpusCase.kind === 'negative');
  const negativesFlagged = negatives.filter((corpusCase) => result.falsePositives.some((f) => f.file.startsWith(`${corpusCase.id}/`)));
  const lines = [
    `== ${part}: ${cases.length} cases, ${result.uses.length} labelled uses, ${negatives.length} negative cases`,
    `recall ${percent(result.found.size, result.uses.length)} (${result.found.size}/${result.uses.length} uses found)  ` +
      `precision ${percent(result.matched.length, findings)} (${result.matched.length}/${findings} non-info findings on a labelled use; ` +
      `${result.falsePositives.length} false positives, ${negativesFlagged.length} of ${negatives.length} negative cases flagged)`,
    table('language', tallyBy(result, (use) => use.language)),
    table('shape', tallyBy(result, (use) => use.shape)),
  ];
  const fpByLanguage = new Map<string, number>();
  for (const finding of result.falsePositives) {
    const language = caseLanguage(cases, finding.file);
    fpByLanguage.set(language, (fpByLanguage.get(language) ?? 0) + 1);
  }
  if (fpByLanguage.size > 0) lines.push(`  false positives by case language: ${[...fpByLanguage].map(([l, n]) => `${l} ${n}`).join(', ')}`);
  if (skipped.length > 0) lines.push(`  files the scanner could not analyze: ${skipped.length}`);
  lines.push(`  files: ${run.files.parsed} parsed, ${run.files.degraded} degraded (line rules only), ${run.files.skipped} skipped`);
  if (part === 'dev') {
    const missed = result.uses.filter((use) => !result.found.has(use));
    const falsePositives = result.falsePositives.map((f) => `    ${f.file}:${f.line}  ${f.ruleId} ${f.severity}`);
    lines.push('  missed uses (dev only):', ...missed.map((use) => `    ${use.file}:${use.line}  ${use.shape} (${use.language})`));
    lines.push('  false positives (dev only):', ...(falsePositives.length > 0 ? falsePositives : ['    none']));
    lines.push(...skipped.map((line) => `  ${line.replace('tokenshift-scan: ', '')}`));
    lines.push(...run.notices.map((notice) => `  ${notice.state} ${notice.file}: ${notice.reason}`));
  }
  return lines.join('\n');
}

function main(): void {
  for (const part of PARTS) {
    const manifest = readManifest(part);
    const run = scan(casesFolder(part));
    process.stdout.write(`${report(part, manifest.cases, score(manifest.cases, run.findings), run)}\n\n`);
  }
}

main();
