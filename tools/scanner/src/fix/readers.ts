import type { Node } from 'web-tree-sitter';
import type { LanguageId } from '../model';
import { escapeRegExp, removeListElement, removeStatement, type Edit } from './edits';

/** Where a name occurs in a text: 1-based lines. */
export interface Occurrence {
  file: string;
  line: number;
}

const WORD = /\w/;

/**
 * The offsets where `name` occurs as a whole word (not inside a longer identifier; `$NAME` and `${NAME}` count).
 * Reading, never editing: a search that over-counts readers (a comment, a string that happens to spell the name)
 * only keeps a declaration that could have gone, which is the safe side.
 */
export function wordOffsets(text: string, name: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) {
    const before = at > 0 ? text.charAt(at - 1) : '';
    const after = text.charAt(at + name.length);
    if (!WORD.test(before) && !WORD.test(after)) offsets.push(at);
  }
  return offsets;
}

export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}

/** The import statement or `const { … } = require(…)` declaration that names `node`, if that is where it sits. */
function importOf(node: Node): { statement: Node; element: Node; elements: number } | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  // JavaScript/TypeScript: import { NAME } from '…' / import { NAME as x } (the imported name).
  if (parent.type === 'import_specifier' && parent.childForFieldName('name')?.id === node.id && !parent.childForFieldName('alias')) {
    const clause = parent.parent;
    const statement = clause?.parent?.parent;
    if (clause?.type !== 'named_imports' || statement?.type !== 'import_statement' || clause.parent?.namedChildCount !== 1) return undefined;
    return { statement, element: parent, elements: clause.namedChildren.filter((child) => child?.type === 'import_specifier').length };
  }
  // const { NAME } = require('…')
  if (parent.type === 'object_pattern' && node.type === 'shorthand_property_identifier_pattern') {
    const declarator = parent.parent;
    const statement = declarator?.parent;
    const value = declarator?.childForFieldName('value');
    if (declarator?.type !== 'variable_declarator' || !statement || value?.type !== 'call_expression' || value.childForFieldName('function')?.text !== 'require') return undefined;
    if (statement.namedChildren.filter((child) => child?.type === 'variable_declarator').length !== 1) return undefined;
    return { statement, element: node, elements: parent.namedChildCount };
  }
  // Python: from .settings import NAME, OTHER
  if (parent.type === 'dotted_name' && parent.namedChildCount === 1 && parent.parent?.type === 'import_from_statement') {
    const statement = parent.parent;
    if (statement.childForFieldName('module_name')?.id === parent.id) return undefined;
    return { statement, element: parent, elements: statement.childrenForFieldName('name').length };
  }
  return undefined;
}

/**
 * The edits that drop `name` from the file's imports (`import { A, NAME }` keeps `A`; an import of NAME alone goes;
 * Python's `from .settings import NAME, B` likewise). The caller checks that nothing else reads it once applied.
 */
export function importEdits(source: string, root: Node, name: string): Edit[] {
  return root
    .descendantsOfType(['identifier', 'shorthand_property_identifier_pattern'])
    .filter((node): node is Node => node !== null && node.text === name)
    .flatMap((node) => {
      const found = importOf(node);
      if (!found) return [];
      if (found.elements !== 1) return [removeListElement(source, found.element)];
      const removal = removeStatement(source, found.statement);
      // The file's first line: the blank line that set the imports apart goes too.
      return [removal.start === 0 && source[removal.end] === '\n' ? { ...removal, end: removal.end + 1 } : removal];
    });
}

const FAMILIES: ReadonlyArray<ReadonlySet<LanguageId>> = [
  new Set(['javascript', 'typescript', 'tsx']),
  new Set(['java', 'kotlin', 'groovy', 'scala']),
  new Set(['csharp', 'vb']),
];

/** Formats any program may read by key (a config entry), whatever its language. */
const CONFIG_FORMATS: ReadonlySet<LanguageId> = new Set(['dotenv', 'yaml', 'json', 'config', 'text']);

/**
 * Whether code in `reader` can name what `declared` defines: the same language or one that shares its names (the
 * JVM's, JavaScript's and TypeScript's, .NET's); a config entry, any program. A file of unknown language may read anything.
 */
export function canRead(reader: LanguageId | undefined, declared: LanguageId): boolean {
  if (!reader || CONFIG_FORMATS.has(declared) || reader === declared) return true;
  return FAMILIES.some((family) => family.has(reader) && family.has(declared));
}

/**
 * Whether a Python or JavaScript/TypeScript file takes `name` from the module `declaringFile` (by its file stem):
 * `from pkg.settings import A, NAME`, `settings.NAME`, `import { NAME } from './paths.js'`,
 * `const { NAME } = require('../lib/paths')`. Read from the text, never used to edit: a file that names the
 * helper or constant without taking it from there is no caller the pass may rewrite (another `login`, Django's).
 */
export function importsName(text: string, language: LanguageId | undefined, declaringFile: string, name: string): boolean {
  const stem = escapeRegExp(declaringFile.slice(declaringFile.lastIndexOf('/') + 1).replace(/\.[^.]+$/, ''));
  const word = escapeRegExp(name);
  if (language === 'python') {
    return new RegExp(`^\\s*from\\s+[\\w.]*?\\b${stem}\\s+import\\s+\\(?[^\\n)]*\\b${word}\\b`, 'm').test(text) || new RegExp(`\\b${stem}\\.${word}\\b`).test(text);
  }
  const source = `['"][^'"]*\\b${stem}(?:\\.[cm]?[jt]sx?)?['"]`;
  return (
    new RegExp(`import\\s*(?:type\\s*)?\\{[^}]*\\b${word}\\b[^}]*\\}\\s*from\\s*${source}`).test(text) ||
    new RegExp(`\\{[^}]*\\b${word}\\b[^}]*\\}\\s*=\\s*require\\(\\s*${source}\\s*\\)`).test(text)
  );
}
