/**
 * The share of the corpus's findings that `tokenshift-scan fix` rewrites automatically (issue 23's goal: 70%),
 * from the built CLI's dry run, which writes nothing. Aggregates only (per rule), for one part at a time:
 * `npx nx run scanner:corpus-fix` measures dev; the lead adds `--part=holdout` (docs/scanner-corpus.md).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { casesFolder, PARTS, type Part } from './manifest';

const CLI = join(__dirname, '..', '..', '..', '..', 'dist', 'tools', 'scanner', 'tools', 'scanner', 'src', 'cli.js');

function partArgument(argv: string[]): Part {
  const value = argv.find((arg) => arg.startsWith('--part='))?.slice('--part='.length) ?? 'dev';
  if (!(PARTS as readonly string[]).includes(value)) throw new Error(`--part must be one of ${PARTS.join(', ')}`);
  return value as Part;
}

const part = partArgument(process.argv.slice(2));
const run = spawnSync(process.execPath, [CLI, 'fix', casesFolder(part), '--jobs', '0'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (run.status !== 0) {
  process.stderr.write(`the scanner exited ${run.status}\n`);
  process.exit(1);
}
// The summary's head: the total line and one line per rule; never the file list (the holdout stays unread).
const summary = run.stderr.split('\n');
const end = summary.findIndex((line, index) => index > 0 && !line.startsWith('  '));
process.stdout.write(`== ${part}\n${summary.slice(0, end === -1 ? summary.length : end).join('\n')}\n`);
