import ignore, { type Ignore } from 'ignore';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { detectLanguage, mayBeScript } from './languages';

export interface WalkOptions {
  /** Also walk node_modules, vendor and generated folders (they are skipped by default). */
  includeVendored?: boolean;
}

export interface WalkedFile {
  absolute: string;
  /** Relative to the scanned root, with forward slashes. */
  relative: string;
}

/** Never worth scanning: VCS metadata. */
const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn']);
/** Dependencies, build output and generated code, skipped unless `includeVendored`. */
export const VENDORED_DIRS = new Set([
  'node_modules', 'bower_components', 'vendor', 'third_party', 'Pods', 'Carthage', 'dist', 'build', 'out', 'target', 'coverage',
  '.next', '.nuxt', '.svelte-kit', '__pycache__', '.venv', 'venv', '.tox', '.gradle', '.idea', '.terraform', 'generated', '.nx', '.cache',
]);
const SKIPPED_FILES = /(?:\.min\.js|\.map|\.lock|package-lock\.json|pnpm-lock\.yaml|composer\.lock|Gemfile\.lock|go\.sum|\.d\.ts)$/;
/** Files in which people list paths they want skipped, in .gitignore syntax. */
const IGNORE_FILES = ['.gitignore', '.tokenshiftignore'];

interface Scope {
  base: string;
  rules: Ignore;
}

async function readIgnoreRules(directory: string): Promise<Ignore | undefined> {
  let rules: Ignore | undefined;
  for (const name of IGNORE_FILES) {
    const text = await readFile(join(directory, name), 'utf8').catch(() => undefined);
    if (text !== undefined) rules = (rules ?? ignore()).add(text);
  }
  return rules;
}

function isIgnored(scopes: Scope[], path: string, isDirectory: boolean): boolean {
  return scopes.some(({ base, rules }) => {
    const local = relative(base, path).split(sep).join('/');
    return local !== '' && rules.ignores(isDirectory ? `${local}/` : local);
  });
}

/**
 * Yields the files worth scanning under `root`: respects .gitignore and .tokenshiftignore at every level,
 * skips VCS and vendored folders, unknown file types and lock files.
 */
export async function* walkFiles(root: string, options: WalkOptions): AsyncGenerator<WalkedFile> {
  const pending: Array<{ directory: string; scopes: Scope[] }> = [{ directory: root, scopes: [] }];
  while (pending.length) {
    const { directory, scopes: parentScopes } = pending.pop()!;
    const rules = await readIgnoreRules(directory);
    const scopes = rules ? [...parentScopes, { base: directory, rules }] : parentScopes;
    const entries = await readdir(directory, { withFileTypes: true });
    for (const entry of entries) {
      const absolute = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED.has(entry.name) || (!options.includeVendored && VENDORED_DIRS.has(entry.name))) continue;
        if (!isIgnored(scopes, absolute, true)) pending.push({ directory: absolute, scopes });
        continue;
      }
      if (!entry.isFile() || SKIPPED_FILES.test(entry.name)) continue;
      if (!detectLanguage(entry.name) && !mayBeScript(entry.name)) continue;
      if (isIgnored(scopes, absolute, false)) continue;
      // Size is checked by the worker that reads the file: a stat per file here would serialize on this thread.
      yield { absolute, relative: relative(root, absolute).split(sep).join('/') };
    }
  }
}
