import type { Node } from 'web-tree-sitter';
import { enclosingStatement, removeWithDependents } from '../dependents';
import { argumentsOf, commandName, cookieHeaders, cookieOptions, credentialsFor, dropOption, HTTP_CLIENTS, isCookieString, isHttpie, unquote } from './shell-cookies';
import { forwardsUnreadAnswer } from './shell-ci-outputs';
import { failureChecks, failureGuard, sessionCheck, thenRuns } from './shell-guards';
import { jarPlumbing, jarStillRead, variableOf } from './shell-jar-plumbing';
import { branchStatements, removeFromBlock, SHAPE, STATEMENT_BLOCKS, statementOf } from './shell-statements';
import { whoamiEdit, unusedSessionUrls } from './shell-whoami';
import { descendants, type Edit, type FixOptions, insideEdits, lineOf, mentionsSessionResource, removeStatement, type RewriteResult, type ScanHints } from '../edits';

/** A request that sends a body (curl, wget), with the value joined or not: `-d @f`, `-d@f`, `--post-data=…`. */
const SENDS_DATA = /^(?:-d|-F|--data|--data-raw|--data-binary|--data-urlencode|--json|--form|--post-data|--post-file)(?:$|=)|^-[dF]./;
const METHOD_FLAGS = new Set(['-X', '--request', '--method']);

function isClient(command: Node): boolean {
  return HTTP_CLIENTS.has(commandName(command));
}

/** The lines a command spans: a hint (the scan's finding line) may point at any of its continued lines. */
function spansHintLine(command: Node, hints: ScanHints): boolean {
  for (let row = command.startPosition.row; row <= command.endPosition.row; row++) if (hints.loginLines.has(row + 1)) return true;
  return false;
}

/**
 * A login POSTs a body (or says POST: `-X POST`, `-XPOST`, `--request POST`, `--method=POST`, HTTPie's `POST url`
 * or `name=value` items); a logout is DELETE. A GET of the session reads the user: a person rewrites it.
 */
function isLoginOrLogout(command: Node): boolean {
  const args = argumentsOf(command).map((arg) => unquote(arg.text));
  const verb = (word: string | undefined): boolean => /^(POST|DELETE)$/.test(word ?? '');
  // wget's -d is --debug, not data.
  if (args.some((arg) => SENDS_DATA.test(arg) && !(commandName(command) === 'wget' && arg === '-d'))) return true;
  if (args.some((arg, index) => (METHOD_FLAGS.has(arg) && verb(args[index + 1])) || verb(/^(?:-X|--(?:request|method)=)(.+)$/.exec(arg)?.[1]))) return true;
  // A wrapper (`jira_call POST /rest/auth/1/session`) or HTTPie (`http --session=s POST url`): the verb as a word of its own.
  const httpie = isHttpie(command);
  return verb(args[0]) || (httpie && (args.some(verb) || args.some((arg) => /^[\w.-]+:?=/.test(arg) && !arg.startsWith('-'))));
}

export function credentialsFlag(options: FixOptions): string {
  return credentialsFor('curl', options);
}

/** `cookie=$(curl … session | grep -o 'JSESSIONID=[^;]*')`: variables that hold a session call's answer (a cookie, not a jar path). */
function answerVariables(sessionCalls: Node[]): Set<string> {
  return new Set(
    sessionCalls.flatMap((call) => {
      const statement = enclosingStatement(call, SHAPE);
      return statement && SHAPE.removable.has(statement.type) ? SHAPE.definedNames(statement) : [];
    }),
  );
}

/**
 * `jira_call POST /rest/auth/1/session -d …`: a login through the script's own wrapper function. It goes only when
 * the wrapper's client is in this file and reads the cookie jar, so the `-b` below becomes the credentials.
 */
function wrapperLogins(root: Node, clients: Node[], hints: ScanHints): Node[] {
  const readsJar = clients.some((command) => cookieOptions(command).some((option) => option.role === 'read' || option.role === 'session'));
  if (!readsJar) return [];
  const functions = new Set(descendants(root, 'function_definition').map((definition) => definition.childForFieldName('name')?.text));
  return descendants(root, 'command').filter((command) => !isClient(command) && spansHintLine(command, hints) && functions.has(commandName(command)) && isLoginOrLogout(command));
}

/**
 * `login "$jar"`: a call, as a statement of its own, of this file's function whose every statement the rewrite
 * removed does nothing any more and goes. The function stays (a no-op): a script that sources this one may call it.
 */
function emptiedFunctionCalls(source: string, root: Node, edits: Edit[]): Edit[] {
  const covered = (node: Node): boolean => insideEdits(node, edits);
  const emptied = new Set<string>();
  for (const definition of descendants(root, 'function_definition')) {
    const body = definition.childForFieldName('body');
    const statements = body ? branchStatements(body) : [];
    if (statements.length && statements.every(covered)) emptied.add(definition.childForFieldName('name')?.text ?? '');
  }
  return descendants(root, 'command')
    .filter((command) => emptied.has(commandName(command)))
    .map(statementOf)
    .filter((statement): statement is Node => statement !== undefined && !covered(statement))
    .flatMap((statement) => removeFromBlock(source, statement));
}

/**
 * The cookie options of the clients that stay: the first jar (or session) a request reads becomes the
 * credentials, every other jar option goes. Returns the edits and the jars they served.
 */
function credentialEdits(source: string, clients: Node[], options: FixOptions): { edits: Edit[]; jars: Set<string> } {
  const edits: Edit[] = [];
  const jars = new Set<string>();
  for (const command of clients) {
    let authenticated = false;
    for (const option of cookieOptions(command)) {
      if (isCookieString(option)) continue;
      if (option.target && option.role !== 'session') jars.add(option.target);
      const reads = option.role === 'read' || option.role === 'session';
      if (reads && !authenticated) edits.push({ start: option.flag.startIndex, end: option.value.endIndex, text: credentialsFor(commandName(command), options) });
      else edits.push(dropOption(source, option.flag.startIndex, option.value.endIndex));
      authenticated ||= reads;
    }
  }
  return { edits, jars };
}

/** `shell` rewrites: the session login goes, and every curl/wget/HTTPie call that read its cookie jar, cookie or session authenticates itself. */
export function rewriteShell(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const edits: Edit[] = [];
  const notes: RewriteResult['notes'] = [];
  const clients = descendants(root, 'command').filter(isClient);
  const sessionCalls = clients.filter((command) => spansHintLine(command, hints) || argumentsOf(command).some((arg) => mentionsSessionResource(arg.text)));

  // Cookies sent by hand first (`-H "Cookie: JSESSIONID=$SID"`, `-b "JSESSIONID=$SID"`): the login's answer may
  // feed only them, so the login can go with what reads it.
  const replaced: Edit[] = [];
  const answers = answerVariables(sessionCalls);
  for (const command of clients) {
    if (sessionCalls.includes(command)) continue;
    const credentials = credentialsFor(commandName(command), options);
    for (const header of cookieHeaders(command)) replaced.push({ ...header, text: credentials });
    const cookies = cookieOptions(command).filter((option) => isCookieString(option) || (option.role === 'read' && answers.has(variableOf(option.target) ?? '')));
    for (const option of cookies) replaced.push({ start: option.flag.startIndex, end: option.value.endIndex, text: credentials });
  }
  edits.push(...replaced);

  notes.push(...clientVariableNotes(root, hints, options));
  // `curl -u "$U:$P" -c jar …/session`: a GET that only fills the jar (its answer not piped on) logs in as well.
  const fillsJar = (command: Node): boolean => command.parent?.type !== 'pipeline' && cookieOptions(command).some((option) => option.role === 'write');
  const logins = [...sessionCalls.filter((call) => isLoginOrLogout(call) || fillsJar(call)), ...wrapperLogins(root, clients, hints)];
  for (const login of logins) {
    const statement = statementOf(login) ?? failureGuard(login);
    if (statement?.parent) {
      edits.push(...removeFromBlock(source, statement));
      continue;
    }
    const next = thenRuns(login);
    if (next) {
      edits.push(next);
      continue;
    }
    // `resp=$(curl … /rest/auth/1/session)`: the assignment goes with what only read it, and with the checks
    // that only stop the script when the login failed.
    const assignment = enclosingStatement(login, SHAPE);
    const checks = assignment ? failureChecks(assignment).map((check) => removeStatement(source, check)) : [];
    // In a CI job, a step may hand the answer to later steps (`echo "sid=$SID" >> "$GITHUB_OUTPUT"`): that goes
    // with the login once no later step reads it.
    const shape = { ...SHAPE, isFailureCheck: (statement: Node) => forwardsUnreadAnswer(statement, hints.embeddingText, replaced) };
    const removed = assignment && SHAPE.removable.has(assignment.type) ? removeWithDependents(source, root, assignment, shape, [...replaced, ...checks]) : undefined;
    if (removed) edits.push(...removed, ...checks);
    else notes.push({ line: lineOf(login), note: loginNote(login, options) });
  }
  for (const command of sessionCalls.filter((call) => !logins.includes(call))) {
    const whoami = logins.length ? whoamiEdit(command, root) : undefined;
    const check = logins.length ? sessionCheck(command, edits) : undefined;
    if (whoami ?? check) {
      edits.push(...(check ? removeFromBlock(source, check) : [whoami as Edit]));
      continue;
    }
    notes.push({ line: lineOf(command), note: `Read the user from "$JIRA_URL/rest/api/2/myself" with curl ${credentialsFlag(options)} instead of the session resource.` });
  }
  if (!logins.length && !replaced.length) return { edits, notes };
  edits.push(...emptiedFunctionCalls(source, root, edits));
  const credentials = credentialEdits(source, clients.filter((command) => !logins.includes(command)), options);
  edits.push(...credentials.edits);
  // `SID=$(grep JSESSIONID "$JAR" | …)` read only where a cookie became the credentials: it goes too. Any other
  // read of the login's jar keeps the login (and the file as it is), with a note.
  const jars = jarsOf(logins);
  // A login kept with a note still writes its jar: that is no read.
  const loginRanges = logins.map((login) => ({ start: login.startIndex, end: login.endIndex, text: '' }));
  const stillRead = (): ReturnType<typeof jarStillRead> => jarStillRead(root, jars, [...edits, ...loginRanges]);
  for (let kept = stillRead(); kept; kept = stillRead()) {
    const statement = enclosingStatement(kept.node, SHAPE);
    const removed = statement && SHAPE.removable.has(statement.type) ? removeWithDependents(source, root, statement, SHAPE, edits) : undefined;
    const { node, jar } = kept;
    if (!removed) return { edits: [], notes: [...notes, ...logins.map((login) => ({ line: lineOf(login), note: keptJarNote(login, { node, jar }, options) }))] };
    edits.push(...removed);
  }
  // Only once nothing reads the jar: its rm, the trap that removes it, the variable that names it.
  const plumbing = jarPlumbing(root, new Set([...credentials.jars, ...jars]), edits, (node) => statementOf(node) === node || (node.parent !== null && STATEMENT_BLOCKS.has(node.parent.type)));
  for (const statement of plumbing.statements) edits.push(...removeFromBlock(source, statement));
  // Only when every session call went: a kept GET of the session still needs its URL.
  return { edits: singleBlankLines(source, notes.length ? edits : [...edits, ...unusedSessionUrls(source, root, edits)]), notes };
}

/**
 * Whole lines removed one after another (the jar variable, then its trap) between two blank lines: one of the
 * blank lines goes too, as removeStatement does for a single line, so the paragraph break stays single.
 */
function singleBlankLines(source: string, edits: Edit[]): Edit[] {
  const lines = edits.filter((edit) => edit.text === '' && source[edit.start - 1] === '\n' && source[edit.end - 1] === '\n').sort((a, b) => a.start - b.start);
  const widened = new Map<Edit, Edit>();
  for (let first = 0; first < lines.length; first++) {
    let last = first;
    while (lines[last + 1]?.start === lines[last]?.end) last++;
    const [start, end] = [lines[first], lines[last]];
    const free = (offset: number): boolean => !edits.some((edit) => edit.start <= offset && offset < edit.end);
    if (start && end && last > first && source[start.start - 2] === '\n' && source[end.end] === '\n' && free(end.end)) widened.set(end, { ...end, end: end.end + 1 });
    first = last;
  }
  return edits.map((edit) => widened.get(edit) ?? edit);
}

/**
 * `CURL="curl -s -b $COOKIES -c $COOKIES"` … `$CURL -d … /rest/auth/1/session`: curl and its jar held in a string
 * that word splitting takes apart. The string is not rewritten (its words are not nodes); the note says what to write.
 */
function clientVariableNotes(root: Node, hints: ScanHints, options: FixOptions): RewriteResult['notes'] {
  const holders = new Map<string, Node>();
  for (const assignment of descendants(root, 'variable_assignment')) {
    const value = assignment.childForFieldName('value');
    if (value && /^["']?(curl|wget)\s/.test(value.text)) holders.set(assignment.childForFieldName('name')?.text ?? '', assignment);
  }
  return descendants(root, 'command').flatMap((command) => {
    const name = command.childForFieldName('name');
    const variable = name && descendants(name, 'variable_name')[0]?.text;
    const holder = variable ? holders.get(variable) : undefined;
    if (!holder || !spansHintLine(command, hints)) return [];
    const token = `$${options.tokenVar}`;
    const credentials = options.bearer ? `${variable}=(curl … -H "Authorization: Bearer ${token}") and call it as "\${${variable}[@]}"` : `-u $${options.emailVar}:${token} in its place`;
    return [
      {
        line: lineOf(command),
        note: `This session login runs the client held in $${variable} (line ${lineOf(holder)}): delete this login, and in ${variable}'s value drop the cookie-jar options (-b/-c/--cookie/--cookie-jar FILE) and write ${credentials}; then delete the jar's cleanup.`,
      },
    ];
  });
}

/** The jars the logins write or read (`-c "$JAR"`, `--save-cookies=jar.txt`). */
function jarsOf(logins: Node[]): Set<string> {
  return new Set(logins.flatMap((login) => [...cookieOptions(login).filter((option) => option.target && option.role !== 'session' && !isCookieString(option)).map((option) => option.target), ...outputFiles(login)]));
}

/** `-D headers.txt`, `--dump-header h`, `-o login.json`: files a login writes its answer to (its cookie is read from them). */
function outputFiles(login: Node): string[] {
  const args = argumentsOf(login).map((arg) => unquote(arg.text));
  return args.flatMap((arg, index) => (['-D', '--dump-header', '-o', '--output'].includes(arg) ? [args[index + 1] ?? ''] : [])).filter((file) => file && file !== '-' && file !== '/dev/null');
}

function keptJarNote(login: Node, kept: { jar: string; node: Node }, options: FixOptions): string {
  const client = commandName(login) || 'curl';
  return `Line ${lineOf(kept.node)} still reads the cookie jar ${kept.jar} in a way fix does not rewrite: send ${credentialsFor(client, options)} there instead of the jar's cookie, then delete this session login (line ${lineOf(login)}) and the jar.`;
}

/** What to write instead of a login the rewrite cannot remove safely (its answer is still read elsewhere). */
function loginNote(login: Node, options: FixOptions): string {
  const client = commandName(login) || 'curl';
  return `Remove this session login (line ${lineOf(login)}) and whatever reads its answer; send ${credentialsFor(client, options)} on each ${client} call that used the session cookie instead (the token comes from $${options.tokenVar}; never a password).`;
}
