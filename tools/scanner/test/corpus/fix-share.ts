/**
 * The share of the corpus's findings that `tokenshift-scan fix` rewrites automatically (issue 23's goal: 70%),
 * from a dry run, which writes nothing. Aggregates only (per rule and per language), for one part at a time:
 * `npx nx run scanner:corpus-fix` measures dev; the lead adds `--part=holdout` (docs/scanner-corpus.md).
 * `--details` (dev only) lists every finding left to a person with its note, grouped by case; `--reasons` counts
 * them by why (either part: counts only).
 */
import { runFix } from '../../src/fix/run-fix';
import { countFixes, formatSummary } from '../../src/fix/summary';
import { casesFolder, PARTS, type Part } from './manifest';
import { manualReasons } from './manual-reasons';

function partArgument(argv: string[]): Part {
  const value = argv.find((arg) => arg.startsWith('--part='))?.slice('--part='.length) ?? 'dev';
  if (!(PARTS as readonly string[]).includes(value)) throw new Error(`--part must be one of ${PARTS.join(', ')}`);
  return value as Part;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const part = partArgument(argv);
  const run = await runFix({ root: casesFolder(part), write: false, force: false, jobs: 0, emailVar: 'JIRA_EMAIL', tokenVar: 'JIRA_API_TOKEN', bearer: false });
  // The summary's head: the total line and one line per rule; never the file list (the holdout stays unread).
  const summary = formatSummary(run, false).split('\n');
  const end = summary.findIndex((line, index) => index > 0 && !line.startsWith('  '));
  const out = [`== ${part}`, ...summary.slice(0, end === -1 ? summary.length : end)];
  const perLanguage = new Map<string, { fixed: number; manual: number }>();
  for (const file of run.files) {
    const entry = perLanguage.get(file.language) ?? { fixed: 0, manual: 0 };
    entry.fixed += file.fixed.length;
    entry.manual += file.manual.length;
    perLanguage.set(file.language, entry);
  }
  out.push('per language (fixed automatically / findings):');
  for (const [language, entry] of [...perLanguage].sort(([, a], [, b]) => b.fixed + b.manual - (a.fixed + a.manual))) {
    out.push(`  ${language}: ${entry.fixed}/${entry.fixed + entry.manual}`);
  }
  if (argv.includes('--reasons')) {
    out.push('left to a person, by why:');
    for (const [reason, count] of manualReasons(run)) out.push(`  ${String(count).padStart(3)}  ${reason}`);
  }
  if (part === 'dev' && argv.includes('--details')) {
    out.push('needs a person (dev):');
    for (const file of run.files) for (const { finding, note } of file.manual) out.push(`  ${file.file}:${finding.line} [${finding.ruleId}] ${note}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  if (!countFixes(run).findings) process.exitCode = 1;
}

void main();
