import type { Node } from 'web-tree-sitter';
import { COOKIE_NAME_READ, COOKIE_VALUE_READ, SESSION_NAME, SESSION_VALUE, UNKNOWN } from '../rules/patterns';
import type { CompiledProfile } from './compiled-profile';
import { callParts, lastName, namedChildren, stripQuotes } from './nodes';

const JOIN_PATHS = new Set(['join', 'Join', 'urljoin', 'url_join', 'joinpath', 'JoinPath', 'joinPath', 'resolve', 'Combine', 'combine', 'URL', 'URI', 'create']);
const FORMATS = new Set(['format', 'Format', 'Sprintf', 'sprintf', 'formatted']);
const SEGMENTS = new Set(['path', 'segment', 'segments', 'pathSegment', 'pathSegments', 'addPathSegment', 'addPathSegments', 'appendPath', 'appendEncodedPath',
  'appendPathSegments', 'AppendPathSegment', 'AppendPathSegments', 'resolve']);
const PASSTHROUGH = new Set(['to_sym', 'to_s', 'strip', 'trim', 'lower', 'downcase', 'toLowerCase', 'toString', 'String', 'encodeURI', 'quote']);
const ENV_DEFAULTS = new Set(['getenv', 'get', 'fetch', 'getOrDefault', 'getProperty', 'GetEnvironmentVariable', 'env']);
const SESSION_FIELD = /session(?:\.|->|\[\s*['"]|\?\.)(name|value)['"\]\s]*$/;
/** Calls that read one field of a parsed answer: `session.get("name")`, `json.getString("session.value")`. */
const FIELD_READS = new Set(['get', 'getString', 'getAsString', 'optString', 'fetch', 'dig', 'get_str', 'String', 'value']);
/** Source text that ends in a read of a field: `.session.name`, `["value"]`, `.Value)`. */
const FIELD_READ_TEXT = /[.'"[]\s*(\w+)['"\]\s)]*$/;
/** Function and method definitions of the grammars (each has a `name` field). */
const FUNCTIONS = new Set(['function_declaration', 'function_definition', 'method_declaration', 'method_definition', 'method',
  'function_item', 'function_signature', 'method_signature', 'local_function_statement']);
const RETURNS = new Set(['return_statement', 'return_expression', 'return']);
const INTERPOLATIONS = new Set(['interpolation', 'template_substitution', 'interpolated_expression']);
/** Positional placeholders of format strings: `%s`, `%v`, `{}`, `{0}`. */
const PLACEHOLDER = /%[sdv]|\{\d*\}/g;
const NOT_NAMES = new Set(['binding_pattern_kind', 'modifiers', 'value_binding_pattern', 'type_annotation', 'user_type', 'modifier']);

/**
 * Follows string constants and concatenations within one file: evaluates an expression to the string it
 * builds, with UNKNOWN for parts that depend on runtime values. That is what lets the rules see
 * `BASE + 'auth/latest/session'` or `['rest', 'auth', '1', 'session'].join('/')` as the session path.
 */
export class StringEvaluator {
  private readonly bindings = new Map<string, Node[]>();
  private readonly inProgress = new Set<number>();
  /** Function and method definitions by name, built on first need. */
  private functions: Map<string, Node[]> | undefined;

  /**
   * `sessionLogin`: the file logs in to the session resource (or reads a login answer's `session`), so reads of a
   * `name` and a `value` under any variable name are taken for the session cookie's name and value.
   */
  constructor(private readonly profile: CompiledProfile, private readonly root: Node, private readonly sessionLogin = false) {
    if (profile.assignments.size === 0) return;
    for (const node of root.descendantsOfType([...profile.assignments])) {
      const binding = node && this.bindingOf(node);
      if (!binding) continue;
      const list = this.bindings.get(binding.name) ?? [];
      list.push(binding.value);
      this.bindings.set(binding.name, list);
    }
  }

  /** The value bound to `name` nearest before `at` (or the first one), if any. */
  valueNodeOf(name: string, at?: Node): Node | undefined {
    const candidates = this.bindings.get(name);
    if (!candidates?.length) return undefined;
    if (!at) return candidates[0];
    const before = candidates.filter((value) => value.startIndex < at.startIndex && !(at.startIndex >= value.startIndex && at.endIndex <= value.endIndex));
    return before[before.length - 1] ?? candidates[0];
  }

  /**
   * True for expressions that build a string: literals, concatenations and join/format/segment calls. `type` is
   * the node's type when the caller has it already (each read of `node.type` is a call into the parser).
   */
  isStringExpression(node: Node, type = node.type): boolean {
    const { profile } = this;
    if (profile.strings.has(type) || profile.juxtaposition.has(type)) return true;
    if (profile.binary.has(type)) {
      const operator = this.operatorOf(node);
      return profile.concatOperators.has(operator) || (operator === '%' && profile.strings.has(node.namedChild(0)?.type ?? ''));
    }
    if (profile.calls.has(type)) {
      const { name } = callParts(node);
      return JOIN_PATHS.has(name) || FORMATS.has(name) || SEGMENTS.has(name);
    }
    return false;
  }

  value(node: Node, depth = 0): string {
    if (depth > 24 || this.inProgress.has(node.id)) return UNKNOWN;
    this.inProgress.add(node.id);
    try {
      return this.evaluate(node, depth + 1);
    } finally {
      this.inProgress.delete(node.id);
    }
  }

  private evaluate(node: Node, depth: number): string {
    const { profile } = this;
    const type = node.type;
    if (profile.strings.has(type)) return this.stringValue(node, depth);
    if (profile.juxtaposition.has(type)) return namedChildren(node).map((part) => this.value(part, depth)).join('');
    if (profile.binary.has(type)) {
      const operator = this.operatorOf(node);
      if (operator === '%') return this.percentFormatValue(node, depth);
      if (!profile.concatOperators.has(operator)) return UNKNOWN;
      const parts = namedChildren(node);
      return parts.length >= 2 ? this.value(parts[0]!, depth) + this.value(parts[parts.length - 1]!, depth) : UNKNOWN;
    }
    if (profile.identifiers.has(type) || profile.members.has(type)) {
      const field = SESSION_FIELD.exec(node.text);
      if (field) return field[1] === 'name' ? SESSION_NAME : SESSION_VALUE;
      const cookiePart = this.cookiePartNamed(lastName(node.text));
      if (cookiePart) return cookiePart;
      const bound = this.valueNodeOf(lastName(node.text), node);
      if (!bound) return UNKNOWN;
      const value = this.value(bound, depth);
      // `cname=$(echo "$resp" | jq -r .session.name)`: bound to a field read the evaluator cannot follow.
      const read = value === UNKNOWN ? FIELD_READ_TEXT.exec(bound.text) : null;
      return (read && this.cookiePartNamed(read[1] ?? '')) || value;
    }
    if (profile.calls.has(type)) return this.callValue(node, depth);
    // An interpolation holding a read the grammar does not split into members (Dart's `${s['name']}`, Scala's `${c.name}`).
    if (INTERPOLATIONS.has(type)) {
      const cookiePart = this.cookiePartNamed(lastName(node.text));
      if (cookiePart) return cookiePart;
    }
    if (profile.wrappers.has(type) || type === 'property_initializer') {
      const inner = namedChildren(node).filter((child) => !child.type.includes('comment'));
      const last = inner[inner.length - 1];
      return last ? this.value(last, depth) : UNKNOWN;
    }
    if (profile.literals.has(type)) return node.text;
    return UNKNOWN;
  }

  private stringValue(node: Node, depth: number): string {
    if (node.type === 'concatenated_string') return namedChildren(node).map((part) => this.value(part, depth)).join('');
    if (node.type === 'simple_symbol') return node.text.replace(/^:/, '');
    const text = node.text;
    let out = '';
    let cursor = 0;
    for (const child of namedChildren(node)) {
      if (this.profile.stringContent.has(child.type) || child.type.includes('comment')) continue;
      out += text.slice(cursor, child.startIndex - node.startIndex) + this.value(child, depth);
      cursor = child.endIndex - node.startIndex;
    }
    out += text.slice(cursor);
    return node.type === 'delimited_symbol' ? stripQuotes(out.replace(/^:/, '')) : stripQuotes(out);
  }

  /** Follows a name to the literal bound to it (`parts` → `['rest', 'auth', '1', 'session']`). */
  private resolveNode(node: Node | undefined): Node | undefined {
    for (let hops = 0; node && hops < 5 && (this.profile.identifiers.has(node.type) || this.profile.members.has(node.type)); hops++) {
      const bound = this.valueNodeOf(lastName(node.text), node);
      if (!bound) return node;
      node = bound;
    }
    return node;
  }

  private callValue(call: Node, depth: number): string {
    const parts = callParts(call);
    const { name } = parts;
    const receiver = this.resolveNode(parts.receiver);
    const args = parts.args.map((arg) => this.resolveNode(arg) ?? arg);
    const argValues = (): string[] => args.map((arg) => this.value(arg, depth));
    const { arrays, strings } = this.profile;
    if (name === 'join' && receiver && arrays.has(receiver.type)) {
      const separator = args[0] ? this.value(args[0], depth) : ',';
      return namedChildren(receiver).map((item) => this.value(item, depth)).join(separator);
    }
    if (name === 'join' && receiver && strings.has(receiver.type) && args[0] && arrays.has(args[0].type)) {
      return namedChildren(args[0]).map((item) => this.value(item, depth)).join(this.value(receiver, depth));
    }
    // Rust's `format!("{}={}", s.name, s.value)`: the macro's arguments are one token tree.
    const tokens = args.length ? undefined : namedChildren(call).find((child) => child.type === 'token_tree');
    if (tokens && FORMATS.has(name)) return this.macroFormatValue(tokens, depth);
    if (FORMATS.has(name)) {
      if (receiver && strings.has(receiver.type)) return this.filled(this.value(receiver, depth), argValues());
      const template = args.find((arg) => strings.has(arg.type));
      if (!template) return UNKNOWN;
      return this.filled(this.value(template, depth), args.slice(args.indexOf(template) + 1).map((arg) => this.value(arg, depth)));
    }
    // Getters: `session.getName()`, `cookie.get_value()`.
    const getter = args.length === 0 ? /^get_?(\w+)$/i.exec(name) : null;
    const gotten = getter && this.cookiePartNamed(getter[1] ?? '');
    if (gotten) return gotten;
    const [field] = args;
    if (this.sessionLogin && FIELD_READS.has(name) && args.length === 1 && field && strings.has(field.type)) {
      const part = this.cookiePartNamed(this.value(field, depth).split('.').pop() ?? '');
      if (part) return part;
    }
    if (SEGMENTS.has(name) && receiver && args.length) return joinSegments([this.value(receiver, depth), ...argValues()]);
    if (JOIN_PATHS.has(name)) return joinSegments(name === 'URL' || name === 'URI' ? argValues().reverse() : argValues());
    if (PASSTHROUGH.has(name)) return receiver ? this.value(receiver, depth) : args[0] ? this.value(args[0], depth) : UNKNOWN;
    // getenv('JIRA_AUTH', 'cookie'), ENV.fetch('X', 'cookie'): the default is what runs when nothing is set.
    if (ENV_DEFAULTS.has(name) && args.length === 2) return this.value(args[1]!, depth);
    return this.returnedCookiePart(name, depth);
  }

  /**
   * A function of this file that returns the login answer's cookie name or value (`func cookieName(r Login)
   * string { return r.Session.Name }`), called under any name: what its return statements give.
   */
  private returnedCookiePart(name: string, depth: number): string {
    if (!this.sessionLogin || !name) return UNKNOWN;
    this.functions ??= this.functionsByName();
    for (const definition of this.functions.get(name) ?? []) {
      for (const returned of definition.descendantsOfType([...RETURNS])) {
        const expression = returned && namedChildren(returned).find((child) => !child.type.includes('comment'));
        const value = expression ? this.value(expression, depth) : UNKNOWN;
        if (value === SESSION_NAME || value === SESSION_VALUE) return value;
      }
    }
    return UNKNOWN;
  }

  private functionsByName(): Map<string, Node[]> {
    const functions = new Map<string, Node[]>();
    for (const definition of this.root.descendantsOfType([...FUNCTIONS])) {
      const nameNode = definition?.childForFieldName('name');
      if (!definition || !nameNode) continue;
      const list = functions.get(nameNode.text) ?? [];
      list.push(definition);
      functions.set(nameNode.text, list);
    }
    return functions;
  }

  /** In a session-login file, the sentinel for a read of the cookie's name or value. */
  private cookiePartNamed(name: string): string | undefined {
    if (!this.sessionLogin) return undefined;
    if (COOKIE_NAME_READ.test(name)) return SESSION_NAME;
    if (COOKIE_VALUE_READ.test(name)) return SESSION_VALUE;
    return undefined;
  }

  /**
   * A format string with its positional placeholders filled, when that assembles a session cookie
   * (`"%s=%s" % (s["name"], s["value"])`); else the template itself, whose placeholders stand for any value.
   */
  private filled(template: string, values: string[]): string {
    let index = 0;
    const filled = template.replace(PLACEHOLDER, (placeholder) => values[index++] ?? placeholder);
    return filled.includes(SESSION_NAME) || filled.includes(SESSION_VALUE) ? filled : template;
  }

  /** The template and the comma-separated reads after it, each read by its last name. */
  private macroFormatValue(tokens: Node, depth: number): string {
    const template = namedChildren(tokens).find((child) => this.profile.strings.has(child.type));
    if (!template) return UNKNOWN;
    const rest = tokens.text.slice(template.endIndex - tokens.startIndex).replace(/[)\]}]\s*$/, '');
    const values = rest.split(',').slice(1).map((part) => this.cookiePartNamed(lastName(part.trim())) ?? UNKNOWN);
    return this.filled(this.value(template, depth), values);
  }

  /** Python's `template % (a, b)`, Ruby's `template % [a, b]`. */
  private percentFormatValue(node: Node, depth: number): string {
    const parts = namedChildren(node);
    const [template, values] = [parts[0], parts[parts.length - 1]];
    if (!template || !values || parts.length < 2 || !this.profile.strings.has(template.type)) return UNKNOWN;
    const items = values.type === 'tuple' || this.profile.arrays.has(values.type) ? namedChildren(values) : [values];
    return this.filled(this.value(template, depth), items.map((item) => this.value(item, depth)));
  }

  private operatorOf(node: Node): string {
    const operator = node.childForFieldName('operator') ?? node.childForFieldName('op');
    if (operator) return operator.text;
    for (let index = 0; index < node.childCount; index++) {
      const child = node.child(index);
      if (child && !child.isNamed) return child.text;
    }
    return '';
  }

  private bindingOf(node: Node): { name: string; value: Node } | undefined {
    const candidates = namedChildren(node).filter((child) => !NOT_NAMES.has(child.type) && !child.type.includes('comment'));
    const nameNode = node.childForFieldName('name') ?? node.childForFieldName('left') ?? node.childForFieldName('property') ?? candidates[0];
    const valueNode = node.childForFieldName('value') ?? node.childForFieldName('right') ?? candidates[candidates.length - 1];
    if (!nameNode || !valueNode || nameNode.id === valueNode.id) return undefined;
    return { name: lastName(nameNode.text.replace(/[:=].*$/s, '')), value: valueNode };
  }
}

/** Joins URL segments with single slashes, keeping `scheme://`. */
function joinSegments(parts: string[]): string {
  return parts
    .filter((part) => part.length > 0)
    .map((part, index) => (index === 0 ? part.replace(/\/+$/, '') : part.replace(/^\/+|\/+$/g, '')))
    .join('/');
}
