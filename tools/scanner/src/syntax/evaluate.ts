import type { Node } from 'web-tree-sitter';
import { COOKIE_NAME_READ, COOKIE_VALUE_READ, SESSION_NAME, SESSION_VALUE, SET_COOKIE_READ, UNKNOWN } from '../rules/patterns';
import type { LanguageId } from '../model';
import type { CompiledProfile } from './compiled-profile';
import { callParts, lastName, namedChildren, stripQuotes } from './nodes';
import { descendantsOf, indexTree } from './tree-nodes';
import { boundedEntries, holdsAuthFragment, isGenericName, PARAM, PARAM_MARKER, type FileValues, type ValueEntry } from './value-table';

const JOIN_PATHS = new Set(['stringByAppendingPathComponent', 'URLWithString', 'join', 'Join', 'urljoin', 'url_join', 'joinpath', 'JoinPath', 'joinPath', 'resolve', 'Combine', 'combine', 'URL', 'URI', 'create']);
const FORMATS = new Set(['format', 'Format', 'Sprintf', 'sprintf', 'formatted']);
const SEGMENTS = new Set(['path', 'segment', 'segments', 'pathSegment', 'pathSegments', 'addPathSegment', 'addPathSegments', 'appendPath', 'appendEncodedPath',
  'appendPathSegments', 'AppendPathSegment', 'AppendPathSegments', 'resolve']);
const APPENDS = new Set(['concat', 'stringByAppendingString']);
const PASSTHROUGH = new Set(['cdr', 'asText', 'textValue', 'getAsString', 'freeze', 'to_sym', 'to_s', 'strip', 'trim', 'lower', 'downcase', 'toLowerCase', 'toString', 'String', 'encodeURI', 'quote', 'decodeURI', 'decodeURIComponent']);
const ENV_DEFAULTS = new Set(['getenv', 'get', 'fetch', 'getOrDefault', 'getProperty', 'GetEnvironmentVariable', 'env']);
const SESSION_FIELD = /session(?:\.|->|\[\s*['"]|\?\.)(name|value)['"\]\s]*$/;
/** Calls that read one field of a parsed answer: `session.get("name")`, `json.getString("session.value")`. */
const FIELD_READS = new Set(['get', 'getString', 'getAsString', 'optString', 'fetch', 'dig', 'get_str', 'String', 'value']);
/** Calls that read one response header by its name: `Header.Get("Set-Cookie")`, `getHeaderField("Set-Cookie")`, `headers.get('set-cookie')`. */
const HEADER_READS = new Set(['get', 'Get', 'getHeaderField', 'getFirstHeader', 'getHeader', 'getHeaders', 'header', 'headers', 'Values', 'getAll', 'getlist']);
/** A subscript read of the `Set-Cookie` header: `res.headers['set-cookie']`, `resp.Header["Set-Cookie"]`. */
const SET_COOKIE_SUBSCRIPT = /\[\s*['"]set-cookie['"]\s*\](?:\s*\[\s*0\s*\])?$/i;
/** Lisp lookups of one entry by its key: `(cdr (assoc 'name s))`, `(alist-get 'value s)`, `(plist-get s :name)`, `(gethash "name" s)`. */
const KEY_LOOKUPS = new Set(['assoc', 'assq', 'assoc-default', 'alist-get', 'plist-get', 'gethash', 'map-elt', 'let-alist']);
/** A key written as a Lisp symbol, keyword or string. */
const LISP_KEY = /^(?:'|:|")?([A-Za-z_][\w-]*)"?$/;
/** Source text that ends in a read of a field: `.session.name`, `["value"]`, `.Value)`. */
const FIELD_READ_TEXT = /[.'"[]\s*(\w+)['"\]\s)]*$/;
/** Function and method definitions of the grammars (each has a `name` field). */
const FUNCTIONS = new Set(['function_declaration', 'function_definition', 'method_declaration', 'method_definition', 'method',
  'function_item', 'function_signature', 'method_signature', 'local_function_statement']);
/** Functions written as values (`this.buildUrl = function (p) {…}`, `const url = (p) => …`): named by their binding. */
const FUNCTION_VALUES = new Set(['function_expression', 'function', 'arrow_function', 'lambda', 'anonymous_function', 'closure_expression', 'func_literal',
  'lambda_expression']);
/** Parameter list nodes, and parameters that take the remaining arguments (`*parts`, `...parts`, `String... parts`, `params string[]`). */
const VARIADIC = /splat|rest_pattern|variadic|spread/;
/** Arguments spread into a call: `f(*parts)`, `f(...parts)`. */
const SPREAD_ARGUMENTS = new Set(['list_splat', 'spread_element', 'splat_argument']);
/** Named placeholders of format strings: `{host}`, `{login_path!s}`, `%(host)s`. */
const NAMED_PLACEHOLDER = /\{([A-Za-z_]\w*)(?:![rsa])?(?::[^}]*)?\}|%\(([A-Za-z_]\w*)\)[sdr]/g;
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
  /** What each function of this file returns, PARAM markers for its arguments (UNKNOWN when it builds no URL). */
  private readonly templates = new Map<number, string>();
  /** While a function's template is evaluated: its parameters' markers. */
  private parameters: Map<string, string> | undefined;
  /** Counts the values taken from the repository table, a helper's template or a format's named entries. */
  indirections = 0;
  private readonly memo = new Map<number, { value: string; indirections: number }>();
  /** Fields declared under another JSON key (`Key string \`json:"name"\``), by field name; built on first need. */
  private renamed: Map<string, string> | undefined;

  /**
   * `sessionLogin`: the file logs in to the session resource (or reads a login answer's `session`), so reads of a
   * `name` and a `value` under any variable name are taken for the session cookie's name and value. `values`:
   * what the other files of the repository define (the scan's first pass), for names this file does not bind.
   */
  constructor(
    private readonly profile: CompiledProfile,
    private readonly root: Node,
    private readonly sessionLogin = false,
    private readonly values?: FileValues,
  ) {
    indexTree(root, [...profile.assignments, ...profile.pairs, ...profile.calls, ...FUNCTIONS, ...RETURNS]);
    if (profile.assignments.size === 0) return;
    for (const node of descendantsOf(root, profile.assignments)) {
      const binding = this.bindingOf(node);
      if (!binding) continue;
      const list = this.bindings.get(binding.name) ?? [];
      list.push(binding.value);
      this.bindings.set(binding.name, list);
    }
  }

  /** The name a binding gives `value` (`COOKIE = "JSESSIONID"` → `COOKIE`), if `value` is a bound value. */
  boundNameOf(value: Node): string | undefined {
    // Go's `const c = "…"` binds an expression list holding the literal.
    const holds = (bound: Node): boolean => bound.id === value.id || (bound.namedChildCount === 1 && bound.namedChild(0)?.id === value.id);
    for (const [name, values] of this.bindings) if (values.some(holds)) return name;
    return undefined;
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
      return JOIN_PATHS.has(name) || FORMATS.has(name) || SEGMENTS.has(name) || APPENDS.has(name) || this.buildsUrl(name);
    }
    if (type === 'identifier' && this.isBareRubyCall(node, type) && !this.valueNodeOf(node.text, node)) return this.buildsUrl(node.text);
    return false;
  }

  /**
   * Ruby calls a method without parentheses: a bare `loginUrl` is `def loginUrl` (no parameters) of this file when
   * the file has one. The caller checks that no local binds the name.
   */
  private isBareRubyCall(node: Node, type: string): boolean {
    if (this.profile.grammar !== 'ruby' || type !== 'identifier') return false;
    const functions = this.functionsNamed(node.text);
    if (!functions.some((definition) => definition.type === 'method' && parameterMarkers(definition, this.profile).size === 0)) return false;
    const parent = node.parent;
    return Boolean(parent) && !/method|parameters/.test(parent?.type ?? '') && !(parent?.type === 'call' && parent.childForFieldName('method')?.id === node.id);
  }

  /** A function of this file, or one the repository table gives, returns a URL with a piece of the auth path. */
  private buildsUrl(name: string): boolean {
    if (!name) return false;
    const own = this.functionsNamed(name);
    if (own.length) return own.some((definition) => isUrlTemplate(this.templateOf(definition)));
    return this.values?.lookup(name, 'template') !== undefined;
  }

  value(node: Node, depth = 0): string {
    if (depth > 24 || this.inProgress.has(node.id)) return UNKNOWN;
    // Each node is evaluated once (outside a helper's template, where parameters stand for arguments): names
    // bound to names bound to names, as minified bundles have thousands of, would otherwise cost exponential time.
    const memoable = this.parameters === undefined;
    const known = memoable ? this.memo.get(node.id) : undefined;
    if (known) {
      this.indirections += known.indirections;
      return known.value;
    }
    this.inProgress.add(node.id);
    const before = this.indirections;
    try {
      const value = this.evaluate(node, depth + 1);
      if (memoable) this.memo.set(node.id, { value, indirections: this.indirections - before });
      return value;
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
      const [left] = parts;
      const right = parts.at(-1);
      return parts.length >= 2 && left && right ? this.value(left, depth) + this.value(right, depth) : UNKNOWN;
    }
    if (profile.identifiers.has(type) || profile.members.has(type)) {
      const field = SESSION_FIELD.exec(node.text);
      if (field) return field[1] === 'name' ? SESSION_NAME : SESSION_VALUE;
      if (this.sessionLogin && SET_COOKIE_SUBSCRIPT.test(node.text)) return SET_COOKIE_READ;
      // A name bound to a literal is that literal (`COOKIE_NAME = "JSESSIONID"`), not a read of the answer's name.
      const bound = this.valueNodeOf(lastName(node.text), node);
      const cookiePart = bound && profile.strings.has(bound.type) ? undefined : this.cookiePartNamed(lastName(node.text));
      if (cookiePart) return cookiePart;
      const parameter = profile.identifiers.has(type) ? this.parameters?.get(lastName(node.text)) : undefined;
      if (parameter) return parameter;
      if (!bound && this.isBareRubyCall(node, type)) return this.returnedUrl(node.text, [], depth);
      if (!bound) return this.tableValue(lastName(node.text));
      const value = this.value(bound, depth);
      // `cname=$(echo "$resp" | jq -r .session.name)`: bound to a field read the evaluator cannot follow.
      const read = value === UNKNOWN ? FIELD_READ_TEXT.exec(bound.text) : null;
      return (read && this.cookiePartNamed(read[1] ?? '')) || value;
    }
    if (profile.calls.has(type)) return this.callValue(node, depth);
    // `*parts`, `...parts` inside a helper: the variadic parameter's marker (filled at each call).
    if (SPREAD_ARGUMENTS.has(type)) {
      const inner = namedChildren(node)[0];
      return inner ? this.value(inner, depth) : UNKNOWN;
    }
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

  /** `strings.Join(list, sep)` with a list literal, or `String.join(sep, a, b, …)`; undefined for other joins. */
  private joinedArguments(receiver: Node | undefined, args: Node[], depth: number): string | undefined {
    const { arrays, strings } = this.profile;
    const [first, second] = args;
    const list = first && (arrays.has(first.type) ? first : namedChildren(first).find((child) => arrays.has(child.type)));
    if (list && second && strings.has(second.type) && args.length === 2) return namedChildren(list).map((item) => this.value(item, depth)).join(this.value(second, depth));
    if (receiver && /^(?:String|string)$/.test(receiver.text) && first && strings.has(first.type) && args.length > 2) {
      return args.slice(1).map((item) => this.value(item, depth)).join(this.value(first, depth));
    }
    return undefined;
  }

  /** A value another file of the repository defines under `name` (segments joined), else UNKNOWN. */
  private tableValue(name: string): string {
    const entry = this.values?.lookup(name, 'value');
    if (entry) this.indirections++;
    return entry?.value ?? entry?.items?.join('/') ?? UNKNOWN;
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
    // Go's `strings.Join([]string{a, b}, "=")`, Java's and C#'s `String.join("=", a, b)`.
    const joinedList = name === 'join' || name === 'Join' ? this.joinedArguments(receiver, args, depth) : undefined;
    if (joinedList !== undefined) return joinedList;
    // A helper's variadic parameter joined with slashes (`parts.join('/')`, `'/'.join(parts)`): its marker.
    const joined = name === 'join' ? [receiver, args[0]].map((part) => (part ? this.value(part, depth) : '')) : [];
    const variadic = joined.includes('/') ? joined.find(isVariadicMarker) : undefined;
    if (variadic) return variadic;
    // Rust's `format!("{}={}", s.name, s.value)`: the macro's arguments are one token tree.
    const tokens = args.length ? undefined : namedChildren(call).find((child) => child.type === 'token_tree');
    if (tokens && FORMATS.has(name)) return this.macroFormatValue(tokens, depth);
    if (FORMATS.has(name)) {
      if (receiver && strings.has(receiver.type)) {
        const template = this.value(receiver, depth);
        return template.search(NAMED_PLACEHOLDER) >= 0 ? this.namedFilled(template, args, depth) : this.filled(template, argValues());
      }
      const template = args.find((arg) => strings.has(arg.type));
      if (!template) return this.urlObjectValue(args[0], depth);
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
    if (this.sessionLogin && HEADER_READS.has(name) && field && strings.has(field.type) && /^set-cookie$/i.test(this.value(field, depth))) return SET_COOKIE_READ;
    if (this.sessionLogin && KEY_LOOKUPS.has(parts.callee?.text ?? '')) {
      const part = args.map((arg) => this.cookiePartNamed(LISP_KEY.exec(arg.text)?.[1] ?? '')).find((found) => found !== undefined);
      if (part) return part;
    }
    // Lisp's `(concat a "=" b)`: the form's arguments joined.
    if (APPENDS.has(name) && !receiver && args.length > 1) return args.map((part) => this.value(part, depth)).join('');
    if (SEGMENTS.has(name) && receiver && args.length) return joinSegments([this.value(receiver, depth), ...argValues()]);
    if (JOIN_PATHS.has(name)) return joinSegments(name === 'URL' || name === 'URI' ? argValues().reverse() : argValues());
    if (PASSTHROUGH.has(name)) return receiver ? this.value(receiver, depth) : args[0] ? this.value(args[0], depth) : UNKNOWN;
    // `a.concat(b)`, Objective-C's `[base stringByAppendingString:@"/rest/auth/1/session"]`.
    if (APPENDS.has(name) && receiver && args.length) return [receiver, ...args].map((part) => this.value(part, depth)).join('');
    // getenv('JIRA_AUTH', 'cookie'), ENV.fetch('X', 'cookie'): the default is what runs when nothing is set.
    if (ENV_DEFAULTS.has(name) && args.length === 2 && args[1]) return this.value(args[1], depth);
    const url = this.returnedUrl(name, parts.args, depth);
    return url === UNKNOWN ? this.returnedCookiePart(name, depth) : url;
  }

  /**
   * A helper that returns or builds a URL (`auth_url("session")`, `this.jira.buildAuthURL('/session')`,
   * `path(*AUTH, "session")`): its template, from this file or the repository table, filled with the arguments.
   */
  private returnedUrl(name: string, args: Node[], depth: number): string {
    if (!name) return UNKNOWN;
    const own = this.functionsNamed(name).map((definition) => this.templateOf(definition)).find(isUrlTemplate);
    const template = own ?? (this.functionsNamed(name).length ? undefined : this.values?.lookup(name, 'template')?.template);
    if (!template) return UNKNOWN;
    this.indirections++;
    const values = args.flatMap((arg) => this.argumentValues(arg, depth));
    return template.replace(PARAM_MARKER, (_, rest: string, index: string) =>
      rest ? joinSegments(values.slice(Number(index))) || UNKNOWN : (values[Number(index)] ?? UNKNOWN),
    );
  }

  /** Node's `url.format({ protocol, hostname, pathname })`: an origin not known here, then the object's path. */
  private urlObjectValue(arg: Node | undefined, depth: number): string {
    const object = arg && (this.resolveNode(arg) ?? arg);
    const pair = object && namedChildren(object).find((child) => this.profile.pairs.has(child.type) && /^["']?(?:pathname|path)["']?$/.test((child.childForFieldName('key') ?? child.namedChild(0))?.text ?? ''));
    const value = pair && (pair.childForFieldName('value') ?? pair.lastNamedChild);
    return value ? UNKNOWN + this.value(value, depth) : UNKNOWN;
  }

  /** An argument's value, or the values of the items spread into the call (`*AUTH`, `...parts`). */
  private argumentValues(arg: Node, depth: number): string[] {
    if (!SPREAD_ARGUMENTS.has(arg.type)) return [this.value(arg, depth)];
    const inner = namedChildren(arg)[0];
    const items = inner && this.resolveNode(inner);
    if (items && this.profile.arrays.has(items.type)) return namedChildren(items).map((item) => this.value(item, depth));
    const entry = inner && !this.valueNodeOf(lastName(inner.text), inner) ? this.values?.lookup(lastName(inner.text), 'value') : undefined;
    return entry?.items ?? [entry?.value ?? UNKNOWN];
  }

  private functionsNamed(name: string): Node[] {
    this.functions ??= this.functionsByName();
    return this.functions.get(name) ?? [];
  }

  /** What the function returns, its parameters standing as PARAM markers (cached; UNKNOWN when nothing is returned). */
  templateOf(definition: Node): string {
    const cached = this.templates.get(definition.id);
    if (cached !== undefined) return cached;
    this.templates.set(definition.id, UNKNOWN);
    const outer = this.parameters;
    this.parameters = parameterMarkers(definition, this.profile);
    try {
      const returned = returnedExpressions(definition).map((expression) => this.value(expression, 1));
      const template = returned.find((value) => value.includes(PARAM) || holdsAuthFragment(value)) ?? returned[0] ?? UNKNOWN;
      this.templates.set(definition.id, template);
      return template;
    } finally {
      this.parameters = outer;
    }
  }

  /** The functions and URL-returning helpers of this file, for the repository table. */
  harvest(file: string, language: LanguageId): ValueEntry[] {
    const entries: ValueEntry[] = [];
    for (const [name, values] of this.bindings) {
      for (const value of values) {
        if (FUNCTION_VALUES.has(value.type) || !isSharedBinding(value)) continue;
        const items = this.profile.arrays.has(value.type) ? namedChildren(value).map((item) => this.value(item)) : undefined;
        const text = items ? items.join('/') : this.value(value);
        if (holdsAuthFragment(text)) entries.push({ name, ...(items ? { items } : { value: text }), file, language, owner: ownerOf(value) });
      }
    }
    for (const [name, definitions] of (this.functions ??= this.functionsByName())) {
      for (const definition of definitions) {
        const template = this.templateOf(definition);
        if (isUrlTemplate(template)) entries.push({ name, template, file, language, owner: ownerOf(definition) });
      }
    }
    for (const pair of descendantsOf(this.root, this.profile.pairs)) {
      const [key, value] = [pair.childForFieldName('key') ?? pair.namedChild(0), pair.childForFieldName('value') ?? pair.lastNamedChild];
      // Only specific keys (`authUrl`, `login_path`): an `endpoint` or `url` key of some object is no shared value.
      if (!key || !value || key.id === value.id || !/^["']?[A-Za-z_]\w*["']?$/.test(key.text) || isGenericName(stripQuotes(key.text)) || insideFunction(pair)) continue;
      const text = this.value(value);
      if (holdsAuthFragment(text)) entries.push({ name: stripQuotes(key.text), value: text, file, language, owner: ownerOf(pair) });
    }
    return boundedEntries(entries);
  }

  /** `"{host}{login_path}".format(**defaults)`, `.format(host=h, login_path=p)`, `"%(host)s" % d`: named placeholders filled. */
  private namedFilled(template: string, args: Node[], depth: number): string {
    const named = new Map<string, Node>();
    for (const arg of args) this.collectNamed(arg, named, 0);
    this.indirections++;
    return template.replace(NAMED_PLACEHOLDER, (_, brace: string | undefined, percent: string | undefined) => {
      const name = brace ?? percent ?? '';
      const node = named.get(name);
      return node ? this.value(node, depth) : this.tableValue(name);
    });
  }

  /** Keyword arguments and the entries of dictionaries passed or spread (`**defaults`, `dict(DEFAULTS, **options)`). */
  private collectNamed(node: Node, named: Map<string, Node>, hops: number): void {
    if (hops > 6) return;
    const type = node.type;
    if (type === 'keyword_argument' || this.profile.pairs.has(type)) {
      const key = node.childForFieldName('name') ?? node.childForFieldName('key') ?? node.namedChild(0);
      const value = node.childForFieldName('value') ?? node.lastNamedChild;
      if (key && value && key.id !== value.id && !named.has(stripQuotes(key.text))) named.set(stripQuotes(key.text), value);
      return;
    }
    if (type === 'dictionary_splat' || type === 'dictionary' || type === 'argument_list') {
      for (const child of namedChildren(node)) this.collectNamed(child, named, hops + 1);
      return;
    }
    if (this.profile.calls.has(type)) {
      const { name, args } = callParts(node);
      if (name === 'dict') for (const arg of args) this.collectNamed(arg, named, hops + 1);
      return;
    }
    const bound = this.resolveNode(node);
    if (bound && bound.id !== node.id) this.collectNamed(bound, named, hops + 1);
  }

  /**
   * A function of this file that returns the login answer's cookie name or value (`func cookieName(r Login)
   * string { return r.Session.Name }`), called under any name: what its return statements give.
   */
  private returnedCookiePart(name: string, depth: number): string {
    if (!this.sessionLogin || !name) return UNKNOWN;
    this.functions ??= this.functionsByName();
    for (const definition of this.functions.get(name) ?? []) {
      for (const returned of descendantsOf(definition, RETURNS)) {
        const expression = namedChildren(returned).find((child) => !child.type.includes('comment'));
        const value = expression ? this.value(expression, depth) : UNKNOWN;
        if (value === SESSION_NAME || value === SESSION_VALUE) return value;
      }
    }
    return UNKNOWN;
  }

  private functionsByName(): Map<string, Node[]> {
    const functions = new Map<string, Node[]>();
    const add = (name: string, definition: Node): void => {
      const list = functions.get(name) ?? [];
      list.push(definition);
      functions.set(name, list);
    };
    for (const definition of descendantsOf(this.root, FUNCTIONS)) {
      const nameNode = definition.childForFieldName('name');
      if (nameNode) add(nameNode.text, definition);
    }
    for (const [name, values] of this.bindings) for (const value of values) if (FUNCTION_VALUES.has(value.type)) add(name, value);
    return functions;
  }

  /** In a session-login file, the sentinel for a read of the cookie's name or value. */
  private cookiePartNamed(name: string): string | undefined {
    if (!this.sessionLogin) return undefined;
    this.renamed ??= renamedFields(this.root.text);
    const key = this.renamed.get(name) ?? name;
    if (COOKIE_NAME_READ.test(key)) return SESSION_NAME;
    if (COOKIE_VALUE_READ.test(key)) return SESSION_VALUE;
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
    const text = this.value(template, depth);
    if (text.search(NAMED_PLACEHOLDER) >= 0 && !this.profile.arrays.has(values.type) && values.type !== 'tuple') return this.namedFilled(text, [values], depth);
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

/**
 * Fields mapped to the JSON keys `name` and `value` of a login answer under names of their own: Go struct tags
 * (`Key string \`json:"name"\``), Java/Kotlin `@JsonProperty("value")` / `@SerializedName("value")` / `@Json(name = "value")`,
 * C# `[JsonPropertyName("value")]` / `[JsonProperty("value")]`, Rust `#[serde(rename = "value")]`, Swift `case token = "value"`.
 */
const RENAMED_FIELDS = [
  /\b([A-Za-z_]\w*)\s+[\w.*[\]]+\s+`[^`]*\bjson:"(name|value)[,"]/g,
  /@(?:JsonProperty|SerializedName|SerialName|JsonAlias|Json|field:Json|field:SerializedName)\s*\(\s*(?:(?:value|name)\s*=\s*)?"(name|value)"[^)]*\)\s*(?:(?:private|public|protected|internal|final|val|var|lateinit|override)\s+)*(?:[\w.<>?,[\]]+\s+)?([A-Za-z_]\w*)/g,
  /\[\s*(?:JsonPropertyName|JsonProperty|DataMember\s*\(\s*Name\s*=)\s*\(?\s*"(name|value)"\s*\)\s*\]\s*(?:(?:public|private|protected|internal|required)\s+)*[\w.<>?,[\]]+\s+([A-Za-z_]\w*)/g,
  /#\[serde\(\s*rename\s*=\s*"(name|value)"\s*\)\]\s*(?:pub(?:\([^)]*\))?\s+)?([A-Za-z_]\w*)/g,
  /\bcase\s+([A-Za-z_]\w*)\s*=\s*"(name|value)"/g,
];

function renamedFields(source: string): Map<string, string> {
  const renamed = new Map<string, string>();
  for (const pattern of RENAMED_FIELDS) {
    for (const match of source.matchAll(pattern)) {
      const [, first = '', second = ''] = match;
      const [field, key] = first === 'name' || first === 'value' ? [second, first] : [first, second];
      if (field && field !== key) renamed.set(field, key);
    }
  }
  return renamed;
}

const VARIADIC_MARKER = new RegExp(`^${PARAM}\\*\\d+${PARAM}$`);

function isVariadicMarker(value: string): boolean {
  return VARIADIC_MARKER.test(value);
}

/**
 * What a helper returns when it builds a URL: a piece of the auth path (`base + '/rest/auth/1' + p`), or path
 * segments from its arguments (`"/" + "/".join(parts)`, filled at the call: `route(*AUTH, "session")`).
 */
function isUrlTemplate(template: string): boolean {
  return holdsAuthFragment(template) || (template.includes(PARAM) && template.replace(PARAM_MARKER, '').includes('/'));
}

/** Each parameter of a function bound to its PARAM marker (Python's `self`/`cls` are not arguments). */
function parameterMarkers(definition: Node, profile: CompiledProfile): Map<string, string> {
  const markers = new Map<string, string>();
  const list = definition.childForFieldName('parameters') ?? namedChildren(definition).find((child) => /parameters|parameter_list/.test(child.type));
  const single = definition.childForFieldName('parameter');
  const parameters = list ? namedChildren(list).filter((child) => !child.type.includes('comment')) : single ? [single] : [];
  let index = 0;
  for (const parameter of parameters) {
    const name = parameterName(parameter, profile);
    if (!name || (index === 0 && markers.size === 0 && (name === 'self' || name === 'cls') && definition.type === 'function_definition')) continue;
    const variadic = VARIADIC.test(parameter.type) || /^\s*(?:\*|\.\.\.|params\b|vararg\b)|\.\.\./.test(parameter.text);
    markers.set(name, `${PARAM}${variadic ? '*' : ''}${index}${PARAM}`);
    index++;
  }
  return markers;
}

function parameterName(parameter: Node, profile: CompiledProfile): string | undefined {
  if (profile.identifiers.has(parameter.type)) return lastName(parameter.text);
  const named = parameter.childForFieldName('name') ?? parameter.childForFieldName('pattern');
  if (named) return lastName(named.text);
  const identifier = namedChildren(parameter).find((child) => profile.identifiers.has(child.type) || VARIADIC.test(child.type));
  return identifier ? lastName(identifier.text) : undefined;
}

/** The expressions a function returns: its return statements, or an arrow function's or lambda's body. */
function returnedExpressions(definition: Node): Node[] {
  const body = definition.childForFieldName('body');
  if (body && FUNCTION_VALUES.has(definition.type) && !/block|statement|body/.test(body.type)) return [body];
  const returned = descendantsOf(definition, RETURNS)
    .map((returned) => namedChildren(returned).find((child) => !child.type.includes('comment')))
    .filter((expression): expression is Node => expression !== undefined && expression !== null);
  // A Ruby method returns its last expression (`def login_url; "#{base}/rest/auth/1/session"; end`).
  const statements = definition.type === 'method' ? namedChildren(definition).find((child) => child.type === 'body_statement') : undefined;
  const last = statements && namedChildren(statements).filter((child) => !child.type.includes('comment')).at(-1);
  return last && !RETURNS.has(last.type) ? [...returned, last] : returned;
}

/** Function bodies of every grammar: what is bound there is local, and never shared with other files. */
const FUNCTION_SCOPE = /function|method|constructor|lambda|closure|arrow|initializer_block|^block$|accessor/;
const FIELD_TARGET = /^(?:this\.|self\.|@\w|\$this->)/;

function insideFunction(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (FUNCTION_SCOPE.test(current.type) && !/^(?:class|object|interface)/.test(current.type)) return true;
  }
  return false;
}

/**
 * A binding other files can use: a module-level constant or variable, a class's constant, field or property, or
 * a field set in a method (`this.base = …`, `self.base = …`); not a function's local variable.
 */
function isSharedBinding(value: Node): boolean {
  return !insideFunction(value) || FIELD_TARGET.test(value.parent?.text.slice(0, 8) ?? '');
}

/** The class, object or module a definition sits in, by name. */
function ownerOf(node: Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (/class|object_declaration|interface|module|struct|impl_item/.test(current.type) && current.type !== 'module') {
      const name = current.childForFieldName('name');
      if (name) return lastName(name.text);
    }
  }
  return undefined;
}

/** Joins URL segments with single slashes, keeping `scheme://`. */
function joinSegments(parts: string[]): string {
  return parts
    .filter((part) => part.length > 0)
    .map((part, index) => (index === 0 ? part.replace(/\/+$/, '') : part.replace(/^\/+|\/+$/g, '')))
    .join('/');
}
