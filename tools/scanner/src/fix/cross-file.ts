import type { Finding } from '../model';
import { resolveDeclarations } from './cross-file-declarations';
import { helpersWithDiscardedAnswers, nameCallers, removeHelpersWithCallers } from './cross-file-helpers';
import type { FixOptions } from './edits';
import type { FileFix } from './fix-file';
import { TreeFiles, type FixLookup } from './tree-drafts';
import type { WalkedFile } from '../walk';

export type { FixLookup } from './tree-drafts';

/** What the pass changed beyond each file's own rewrite. */
export interface CrossFileChanges {
  /** Per finding fixed across files, the other files its fix rewrote (to show and apply with it). */
  companions: Map<Finding, string[]>;
}

/**
 * Whole-tree reasoning after every file's own rewrite: login helpers whose callers the run can rewrite go with
 * them, declarations of the session path whose readers the run rewrote go too, and the helpers that stay say where
 * their callers are. Changes `fixes` in place (a reader or caller rewritten without findings of its own is added).
 */
export async function resolveAcrossFiles(root: string, fixes: FileFix[], lookup: FixLookup, options: FixOptions & { notes: boolean }, walked?: WalkedFile[]): Promise<CrossFileChanges> {
  const files = new TreeFiles(root, walked);
  await helpersWithDiscardedAnswers(files, fixes, options);
  const helpers = await removeHelpersWithCallers(files, fixes, lookup, options);
  const declarations = await resolveDeclarations(files, fixes, lookup, options);
  if (options.notes) await nameCallers(files, fixes);
  return { companions: new Map([...helpers, ...declarations]) };
}

/**
 * The files a `--write` must refuse together: a file rewritten across files is refused with the others of its fix
 * (a constant deleted while the reader that still imports it stays would break the program).
 */
export function refusedTogether(changes: CrossFileChanges, fixes: FileFix[], refused: ReadonlySet<string>): Set<string> {
  const groups = fixes.flatMap((fix) => fix.fixed.map((finding) => [fix.file, ...(changes.companions.get(finding) ?? [])]));
  const all = new Set(refused);
  for (let grew = true; grew; ) {
    grew = false;
    for (const group of groups) {
      if (!group.some((file) => all.has(file)) || group.every((file) => all.has(file))) continue;
      group.forEach((file) => all.add(file));
      grew = true;
    }
  }
  return all;
}
