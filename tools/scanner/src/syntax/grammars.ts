import { dirname, join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

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
