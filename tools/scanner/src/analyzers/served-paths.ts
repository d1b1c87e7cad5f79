import type { Node, Tree } from 'web-tree-sitter';
import type { CompiledProfile } from '../syntax/compiled-profile';
import { callParts, lastName, stripQuotes } from '../syntax/nodes';
import { CONVERSIONS, URL_BUILDERS } from './call-chain';

/**
 * Code that mentions the session resource or its cookie without calling it: a server or a test double that
 * answers it, an assertion about a request, a router's comparison. Such mentions are reported as `info`, never as
 * uses (a mock Jira, this project's own server, go-jira's and jira-ruby's test suites, a gateway's allow-list).
 */

/** Calls that register a route or a stub for a path: Go's mux, Flask, httpretty/httpmock/WireMock, axios-mock-adapter, Cypress, Playwright. */
const ROUTE_OR_STUB = new Set([
  'HandleFunc', 'Handle', 'HandlerFunc', 'route', 'add_url_rule', 'add_route', 'add_api_route', 'register_uri', 'RegisterResponder',
  'RegisterResponderWithQuery', 'RegisterRegexpResponder', 'stub_request', 'stubFor', 'urlEqualTo', 'urlPathEqualTo', 'urlMatching',
  'urlPathMatching', 'withPath', 'onPost', 'onGet', 'onPut', 'onDelete', 'onAny', 'stubRequest', 'respondWith', 'intercept',
  // WireMock's and Spring's request matchers of a verification or an expectation.
  'postRequestedFor', 'getRequestedFor', 'deleteRequestedFor', 'putRequestedFor', 'anyRequestedFor', 'requestTo',
  // A server's own security and servlet configuration: which of its paths are public, filtered or intercepted.
  'requestMatchers', 'antMatchers', 'mvcMatchers', 'regexMatchers', 'securityMatcher', 'ignoringRequestMatchers', 'ignoringAntMatchers',
  'pathMatchers', 'excludePathPatterns', 'addPathPatterns', 'addUrlPatterns', 'setUrlPatterns', 'addMapping', 'addServletMappings',
]);

/**
 * Calls whose arguments are a stub or a test of this server, whatever calls sit inside them: WireMock's
 * `stubFor(post(path).willReturn(…))`, Mockito's `when(client.post(path))` / `given(…)`, MockMvc's `perform(post(path))`,
 * MockServer's and Spring's `respond(…)` / `andRespond(…)`. Only as an argument: RestAssured's `given().post(path)` is a
 * request. Names as common as `reply` or `enqueue` are left out: a bot's `reply(msg, login(url))` sends the login.
 */
const STUB_WRAPPERS = new Set(['stubFor', 'givenThat', 'when', 'given', 'perform', 'respond', 'andRespond']);

/** The first call of a chain that makes the whole chain a test double or an assertion: `nock(host).post(path)`, `expect(x).toBe(path)`, rspec's `receive(:new).with(path)`. */
const DOUBLE_OR_ASSERTION_ROOTS = new Set([
  'nock', 'gock', 'fetchMock', 'stub_request', 'stubFor', 'expect', 'assertThat', 'allow', 'receive', 'have_received', 'verify', 'should',
]);

/** Assertion helpers: `assertEquals(path, req.getPath())`, `assert_equal`, Go's `testRequestURL(t, r, path)` / `testMethod`. */
const ASSERTION = /^(?:assert|expect|verify|refute)\w*$|^test\w*(?:URL|Url|Path|Method)$/;

/** What a web framework's application or router is usually called: `app.post(path, handler)`, `router.delete(…)`. */
const SERVER_NAMES = /^(?:app|application|router|server|srv|fastify|mux|routes|blueprint|bp)$/i;
const ROUTE_VERBS = /^(?:get|post|put|patch|delete|del|head|options|all|any|use|route|handle|GET|POST|PUT|PATCH|DELETE|Any|Handle)$/;

/** Predicates that compare a path: a router, a proxy or a filter deciding what a request is, not making one. */
const PREDICATES = new Set([
  'equals', 'equalsIgnoreCase', 'startsWith', 'endsWith', 'startswith', 'endswith', 'start_with?', 'end_with?', 'includes', 'include?',
  'contains', 'Contains', 'HasPrefix', 'HasSuffix', 'EqualFold', 'matches', 'test', 'match', 'match?', 'indexOf',
]);
const COMPARISON = /^(?:===?|!==?|eq|ne|in|not in)$/;

/** Decorators, annotations and attributes: `@PostMapping("/rest/auth/1/session")`, `@app.post(…)`, `[HttpPost("…")]`, Nest's `@Post(…)`. */
const ROUTE_DECLARATIONS = new Set(['decorator', 'annotation', 'marker_annotation', 'attribute_list']);

/**
 * Of those, the ones that declare a server's route: Spring MVC's `*Mapping`, JAX-RS's `@Path`, ASP.NET's `Http*` and
 * `Route`, Nest's `@Post`… Not Retrofit's upper-case `@POST("…")`, nor `@Value("${login-path:/rest/auth/1/session}")`,
 * and none in a file of declarative clients (Feign, Spring's `@HttpExchange`, MicroProfile's REST client, Refit).
 */
const SERVER_ROUTE_ANNOTATIONS = /^(?:(?:Request|Post|Get|Delete|Put|Patch)Mapping|Path|Route|Http(?:Post|Get|Delete|Put|Patch)|Post|Get|Delete|Put|Patch|All|WebServlet|WebFilter)$/;
const DECLARATIVE_CLIENT = /FeignClient|HttpExchange|RegisterRestClient|\bRefit\b|retrofit/;

/** Per tree: whether its file declares clients (the source is copied out of the tree once, not per annotation). */
const declaresClients = new WeakMap<Tree, boolean>();

function isServerRoute(declaration: Node): boolean {
  const name = /^[@[]?\s*([\w.]+)/.exec(declaration.text)?.[1] ?? '';
  if (!SERVER_ROUTE_ANNOTATIONS.test(lastName(name))) return false;
  let clients = declaresClients.get(declaration.tree);
  if (clients === undefined) declaresClients.set(declaration.tree, (clients = DECLARATIVE_CLIENT.test(declaration.tree.rootNode.text)));
  return !clients;
}
const CASE_LABELS = new Set(['switch_case', 'case_clause', 'switch_label', 'expression_case', 'case_statement']);

const FUNCTIONS = /(?:arrow_function|^function|function_expression|func_literal|lambda|closure|^block$|do_block|anonymous)/;

/**
 * Why the path (or cookie) at `node` is served, stubbed or checked rather than requested; undefined when it may be
 * a request. Only the nearest call counts (past URL builders): `expect(await client.post(path))` is a request.
 */
export function servedOrChecked(node: Node, profile: CompiledProfile): string | undefined {
  let current = node;
  for (let hops = 0; hops < 12 && current.parent; hops++) {
    const parent = current.parent;
    if (ROUTE_DECLARATIONS.has(parent.type)) return isServerRoute(parent) ? 'a server route declared by an annotation' : undefined;
    if (CASE_LABELS.has(parent.type) && parent.namedChild(0)?.id === current.id) return 'a case label';
    if (COMPARISON.test(operatorOf(parent))) return 'a comparison';
    if (profile.calls.has(parent.type)) {
      const { name, callee } = callParts(parent);
      const inCallee = callee !== undefined && current.startIndex >= callee.startIndex && current.endIndex <= callee.endIndex;
      if (!inCallee && (URL_BUILDERS.has(name) || CONVERSIONS.has(name))) {
        current = parent;
        continue;
      }
      if (inCallee) return enclosingRouteHandler(parent, profile);
      // Nest's `@Post('…')`, TypeScript decorators: the call is the decorator's.
      const declaration = parent.parent && ROUTE_DECLARATIONS.has(parent.parent.type) ? parent.parent : undefined;
      return callReason(parent, profile) ?? (declaration && isServerRoute(declaration) ? 'a server route declared by a decorator' : undefined) ?? stubbedBy(parent, profile);
    }
    if (FUNCTIONS.test(parent.type)) return routeOfHandler(parent, profile);
    if (/statement|declaration|^program$|^module$|^source_file$/.test(parent.type)) return undefined;
    current = parent;
  }
  return undefined;
}

/** The call whose arguments hold `node` (not its callee), within a few hops of one expression. */
function callTakingArgument(node: Node, profile: CompiledProfile): Node | undefined {
  let current = node;
  for (let hops = 0; hops < 8 && current.parent; hops++) {
    const parent = current.parent;
    if (profile.calls.has(parent.type)) {
      const { callee } = callParts(parent);
      if (!callee || current.startIndex < callee.startIndex || current.endIndex > callee.endIndex) return parent;
    } else if (FUNCTIONS.test(parent.type) || /statement|declaration/.test(parent.type)) {
      return undefined;
    }
    current = parent;
  }
  return undefined;
}

/** `stubFor(post(path).willReturn(…))`, `when(client.post(path))`, `perform(post(path))`: a request built only to be stubbed or tested. */
function stubbedBy(call: Node, profile: CompiledProfile): string | undefined {
  // In Emacs Lisp every form is a call (`(let …)`, `(when …)`, `(jira-api-perform …)`), and none of these libraries is.
  if (profile.grammar === 'elisp') return undefined;
  let current: Node | undefined = call;
  for (let depth = 0; current && depth < 4; depth++) {
    const outer = callTakingArgument(current, profile);
    if (!outer) return enclosingRouteHandler(current, profile);
    const { name, args, callee } = callParts(outer);
    // Mockito's `when(call)` and `given(call)` take one call (Lisp's `(when test body…)` is a conditional, and a
    // Lisp `jira-api-perform` is named by its last word only); `perform` is MockMvc's.
    const lispName = callee?.text.endsWith(`-${name}`) ?? false;
    const { receiver } = callParts(outer);
    const oneCall = !/^(?:when|given)$/.test(name) || args.length === 1;
    const mockMvc = name !== 'perform' || /mvc/i.test(receiver?.text ?? '');
    const wraps = STUB_WRAPPERS.has(name) && !lispName && oneCall && mockMvc;
    if (wraps) return `a request stubbed or made against this server's own handlers (${name}(…))`;
    if (ROUTE_OR_STUB.has(name) && !lispName) return `a route or stub (${name})`;
    current = outer;
  }
  return undefined;
}

/** Spring Cloud Gateway's `.route("id", r -> r.path(path).uri(backend))`: a path matched by a route's predicate. */
function routeOfHandler(handler: Node, profile: CompiledProfile): string | undefined {
  const outer = callTakingArgument(handler, profile);
  const name = outer ? callParts(outer).name : '';
  return /^(?:route|routes)$/.test(name) ? `a gateway route (${name})` : undefined;
}

/** The route handler (a function given to `route(…)`) that `node` sits in, if any, a few hops up. */
function enclosingRouteHandler(node: Node, profile: CompiledProfile): string | undefined {
  let current: Node | null = node;
  for (let hops = 0; current && hops < 8; hops++, current = current.parent) {
    if (FUNCTIONS.test(current.type)) return routeOfHandler(current, profile);
    if (/statement|declaration/.test(current.type)) return undefined;
  }
  return undefined;
}

/** The operator of a binary or comparison node (its first unnamed child between operands), else ''. */
function operatorOf(node: Node): string {
  if (!/binary|comparison/.test(node.type)) return '';
  const operator = node.childForFieldName('operator') ?? node.children.find((child) => child !== null && !child.isNamed && child.startIndex > (node.namedChild(0)?.startIndex ?? 0));
  return operator?.text ?? '';
}

function callReason(call: Node, profile: CompiledProfile): string | undefined {
  const { name, receiver, args } = callParts(call);
  if (ROUTE_OR_STUB.has(name)) return `a route or stub (${name})`;
  if (ASSERTION.test(name)) return `an assertion (${name})`;
  if (PREDICATES.has(name)) return `a comparison (${name})`;
  // `resp.setHeader("Set-Cookie", …)`, `withHeader("Set-Cookie", …)`: an answer's cookie, never one a client sends.
  if (args.some((arg) => /^set-cookie$/i.test(stripQuotes(arg.text)))) return 'a Set-Cookie header a server or a test double answers with';
  const receiverName = receiver ? lastName(receiver.text) : '';
  if (receiver && profile.identifiers.has(receiver.type) && SERVER_NAMES.test(receiverName) && ROUTE_VERBS.test(name)) return `a server route (${receiverName}.${name})`;
  // msw: `http.post(path, resolver)`, `rest.post(path, (req, res, ctx) => …)`: a handler, not a request.
  if (receiver && /^(?:http|rest)$/.test(receiver.text) && ROUTE_VERBS.test(name) && args.some((arg) => FUNCTIONS.test(arg.type))) return `a mock handler (${receiver.text}.${name})`;
  const root = chainRoot(call, profile);
  if (root && root.id !== call.id) {
    const parts = callParts(root);
    if (DOUBLE_OR_ASSERTION_ROOTS.has(parts.name)) return `a test double or assertion (${parts.name}(…))`;
    // supertest: `request(app).post(path)` exercises this repository's own server.
    const [first] = parts.args;
    if (/^(?:request|supertest|agent)$/.test(parts.name) && first && profile.identifiers.has(first.type) && SERVER_NAMES.test(first.text)) return 'a test of this server (supertest)';
  } else if (DOUBLE_OR_ASSERTION_ROOTS.has(name) && name !== 'verify' && name !== 'should') {
    return `a test double or assertion (${name}(…))`;
  }
  return undefined;
}

/** The innermost call a fluent chain starts with: `nock(host)` of `nock(host).post(path).reply(…)`. */
function chainRoot(call: Node, profile: CompiledProfile): Node | undefined {
  let current: Node | undefined = call;
  let root: Node | undefined;
  for (let hops = 0; current && hops < 16; hops++) {
    if (profile.calls.has(current.type)) {
      root = current;
      current = callParts(current).receiver;
    } else if (current.namedChildCount > 0 && /member|attribute|selector|navigation|field_access|call_suffix|scope/.test(current.type)) {
      current = current.namedChild(0) ?? undefined;
    } else {
      break;
    }
  }
  return root;
}

/**
 * A cookie name that is part of a login answer written out: the `"session": {"name": "JSESSIONID", …}` a server or
 * mock sends back (JSON in a string, or a map under a `session` key), not a cookie a client sends.
 */
export function isLoginAnswer(node: Node, value: string, profile: CompiledProfile): boolean {
  if (/["']session["']\s*:\s*\{/.test(value)) return true;
  let current = node;
  for (let hops = 0; hops < 5 && current.parent; hops++) {
    const parent = current.parent;
    // `Map.of("session", Map.of("name", "JSESSIONID", …))`: keys and values passed side by side.
    if (profile.calls.has(parent.type) || /argument/.test(parent.type)) {
      const before = current.previousNamedSibling;
      if (before && /^session$/i.test(stripQuotes(before.text))) return true;
    }
    if (profile.pairs.has(parent.type)) {
      const key = parent.childForFieldName('key') ?? parent.childForFieldName('name') ?? parent.childForFieldName('left') ?? parent.namedChild(0);
      const keyName = key && key.id !== current.id ? stripQuotes(key.text).replace(/^:|:$/g, '') : '';
      if (/^(?:session|set-cookie)$/i.test(keyName)) return true;
    }
    current = parent;
  }
  return false;
}
