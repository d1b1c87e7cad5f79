import { basename, dirname } from 'node:path';
import type { LanguageId } from '../model';

/**
 * The repository-wide table of string values (issue 17, item 3): constants, fields, dictionary entries and
 * the URLs helper functions return, harvested from every parsed file in the scan's first pass and resolved in
 * the second, so `AUTH + '/session'` in one file meets `AUTH = '/rest/auth/1'` in another. Only values that
 * hold a piece of the auth path are kept, so the table stays small whatever the repository's size; it is a
 * plain object, posted as is to the worker threads.
 */
export interface ValueEntry {
  name: string;
  /** The value (UNKNOWN for runtime parts), for a constant, field, property or dictionary entry. */
  value?: string;
  /** The items of a tuple or list of segments: `AUTH = ("rest", "auth", "1")`. */
  items?: string[];
  /** What a helper function returns, PARAM markers standing for its arguments. */
  template?: string;
  /** Relative path of the defining file. */
  file: string;
  language: LanguageId;
  /** The enclosing class, object or module of the definition, when it has one. */
  owner?: string;
}

/** Marks argument `i` in a function's template; with `*`, the arguments from `i` on, joined as path segments. */
export const PARAM = '\u0002';
export const PARAM_MARKER = new RegExp(`${PARAM}(\\*?)(\\d+)${PARAM}`, 'g');

/** A piece of the auth path, whole or as segments: `/rest/auth/`, `auth/1`, `rest/auth/latest`. */
const AUTH_FRAGMENT = /rest\/auth(?![\w-])|(?:^|[^\w])auth\/(?:1|latest)(?![\w])/;

export function holdsAuthFragment(value: string): boolean {
  return AUTH_FRAGMENT.test(value);
}

/**
 * Files larger than this are neither harvested nor analyzed again in the second pass: values meant for other
 * files are written by hand, in modules far smaller; bundles of that size are generated, and costly to evaluate.
 */
export const MAX_RESOLVED_FILE_SIZE = 256 * 1024;

/** Bounds on what one scan keeps (the whole table is posted to every worker). */
const MAX_ENTRIES = 4000;
const MAX_VALUE_LENGTH = 400;

/**
 * Names too common to take from another file on their own: `base`, `url`, `path`… are resolved across files
 * only when the using file names the defining file's module, class or folder (an import, `Paths.BASE`).
 */
const GENERIC = new Set(['url', 'uri', 'path', 'base', 'baseurl', 'baseuri', 'basepath', 'host', 'endpoint', 'prefix', 'root', 'route', 'api',
  'href', 'link', 'pathname', 'hostname', 'origin', 'protocol', 'value', 'name', 'key', 'config', 'settings', 'login', 'auth', 'session', 'segments', 'join', 'get', 'format', 'resource',
  'target', 'location', 'address', 'server', 'site', 'default', 'defaults', 'options', 'opts', 'data', 'params', 'build', 'make']);

/** Languages that reach each other's values: a JVM class uses a Java constant, JavaScript reads a JSON file. */
const FAMILIES: Partial<Record<LanguageId, string>> = {
  javascript: 'js', typescript: 'js', tsx: 'js', json: 'js', java: 'jvm', kotlin: 'jvm', groovy: 'jvm', scala: 'jvm',
};

function familyOf(language: LanguageId): string {
  return FAMILIES[language] ?? language;
}

/** File and folder names that every package has: naming one links to no particular file. */
const FILE_NAMES_OF_ANY_PACKAGE = new Set(['index', 'main', 'mod', 'lib', 'src', 'app', 'utils', 'util', 'common', 'config', 'constants', 'helpers',
  'types', 'dist', '__init__', 'init', 'core', 'api', 'client']);

export function isGenericName(name: string): boolean {
  return name.length <= 3 || GENERIC.has(name.toLowerCase().replace(/[_-]/g, ''));
}

/**
 * Entries harvested from one file that can stand for a URL or part of one: bounded in length, and without
 * blanks (a sentence, a log message or a snippet of code in a test names the path but is no value to build on).
 */
export function boundedEntries(entries: ValueEntry[]): ValueEntry[] {
  return entries.filter((entry) => {
    const text = entry.value ?? entry.template ?? entry.items?.join('/') ?? '';
    return text.length <= MAX_VALUE_LENGTH && !/\s/.test(text);
  });
}

/** The merged table of a scan. */
export class ValueTable {
  private readonly byName = new Map<string, ValueEntry[]>();
  private size = 0;

  constructor(entries: Iterable<ValueEntry> = []) {
    for (const entry of entries) this.add(entry);
  }

  add(entry: ValueEntry): void {
    if (this.size >= MAX_ENTRIES) return;
    const list = this.byName.get(entry.name) ?? [];
    list.push(entry);
    this.byName.set(entry.name, list);
    this.size++;
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  entries(): ValueEntry[] {
    return [...this.byName.values()].flat();
  }

  /** The table as seen from one file (its path and text tell which definitions it can reach). */
  forFile(file: string, language: LanguageId, source: string): FileValues {
    return new FileValues(this.byName, file, language, source);
  }
}

const IMPORT_LINES = /^[ \t]*(?:import|from|use|export)\b.*$/gm;
const RENAMED = /\b([A-Za-z_]\w*)\s+as\s+([A-Za-z_]\w*)\b/g;

/** Lookups for one file: its own definitions are never taken from the table (the evaluator has them). */
export class FileValues {
  private readonly folder: string;
  private readonly family: string;
  private readonly words: Set<string>;
  /** Names renamed on import: `import { AUTH as TRACKER }`, `from .paths import AUTH as TRACKER`, `use X as Y`. */
  private readonly aliases = new Map<string, string>();

  constructor(
    private readonly byName: ReadonlyMap<string, ValueEntry[]>,
    private readonly file: string,
    language: LanguageId,
    source: string,
  ) {
    this.family = familyOf(language);
    this.folder = dirname(file);
    this.words = new Set(source.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
    for (const line of source.match(IMPORT_LINES) ?? []) {
      for (const [, original, alias] of line.matchAll(RENAMED)) if (original && alias) this.aliases.set(alias, original);
    }
  }

  /**
   * The definition of `name` this file reaches: one in the same folder (a package) or in a module, class or
   * folder the file names (`from .paths import`, `Endpoints::LOGIN`, `require('./package.json')`); failing
   * that, the only definition of a name specific enough to stand alone (`buildAuthURL`, `JIRA_AUTH_BASE`).
   */
  lookup(name: string, kind: 'value' | 'template'): ValueEntry | undefined {
    const original = this.byName.has(name) ? name : this.aliases.get(name);
    if (!original) return undefined;
    name = original;
    const entries = (this.byName.get(name) ?? []).filter(
      (entry) => entry.file !== this.file && familyOf(entry.language) === this.family && (kind === 'template' ? entry.template !== undefined : entry.template === undefined),
    );
    if (!entries.length) return undefined;
    const linked = entries.filter((entry) => this.reaches(entry));
    if (linked.length) return linked[0];
    return entries.length === 1 && !isGenericName(name) ? entries[0] : undefined;
  }

  /** Some name of the table that this file holds resolves here: only then is the file worth parsing again. */
  reachesAny(): boolean {
    for (const name of this.byName.keys()) {
      if (this.words.has(name) && (this.lookup(name, 'value') ?? this.lookup(name, 'template'))) return true;
    }
    return false;
  }

  private reaches(entry: ValueEntry): boolean {
    const folder = dirname(entry.file);
    if (folder === this.folder) return true;
    // `index.js`, `__init__.py`: such a module is imported by its folder's name.
    const module = basename(entry.file).replace(/\..*$/, '');
    const named = (word: string | undefined): boolean => word !== undefined && !FILE_NAMES_OF_ANY_PACKAGE.has(word) && this.words.has(word);
    return named(module) || named(entry.owner) || (folder !== '.' && named(basename(folder)));
  }
}
