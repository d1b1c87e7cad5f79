import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { scanDirectory } from '../scan';
import type { FixOptions } from './edits';
import { refusedTogether, resolveAcrossFiles } from './cross-file';
import { fixFile, type FileFix } from './fix-file';
import { hasUncommittedChanges } from './git-guard';
import { findingsByFile } from './plan';

export interface FixRun {
  root: string;
  files: FileFix[];
  /** Rewritten files written to disk (`--write`). */
  written: string[];
  /** Rewritten files `--write` refused: uncommitted changes without `--force`, or a path outside the root. */
  refused: Array<{ file: string; reason: string }>;
  scanErrors: string[];
}

export interface FixRunOptions extends FixOptions {
  root: string;
  write: boolean;
  force: boolean;
  jobs?: number;
}

/** The real path of `file` when it lies inside `root` (symbolic links resolved), else undefined. */
function insideRoot(root: string, file: string): string | undefined {
  const realRoot = realpathSync(root);
  const real = realpathSync(join(root, file));
  const path = relative(realRoot, real);
  return path && !path.startsWith(`..${sep}`) && path !== '..' && !path.startsWith(sep) ? real : undefined;
}

/** Scans `root`, rewrites what it can in memory and, with `write`, saves the files that are safe to save. */
export async function runFix(options: FixRunOptions): Promise<FixRun> {
  const outcome = await scanDirectory({ root: options.root, jobs: options.jobs });
  const run: FixRun = { root: options.root, files: [], written: [], refused: [], scanErrors: outcome.errors };
  for (const [file, findings] of [...findingsByFile(outcome.findings)].sort(([a], [b]) => a.localeCompare(b))) {
    const source = readFileSync(insideRoot(options.root, file) ?? join(options.root, file), 'utf8');
    run.files.push(await fixFile(file, source, findings, options));
  }
  const changes = await resolveAcrossFiles(options.root, run.files, async (file) => run.files.find((fix) => fix.file === file), { ...options, notes: true });
  if (!options.write) return run;
  const rewritten = run.files.filter((fix) => fix.status === 'rewritten' && fix.after !== undefined);
  const reasons = new Map<string, string>();
  for (const { file } of rewritten) {
    const path = insideRoot(options.root, file);
    if (!path) reasons.set(file, 'outside --path (symbolic link)');
    else if (!options.force && hasUncommittedChanges(path)) reasons.set(file, 'uncommitted changes (commit or pass --force)');
  }
  const refused = refusedTogether(changes, run.files, new Set(reasons.keys()));
  for (const fix of rewritten) {
    const path = insideRoot(options.root, fix.file);
    if (refused.has(fix.file) || !path) run.refused.push({ file: fix.file, reason: reasons.get(fix.file) ?? 'rewritten together with a file that was refused (see above)' });
    else {
      writeFileSync(path, fix.after ?? fix.before);
      run.written.push(fix.file);
    }
  }
  return run;
}
