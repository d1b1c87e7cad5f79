import type { Node } from 'web-tree-sitter';
import { descendants, insideEdits, lineOf, removeStatement, type Edit, type FixOptions, type RewriteResult, type ScanHints } from '../edits';
import { handsBackNote } from '../manual-notes';
import { goLinesReturningAnswer, rewriteGoHttpSession } from './go-http-session';
import { rewriteAcquireSessionCookie } from './go-session-cookie';

function importPaths(root: Node): Node[] {
  return descendants(root, 'import_spec');
}

function pathOf(spec: Node): string {
  return spec.childForFieldName('path')?.text.slice(1, -1) ?? '';
}

/** `"os"` among the imports, in gofmt's sorted place; a new import line when there is no import block. */
function importOs(source: string, root: Node): Edit | undefined {
  const specs = importPaths(root);
  if (specs.some((spec) => pathOf(spec) === 'os')) return undefined;
  const list = descendants(root, 'import_spec_list')[0];
  if (list) {
    // gofmt sorts each group of consecutive lines; "os" joins the standard library's group (paths without a dot).
    const inList = specs.filter((spec) => spec.parent?.id === list.id);
    const standard = inList.filter((spec) => !(pathOf(spec).split('/')[0] ?? '').includes('.'));
    const group = standard.length ? standard : inList;
    const after = group.find((spec) => pathOf(spec) > 'os');
    const anchor = after ?? group.at(-1) ?? list.lastNamedChild;
    // An empty `import ()` has no line to go beside: a new import line (below) does.
    if (anchor) {
      const lineStart = source.lastIndexOf('\n', anchor.startIndex - 1) + 1;
      const indent = source.slice(lineStart, anchor.startIndex);
      if (after) return { start: lineStart, end: lineStart, text: `${indent}"os"\n` };
      const lineEnd = source.indexOf('\n', anchor.endIndex);
      return { start: lineEnd + 1, end: lineEnd + 1, text: `${indent}"os"\n` };
    }
  }
  const pkg = root.namedChildren.find((child) => child?.type === 'package_clause');
  return pkg ? { start: pkg.endIndex, end: pkg.endIndex, text: '\n\nimport "os"' } : undefined;
}

/** go-jira: `CookieAuthTransport{…}` → `BasicAuthTransport` (or `PATAuthTransport` with --bearer) reading the environment. */
export function rewriteGo(source: string, root: Node, options: FixOptions, hints: ScanHints): RewriteResult {
  const edits: Edit[] = [];
  const notes: RewriteResult['notes'] = [];
  const cloud = importPaths(root).some((spec) => pathOf(spec).includes('go-jira/v2/cloud'));
  for (const literal of descendants(root, 'composite_literal')) {
    const type = literal.childForFieldName('type');
    const name = type?.type === 'qualified_type' ? type.childForFieldName('name') : type;
    if (name?.text !== 'CookieAuthTransport') continue;
    const body = literal.childForFieldName('body');
    if (!body) continue;
    const indent = source.slice(source.lastIndexOf('\n', literal.startIndex - 1) + 1).match(/^\t*/)?.[0] ?? '';
    const fields = options.bearer
      ? [`Token: os.Getenv("${options.tokenVar}"),`]
      : [`Username: os.Getenv("${options.emailVar}"),`, `${cloud ? 'APIToken' : 'Password'}: os.Getenv("${options.tokenVar}"),`];
    edits.push({ start: name.startIndex, end: name.endIndex, text: options.bearer ? 'PATAuthTransport' : 'BasicAuthTransport' });
    edits.push({ start: body.startIndex, end: body.endIndex, text: `{\n${fields.map((field) => `${indent}\t${field}`).join('\n')}\n${indent}}` });
  }
  const acquire = rewriteAcquireSessionCookie(source, root, options, cloud);
  edits.push(...acquire.edits);
  for (const call of descendants(root, 'call_expression')) {
    const selector = call.childForFieldName('function');
    if (selector?.type === 'selector_expression' && selector.childForFieldName('field')?.text === 'AcquireSessionCookie' && !acquire.lines.has(lineOf(call))) {
      notes.push({ line: lineOf(call), note: `Remove AcquireSessionCookie; build the client with jira.BasicAuthTransport{Username: os.Getenv("${options.emailVar}"), APIToken: os.Getenv("${options.tokenVar}")}.Client().` });
    }
  }
  // A net/http (or resty…) login: the requests set the credentials themselves.
  const http = rewriteGoHttpSession(source, root, options, { loginLines: new Set([...hints.loginLines].filter((line) => !acquire.lines.has(line))) });
  edits.push(...http.edits);
  const header = options.bearer ? `req.Header.Set("Authorization", "Bearer "+os.Getenv("${options.tokenVar}"))` : `req.SetBasicAuth(os.Getenv("${options.emailVar}"), os.Getenv("${options.tokenVar}"))`;
  // A login inside `return`, or whose answer reaches a later `return` (`return c.http.Do(req)`), hands the session to
  // its callers: the note says so (in the general note's words), with the net/http call, not the scan's go-jira one.
  const returns = descendants(root, 'return_statement');
  const handedBack = goLinesReturningAnswer(root, hints.loginLines);
  const returned = (line: number): boolean => handedBack.has(line) || returns.some((statement) => statement.startPosition.row + 1 <= line && line <= statement.endPosition.row + 1);
  for (const line of hints.loginLines) {
    if (acquire.lines.has(line) || http.lines.has(line)) continue;
    notes.push({ line, note: http.note ?? (returned(line) ? handsBackNote(header) : `Remove this session login; on each request that used its cookie call ${header} instead.`) });
  }
  if (edits.length) {
    const locals = unreadLocals(source, root, edits);
    if ('refused' in locals) {
      const { name, line, at } = locals.refused;
      return { edits: [], notes: [...notes, { line: at, note: `This rewrite would leave ${name} (line ${line}) unread, which Go refuses to compile, and what it is given may do more than give a value: remove it by hand if it can go, then run fix again.` }] };
    }
    edits.push(...locals.removed);
    const add = importOs(source, root);
    if (add) edits.push(add);
    edits.push(...unusedImports(source, root, edits));
  }
  return { edits, notes };
}

/** What a Go expression may do besides give a value: a call (a conversion looks the same), a receive, a closure. */
const EFFECTS = new Set(['call_expression', 'func_literal']);

function hasEffects(node: Node): boolean {
  return [node, ...descendants(node, [...EFFECTS, 'unary_expression'])].some((part) => EFFECTS.has(part.type) || (part.type === 'unary_expression' && part.childForFieldName('operator')?.text === '<-'));
}

/** `x := value` or `var x = value` in a function: its names and its value. */
function localDeclaration(statement: Node): { names: Node[]; value: Node | null } | undefined {
  if (statement.type === 'short_var_declaration') {
    return { names: statement.childForFieldName('left')?.namedChildren.filter((name): name is Node => name?.type === 'identifier') ?? [], value: statement.childForFieldName('right') };
  }
  const specs = statement.type === 'var_declaration' ? statement.namedChildren : [];
  const [spec] = specs;
  if (spec?.type !== 'var_spec' || specs.length !== 1) return undefined;
  return { names: spec.childrenForFieldName('name').filter((name): name is Node => name?.type === 'identifier'), value: spec.childForFieldName('value') };
}

/**
 * Locals whose every read the rewrite removed (`emptyCookie` read only in the replaced `SessionObject: []*http.Cookie{
 * emptyCookie, …}`): Go refuses a declared and unused variable, so the declaration goes too when its value has no
 * effect (and what it alone read, in turn); otherwise the rewrite is refused at its line.
 */
function unreadLocals(source: string, root: Node, edits: Edit[]): { removed: Edit[] } | { refused: { name: string; line: number; at: number } } {
  const removed: Edit[] = [];
  const declarations = descendants(root, ['short_var_declaration', 'var_declaration']).filter((statement) => statement.parent && /block|statement_list/.test(statement.parent.type));
  for (let changed = true; changed; ) {
    changed = false;
    const all = [...edits, ...removed];
    for (const statement of declarations) {
      const declared = localDeclaration(statement);
      if (!declared || insideEdits(statement, all)) continue;
      let scope = statement.parent;
      while (scope && scope.type !== 'block') scope = scope.parent;
      const readsOf = (name: Node): Node[] => descendants(scope ?? statement, 'identifier').filter((node) => node.text === name.text && node.startIndex >= statement.endIndex);
      const lost = declared.names.filter((name) => {
        if (name.text === '_' || all.some((edit) => new RegExp(`\\b${name.text}\\b`).test(edit.text))) return false;
        const reads = readsOf(name);
        return reads.length > 0 && reads.every((node) => insideEdits(node, all));
      });
      const [first] = lost;
      if (!first) continue;
      if (lost.length !== declared.names.length || (declared.value && hasEffects(declared.value))) {
        // The note goes on the line of the edit that took the read (the rewritten finding's).
        const read = readsOf(first)[0];
        const edit = read && all.find((candidate) => candidate.start <= read.startIndex && read.endIndex <= candidate.end);
        const at = edit ? source.slice(0, edit.start).split('\n').length : lineOf(statement);
        return { refused: { name: first.text, line: lineOf(statement), at } };
      }
      removed.push(removeStatement(source, statement));
      changed = true;
    }
  }
  return { removed };
}

/** Imports the removed code alone used (`fmt` for the old AuthURL): Go refuses to compile an unused import. */
function unusedImports(source: string, root: Node, edits: Edit[]): Edit[] {
  const removedText = (node: Node): boolean => edits.some((edit) => edit.start <= node.startIndex && node.endIndex <= edit.end);
  // `fmt.Sprintf(…)` reads a package through a selector; a type such as `&http.Cookie{…}` through a qualified type.
  const selected = descendants(root, 'selector_expression').map((selector) => selector.childForFieldName('operand')).filter((operand): operand is Node => operand?.type === 'identifier');
  const uses = [...selected, ...descendants(root, 'qualified_type').map((type) => type.childForFieldName('package')).filter((name): name is Node => name !== null)];
  return importPaths(root)
    .filter((spec) => !spec.childForFieldName('name'))
    .filter((spec) => {
      const name = pathOf(spec).split('/').at(-1) ?? '';
      const named = uses.filter((operand) => operand.text === name);
      return named.length > 0 && named.every(removedText);
    })
    .map((spec) => {
      const lineStart = source.lastIndexOf('\n', spec.startIndex - 1) + 1;
      const lineEnd = source.indexOf('\n', spec.endIndex);
      return spec.parent?.type === 'import_spec_list' ? { start: lineStart, end: lineEnd + 1, text: '' } : { start: spec.startIndex, end: spec.endIndex, text: '"os"' };
    });
}
