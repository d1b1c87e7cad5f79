import { readFile } from 'node:fs/promises';
import { Parser } from 'web-tree-sitter';
import { grammarPath, loadLanguage, parserFor } from '../src/syntax/grammars';

// Each thread loads every grammar it meets; web-tree-sitter keeps the bytes it was given reachable as long as
// the grammar lives, although V8 compiled its own copy: they are given back once the grammar is loaded.
describe('a grammar loaded from its bytes', () => {
  beforeAll(async () => {
    // Parser.init, as a scan's first parse does.
    (await parserFor('javascript')).delete();
  });

  it.each(['python', 'objc'])('gives the bytes back and still parses (%s)', async (grammar) => {
    let read: Uint8Array | undefined;
    const language = await loadLanguage(grammarPath(grammar), async (path) => (read = await readFile(path)));
    expect(read).toBeDefined();
    // Detached: its memory is freed whatever still points at it.
    expect(read?.buffer.byteLength).toBe(0);
    // Another grammar loaded after it does not disturb it.
    await loadLanguage(grammarPath('go'));
    const parser = new Parser();
    try {
      parser.setLanguage(language);
      const tree = parser.parse(grammar === 'python' ? 'requests.post(url)\n' : '@interface A\n@end\n');
      expect(tree?.rootNode.hasError).toBe(false);
      tree?.delete();
    } finally {
      parser.delete();
    }
  });
});
