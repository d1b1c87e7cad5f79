import type { Node } from 'web-tree-sitter';
import { descendants } from './edits';
import { literalOrigin, type Origin, originOfParts, type UrlPart } from './same-origin';

/** How a grammar spells what a URL is built from (same-origin.ts): strings, concatenation, names, wrappers. */
interface UrlGrammar {
  functions: ReadonlySet<string>;
  identifier: string;
  /** Parameters' and locals' names declared in a function, each with its initial value (locals). */
  declarations(scope: Node, name: string): { parameter: boolean; value: Node | undefined }[];
  /** Whether a function assigns the name again (`x = …`). */
  assigns(scope: Node, name: string): boolean;
  /** A string's parts (undefined: not a string). */
  stringParts(node: Node): UrlPart[] | undefined;
  concatenation: ReadonlySet<string>;
  /** `this.base`, `c.base` (Go's receiver): a field, whatever method reads it. */
  field(node: Node): string | undefined;
  /** `URI.create(x)`, `new URI(x)`, `String.format("%s/…", base)`, `base.resolve("/…")`: the URL's parts. */
  call(node: Node): UrlPart[] | undefined;
}

function named(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null && !child.type.includes('comment'));
}

function unquote(text: string): string {
  return text.replace(/^(@|\$)?("""|"|`|')/, '').replace(/("""|"|`|')$/, '');
}

/** `"%s/rest/%d"` with arguments: the parts up to the first directive after the leading one. */
function formatParts(format: string, args: Node[], directive: RegExp): UrlPart[] | undefined {
  const parts: UrlPart[] = [];
  let rest = format;
  let index = 0;
  for (let match = directive.exec(rest); match; match = directive.exec(rest)) {
    if (match.index > 0) parts.push({ text: rest.slice(0, match.index) });
    const positional = match[1] !== undefined && /^\d+$/.test(match[1]) ? Number(match[1]) : index;
    const arg = args[positional];
    if (!arg) return undefined;
    parts.push({ node: arg });
    index += 1;
    rest = rest.slice(match.index + match[0].length);
  }
  if (rest) parts.push({ text: rest });
  return parts;
}

const JAVA: UrlGrammar = {
  functions: new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']),
  identifier: 'identifier',
  declarations(scope, name) {
    const parameters = descendants(scope, 'formal_parameter').filter((parameter) => parameter.childForFieldName('name')?.text === name).map(() => ({ parameter: true, value: undefined }));
    const locals = descendants(scope, 'variable_declarator').filter((declarator) => declarator.childForFieldName('name')?.text === name).map((declarator) => ({ parameter: false, value: declarator.childForFieldName('value') ?? undefined }));
    return [...parameters, ...locals];
  },
  assigns: (scope, name) => descendants(scope, 'assignment_expression').some((assignment) => assignment.childForFieldName('left')?.text === name),
  stringParts: (node) => (node.type === 'string_literal' ? [{ text: unquote(node.text) }] : undefined),
  concatenation: new Set(['binary_expression']),
  field: (node) => (node.type === 'field_access' && node.childForFieldName('object')?.type === 'this' ? node.childForFieldName('field')?.text : undefined),
  call(node) {
    const args = named(node.childForFieldName('arguments') ?? node);
    if (node.type === 'object_creation_expression') return /^(java\.net\.)?(URI|URL)$/.test(node.childForFieldName('type')?.text ?? '') && args.length === 1 && args[0] ? [{ node: args[0] }] : undefined;
    if (node.type !== 'method_invocation') return undefined;
    const target = `${node.childForFieldName('object')?.text ?? ''}.${node.childForFieldName('name')?.text ?? ''}`;
    if (/^(java\.net\.)?URI\.create$/.test(target) && args.length === 1 && args[0]) return [{ node: args[0] }];
    if (target === 'String.format' && args[0]?.type === 'string_literal') return formatParts(unquote(args[0].text), args.slice(1), /%(?:(\d+)\$)?[-#+ 0,(]*\d*(?:\.\d+)?[a-zA-Z]/);
    return resolveParts(node.childForFieldName('name')?.text, node.childForFieldName('object'), args);
  },
};

/** `base.resolve("/rest/…")`: a path resolves on the base's origin; an absolute URL is its own. */
function resolveParts(method: string | undefined, object: Node | null | undefined, args: Node[]): UrlPart[] | undefined {
  if (method !== 'resolve' || !object || args.length !== 1 || !args[0]) return undefined;
  const text = /string/.test(args[0].type) ? unquote(args[0].text) : undefined;
  if (text === undefined) return undefined;
  return literalOrigin(text, true)?.kind === 'host' ? [{ text }] : [{ node: object }, { text: '/' }];
}

function kotlinValueArguments(call: Node): Node[] {
  const list = call.namedChildren.find((child) => child?.type === 'call_suffix')?.namedChildren.find((child) => child?.type === 'value_arguments');
  return named(list ?? call).filter((arg) => arg.type === 'value_argument').map((arg) => arg.namedChildren.at(-1)).filter((value): value is Node => Boolean(value));
}

const KOTLIN: UrlGrammar = {
  functions: new Set(['function_declaration', 'lambda_literal', 'anonymous_function']),
  identifier: 'simple_identifier',
  declarations(scope, name) {
    const parameters = descendants(scope, 'parameter').filter((parameter) => parameter.namedChildren[0]?.text === name).map(() => ({ parameter: true, value: undefined }));
    const locals = descendants(scope, 'property_declaration')
      .filter((property) => property.namedChildren.find((child) => child?.type === 'variable_declaration')?.namedChildren[0]?.text === name)
      .map((property) => {
        const value = property.namedChildren.at(-1);
        const isVal = property.namedChildren.some((child) => child?.type === 'binding_pattern_kind' && child.text === 'val');
        return { parameter: !isVal, value: isVal && value && value.type !== 'variable_declaration' ? value : undefined };
      });
    return [...parameters, ...locals];
  },
  assigns: (scope, name) => descendants(scope, 'assignment').some((assignment) => assignment.namedChildren[0]?.text === name),
  stringParts(node) {
    if (node.type !== 'string_literal') return undefined;
    return named(node).map((part): UrlPart => (part.type === 'string_content' ? { text: part.text } : part.type === 'interpolated_identifier' ? { node: part } : { node: part.namedChildren[0] ?? part }));
  },
  concatenation: new Set(['additive_expression']),
  field(node) {
    if (node.type !== 'navigation_expression' || node.namedChildren[0]?.type !== 'this_expression') return undefined;
    return node.namedChildren.at(-1)?.namedChildren[0]?.text;
  },
  call(node) {
    if (node.type !== 'call_expression') return undefined;
    const callee = node.namedChildren[0];
    const args = kotlinValueArguments(node);
    if (/^(java\.net\.)?(URI|URL)$|^URI\.create$/.test(callee?.text ?? '') && args.length === 1 && args[0]) return [{ node: args[0] }];
    if (callee?.type !== 'navigation_expression') return undefined;
    const method = callee.namedChildren.at(-1)?.namedChildren[0]?.text;
    const object = callee.namedChildren[0];
    if (method === 'format' && object?.text === 'String' && args[0]?.type === 'string_literal') return formatParts(unquote(args[0].text), args.slice(1), /%(?:(\d+)\$)?[-#+ 0,(]*\d*(?:\.\d+)?[a-zA-Z]/);
    if (method === 'format' && object?.type === 'string_literal') return formatParts(unquote(object.text), args, /%(?:(\d+)\$)?[-#+ 0,(]*\d*(?:\.\d+)?[a-zA-Z]/);
    return resolveParts(method, object, args);
  },
};

const GO: UrlGrammar = {
  functions: new Set(['function_declaration', 'method_declaration', 'func_literal']),
  identifier: 'identifier',
  declarations(scope, name) {
    const parameters = descendants(scope, 'parameter_declaration').filter((parameter) => descendants(parameter, 'identifier').some((id) => id.text === name && id.parent?.id === parameter.id)).map(() => ({ parameter: true, value: undefined }));
    const shorts = descendants(scope, 'short_var_declaration').flatMap((declaration) => {
      const left = named(declaration.childForFieldName('left') ?? declaration);
      const right = named(declaration.childForFieldName('right') ?? declaration);
      const index = left.findIndex((id) => id.text === name);
      return index < 0 ? [] : [{ parameter: false, value: left.length === right.length ? right[index] : undefined }];
    });
    const specs = descendants(scope, 'var_spec').filter((spec) => spec.childForFieldName('name')?.text === name).map((spec) => ({ parameter: false, value: named(spec.childForFieldName('value') ?? spec).at(0) }));
    return [...parameters, ...shorts, ...specs];
  },
  assigns: (scope, name) => descendants(scope, 'assignment_statement').some((assignment) => named(assignment.childForFieldName('left') ?? assignment).some((left) => left.text === name)),
  stringParts: (node) => (/^(interpreted_string_literal|raw_string_literal)$/.test(node.type) ? [{ text: unquote(node.text) }] : undefined),
  concatenation: new Set(['binary_expression']),
  // `c.baseURL`: a field of the method's receiver (or of a package variable), the same whatever method reads it.
  field: (node) => (node.type === 'selector_expression' && node.childForFieldName('operand')?.type === 'identifier' ? node.text : undefined),
  call(node) {
    if (node.type !== 'call_expression') return undefined;
    const callee = node.childForFieldName('function')?.text;
    const args = named(node.childForFieldName('arguments') ?? node);
    const format = args[0];
    if (callee === 'fmt.Sprintf' && format && /string_literal/.test(format.type)) return formatParts(unquote(format.text), args.slice(1), /%(?:\[(\d+)\])?[-#+ 0]*\d*(?:\.\d+)?[a-zA-Z]/);
    return undefined;
  },
};

const CSHARP: UrlGrammar = {
  functions: new Set(['method_declaration', 'constructor_declaration', 'local_function_statement', 'lambda_expression', 'accessor_declaration']),
  identifier: 'identifier',
  declarations(scope, name) {
    const parameters = descendants(scope, 'parameter').filter((parameter) => parameter.childForFieldName('name')?.text === name).map(() => ({ parameter: true, value: undefined }));
    const locals = descendants(scope, 'variable_declarator')
      .filter((declarator) => (declarator.childForFieldName('name') ?? declarator.firstNamedChild)?.text === name)
      .map((declarator) => {
        const last = declarator.namedChildren.at(-1);
        return { parameter: false, value: last?.type === 'equals_value_clause' ? (last.firstNamedChild ?? undefined) : undefined };
      });
    return [...parameters, ...locals];
  },
  assigns: (scope, name) => descendants(scope, 'assignment_expression').some((assignment) => assignment.childForFieldName('left')?.text === name),
  stringParts(node) {
    if (node.type === 'string_literal' || node.type === 'verbatim_string_literal') return [{ text: unquote(node.text) }];
    if (node.type !== 'interpolated_string_expression') return undefined;
    return named(node).map((part): UrlPart => (part.type === 'interpolation' ? { node: part.firstNamedChild ?? part } : { text: part.text }));
  },
  concatenation: new Set(['binary_expression']),
  field(node) {
    if (node.type !== 'member_access_expression' || node.childForFieldName('expression')?.type !== 'this_expression') return undefined;
    return node.childForFieldName('name')?.text;
  },
  call(node) {
    const args = named(node.childForFieldName('arguments') ?? node).map((arg) => (arg.type === 'argument' ? (arg.firstNamedChild ?? arg) : arg));
    if (node.type === 'object_creation_expression') return /^(System\.)?Uri$/.test(node.childForFieldName('type')?.text ?? '') && args.length === 1 && args[0] ? [{ node: args[0] }] : undefined;
    if (node.type !== 'invocation_expression') return undefined;
    const callee = node.childForFieldName('function')?.text ?? '';
    if (/^(string|String)\.Format$/.test(callee) && args[0]?.type === 'string_literal') return formatParts(unquote(args[0].text), args.slice(1), /\{(\d+)(?:[,:][^}]*)?\}/);
    return undefined;
  },
};

/** A JavaScript/TypeScript pattern's bound names (`a`, `{ a, b: c }`, `[a]`, `a = 1`, TS `a: T`). */
function patternNames(pattern: Node | null | undefined): string[] {
  if (!pattern) return [];
  if (/^(identifier|shorthand_property_identifier_pattern)$/.test(pattern.type)) return [pattern.text];
  if (/^(required_parameter|optional_parameter)$/.test(pattern.type)) return patternNames(pattern.childForFieldName('pattern'));
  if (pattern.type === 'assignment_pattern') return patternNames(pattern.childForFieldName('left'));
  if (pattern.type === 'pair_pattern') return patternNames(pattern.childForFieldName('value'));
  if (/^(object_pattern|array_pattern|rest_pattern|object_assignment_pattern)$/.test(pattern.type)) return named(pattern).flatMap((child) => (child.type === 'object_assignment_pattern' ? patternNames(child.childForFieldName('left')) : patternNames(child)));
  return [];
}

/**
 * JavaScript/TypeScript: a function's parameters and `const`/`let`/`var` (a destructured or imported name is one
 * binding of untold value, like a parameter); the file itself is the outer scope (`const base = process.env.X` at the
 * top); `process.env.X` and `this.x` are bindings; template literals, `+` and `new URL(path, base)` build URLs.
 */
const JAVASCRIPT: UrlGrammar = {
  functions: new Set(['function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function', 'program']),
  identifier: 'identifier',
  declarations(scope, name) {
    const parameters = descendants(scope, 'formal_parameters').flatMap((list) => named(list).flatMap(patternNames)).filter((bound) => bound === name);
    const arrows = descendants(scope, 'arrow_function').filter((fn) => fn.childForFieldName('parameter')?.text === name);
    const locals = descendants(scope, 'variable_declarator').flatMap((declarator): { parameter: boolean; value: Node | undefined }[] => {
      const target = declarator.childForFieldName('name');
      if (target?.type === 'identifier') return target.text === name ? [{ parameter: false, value: declarator.childForFieldName('value') ?? undefined }] : [];
      return patternNames(target).includes(name) ? [{ parameter: true, value: undefined }] : [];
    });
    const imports = descendants(scope, ['import_specifier', 'import_clause', 'namespace_import']).filter((node) => named(node).at(-1)?.text === name && named(node).at(-1)?.type === 'identifier');
    const loops = descendants(scope, ['for_in_statement', 'catch_clause']).filter((node) => patternNames(node.childForFieldName('left') ?? node.childForFieldName('parameter')).includes(name));
    return [
      ...parameters.map(() => ({ parameter: true, value: undefined })),
      ...arrows.map(() => ({ parameter: true, value: undefined })),
      ...locals,
      ...imports.map(() => ({ parameter: true, value: undefined })),
      // A loop's or catch's variable takes many values: two declarations make the name untold.
      ...loops.flatMap(() => [{ parameter: false, value: undefined }, { parameter: false, value: undefined }]),
    ];
  },
  assigns: (scope, name) => descendants(scope, ['assignment_expression', 'augmented_assignment_expression', 'update_expression']).some((assignment) => (assignment.childForFieldName('left') ?? assignment.childForFieldName('argument'))?.text === name),
  stringParts(node) {
    if (node.type === 'string') return [{ text: unquote(node.text) }];
    if (node.type !== 'template_string') return undefined;
    const parts: UrlPart[] = [];
    let from = node.startIndex + 1;
    const text = (to: number): string => node.text.slice(from - node.startIndex, to - node.startIndex);
    for (const child of named(node)) {
      if (child.type !== 'template_substitution') continue;
      parts.push({ text: text(child.startIndex) });
      parts.push({ node: child.namedChildren[0] ?? child });
      from = child.endIndex;
    }
    parts.push({ text: text(node.endIndex - 1) });
    return parts;
  },
  concatenation: new Set(['binary_expression']),
  field(node) {
    if (node.type === 'member_expression' && node.childForFieldName('object')?.type === 'this') return `this.${node.childForFieldName('property')?.text ?? ''}`;
    // `process.env.TRACKER`, `process.env['TRACKER']`: one value for the whole run.
    if (/^process\.env(\.\w+|\[\s*(['"])\w+\2\s*\])$/.test(node.text)) return node.text;
    return undefined;
  },
  call(node) {
    if (node.type !== 'new_expression' || node.childForFieldName('constructor')?.text !== 'URL') return undefined;
    const args = named(node.childForFieldName('arguments') ?? node);
    const [path, base] = args;
    if (!path || args.length > 2) return undefined;
    if (!base) return [{ node: path }];
    // `new URL(path, base)`: an absolute path is its own origin; a literal path resolves on the base's origin.
    if (path.type !== 'string') return undefined;
    const text = unquote(path.text);
    return literalOrigin(text, true)?.kind === 'host' ? [{ text }] : literalOrigin(text, true)?.kind === 'relative' && !text.startsWith('//') ? [{ node: base }, { text: '/' }] : undefined;
  },
};

export const URL_GRAMMARS = { java: JAVA, kotlin: KOTLIN, go: GO, csharp: CSHARP, javascript: JAVASCRIPT } as const;

/** The operands of `a + b + c` in order (only `+`). */
function operands(node: Node, grammar: UrlGrammar): Node[] | undefined {
  if (!grammar.concatenation.has(node.type)) return undefined;
  const operator = node.children.find((child) => child && !child.isNamed)?.text;
  if (operator !== '+') return undefined;
  return named(node).flatMap((operand) => operands(operand, grammar) ?? [operand]);
}

/** A name's binding: a local given one value (its value's origin, or the name's), a parameter, or a field/constant. */
function nameOrigin(identifier: Node, grammar: UrlGrammar, depth: number): Origin | undefined {
  const name = identifier.text;
  for (let scope = identifier.parent; scope; scope = scope.parent) {
    if (!grammar.functions.has(scope.type)) continue;
    const declared = grammar.declarations(scope, name);
    if (!declared.length) continue;
    if (declared.length !== 1 || grammar.assigns(scope, name)) return undefined;
    const [only] = declared;
    const value = only?.value ? urlOrigin(only.value, grammar, depth + 1) : undefined;
    if (value) return value;
    if (!only?.parameter && !only?.value) return undefined;
    return { kind: 'base', value: `${name}@${scope.id}`, name };
  }
  // Declared by something the grammar's declarations above do not list (a loop or lambda variable, a catch, a
  // pattern): not provably the file's field or constant of that name.
  for (let scope = identifier.parent; scope; scope = scope.parent) {
    if (!grammar.functions.has(scope.type)) continue;
    const binds = (node: Node): boolean => /range_clause|for|catch|parameter|pattern|declarat|spec/.test(node.type) && !/^(expression_statement|binary_expression)$/.test(node.type);
    const declaredHere = descendants(scope, grammar.identifier).some((other) => other.text === name && other.id !== identifier.id && ((other.parent && binds(other.parent)) || (other.parent?.type === 'expression_list' && other.parent.parent && /range_clause/.test(other.parent.parent.type))));
    if (declaredHere) return undefined;
  }
  return { kind: 'base', value: `${name}@file`, name };
}

/** Where a URL expression goes (same-origin.ts); undefined where the code does not tell. */
export function urlOrigin(node: Node, grammar: UrlGrammar, depth = 0): Origin | undefined {
  if (depth > 8) return undefined;
  if (/parenthesized/.test(node.type) && node.namedChildCount === 1 && node.namedChildren[0]) return urlOrigin(node.namedChildren[0], grammar, depth + 1);
  const next = (child: Node): Origin | undefined => urlOrigin(child, grammar, depth + 1);
  const string = grammar.stringParts(node);
  if (string) return originOfParts(string, next);
  const parts = operands(node, grammar);
  if (parts) return originOfParts(parts.map((part) => grammar.stringParts(part)?.length === 1 && 'text' in (grammar.stringParts(part)?.[0] ?? {}) ? (grammar.stringParts(part)?.[0] as UrlPart) : { node: part }), next);
  if (node.type === grammar.identifier || node.type === 'interpolated_identifier') return nameOrigin(node, grammar, depth);
  // `args[0]`: one element of a parameter or local that is given one value: the same element is the same URL.
  const indexed = /^(array_access|index_expression|element_access_expression|indexing_expression)$/.test(node.type) ? named(node) : undefined;
  const array = indexed?.[0];
  const index = indexed?.at(-1)?.text.replace(/^\[|\]$/g, '').trim();
  if (indexed?.length === 2 && array?.type === grammar.identifier && /^\d+$/.test(index ?? '')) {
    const origin = nameOrigin(array, grammar, depth);
    return origin?.kind === 'base' ? { kind: 'base', value: `${origin.value}[${index}]`, name: `${origin.name}[${index}]` } : undefined;
  }
  const field = grammar.field(node);
  if (field) return { kind: 'base', value: `${field}@file`, name: field };
  const call = grammar.call(node);
  return call ? originOfParts(call, next) : undefined;
}
