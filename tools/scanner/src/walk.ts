import ignore, { type Ignore } from 'ignore';
import { readFileSync, readdirSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { mayBeText } from './languages';

export interface WalkOptions {
  /** Also walk node_modules, vendor and generated folders (they are skipped by default). */
  includeVendored?: boolean;
  /** Told about each folder not walked (vendored or ignored), with the reason: such folders are reported as skipped. */
  onExcludedFolder?: (relative: string, reason: string) => void;
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
/** Lock files, minified bundles, source maps and type declarations (names ending so). */
const SKIPPED_ENDINGS = ['.min.js', '.map', '.lock', 'package-lock.json', 'pnpm-lock.yaml', 'go.sum', '.d.ts'];

/** As a regex `(?:…)$` would, but without trying the pattern at every position of the name. */
function isSkippedFile(name: string): boolean {
  for (const ending of SKIPPED_ENDINGS) if (name.endsWith(ending)) return true;
  return false;
}
/** Files in which people list paths they want skipped, in .gitignore syntax. */
const IGNORE_FILES = ['.gitignore', '.tokenshiftignore'];

interface Scope {
  base: string;
  rules: Ignore;
}

/** Only reads the ignore files the listing shows, so most folders cost no failed open. */
function readIgnoreRules(directory: string, entries: Dirent[]): Ignore | undefined {
  let rules: Ignore | undefined;
  for (const name of IGNORE_FILES) {
    if (!entries.some((entry) => entry.name === name)) continue;
    try {
      rules = (rules ?? ignore()).add(readFileSync(join(directory, name), 'utf8'));
    } catch {
      // Unreadable (or a folder with that name): nothing to apply.
    }
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
 * skips VCS and vendored folders, media/archive/compiled files and lock files. Synchronous: one readdir per folder
 * costs less than the promise around it.
 */
export function* walkFiles(root: string, options: WalkOptions): Generator<WalkedFile> {
  const pending: Array<{ directory: string; relativeDirectory: string; scopes: Scope[] }> = [{ directory: root, relativeDirectory: '', scopes: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { directory, relativeDirectory, scopes: parentScopes } = next;
    const entries = readdirSync(directory, { withFileTypes: true });
    const rules = readIgnoreRules(directory, entries);
    const scopes = rules ? [...parentScopes, { base: directory, rules }] : parentScopes;
    // Concatenation, not path.join: the names need no normalizing and this runs for every entry.
    const prefix = directory.endsWith(sep) ? directory : directory + sep;
    for (const entry of entries) {
      const name = entry.name;
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED.has(name)) continue;
        const relativeFolder = `${relativeDirectory}${name}/`;
        if (!options.includeVendored && VENDORED_DIRS.has(name)) {
          options.onExcludedFolder?.(relativeFolder, 'vendored or generated folder (--include-vendored scans it)');
          continue;
        }
        const absolute = prefix + name;
        if (isIgnored(scopes, absolute, true)) options.onExcludedFolder?.(relativeFolder, 'ignored by .gitignore or .tokenshiftignore');
        else pending.push({ directory: absolute, relativeDirectory: relativeFolder, scopes });
        continue;
      }
      // Cheapest tests first: a third of the entries are files of no known language.
      if (!entry.isFile() || !mayBeText(name) || isSkippedFile(name)) continue;
      const absolute = prefix + name;
      if (scopes.length && isIgnored(scopes, absolute, false)) continue;
      // Size is checked by the thread that reads the file: a stat per file here would serialize on this thread.
      yield { absolute, relative: relativeDirectory + name };
    }
  }
}
