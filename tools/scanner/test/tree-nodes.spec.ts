import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { detectLanguage } from '../src/languages';
import { compileProfile } from '../src/syntax/compiled-profile';
import { parserFor } from '../src/syntax/grammars';
import { callParts } from '../src/syntax/nodes';
import { PROFILES } from '../src/syntax/profiles';
import { descendantsOf, indexTree } from '../src/syntax/tree-nodes';

const FIXTURES = join(__dirname, 'fixtures');
const RETURNS = ['return_statement', 'return_expression', 'return'];
const FUNCTIONS = ['function_declaration', 'function_definition', 'method_declaration', 'method_definition', 'method', 'function_item'];

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function parse(source: string, grammar: string) {
  const parser = await parserFor(grammar);
  try {
    const tree = parser.parse(source);
    if (!tree) throw new Error(`could not parse as ${grammar}`);
    return tree;
  } finally {
    parser.delete();
  }
}

const ids = (nodes: Array<Node | null>): number[] => nodes.map((node) => node?.id ?? -1);

/** Every fixture the scanner parses with a grammar, as [relative path, grammar, source]. */
const parsedFixtures = filesUnder(FIXTURES).flatMap((path) => {
  const language = detectLanguage(path, readFileSync(path, 'utf8').slice(0, 200));
  const profile = language ? PROFILES[language] : undefined;
  return profile ? [[path.slice(FIXTURES.length + 1), language, readFileSync(path, 'utf8')] as const] : [];
});

describe('descendantsOf (one parser walk per tree)', () => {
  it('covers fixtures of many grammars', () => {
    expect(new Set(parsedFixtures.map(([, language]) => language)).size).toBeGreaterThanOrEqual(15);
  });

  it.each(parsedFixtures)('%s: gives what descendantsOfType gives, for the whole tree and for every function', async (_, language, source) => {
    const syntax = PROFILES[language as keyof typeof PROFILES];
    if (!syntax) throw new Error(`no profile for ${language}`);
    const profile = compileProfile(syntax);
    const tree = await parse(source, syntax.grammar);
    try {
      const root = tree.rootNode;
      indexTree(root, [...profile.assignments, ...profile.pairs, ...profile.calls, ...FUNCTIONS, ...RETURNS]);
      for (const types of [profile.calls, profile.pairs, profile.assignments, new Set([...profile.calls, ...profile.pairs]), new Set(FUNCTIONS), new Set(RETURNS)]) {
        expect(ids(descendantsOf(root, types))).toEqual(ids(root.descendantsOfType([...types]).filter((node) => node !== null)));
      }
      for (const definition of root.descendantsOfType([...FUNCTIONS, ...profile.calls])) {
        if (!definition) continue;
        expect(ids(descendantsOf(definition, RETURNS))).toEqual(ids(definition.descendantsOfType(RETURNS).filter((node) => node !== null)));
      }
    } finally {
      tree.delete();
    }
  });

  it('asks the parser once per tree for the indexed types', async () => {
    const source = "function f() { return post(base + '/rest/auth/1/session'); }\nconst a = { url: get(x) };\nfunction g() { return 1; }\n";
    const tree = await parse(source, 'javascript');
    const proto = Object.getPrototypeOf(tree.rootNode) as Node;
    const walks = jest.spyOn(proto, 'descendantsOfType');
    try {
      indexTree(tree.rootNode, ['call_expression', 'pair', 'function_declaration', 'return_statement']);
      expect(walks).toHaveBeenCalledTimes(1);
      expect(descendantsOf(tree.rootNode, ['call_expression'])).toHaveLength(2);
      expect(descendantsOf(tree.rootNode, ['pair'])).toHaveLength(1);
      const functions = descendantsOf(tree.rootNode, ['function_declaration']);
      expect(functions.map((definition) => descendantsOf(definition, ['return_statement']).length)).toEqual([1, 1]);
      expect(walks).toHaveBeenCalledTimes(1);
      // A type the index does not hold: the parser's own walk.
      expect(descendantsOf(tree.rootNode, ['string'])).toHaveLength(1);
      expect(walks).toHaveBeenCalledTimes(2);
    } finally {
      walks.mockRestore();
      tree.delete();
    }
  });

  it('falls back to the parser where a range cannot tell a descendant (a missing node at the edge)', async () => {
    // The parser inserts a zero-width MISSING `)` at the end of the call.
    const tree = await parse('function f() { return g(1; }\n', 'javascript');
    try {
      const types = ['return_statement', 'call_expression', ')', 'arguments'];
      indexTree(tree.rootNode, types);
      for (const node of tree.rootNode.descendantsOfType(types)) {
        if (node) expect(ids(descendantsOf(node, types))).toEqual(ids(node.descendantsOfType(types)));
      }
    } finally {
      tree.delete();
    }
  });
});

describe('callParts', () => {
  it('reads a call once per tree and hands out parts no caller can change', async () => {
    const tree = await parse("client.post(base + '/rest/auth/1/session', body);\n", 'javascript');
    try {
      const [call] = tree.rootNode.descendantsOfType('call_expression');
      if (!call) throw new Error('no call');
      const parts = callParts(call);
      expect(parts.name).toBe('post');
      expect(parts.args.map((arg) => arg.type)).toEqual(['binary_expression', 'identifier']);
      const again = tree.rootNode.descendantsOfType('call_expression')[0];
      expect(again && callParts(again)).toBe(parts);
      expect(() => (parts.args as Node[]).push(call)).toThrow(TypeError);
    } finally {
      tree.delete();
    }
  });
});
