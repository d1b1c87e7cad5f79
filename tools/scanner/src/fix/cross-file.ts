import type { Finding } from '../model';
import { resolveDeclarations } from './cross-file-declarations';
import { helpersWithDiscardedAnswers, nameCallers, removeHelpersWithCallers } from './cross-file-helpers';
import type { FixOptions } from './edits';
import type { FileFix } from './fix-file';
import type { FixLookup } from './tree-drafts';

export type { FixLookup } from './tree-drafts';

/**
 * Whole-tree reasoning after every file's own rewrite: declarations of the session path whose readers the run
 * rewrote go too, and login helpers that hand their answer out say where their callers are. Changes `fixes` in place
 * (a reader rewritten without findings of its own is added); answers, per deleted declaration, the other files rewritten with it.
 */
export async function resolveAcrossFiles(root: string, fixes: FileFix[], lookup: FixLookup, options: FixOptions & { notes: boolean }): Promise<Map<Finding, FileFix[]>> {
  await helpersWithDiscardedAnswers(root, fixes, options);
  await removeHelpersWithCallers(root, fixes, lookup, options);
  const companions = await resolveDeclarations(root, fixes, lookup, options);
  if (options.notes) await nameCallers(root, fixes);
  return companions;
}
