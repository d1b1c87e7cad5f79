import type { LanguageId } from './model';

// Maps, not object literals: looking a fresh string (a name from readdir) up in an object interns it first, which
// costs more than the rest of the detection; and a Map has no inherited keys (a file named `constructor`).
const BY_EXTENSION = new Map<string, LanguageId>(Object.entries({
  '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.jsx': 'javascript',
  '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.tsx': 'tsx',
  '.py': 'python', '.java': 'java', '.kt': 'kotlin', '.kts': 'kotlin', '.go': 'go',
  '.rb': 'ruby', '.rake': 'ruby', '.php': 'php', '.cs': 'csharp',
  '.sh': 'shell', '.bash': 'shell', '.zsh': 'shell', '.ksh': 'shell',
  '.groovy': 'groovy', '.gradle': 'groovy', '.gvy': 'groovy', '.swift': 'swift',
  '.el': 'elisp', '.m': 'objc', '.mm': 'objc', '.lua': 'lua', '.rs': 'rust', '.scala': 'scala', '.sc': 'scala', '.dart': 'dart',
  '.ex': 'elixir', '.exs': 'elixir',
  // No grammar ships for these: line rules only.
  '.pl': 'perl', '.pm': 'perl', '.ps1': 'powershell', '.psm1': 'powershell', '.psd1': 'powershell', '.vb': 'vb', '.vbs': 'vb', '.bas': 'vb',
  '.ini': 'config', '.cfg': 'config', '.conf': 'config', '.toml': 'config', '.xml': 'config', '.config': 'config',
  '.json': 'json', '.http': 'http', '.rest': 'http', '.yaml': 'yaml', '.yml': 'yaml',
  '.env': 'dotenv', '.properties': 'dotenv',
  '.md': 'docs', '.markdown': 'docs', '.rst': 'docs', '.adoc': 'docs', '.txt': 'docs',
} satisfies Record<string, LanguageId>));

const BY_NAME = new Map<string, LanguageId>(Object.entries({
  Jenkinsfile: 'groovy', Rakefile: 'ruby', Gemfile: 'ruby', '.env': 'dotenv',
} satisfies Record<string, LanguageId>));

const SHEBANG: Array<[RegExp, LanguageId]> = [
  [/\b(?:ba|z|k)?sh\b/, 'shell'], [/\bpython[0-9.]*\b/, 'python'], [/\bruby\b/, 'ruby'], [/\bnode\b/, 'javascript'], [/\bphp\b/, 'php'], [/\bperl\b/, 'perl'], [/\bpwsh\b/, 'powershell'],
];

/** The name after the last `/` (walked paths use forward slashes; cheaper than path.basename on every file). */
function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The extension with its dot, as path.extname gives it for a file name: none for `.env` or `Makefile`. */
function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot) : '';
}

/** Language by file name, or by shebang for extension-less scripts; undefined = not scanned. */
export function detectLanguage(path: string, head?: string): LanguageId | undefined {
  const name = fileName(path);
  if (name.endsWith('.postman_collection.json')) return 'postman';
  const byName = BY_NAME.get(name);
  if (byName) return byName;
  if (name.startsWith('.env.')) return 'dotenv';
  const dotted = extension(name);
  const byExtension = BY_EXTENSION.get(dotted.toLowerCase());
  if (byExtension) return byExtension;
  return dotted ? undefined : languageOfShebang(head);
}

/** The language a `#!` line names, if any. */
export function languageOfShebang(head: string | undefined): LanguageId | undefined {
  if (!head?.startsWith('#!')) return undefined;
  const firstLine = head.slice(0, head.indexOf('\n') >>> 0);
  return SHEBANG.find(([pattern]) => pattern.test(firstLine))?.[1];
}

/** Media, archives and compiled code: never text worth reading (other unknown files are read as `text`). */
const BINARY_EXTENSIONS = new Set([
  '.png', '.jpg', '.jpeg', '.gif', '.ico', '.webp', '.bmp', '.pdf', '.zip', '.gz', '.tgz', '.bz2', '.xz', '.7z', '.jar', '.war', '.class',
  '.wasm', '.node', '.so', '.dll', '.dylib', '.exe', '.o', '.a', '.woff', '.woff2', '.ttf', '.otf', '.eot', '.mp3', '.mp4', '.mov', '.webm',
]);

/** Worth reading: a file of a known language, an extension-less script, or any other file not known to be binary. */
export function mayBeText(path: string): boolean {
  return !BINARY_EXTENSIONS.has(extension(fileName(path)).toLowerCase());
}

/** Extension-less files are worth reading only to look at their shebang. */
export function mayBeScript(path: string): boolean {
  const name = fileName(path);
  return !extension(name) && !BY_NAME.has(name);
}
