import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Language, Parser } from 'web-tree-sitter';

// The grammars are multi-megabyte Wasm modules: V8's optimizing tier spends seconds compiling each one
// (TypeScript: ~1.4 s) before the first parse, while the baseline tier (Liftoff) is ready in milliseconds and
// parses fast enough. The flag is process-wide and read at compile time, so it also covers worker threads.
setFlagsFromString('--liftoff-only');

let initialised: Promise<void> | undefined;
const languages = new Map<string, Promise<Language>>();

/** Prebuilt grammars from the `tree-sitter-wasms` package, loaded once per thread on first use. */
function grammarPath(grammar: string): string {
  return join(dirname(require.resolve('tree-sitter-wasms/package.json')), 'out', `tree-sitter-${grammar}.wasm`);
}

export async function parserFor(grammar: string): Promise<Parser> {
  initialised ??= Parser.init();
  await initialised;
  let language = languages.get(grammar);
  if (!language) {
    language = Language.load(grammarPath(grammar));
    languages.set(grammar, language);
  }
  const parser = new Parser();
  parser.setLanguage(await language);
  return parser;
}
