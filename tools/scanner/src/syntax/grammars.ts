import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Language, Parser } from 'web-tree-sitter';

// The grammars are multi-megabyte Wasm modules: V8's optimizing tier spends seconds compiling each one
// (TypeScript: ~1.4 s) before the first parse, while the baseline tier (Liftoff) is ready in milliseconds and
// parses fast enough. The flag is process-wide and read at compile time, so it also covers worker threads.
setFlagsFromString('--liftoff-only');

let initialised: Promise<void> | undefined;
const languages = new Map<string, Promise<Language>>();
/** The last grammar load started: loads run one after another (see parserFor). */
let previousLoad: Promise<unknown> = Promise.resolve();

/**
 * Grammars whose `tree-sitter-wasms` build does not run right on web-tree-sitter 0.25, taken from the grammar's
 * own npm package, which ships a .wasm built for the current ABI (docs/decisions.md). bash: the 0.1.13 build
 * imports `isalpha`, which the 0.25 runtime no longer exports, so its scanner threw on `[[ ]]` and `case`. lua:
 * the 0.1.13 build (ABI 13) parses into error nodes once another grammar (python, java, …) is loaded. powershell:
 * tree-sitter-wasms has none.
 */
const OWN_PACKAGE: ReadonlyMap<string, string> = new Map([
  ['bash', 'tree-sitter-bash'],
  ['lua', '@tree-sitter-grammars/tree-sitter-lua'],
  // Not in tree-sitter-wasms at all: only `fix` parses PowerShell (rewriters/index.ts FIX_GRAMMARS).
  ['powershell', 'tree-sitter-powershell'],
]);

/** Resolved once per grammar: asked for every parsed file, and each require.resolve searches the disk. */
const paths = new Map<string, string>();

/** Where a grammar's .wasm is: its own package when listed above, else the prebuilt `tree-sitter-wasms` one. */
export function grammarPath(grammar: string): string {
  let path = paths.get(grammar);
  if (path === undefined) {
    const ownPackage = OWN_PACKAGE.get(grammar);
    path = ownPackage
      ? join(dirname(require.resolve(`${ownPackage}/package.json`)), `tree-sitter-${grammar}.wasm`)
      : join(dirname(require.resolve('tree-sitter-wasms/package.json')), 'out', `tree-sitter-${grammar}.wasm`);
    paths.set(grammar, path);
  }
  return path;
}

/**
 * Loads a grammar from its .wasm bytes, then gives the bytes' memory back. web-tree-sitter keeps the bytes it
 * was handed reachable for as long as the grammar lives (a closure of its loader holds them), though V8 has
 * compiled its own copy: ~7 MB of ArrayBuffers per thread on the bench's monorepo, for nothing. Detaching the
 * buffer (transferring it to a clone nobody keeps) frees it whatever still points at it.
 */
export async function loadLanguage(path: string, read: (path: string) => Promise<Uint8Array> = readFile): Promise<Language> {
  const bytes = await read(path);
  try {
    return await Language.load(bytes);
  } finally {
    // Only a buffer of its own (Node's pooled small buffers cannot be transferred, and are shared).
    if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) structuredClone(bytes.buffer, { transfer: [bytes.buffer as ArrayBuffer] });
  }
}

/** Loaded once per thread on first use; a grammar that fails to load fails every later call too (the file is then degraded). */
export async function parserFor(grammar: string, path = grammarPath(grammar)): Promise<Parser> {
  initialised ??= Parser.init();
  await initialised;
  let language = languages.get(path);
  if (!language) {
    // One at a time: web-tree-sitter links each grammar's module into shared state, and two loads in flight in
    // one thread mix up their exports ("bad export type for 'tree_sitter_kotlin_external_scanner_create'").
    language = previousLoad.then(() => loadLanguage(path));
    previousLoad = language.catch(() => undefined);
    languages.set(path, language);
  }
  const parser = new Parser();
  try {
    parser.setLanguage(await language);
  } catch (error) {
    parser.delete();
    throw error;
  }
  return parser;
}
