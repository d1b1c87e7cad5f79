import type { Node } from 'web-tree-sitter';
import type { LanguageId } from '../model';
import { stripQuotes } from '../syntax/nodes';
import { removeListElement, removeStatement, type Edit } from './edits';
import { parseDotenv } from './rewriters/dotenv';

/** A value that only names the session path, and the edit that deletes it. */
export interface Declaration {
  /** The name its readers spell (a constant, a field, a key). */
  name: string;
  /** None for a format `fix` does not edit (YAML, INI…): its note names the readers all the same. */
  removal?: Edit;
  /** An entry's holder, which readers import (`PATHS` for `PATHS.session`); none: the name itself. */
  holder?: string;
  /** A function's local: that function's range in the source, the only place that reads it (no other file can). */
  scope?: { start: number; end: number };
}

/** Nodes whose variables are locals (Python, JS/TS, Ruby, Java/C#, Go, PHP, Rust, Kotlin…). */
const FUNCTIONS = new Set([
  'function_definition', 'function_declaration', 'function_expression', 'function', 'arrow_function', 'generator_function_declaration',
  'method_definition', 'method', 'singleton_method', 'method_declaration', 'constructor_declaration', 'func_literal', 'lambda',
  'anonymous_function_creation_expression', 'function_item', 'closure_expression', 'local_function_statement',
]);

/** Declarations of a variable (not an object's key, which any reader of the object names). */
const VARIABLES = new Set(['variable_declarator', 'assignment', 'const_spec']);

/** A variable's declaration with the range of the function it sits in, if any. */
function scoped(declaration: Declaration | undefined, node: Node): Declaration | undefined {
  if (!declaration || !VARIABLES.has(node.type)) return declaration;
  for (let up: Node | null = node; up; up = up.parent) {
    if (FUNCTIONS.has(up.type)) return { ...declaration, scope: { start: up.startIndex, end: up.endIndex } };
  }
  return declaration;
}

/** What may sit between the path's string and the declaration that holds it (a concatenation, Ruby's `.freeze`). */
const VALUE_PARTS = new Set([
  'string', 'string_content', 'string_fragment', 'string_literal', 'string_start', 'string_end', 'string_literal_content', 'interpreted_string_literal',
  'raw_string_literal', 'encapsed_string', 'expression_list', 'literal_element', 'binary_operator', 'binary_expression', 'as_expression',
  'parenthesized_expression', 'string_value', 'verbatim_string_literal', 'word', 'raw_string',
  // PowerShell wraps a value in one node per precedence level.
  'verbatim_string_characters', 'expandable_string_literal', 'unary_expression', 'array_literal_expression', 'range_expression', 'format_expression',
  'multiplicative_expression', 'additive_expression', 'comparison_expression', 'bitwise_expression', 'logical_expression', 'pipeline_chain', 'pipeline',
]);

const isFreeze = (node: Node): boolean => node.type === 'call' && node.childForFieldName('method')?.text === 'freeze';

/** The one-line key of a pair (`'session': …`, `"authUrl": …`, `'session_uri' => …`, `LoginPath: …`). */
function keyOf(node: Node): string | undefined {
  const key = node.childForFieldName('key') ?? node.namedChild(0);
  if (!key || key.text.includes('\n')) return undefined;
  const name = stripQuotes(key.text.trim());
  return /^[A-Za-z_$][\w$.-]*$/.test(name) ? name : undefined;
}

/** The variable an object/dictionary entry belongs to (`export const PATHS = { … }`, `DEFAULTS = { … }`). */
function holderOf(entry: Node): string | undefined {
  for (let node = entry.parent; node; node = node.parent) {
    if (node.type === 'variable_declarator') return node.childForFieldName('name')?.text;
    if (node.type === 'assignment') return node.childForFieldName('left')?.text;
    if (/statement|declaration|block|program|module/.test(node.type)) return undefined;
  }
  return undefined;
}

const single = (node: Node | null, type: string): boolean => node?.namedChildren.filter((child) => child?.type === type).length === 1;

/** A whole statement (with `export`), or undefined when the declaration shares its statement with others. */
function wholeStatement(source: string, statement: Node | null): Edit | undefined {
  if (!statement) return undefined;
  const outer = statement.parent?.type === 'export_statement' ? statement.parent : statement;
  return removeStatement(source, outer);
}

/**
 * The declaration of a tree-sitter language holding the string at `line` that names the session path: a constant,
 * a module or class attribute, a field, a dictionary/object/array entry. Undefined when the string is used there
 * (a call's argument, a template) rather than only stored.
 */
function treeDeclaration(source: string, root: Node, line: number): Declaration | undefined {
  const strings = root
    .descendantsOfType(['string', 'string_literal', 'interpreted_string_literal', 'raw_string_literal', 'encapsed_string', 'verbatim_string_literal', 'word', 'template_string'])
    .filter((node): node is Node => node !== null && node.startPosition.row + 1 === line && node.text.includes('rest/auth/') && node.text.includes('session'));
  const [value] = strings;
  if (strings.length !== 1 || !value) return undefined;
  let node: Node | null = value;
  while (node && (VALUE_PARTS.has(node.type) || node.id === value.id || isFreeze(node))) node = node.parent;
  if (!node) return undefined;
  const held: Node = node;
  return scoped(storedIn(source, held), held);
}

/** The declaration `node` (the value's first non-value ancestor) makes of it, if any. */
function storedIn(source: string, node: Node): Declaration | undefined {
  const name = (field: string): string | undefined => node.childForFieldName(field)?.text;
  switch (node.type) {
    case 'pair':
    case 'keyed_element':
    case 'array_element_initializer': {
      const key = keyOf(node);
      return key && node.namedChildCount === 2 ? { name: key, removal: removeListElement(source, node), holder: holderOf(node) } : undefined;
    }
    case 'variable_declarator': {
      const statement = node.parent;
      const id = name('name');
      if (!id || !statement || !/^(lexical_declaration|variable_declaration|field_declaration|local_variable_declaration)$/.test(statement.type) || !single(statement, 'variable_declarator')) return undefined;
      const removal = wholeStatement(source, statement);
      return removal && { name: id, removal };
    }
    case 'assignment': {
      const left = node.childForFieldName('left');
      if (!left || !/^(identifier|constant)$/.test(left.type)) return undefined;
      const statement = node.parent?.type === 'expression_statement' ? node.parent : node;
      if (statement.parent && !/^(module|block|body_statement|program)$/.test(statement.parent.type)) return undefined;
      return { name: left.text, removal: removeStatement(source, statement) };
    }
    case 'hash_entry': {
      // PowerShell: `SessionPath = '/rest/auth/latest/session'` in a hashtable (a .psd1 data file).
      const key = node.namedChild(0)?.text.trim();
      return key && /^[A-Za-z_]\w*$/.test(key) ? { name: key, removal: removeStatement(source, node) } : undefined;
    }
    case 'variable_assignment': {
      // Shell: `JIRA_LOGIN_PATH=/rest/auth/1/session`, with `export`/`readonly` (a config script others source).
      const id = name('name');
      const statement = node.parent?.type === 'declaration_command' && node.parent.namedChildren.length === 1 ? node.parent : node;
      if (!id || !/^(program|declaration_command)$/.test(node.parent?.type ?? '') || statement.parent?.type !== 'program') return undefined;
      return { name: id, removal: removeStatement(source, statement) };
    }
    case 'const_spec': {
      const id = name('name');
      const declaration = node.parent;
      if (!id || !declaration) return undefined;
      return { name: id, removal: removeStatement(source, single(declaration, 'const_spec') ? declaration : node) };
    }
    case 'const_element': {
      const declaration = node.parent;
      const id = node.namedChild(0)?.text;
      return id && single(declaration, 'const_element') ? { name: id, removal: removeStatement(source, declaration as Node) } : undefined;
    }
    case 'property_declaration': {
      // C#: its name field; Kotlin (`const val AUTH_PATH = …`): the identifier of its variable_declaration.
      const kotlin = node.namedChildren.find((child) => child?.type === 'variable_declaration')?.namedChildren.find((child) => child?.type === 'simple_identifier');
      const id = name('name') ?? kotlin?.text;
      return id ? { name: id, removal: removeStatement(source, node) } : undefined;
    }
    default:
      return undefined;
  }
}

/** The `KEY=value` entry of a dotenv/properties file at `line` (its grammar is line-shaped: dotenv.ts parses it). */
function dotenvDeclaration(source: string, line: number): Declaration | undefined {
  const entry = parseDotenv(source)?.find((candidate) => candidate.line === line);
  return entry ? { name: entry.key, removal: { start: entry.start, end: entry.end, text: '' } } : undefined;
}

/** `key: value` (YAML) and `key = value` (INI, TOML) lines: their key names the entry. */
const KEYED_LINE: Partial<Record<LanguageId, RegExp>> = {
  yaml: /^\s*(?:-\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*:\s*\S/,
  config: /^\s*["']?([A-Za-z_][\w.-]*)["']?\s*=\s*\S/,
};

/**
 * What holds the session path at `line`, when it only stores it: see treeDeclaration and dotenvDeclaration. A
 * YAML/INI/TOML entry has a name (its readers can be looked for) but no removal: without a grammar here,
 * `fix` never edits those files; the entry's note says who reads it.
 */
export function declarationAt(source: string, root: Node | undefined, language: LanguageId, line: number): Declaration | undefined {
  if (language === 'dotenv') return dotenvDeclaration(source, line);
  const keyed = KEYED_LINE[language];
  if (keyed) {
    // A templated value (`"{{ jira_url }}/rest/auth/1/session"`, `${base}/…`) is a request being made, not stored.
    const text = source.split('\n')[line - 1] ?? '';
    const name = keyed.exec(text)?.[1];
    return name && !/\{\{|\$\{/.test(text) ? { name } : undefined;
  }
  return root ? treeDeclaration(source, root, line) : undefined;
}
