import type { Node } from 'web-tree-sitter';
import { callParts } from '../../syntax/nodes';
import { descendants, lineOf, mentionsSessionResource, replaceNode, type Edit, type FixOptions, type RewriteResult, type ScanHints } from '../edits';
import { enclosingStatement, removeWithDependents, type StatementShape } from '../dependents';
import { insertBeforeFirst } from '../imports';

const IMPORTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

const SHAPE: StatementShape = {
  blocks: new Set(['module', 'block']),
  removable: new Set(['expression_statement']),
  emptyBlockFiller: 'pass',
  identifierTypes: ['identifier'],
  definedNames(statement) {
    const assignment = statement.firstNamedChild;
    if (assignment?.type !== 'assignment' && assignment?.type !== 'augmented_assignment') return [];
    const left = assignment.childForFieldName('left');
    if (!left) return [];
    return left.type === 'identifier' ? [left.text] : descendants(left, 'identifier').map((node) => node.text);
  },
  isReference(node) {
    const parent = node.parent;
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id) return false;
    if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id) return false;
    return true;
  },
};

function env(name: string): string {
  return `os.environ["${name}"]`;
}

function authHeader(options: FixOptions): string {
  if (options.bearer) return `"Bearer " + ${env(options.tokenVar)}`;
  return `"Basic " + base64.b64encode(f"{os.environ['${options.emailVar}']}:{os.environ['${options.tokenVar}']}".encode()).decode()`;
}

function hasImport(root: Node, module: string): boolean {
  return root.namedChildren.some((child) => child?.type === 'import_statement' && descendants(child, 'dotted_name').some((name) => name.text === module));
}

function stringContent(node: Node | null): string | undefined {
  if (node?.type !== 'string') return undefined;
  return descendants(node, 'string_content').map((part) => part.text).join('');
}

/** Names a session client is made with here: `requests.Session`, httpx clients, and `Session` imported from requests. */
function sessionFactories(root: Node): Set<string> {
  const names = new Set(['requests.Session', 'requests.session', 'httpx.Client', 'httpx.AsyncClient']);
  for (const statement of descendants(root, 'import_from_statement')) {
    if (statement.childForFieldName('module_name')?.text !== 'requests') continue;
    for (const name of statement.childrenForFieldName('name')) if (name && /^(Session|session)$/.test(name.text)) names.add(name.text);
  }
  return names;
}

/** `self.http` when the class makes it a requests session (or an httpx client): it can carry `.auth` itself. */
function isSessionAttribute(root: Node, receiver: Node): boolean {
  if (receiver.type !== 'attribute' || receiver.childForFieldName('object')?.text !== 'self') return false;
  const factories = sessionFactories(root);
  return descendants(root, 'assignment').some((assignment) => {
    const right = assignment.childForFieldName('right');
    return assignment.childForFieldName('left')?.text === receiver.text && right?.type === 'call' && factories.has(right.childForFieldName('function')?.text ?? '');
  });
}

/** `python` rewrites: the `jira` package's cookie auth, `kill_session()`, and `requests` session logins with their cookie. */
export function rewritePython(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const edits: Edit[] = [];
  const notes: RewriteResult['notes'] = [];
  const needs = new Set<string>();
  const basicPair = `(${env(options.emailVar)}, ${env(options.tokenVar)})`;

  for (const call of descendants(root, 'call')) {
    const { name, args } = callParts(call);
    if (name === 'JIRA') {
      const auth = args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'auth');
      if (auth) {
        edits.push(replaceNode(auth, options.bearer ? `token_auth=${env(options.tokenVar)}` : `basic_auth=${basicPair}`));
        needs.add('os');
      }
    }
    if (name === 'kill_session' && call.parent?.type === 'expression_statement') {
      const statement = enclosingStatement(call, SHAPE);
      if (statement) {
        const removed = removeWithDependents(source, root, statement, SHAPE, []);
        if (removed) edits.push(...removed);
      }
    }
    // A session cookie handed to a call: `cookies=…` → `auth=(email, token)`.
    const cookies = args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'cookies');
    if (cookies && name !== 'JIRA' && name !== 'Jira' && !options.bearer) {
      edits.push(replaceNode(cookies, `auth=${basicPair}`));
      needs.add('os');
    }
  }

  // `kwargs["auth"] = (user, password)` handed to `JIRA(**kwargs)`.
  const callsJira = descendants(root, 'call').some((call) => callParts(call).name === 'JIRA');
  for (const assignment of descendants(root, 'assignment')) {
    const left = assignment.childForFieldName('left');
    const subscript = left?.type === 'subscript' ? left.childForFieldName('subscript') : null;
    const right = assignment.childForFieldName('right');
    if (!callsJira || !subscript || !right || stringContent(subscript) !== 'auth') continue;
    edits.push(replaceNode(subscript, options.bearer ? '"token_auth"' : '"basic_auth"'));
    edits.push(replaceNode(right, options.bearer ? env(options.tokenVar) : basicPair));
    needs.add('os');
  }

  // `{"Cookie": "%s=%s" % …}` → an Authorization header.
  const replaced: Edit[] = [];
  for (const pair of descendants(root, 'pair')) {
    if (stringContent(pair.childForFieldName('key'))?.toLowerCase() !== 'cookie') continue;
    const value = pair.childForFieldName('value');
    if (!value) continue;
    replaced.push({ start: pair.startIndex, end: value.endIndex, text: `"Authorization": ${authHeader(options)}` });
    needs.add('os');
    if (!options.bearer) needs.add('base64');
  }
  edits.push(...replaced);
  replaced.push(...edits.filter((edit) => edit.text.startsWith('auth=')));

  // The session login itself: removed, with what only served it; a `requests.Session` gets `.auth` instead.
  for (const call of descendants(root, 'call')) {
    const { name, receiver, args } = callParts(call);
    if ((name !== 'post' && name !== 'delete') || !(hints.loginLines.has(lineOf(call)) || args.some((arg) => mentionsSessionResource(arg.text)))) continue;
    const statement = enclosingStatement(call, SHAPE);
    const removed = statement && SHAPE.removable.has(statement.type) ? removeWithDependents(source, root, statement, SHAPE, replaced) : undefined;
    if (!statement || !removed) {
      notes.push({ line: lineOf(call), note: 'Remove this session login and pass auth=(email, api_token) on the calls that used its cookie.' });
      continue;
    }
    const sessionReceiver = receiver && ((receiver.type === 'identifier' && receiver.text !== 'requests') || isSessionAttribute(root, receiver));
    // A login removed while nothing sends the credentials instead would leave the later calls anonymous; calls
    // that already pass `auth=` (HTTPBasicAuth, a tuple) need no login.
    const authenticated = descendants(root, 'keyword_argument').some((argument) => argument.childForFieldName('name')?.text === 'auth' && (argument.startIndex < statement.startIndex || argument.endIndex > statement.endIndex));
    if (name === 'post' && !sessionReceiver && !replaced.length && !authenticated) {
      notes.push({ line: lineOf(call), note: 'Remove this session login and pass auth=(email, api_token) on the calls that used its cookie.' });
      continue;
    }
    if (name === 'post' && receiver && sessionReceiver) {
      const indent = source.slice(source.lastIndexOf('\n', statement.startIndex - 1) + 1, statement.startIndex);
      const credentials = options.bearer ? `${receiver.text}.headers["Authorization"] = ${authHeader(options)}` : `${receiver.text}.auth = ${basicPair}`;
      const [login] = removed;
      if (login) removed[0] = { ...login, text: `${indent}${credentials}\n` };
      needs.add('os');
    }
    edits.push(...removed);
  }

  if (edits.length) {
    for (const module of ['base64', 'os']) if (needs.has(module) && !hasImport(root, module)) edits.push(insertBeforeFirst(source, root, IMPORTS, `import ${module}`));
  }
  return { edits, notes };
}
