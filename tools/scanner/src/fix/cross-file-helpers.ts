import type { Node } from 'web-tree-sitter';
import type { Finding, LanguageId } from '../model';
import { removeListElement, removeStatement, type Edit, type FixOptions } from './edits';
import { findingsOf, fixFile, parse, type FileFix } from './fix-file';
import { canRead, importsName, lineAt, wordOffsets, type Occurrence } from './readers';
import { isDiscardedCall, removeDefinition } from './rewriters/python';
import { commit, draftOf, fixWithLogins, parsesClean, places, readerWithout, replaceIn, tryApply, type Draft, type FixLookup, type Mention, type TreeFiles } from './tree-drafts';

/** Login helpers across files: rewritten with their callers when that is safe, else their callers named. */

/** The function or method whose body holds `node`, with its name. */
function enclosingFunction(node: Node): { definition: Node; name: string } | undefined {
  for (let current: Node | null = node; current; current = current.parent) {
    if (!/function|method/.test(current.type) || /call|invocation|arguments/.test(current.type)) continue;
    const own = current.childForFieldName('name');
    if (own) return { definition: current, name: own.text };
    const holder = current.parent;
    if (holder?.type === 'variable_declarator' && holder.childForFieldName('name')) return { definition: current, name: holder.childForFieldName('name')?.text ?? '' };
  }
  return undefined;
}

/** Offsets of `name(` calls in a text (the name as a word, then an opening parenthesis), among the name's offsets. */
function callOffsets({ text, offsets }: Mention, name: string): number[] {
  return offsets.filter((offset) => /^\s*\(/.test(text.slice(offset + name.length, offset + name.length + 20)));
}

/**
 * A login helper that hands its answer to callers the file does not show: its note names the calls of that name
 * under the scanned folder (each to change with it), or says that none is there (its callers are outside the scan,
 * a published API: changing what it returns would break them).
 */
export async function nameCallers(files: TreeFiles, fixes: FileFix[]): Promise<void> {
  const helpers: Array<{ fix: FileFix; finding: Finding; name: string; start: number; end: number }> = [];
  for (const fix of fixes) {
    const logins = fix.manual.filter((entry) => entry.finding.ruleId === 'session-login-call' && /callers/.test(entry.note));
    if (!logins.length) continue;
    const tree = await parse(fix.before, fix.language);
    if (!tree) continue;
    for (const { finding } of logins) {
      const node = tree.rootNode.descendantForPosition({ row: finding.line - 1, column: Math.max(0, finding.column - 1) });
      const helper = node && enclosingFunction(node);
      if (helper?.name && /^[\w$]+$/.test(helper.name)) helpers.push({ fix, finding, name: helper.name, start: helper.definition.startIndex, end: helper.definition.endIndex });
    }
    tree.delete();
  }
  const texts = files.naming(new Set(helpers.map((helper) => helper.name)));
  for (const { fix, finding, name, start, end } of helpers) {
    const calls: Occurrence[] = [];
    for (const mention of texts.of(name)) {
      const { file, text } = mention;
      if (!canRead(texts.languageOf(file, text), fix.language)) continue;
      for (const offset of callOffsets(mention, name)) {
        if (file === fix.file && offset >= start && offset < end) continue;
        calls.push({ file, line: lineAt(text, offset) });
      }
    }
    const entry = fix.manual.find((candidate) => candidate.finding === finding);
    if (!entry) continue;
    entry.note += calls.length
      ? ` Calls of ${name}() under the scanned folder: ${places(calls)}.`
      : ` No file under the scanned folder calls ${name}(): its callers are outside this scan (a published API), so \`fix\` leaves what it returns as it is.`;
  }
}

/** Whether the name at `offset` is called for its effect only: `name(…)` / `x.name(…)` as a whole statement. */
function discardedCall(root: Node, offset: number, name: string): boolean {
  const node = root.descendantForIndex(offset, offset + name.length);
  return node?.type === 'identifier' && node.text === name && isDiscardedCall(node);
}

/**
 * A public Python login helper whose every mention under the scanned folder (one at least) is a call made for its
 * effect (`client.login(user, pw)` as a statement): nobody reads what it returns, so its `return session.post(…)`
 * becomes `session.auth = (…)`, as python.ts does for a private helper (ScanHints.discardedAnswers). One mention of
 * any other kind, anywhere (its value stored, passed on, a definition of the same name), keeps the note.
 */
export async function helpersWithDiscardedAnswers(files: TreeFiles, fixes: FileFix[], options: FixOptions): Promise<void> {
  const helpers: Array<{ index: number; name: string; start: number }> = [];
  for (const [index, fix] of fixes.entries()) {
    if (fix.language !== 'python' || !fix.manual.some((entry) => entry.finding.ruleId === 'session-login-call')) continue;
    const tree = await parse(fix.before, fix.language);
    if (!tree) continue;
    for (const { finding } of fix.manual.filter((entry) => entry.finding.ruleId === 'session-login-call')) {
      const node = tree.rootNode.descendantForPosition({ row: finding.line - 1, column: Math.max(0, finding.column - 1) });
      let fn: Node | null = node;
      while (fn && fn.type !== 'function_definition') fn = fn.parent;
      const name = fn?.childForFieldName('name');
      // Two logins in one helper name it once.
      const known = helpers.some((helper) => helper.index === index && helper.start === name?.startIndex);
      if (fn && name && !name.text.startsWith('__') && !known) helpers.push({ index, name: name.text, start: name.startIndex });
    }
    tree.delete();
  }
  if (!helpers.length) return;
  const texts = files.naming(new Set(helpers.map((helper) => helper.name)));
  const trees = new Map<string, Node | undefined>();
  const parsed: Array<{ delete(): void }> = [];
  try {
    for (const { index, name, start } of helpers) {
      const fix = fixes[index];
      if (!fix) continue;
      let calls = 0;
      let discarded = true;
      for (const mention of texts.of(name)) {
        const { file, text } = mention;
        if (texts.languageOf(file, text) !== 'python') continue;
        const offsets = mention.offsets.filter((offset) => !(file === fix.file && offset === start));
        if (!offsets.length) continue;
        if (!trees.has(file)) {
          const tree = await parse(text, 'python');
          if (tree) parsed.push(tree);
          trees.set(file, tree && !tree.rootNode.hasError ? tree.rootNode : undefined);
        }
        const tree = trees.get(file);
        if (!tree || !offsets.every((offset) => discardedCall(tree, offset, name))) discarded = false;
        calls += offsets.length;
      }
      if (!discarded || !calls) continue;
      const findings = findingsOf(fix);
      const again = await fixFile(fix.file, fix.before, findings, options, { discardedAnswers: new Set([name]) });
      if (again.status === 'rewritten' && again.fixed.length > fix.fixed.length) fixes[index] = again;
    }
  } finally {
    parsed.forEach((tree) => tree.delete());
  }
}

/** A top-level function (JavaScript/TypeScript, Python) holding `node`: its name and the statement that defines it. */
function topLevelFunction(node: Node): { name: string; statement: Node } | undefined {
  for (let current: Node | null = node; current; current = current.parent) {
    const holder = current.parent;
    if (current.type === 'function_declaration' || current.type === 'function_definition') {
      const name = current.childForFieldName('name')?.text;
      const statement = holder?.type === 'export_statement' || holder?.type === 'decorated_definition' ? holder : current;
      return name && /^(program|module)$/.test(statement.parent?.type ?? '') ? { name, statement } : undefined;
    }
    if ((current.type === 'arrow_function' || current.type === 'function_expression') && holder?.type === 'variable_declarator') {
      const declaration = holder.parent;
      const statement = declaration?.parent?.type === 'export_statement' ? declaration.parent : declaration;
      const name = holder.childForFieldName('name')?.text;
      const single = declaration?.namedChildren.filter((child) => child?.type === 'variable_declarator').length === 1;
      return name && statement && single && statement.parent?.type === 'program' ? { name, statement } : undefined;
    }
  }
  return undefined;
}

/** `module.exports = { name }` / `export { name }`: the entries that only hand the helper out, to drop with it. */
function exportEntries(source: string, root: Node, name: string, definition: Node): Edit[] | undefined {
  const mentions = root.descendantsOfType(['identifier', 'shorthand_property_identifier']).filter((node): node is Node => node !== null && node.text === name);
  const edits: Edit[] = [];
  for (const mention of mentions) {
    if (mention.startIndex >= definition.startIndex && mention.endIndex <= definition.endIndex) continue;
    const object = mention.parent;
    const assignment = object?.parent;
    if (mention.type === 'shorthand_property_identifier' && object?.type === 'object' && assignment?.type === 'assignment_expression' && assignment.childForFieldName('left')?.text === 'module.exports') {
      edits.push(object.namedChildCount === 1 ? removeStatement(source, assignment.parent ?? assignment) : removeListElement(source, mention));
      continue;
    }
    if (object?.type === 'export_specifier' && !object.childForFieldName('alias')) {
      const clause = object.parent;
      edits.push(clause && clause.namedChildCount === 1 && clause.parent ? removeStatement(source, clause.parent) : removeListElement(source, object));
      continue;
    }
    return undefined;
  }
  return edits;
}

const HELPER_LANGUAGES: ReadonlySet<LanguageId> = new Set(['javascript', 'typescript', 'tsx', 'python']);

/**
 * A public login helper (a top-level JavaScript/TypeScript or Python function) that hands its answer to callers in other
 * files goes, with its login, when every file under the folder that names it (one at least) imports it from the
 * helper's module (importsName) and is rewritten as if the scan had reported a login on the call: that call and what only used its answer go, the cookie header it fed
 * becomes Authorization (the language's rewriter decides, and refuses as it does for a login), and the import goes.
 * Its `module.exports`/`export { }` entry goes too. A caller the rewriter refuses keeps everything as it was.
 */
export async function removeHelpersWithCallers(files: TreeFiles, fixes: FileFix[], lookup: FixLookup, options: FixOptions): Promise<Map<Finding, string[]>> {
  const companions = new Map<Finding, string[]>();
  const helpers: Array<{ fix: FileFix; name: string; findings: Finding[]; exports: Edit[]; removal: Edit }> = [];
  for (const fix of fixes) {
    const logins = fix.manual.filter((entry) => entry.finding.ruleId === 'session-login-call');
    if (!HELPER_LANGUAGES.has(fix.language) || !logins.length) continue;
    const tree = await parse(fix.before, fix.language);
    if (!tree) continue;
    for (const { finding } of logins) {
      const node = tree.rootNode.descendantForPosition({ row: finding.line - 1, column: Math.max(0, finding.column - 1) });
      const helper = node && topLevelFunction(node);
      if (!helper || helpers.some((other) => other.fix === fix && other.name === helper.name)) continue;
      const exports = exportEntries(fix.before, tree.rootNode, helper.name, helper.statement);
      const inside = fix.manual.map((entry) => entry.finding).filter((other) => other.line >= helper.statement.startPosition.row + 1 && other.line <= helper.statement.endPosition.row + 1);
      const definition = removeDefinition(fix.before, helper.statement);
      // The file's last definition: the blank lines that set it apart go too.
      let from = definition.start;
      while (definition.end === fix.before.length && fix.before[from - 1] === '\n' && fix.before[from - 2] === '\n') from--;
      const removal = { ...definition, start: from };
      const wholeLines = (removal.start === 0 || fix.before[removal.start - 1] === '\n') && (removal.end === fix.before.length || fix.before[removal.end - 1] === '\n');
      if (exports && wholeLines) helpers.push({ fix, name: helper.name, findings: inside, exports, removal });
    }
    tree.delete();
  }
  if (!helpers.length) return companions;
  const texts = files.naming(new Set(helpers.map((helper) => helper.name)));
  for (const helper of helpers) {
    const { fix, name } = helper;
    const callers: Draft[] = [];
    let refused = false;
    for (const { file, text, offsets } of texts.of(name)) {
      if (file === fix.file || !canRead(texts.languageOf(file, text), fix.language)) continue;
      // A file naming it without importing it from the helper's module: another function of that name, or a
      // caller this pass cannot follow; either way the helper stays.
      if (refused || !importsName(text, texts.languageOf(file, text), fix.file, name)) {
        refused = true;
        break;
      }
      const callerFix = await lookup(file);
      const hinted = await fixWithLogins(file, callerFix?.before ?? text, callerFix ? findingsOf(callerFix) : [], offsets, helper.findings[0] as Finding, options, name);
      const resolved = hinted && (await readerWithout(draftOf(hinted), name));
      if (!resolved) refused = true;
      else callers.push(resolved);
    }
    if (refused || !callers.length) continue;
    const own = draftOf(fix);
    const edits = [...own.edits, helper.removal, ...helper.exports];
    const after = tryApply(fix.before, edits);
    if (after === undefined || wordOffsets(after, name).length || !(await parsesClean(after, fix.language))) continue;
    // The helper's lines are deleted whole: what the scan found on them (itself or through the table) is gone.
    commit({ fix, edits, after }, helper.findings);
    for (const caller of callers) {
      commit(caller, []);
      replaceIn(fixes, caller.fix);
    }
    for (const finding of helper.findings) companions.set(finding, callers.map((caller) => caller.fix.file));
  }
  return companions;
}
