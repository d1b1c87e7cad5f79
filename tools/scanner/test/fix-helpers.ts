import { analyzeSource } from '../src/analyze-file';
import { addFingerprints } from '../src/fingerprint';
import type { FixOptions } from '../src/fix/edits';
import { fixFile, type FileFix } from '../src/fix/fix-file';
import { DEFAULT_FIX_OPTIONS } from '../src/fix/plan';
import type { LanguageId } from '../src/model';
import { parserFor } from '../src/syntax/grammars';

/** The real scan of one file, then its rewrite in memory (nothing is written). */
export async function scanAndFix(file: string, source: string, language: LanguageId, options: FixOptions = DEFAULT_FIX_OPTIONS): Promise<FileFix> {
  const { findings } = await analyzeSource(source, language, file);
  expect(findings.length).toBeGreaterThan(0);
  return fixFile(file, source, addFingerprints(findings), options);
}

/** The rewrite happened, its text parses with the grammar without an error node, and a second run rewrites nothing. */
export async function expectCleanAndStable(result: FileFix, grammar: string, options: FixOptions = DEFAULT_FIX_OPTIONS): Promise<void> {
  expect(result.status).toBe('rewritten');
  const parser = await parserFor(grammar);
  const tree = parser.parse(result.after ?? '');
  try {
    expect(tree?.rootNode.hasError).toBe(false);
  } finally {
    tree?.delete();
    parser.delete();
  }
  const { findings } = await analyzeSource(result.after ?? '', result.language, result.file);
  if (findings.length) expect((await fixFile(result.file, result.after ?? '', addFingerprints(findings), options)).status).not.toBe('rewritten');
}
