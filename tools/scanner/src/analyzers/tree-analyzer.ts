import type { Node, Tree } from 'web-tree-sitter';
import type { LanguageId } from '../model';
import { containsSessionCookie, containsSessionPath, holdsSessionLogin, PASSWORD_IN_BODY, PASSWORD_KEY, SESSION_JOIN_TEXT, SESSION_NAME, SESSION_VALUE, SET_COOKIE_READ, UNKNOWN } from '../rules/patterns';
import { compileProfile, type CompiledProfile } from '../syntax/compiled-profile';
import { StringEvaluator } from '../syntax/evaluate';
import { parserFor } from '../syntax/grammars';
import { callParts, lastName, namedChildren, stripQuotes } from '../syntax/nodes';
import type { SyntaxProfile } from '../syntax/profiles';
import { MAX_RESOLVED_FILE_SIZE, type FileValues, type ValueEntry } from '../syntax/value-table';
import { descendantsOf } from '../syntax/tree-nodes';
import { collectCredentialSecrets } from './credential-secrets';
import { FindingsCollector } from './findings-collector';
import { chainVerb, CONVERSIONS, URL_BUILDERS, verbCallAfter } from './call-chain';
import { describeVerb, verbOfCall } from './http-verbs';
import { applyLineRules, isProse } from './line-rules';
import { runLibraryRules, type RuleContext } from './library-rules';
import { isLoginAnswer, servedOrChecked } from './served-paths';

/** Node types that end the search for an enclosing call: the expression belongs to a statement, not an argument. */
const STATEMENT_BOUNDARY = /(?:statement|declaration|declarator|^assignment|_assignment|definition|^program$|^module$|^block$|^source_file$|^document$|body$)/;

/** What a tree analysis gives: the findings, and the file's values for the repository table. */
export interface TreeResult {
  collector: FindingsCollector;
  definitions: ValueEntry[];
}

/**
 * Throws when the grammar cannot load or the parser fails: the caller falls back to line rules. `values`: what
 * the repository's other files define (second pass); `file`: this file's path, named in its definitions.
 * `parsed`: the tree of `source` when the caller has it (it stays the caller's to delete).
 */
export async function analyzeTree(source: string, language: LanguageId, syntax: SyntaxProfile, grammarFile: string, file = '', values?: FileValues, parsed?: Tree): Promise<TreeResult> {
  const tree = parsed ?? (await parseWith(syntax.grammar, grammarFile, source));
  if (!tree) throw new Error(`could not parse as ${language}`);
  try {
    const profile = compileProfile(syntax);
    const sessionLogin = holdsSessionLogin(source);
    const evaluator = new StringEvaluator(profile, tree.rootNode, sessionLogin, values);
    const analysis = new TreeAnalysis(source, language, profile, evaluator, sessionLogin);
    analysis.walk(tree.rootNode);
    analysis.checkCookieAdders();
    runLibraryRules(analysis.context(tree.rootNode));
    collectCredentialSecrets(tree.rootNode, profile, evaluator, analysis.collector);
    analysis.checkErrorRegions();
    analysis.collector.resolvePasswords();
    // The first pass harvests: the second (values given) only resolves through the table.
    return { collector: analysis.collector, definitions: values || source.length > MAX_RESOLVED_FILE_SIZE ? [] : evaluator.harvest(file, language) };
  } finally {
    if (!parsed) tree.delete();
  }
}

async function parseWith(grammar: string, grammarFile: string, source: string): Promise<Tree | null> {
  const parser = await parserFor(grammar, grammarFile);
  try {
    return parser.parse(source);
  } finally {
    parser.delete();
  }
}

class TreeAnalysis {
  readonly collector = new FindingsCollector();
  private readonly isApiDescription: boolean;
  /** Whether a password key (PASSWORD_KEY) can appear in this file at all: the walk then skips reading every call's arguments. */
  private readonly namesPasswords: boolean;
  /** `req.AddCookie(c)`, `cookies.Add(c)`: reported once the file is known to log in (after the walk). */
  private readonly cookieAdders: Node[] = [];
  /** Lines inside ERROR nodes: what the grammar could not parse gets the line rules too. */
  private readonly errorLines = new Set<number>();

  constructor(
    private readonly source: string,
    private readonly language: LanguageId,
    private readonly profile: CompiledProfile,
    private readonly evaluator: StringEvaluator,
    private readonly sessionLogin: boolean,
  ) {
    this.isApiDescription = language === 'json' && /"(?:openapi|swagger)"\s*:/.test(source.slice(0, 4000));
    this.namesPasswords = /pass|pwd/i.test(source);
  }

  context(root: Node): RuleContext {
    return {
      language: this.language,
      source: this.source,
      root,
      profile: this.profile,
      evaluator: this.evaluator,
      collector: this.collector,
      report: (ruleId, node, extra) => this.collector.add(ruleId, node.startPosition.row + 1, node.startPosition.column + 1, extra),
    };
  }

  /**
   * Depth-first walk: comments, string-building expressions (evaluated whole), and references to constants in
   * calls. Each node's type is read once and its children in one call: every read is a call into the parser.
   */
  walk(root: Node): void {
    const stack: Node[] = [root];
    for (let node = stack.pop(); node; node = stack.pop()) {
      const type = node.type;
      if (type === 'ERROR') this.addErrorLines(node);
      if (this.profile.comments.has(type)) {
        this.checkComment(node);
        continue;
      }
      // A builder call that builds nothing of interest may sit at the end of a fluent chain that sends the
      // request (`given().post(url).then().extract().path("x")`): the chain before it is walked too.
      if (this.evaluator.isStringExpression(node, type) && (this.checkStringExpression(node) || !this.profile.calls.has(type))) continue;
      if (this.profile.identifiers.has(type) || this.profile.members.has(type)) this.checkReference(node);
      if (this.profile.pairs.has(type)) {
        this.checkPasswordPair(node);
        if (this.sessionLogin && !this.checkCookiePair(node, keyAndValue(node))) this.checkCookieObject(node);
      }
      if (this.namesPasswords && this.profile.calls.has(type)) this.checkPasswordArguments(node);
      if (this.sessionLogin && this.profile.calls.has(type)) {
        this.checkCookieArguments(node);
        if (isCookieAdder(node)) this.cookieAdders.push(node);
      }
      const children = node.namedChildren;
      for (let index = children.length - 1; index >= 0; index--) {
        const child = children[index];
        if (child) stack.push(child);
      }
    }
  }

  private addErrorLines(node: Node): void {
    for (let row = node.startPosition.row; row <= node.endPosition.row; row++) this.errorLines.add(row + 1);
  }

  /** Cookie objects added to a request in a file that calls the session login: they came from its answer. */
  checkCookieAdders(): void {
    if (!this.collector.has((finding) => finding.ruleId === 'session-login-call')) return;
    // In a fluent chain (`gorequest.New().Post(url).AddCookies(cs)`), where the method is named.
    for (const call of this.cookieAdders) {
      const { callee } = callParts(call);
      this.collector.add('session-cookie', ...this.at(callee ? methodName(callee) : call));
    }
  }

  /** Line rules over the error regions, on the lines where the tree gave nothing. */
  checkErrorRegions(): void {
    if (!this.errorLines.size) return;
    const found = new Set(this.collector.all().map((finding) => finding.line));
    const lines = [...this.errorLines].filter((line) => !found.has(line));
    if (lines.length) applyLineRules(this.source.split(/\r?\n/), this.language, this.collector, lines);
  }

  private at(node: Node): [number, number] {
    return [node.startPosition.row + 1, node.startPosition.column + 1];
  }

  /** Reported on the line of the comment that holds the mention (block comments span many lines). */
  private checkComment(node: Node): void {
    const lines = node.text.split('\n');
    const index = lines.findIndex((line) => containsSessionPath(line) || containsSessionCookie(line));
    if (index < 0) return;
    const line = lines[index] ?? '';
    const column = index === 0 ? node.startPosition.column + 1 : line.length - line.trimStart().length + 1;
    this.collector.add('session-path-in-comment', node.startPosition.row + 1 + index, column, { severity: 'info' });
  }

  /** True when the expression held something to report (then what it is built from needs no look). */
  private checkStringExpression(node: Node): boolean {
    const indirections = this.evaluator.indirections;
    const value = this.evaluator.value(node);
    const indirect = this.evaluator.indirections > indirections;
    // A body a test double checks (`bytes.Contains(b, []byte(\`"password":"x"\`))`) is no credential sent.
    const passwords = [...value.matchAll(PASSWORD_IN_BODY)];
    if (passwords.length && !servedOrChecked(node, this.profile)) {
      for (const match of passwords) this.collector.addPasswordCandidate(...this.at(node), match[1] ?? '');
    }
    const hasPath = containsSessionPath(value);
    // A grammar that reads the string as plain text (Groovy's `"${s.name}=${s.value}"` under JavaScript's).
    const hasCookie = containsSessionCookie(value) || (this.sessionLogin && SESSION_JOIN_TEXT.test(value));
    if (!hasPath && !hasCookie) return false;
    if (this.isDocString(node) || isProse(value)) {
      this.collector.add('session-path-in-comment', ...this.at(node), { severity: 'info' });
      return true;
    }
    if (hasPath) this.reportPath(node, node, indirect);
    if (hasCookie && !this.isNamedCookieConstant(node, value)) {
      const answered = isLoginAnswer(node, value, this.profile) ? "a login answer written out (a server's or a test double's)" : servedOrChecked(node, this.profile);
      this.collector.add('session-cookie', ...this.at(node), answered ? { severity: 'info', detail: `${answered}, not a cookie sent` } : {});
    }
    return true;
  }

  /**
   * `COOKIE = "JSESSIONID"` used elsewhere in the file: the cookie is reported where the name is used (joined to a
   * value, passed to a call), not also where it is only named. Used in no other place of the file (another file
   * imports it), the definition is the finding.
   */
  private isNamedCookieConstant(node: Node, value: string): boolean {
    if (!/^(?:JSESSIONID|cloud\.session\.token|studio\.crowd\.tokenkey)$/.test(value)) return false;
    const name = this.evaluator.boundNameOf(node);
    if (!name) return false;
    const uses = this.source.match(new RegExp(`(?<![\\w$])${name.replace(/[$]/g, '\\$')}(?![\\w])`, 'g'))?.length ?? 0;
    return uses > 1;
  }

  /** A name bound to the session path, used as (part of) a call's argument: the call site is the finding. */
  private checkReference(node: Node): void {
    // The binding first: most names are bound to nothing, and that lookup costs no call into the parser.
    const bound = this.evaluator.valueNodeOf(lastName(node.text), node);
    if (!bound || (node.startIndex >= bound.startIndex && node.endIndex <= bound.endIndex)) return;
    const parent = node.parent;
    if (parent && (this.profile.members.has(parent.type) || this.profile.calls.has(parent.type) && callParts(parent).callee?.id === node.id)) return;
    const indirections = this.evaluator.indirections;
    const value = this.evaluator.value(node);
    if (value === UNKNOWN) return;
    if (containsSessionPath(value) && this.enclosingCall(node)) this.reportPath(node, node, this.evaluator.indirections > indirections);
    // A cookie assembled from the login answer is reported where it is assembled, not again where it is sent.
    else if (containsSessionCookie(value) && !value.includes(SESSION_NAME) && this.enclosingCall(node)) this.collector.add('session-cookie', ...this.at(node));
  }

  /**
   * `indirect`: the path was put together from another file's value, a helper's template or a format's named
   * entries; such a URL is reported where it is sent, not also where it is only built.
   */
  private reportPath(expression: Node, anchor: Node, indirect = false): void {
    if (this.language === 'postman') {
      this.collector.add('session-login-call', ...this.at(anchor), { detail: describeVerb(this.postmanVerb(expression)) });
      return;
    }
    if (this.language === 'json') {
      const isPathKey = expression.parent?.type === 'pair' && expression.parent.childForFieldName('key')?.id === expression.id;
      this.collector.add(this.isApiDescription && isPathKey ? 'openapi-session-path' : 'session-resource-path', ...this.at(anchor));
      return;
    }
    const served = servedOrChecked(anchor, this.profile);
    if (served) {
      this.collector.add('session-resource-path', ...this.at(anchor), { severity: 'info', detail: `${served}: serves, stubs or checks the resource, does not call it` });
      return;
    }
    const found = this.requestOf(expression);
    const { request, chained } = found;
    const own = this.isCall(expression) ? callParts(expression).name : '';
    const builder = found.builder ?? (URL_BUILDERS.has(own) ? own : undefined);
    if (request) {
      const { callee, name } = callParts(request);
      // A shell command continued over lines (`curl … \` newline `"$URL"`) is reported where it starts, a
      // fluent chain where it names the verb (`.PostJsonAsync(body)`).
      const at = this.language === 'shell' ? request : chained && callee ? methodName(callee) : anchor;
      const verb = verbOfCall(callee?.text ?? '', request.text) ?? chainVerb(request, this.isCall);
      this.collector.add('session-login-call', ...this.at(at), { detail: describeVerb(verb) ?? `passed to ${name}(…), HTTP method not stated` });
    } else if (indirect) {
      // `{ uri: client.buildAuthURL('/session'), method: 'POST' }` handed on in a variable (the `request` library's
      // options): the helper's URL is sent by whatever takes the options, so it is reported here.
      const options = this.requestOptionsOf(anchor);
      if (options) this.collector.add(options.verb ? 'session-login-call' : 'session-resource-path', ...this.at(anchor), { detail: options.verb ? `${describeVerb(options.verb) ?? options.verb}, in a request's options` : "in a request's options" });
    } else {
      // A URL built or converted and not seen sent is a reference to the resource, not a call; one that only
      // stubs and assertions use (`expected_path = '…'; expect(…).to receive(:new).with(expected_path)`) is neither.
      // `PUBLIC = { "/rest/auth/1/session", … }` handed to `antMatchers(PUBLIC)`: the array's uses decide.
      const list = expression.parent && /array|list/.test(expression.parent.type) ? expression.parent : undefined;
      const onlyChecked = this.usedOnlyByChecks(expression) ?? (list ? this.usedOnlyByChecks(list) : undefined);
      if (onlyChecked) this.collector.add('session-resource-path', ...this.at(anchor), { severity: 'info', detail: `${onlyChecked}: serves, stubs or checks the resource, does not call it` });
      else this.collector.add('session-resource-path', ...this.at(anchor), builder ? { detail: `URL built with ${builder}(…)` } : {});
    }
  }

  private readonly isCall = (node: Node): boolean => this.profile.calls.has(node.type);

  /** The verb of an options object (`{ uri: …, method: 'POST' }`) whose `uri`/`url` key holds `value`, if it is one. */
  private requestOptionsOf(value: Node): { verb?: string } | undefined {
    const pair = value.parent;
    if (!pair || !this.profile.pairs.has(pair.type)) return undefined;
    const [key] = keyAndValue(pair);
    if (!key || !/^(?:uri|url)$/i.test(stripQuotes(key.text))) return undefined;
    const method = namedChildren(pair.parent ?? pair).find((sibling) => this.profile.pairs.has(sibling.type) && /^method$/i.test(stripQuotes(keyAndValue(sibling)[0]?.text ?? '')));
    const verb = method ? this.evaluator.value(keyAndValue(method)[1] ?? method).toUpperCase() : undefined;
    return { verb: verb && /^(?:GET|POST|PUT|DELETE|PATCH)$/.test(verb) ? verb : undefined };
  }

  /** The reason when the name `value` is bound to is used, and only by routes, stubs, assertions or comparisons. */
  private usedOnlyByChecks(value: Node): string | undefined {
    const name = this.evaluator.boundNameOf(value);
    if (!name) return undefined;
    const uses = descendantsOf(value.tree.rootNode, this.profile.identifiers).filter((node) => node.text === name && this.evaluator.valueNodeOf(name, node)?.id === value.id && !(node.startIndex <= value.startIndex && node.parent && node.parent.endIndex >= value.endIndex));
    const reasons = uses.map((use) => servedOrChecked(use, this.profile));
    return reasons.length > 0 && reasons.every((reason) => reason !== undefined) ? reasons[0] : undefined;
  }

  /**
   * The call that sends what `expression` builds: the call it is an argument of, or the verb further along its
   * fluent chain (`baseUrl.AppendPathSegments(…).PostJsonAsync(body)`); through URL builders (`URI.create(…)`,
   * `urljoin(…)`) to what takes their result. `builder`: the last builder passed on the way.
   */
  private requestOf(expression: Node): { request?: Node; builder?: string; chained?: boolean } {
    const sentBy = (node: Node): { call?: Node; chained: boolean } => {
      const call = this.enclosingCall(node);
      return call ? { call, chained: false } : { call: this.isCall(node) ? verbCallAfter(node, this.isCall) : undefined, chained: true };
    };
    let { call, chained } = sentBy(expression);
    let builder: string | undefined;
    for (let hops = 0; call && hops < 8; hops++) {
      const { name } = callParts(call);
      // Elixir's `@session_path "…"` is a module attribute, defined, not a call.
      if (call.parent?.type === 'unary_operator' && call.parent.text.startsWith('@')) return { builder };
      if (!URL_BUILDERS.has(name) && !CONVERSIONS.has(name)) return { request: call, builder, chained };
      if (URL_BUILDERS.has(name)) builder = name;
      ({ call, chained } = sentBy(call));
    }
    return { builder };
  }

  private enclosingCall(node: Node): Node | undefined {
    let current = node;
    for (let hops = 0; hops < 10 && current.parent; hops++) {
      const parent = current.parent;
      if (this.profile.calls.has(parent.type)) {
        const { callee } = callParts(parent);
        const inCallee = callee && current.startIndex >= callee.startIndex && current.endIndex <= callee.endIndex;
        return inCallee ? undefined : parent;
      }
      if (STATEMENT_BOUNDARY.test(parent.type)) return undefined;
      current = parent;
    }
    return undefined;
  }

  /** Python docstrings and bare string statements are documentation, not code. */
  private isDocString(node: Node): boolean {
    return this.language === 'python' && node.parent?.type === 'expression_statement' && node.parent.namedChildCount === 1;
  }

  private postmanVerb(node: Node): string | undefined {
    // Postman: the request object holding this url has "method": "POST".
    for (let current: Node | null = node; current; current = current.parent) {
      const method = /"method"\s*:\s*"([A-Z]+)"/.exec(current.type === 'object' ? current.text.slice(0, 2000) : '');
      if (method) return method[1];
    }
    return undefined;
  }

  /**
   * A `Cookie` header (a `"Cookie"` argument or key) given what a login file read from a response's `Set-Cookie`
   * header: `req.Header.Set("Cookie", resp.Header.Get("Set-Cookie"))`, `{ cookie: res.headers['set-cookie'] }`.
   */
  private isSetCookieRelay(key: Node, value: Node): boolean {
    if (!this.profile.strings.has(key.type) && !this.profile.identifiers.has(key.type)) return false;
    if (!/^cookie$/i.test(stripQuotes(key.text))) return false;
    return this.evaluator.value(value).includes(SET_COOKIE_READ);
  }

  /**
   * Go, in a file that logs in: `req.Header.Set("Cookie", c.session.String())`, `…, resp.Cookies()[0].String())`. An
   * `http.Cookie`'s `String()` is its `name=value`; the login's answer is the only cookie such a file holds.
   */
  private isGoCookieHeader(key: Node, value: Node): boolean {
    if (this.language !== 'go' || !this.profile.strings.has(key.type) || !/^cookie$/i.test(stripQuotes(key.text))) return false;
    return /\.String\(\)$|\bCookies\(\)/.test(value.text);
  }

  /** `{ s['name'] => s['value'] }`, `{data["name"]: data["value"]}`: the login answer's cookie as a map entry. */
  private checkCookiePair(node: Node, [key, value]: [Node | undefined, Node | undefined]): boolean {
    if (!key || !value || key.id === value.id) return false;
    if (this.isSetCookieRelay(key, value)) {
      this.collector.add('session-cookie', ...this.at(node), { detail: "the login answer's Set-Cookie sent back as Cookie" });
      return true;
    }
    if (this.isGoCookieHeader(key, value)) {
      this.collector.add('session-cookie', ...this.at(node), { detail: "a cookie of the login's answer sent as the Cookie header" });
      return true;
    }
    if (this.evaluator.value(key) !== SESSION_NAME || this.evaluator.value(value) !== SESSION_VALUE) return false;
    this.collector.add('session-cookie', ...this.at(node));
    return true;
  }

  /** `&http.Cookie{Name: s.Name, Value: s.Value}`, `{ name: auth.name, value: auth.value }`: a cookie object built from the answer. */
  private checkCookieObject(pair: Node): void {
    const object = pair.parent;
    if (!object || this.evaluator.value(keyAndValue(pair)[1] ?? pair) !== SESSION_NAME) return;
    const siblings = namedChildren(object).filter((child) => this.profile.pairs.has(child.type) && child.id !== pair.id);
    if (siblings.some((sibling) => this.evaluator.value(keyAndValue(sibling)[1] ?? sibling) === SESSION_VALUE)) {
      this.collector.add('session-cookie', ...this.at(object));
    }
  }

  /** `set_cookie(session["name"], session["value"])`, `new Cookie(s.Name, s.Value)`: name and value passed side by side. */
  private checkCookieArguments(call: Node): void {
    const { args } = callParts(call);
    for (let index = 0; index + 1 < args.length; index++) {
      if (this.checkCookiePair(call, [args[index], args[index + 1]])) return;
    }
  }

  private checkPasswordPair(node: Node): void {
    const [key, value] = keyAndValue(node);
    if (key && value && key.id !== value.id) this.checkPassword(key, value);
  }

  /** `body.put("password", "…")`, `form.append("password", "…")`: a login body built by a map or JSON builder's setter. */
  private checkPasswordArguments(call: Node): void {
    const { args } = callParts(call);
    const [key, value] = args;
    if (args.length === 2 && key && value && this.profile.strings.has(key.type)) this.checkPassword(key, value);
  }

  private checkPassword(key: Node, value: Node): void {
    if (!PASSWORD_KEY.test(stripQuotes(key.text).replace(/^:|:$/g, ''))) return;
    if (!this.profile.strings.has(value.type)) return;
    const secret = this.evaluator.value(value);
    if (secret && !secret.includes(UNKNOWN)) this.collector.addPasswordCandidate(...this.at(value), secret);
  }
}

/** The method name of a callee (`client.PostJsonAsync` → `PostJsonAsync`). */
function methodName(callee: Node): Node {
  return callee.childForFieldName('name') ?? callee.childForFieldName('property') ?? callee.childForFieldName('field') ?? callee.lastNamedChild ?? callee;
}

function keyAndValue(node: Node): [Node | undefined, Node | undefined] {
  const children = namedChildren(node);
  const key = node.childForFieldName('key') ?? node.childForFieldName('name') ?? node.childForFieldName('left') ?? children[0];
  const value = node.childForFieldName('value') ?? node.childForFieldName('right') ?? children[children.length - 1];
  return [key, value];
}

const COOKIE_ADDERS = new Set(['AddCookie', 'AddCookies', 'addCookie', 'add_cookie', 'addCookies', 'SetCookies', 'setCookies']);

/** `req.AddCookie(c)`, `jar.SetCookies(u, cs)`, `container.Cookies.Add(c)`, `jar.Add(cookie)`: a cookie object, not a literal, added to a request. */
function isCookieAdder(call: Node): boolean {
  const { name, receiver, args } = callParts(call);
  const cookieAdd = name === 'Add' && (/cookie|jar/i.test(lastName(receiver?.text ?? '')) || args.some((arg) => /cookie/i.test(lastName(arg.text))));
  const adds = COOKIE_ADDERS.has(name) || cookieAdd;
  return adds && args.length > 0 && args.every((arg) => !/^["'`]/.test(arg.text));
}
