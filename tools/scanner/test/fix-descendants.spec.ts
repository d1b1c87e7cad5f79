import { descendants } from '../src/fix/edits';
import { parse } from '../src/fix/fix-file';
import { indexTree } from '../src/syntax/tree-nodes';

const SOURCE = `
const session = await client.post('/rest/auth/1/session', { username, password });
function headers() {
  return { cookie: \`JSESSIONID=\${session.value}\`, accept: 'application/json' };
}
fetch(url, { headers: headers() });
`;

const ids = (nodes: Array<{ id: number }>): number[] => nodes.map((node) => node.id);

// A rewriter asks the same nodes for the same types many times: the lists are read once per tree, then copied.
describe("descendants (a rewriter's node lists)", () => {
  it('gives what the parser gives, for the whole tree and a subtree, from the index and without it, asked twice', async () => {
    for (const indexed of [false, true]) {
      const tree = await parse(SOURCE, 'javascript');
      if (!tree) throw new Error('no tree');
      try {
        const root = tree.rootNode;
        if (indexed) indexTree(root, ['call_expression', 'pair']);
        const fn = root.descendantsOfType('function_declaration')[0];
        if (!fn) throw new Error('no function');
        for (const [node, types] of [
          [root, ['call_expression']],
          [root, ['pair', 'call_expression']],
          [root, 'identifier'],
          [fn, ['pair']],
        ] as const) {
          const expected = ids(node.descendantsOfType(typeof types === 'string' ? types : [...types]).filter((child) => child !== null));
          expect(expected.length).toBeGreaterThan(0);
          expect(ids(descendants(node, types))).toEqual(expected);
          expect(ids(descendants(node, types))).toEqual(expected);
        }
      } finally {
        tree.delete();
      }
    }
  });

  it('hands each caller its own list: changing one does not change what the next caller gets', async () => {
    const tree = await parse(SOURCE, 'javascript');
    if (!tree) throw new Error('no tree');
    try {
      const first = descendants(tree.rootNode, 'call_expression');
      const count = first.length;
      first.splice(0);
      expect(descendants(tree.rootNode, 'call_expression')).toHaveLength(count);
    } finally {
      tree.delete();
    }
  });
});
