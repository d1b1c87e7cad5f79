import { readFileSync, statSync } from 'node:fs';
import type { Node } from 'web-tree-sitter';
import { analyzeSource } from '../analyze-file';
import { detectLanguage } from '../languages';
import type { Finding, LanguageId } from '../model';
import { walkFiles } from '../walk';
import { applyEdits, removeListElement, removeStatement, type Edit, type FixOptions } from './edits';
import { declarationAt, type Declaration } from './declarations';
import { fixFile, parse, type FileFix } from './fix-file';
import { REWRITERS, TEXT_REWRITERS } from './rewriters';
import { canRead, importEdits, lineAt, wordOffsets, type Occurrence } from './readers';
import { parseDotenv } from './rewriters/dotenv';

/** The fix of a file with findings, made on demand (a planner that skipped it) or already made (`fix`). */
export type FixLookup = (file: string) => Promise<FileFix | undefined>;

const MAX_READ = 1024 * 1024;

/** The scanned tree's files that spell one of `names` as a word, with their text (one walk, each file read once). */
function filesNaming(root: string, names: Set<string>): Map<string, string> {
  const found = new Map<string, string>();
  if (!names.size) return found;
  for (const { absolute, relative } of walkFiles(root, {})) {
    try {
      if (statSync(absolute).size > MAX_READ) continue;
      const text = readFileSync(absolute, 'utf8');
      if ([...names].some((name) => wordOffsets(text, name).length)) found.set(relative, text);
    } catch {
      // Unreadable: not a reader this pass can see; the declaration's note still says what to check.
    }
  }
  // By path: the notes list readers in the same order on every machine (the walk follows readdir's order).
  return new Map([...found].sort(([a], [b]) => a.localeCompare(b)));
}

const places = (occurrences: Occurrence[]): string => {
  const shown = occurrences.slice(0, 6).map((at) => `${at.file}:${at.line}`);
  return `${shown.join(', ')}${occurrences.length > shown.length ? ` and ${occurrences.length - shown.length} more` : ''}`;
};

async function parsesClean(text: string, language: LanguageId): Promise<boolean> {
  if (language === 'dotenv') return parseDotenv(text) !== undefined;
  const tree = await parse(text, language);
  if (!tree) return false;
  const clean = !tree.rootNode.hasError;
  tree.delete();
  return clean;
}

const countRule = (findings: Array<Pick<Finding, 'ruleId'>>, rule: string): number => findings.filter((finding) => finding.ruleId === rule).length;

/** A file's rewrite that the pass may still extend: its edits on the original text, and the text they give. */
interface Draft {
  fix: FileFix;
  edits: Edit[];
  after: string;
}

const draftOf = (fix: FileFix): Draft => ({ fix, edits: fix.status === 'rewritten' ? [...fix.edits] : [], after: fix.after ?? fix.before });

function tryApply(source: string, edits: Edit[]): string | undefined {
  try {
    return applyEdits(source, edits);
  } catch {
    return undefined;
  }
}

/** What a reader file looks like once its own rewrite and the removal of `name`'s now-unused imports are applied. */
async function readerWithout(draft: Draft, name: string): Promise<Draft | undefined> {
  if (draft.fix.status !== 'rewritten') return undefined;
  if (!wordOffsets(draft.after, name).length) return draft;
  const tree = await parse(draft.fix.before, draft.fix.language);
  if (!tree) return undefined;
  const drops = importEdits(draft.fix.before, tree.rootNode, name);
  tree.delete();
  const edits = [...draft.edits, ...drops];
  const after = drops.length ? tryApply(draft.fix.before, edits) : undefined;
  if (after === undefined || wordOffsets(after, name).length || !(await parsesClean(after, draft.fix.language))) return undefined;
  return { fix: draft.fix, edits, after };
}

/**
 * A reader whose login the scan did not report (it saw the path only where it is declared: a shell script that
 * sources the env file, a script reading a member of an imported object), rewritten again by its language's
 * rewriter as if the scan had reported a login on each call that carries the declaration's name: a rewriter still
 * rewrites only a call it knows as a login. The stand-in findings are not counted (fixed or manual); the rewrite
 * is used only if it leaves the name unread.
 */
async function fixWithLogins(file: string, text: string, own: Finding[], offsets: number[], declared: Finding, options: FixOptions): Promise<FileFix | undefined> {
  const language = own[0]?.language ?? detectLanguage(file, text.slice(0, 200));
  if (!language || (!REWRITERS[language] && !TEXT_REWRITERS[language])) return undefined;
  const tree = await parse(text, language);
  if (!tree) return undefined;
  // The calls that carry the name (rewriters know a login by the line its call starts on).
  const lines = new Set<number>();
  for (const offset of offsets) {
    for (let node: Node | null = tree.rootNode.descendantForIndex(offset); node; node = node.parent) {
      if (/call|command|invocation/.test(node.type) && !/arguments|argument_list/.test(node.type)) lines.add(node.startPosition.row + 1);
    }
  }
  tree.delete();
  const reported = new Set(own.filter((finding) => finding.ruleId === 'session-login-call').map((finding) => finding.line));
  const standIns = [...lines]
    .filter((line) => !reported.has(line))
    .map((line): Finding => ({ ...declared, file, language, line, column: 1, ruleId: 'session-login-call', fingerprint: `cross-file:${file}:${line}` }));
  if (!standIns.length) return undefined;
  const fix = await fixFile(file, text, [...own, ...standIns], options, { withoutNotes: true });
  const real = (finding: Finding): boolean => !standIns.includes(finding);
  if (fix.status !== 'rewritten') return undefined;
  return { ...fix, fixed: fix.fixed.filter(real), manual: fix.manual.filter((entry) => real(entry.finding)), passwords: fix.passwords };
}

/**
 * A reader's findings that read the deleted name on a line its rewrite replaced: the scan saw them through the
 * repository table (the file alone does not report them, so fixFile could not count them), and the rewritten file
 * no longer names the declaration they came from.
 */
function readingFindings(draft: Draft, name: string): Finding[] {
  const lines = draft.fix.before.split('\n');
  const starts = lines.map((_, index) => lines.slice(0, index).reduce((sum, text) => sum + text.length + 1, 0));
  return draft.fix.manual
    .map((entry) => entry.finding)
    .filter((finding) => {
      const text = lines[finding.line - 1];
      const start = starts[finding.line - 1];
      if (text === undefined || start === undefined) return false;
      const reads = wordOffsets(text, name).map((offset) => start + offset);
      return reads.length > 0 && reads.every((offset) => draft.edits.some((edit) => edit.start <= offset && offset < edit.end));
    });
}

function commit(draft: Draft, fixed: Finding[]): void {
  const { fix } = draft;
  fix.status = 'rewritten';
  fix.after = draft.after;
  fix.edits = draft.edits;
  fix.reason = undefined;
  const gone = new Set(fixed);
  fix.fixed = [...fix.fixed, ...fix.manual.filter((entry) => gone.has(entry.finding)).map((entry) => entry.finding)];
  fix.manual = fix.manual.filter((entry) => !gone.has(entry.finding));
}

function addNote(fix: FileFix, finding: Finding, note: string): void {
  const entry = fix.manual.find((candidate) => candidate.finding === finding);
  if (entry) entry.note = note;
}

interface Candidate {
  fix: FileFix;
  finding: Finding;
  declaration: Declaration;
}

async function declarationsIn(fixes: FileFix[]): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const fix of fixes) {
    const paths = fix.manual.filter((entry) => entry.finding.ruleId === 'session-resource-path');
    if (!paths.length) continue;
    const tree = fix.language === 'dotenv' ? undefined : await parse(fix.before, fix.language);
    if (!tree && fix.language !== 'dotenv') continue;
    for (const { finding } of paths) {
      const declaration = declarationAt(fix.before, tree?.rootNode, fix.language, finding.line);
      if (declaration) candidates.push({ fix, finding, declaration });
    }
    tree?.delete();
  }
  return candidates;
}

/**
 * The session path held by a declaration (a constant, a class attribute, a config entry) goes in the same run as
 * the logins that read it: when every file under the scanned folder that names it is rewritten so that it no longer
 * does (its now-unused import dropped too), the declaration is deleted, computed from the syntax tree (dotenv and
 * .properties: their line grammar). A declaration still read somewhere stays, with a note that names each reader;
 * one that nothing under the folder reads stays too (its reader lives outside the scan), and says so.
 */
async function resolveDeclarations(root: string, fixes: FileFix[], lookup: FixLookup, options: FixOptions): Promise<Map<Finding, FileFix[]>> {
  const companions = new Map<Finding, FileFix[]>();
  const candidates = await declarationsIn(fixes);
  const texts = filesNaming(root, new Set(candidates.map((candidate) => candidate.declaration.name)));
  const drafts = new Map<FileFix, Draft>();
  const draft = (fix: FileFix): Draft => drafts.get(fix) ?? draftOf(fix);
  for (const { fix, finding, declaration } of candidates) {
    const { name, removal } = declaration;
    const own = draft(fix);
    const withoutIt = tryApply(fix.before, [...own.edits, removal]);
    const unresolved: Occurrence[] = [];
    const readers: Draft[] = [];
    let read = false;
    if (withoutIt === undefined) continue;
    // The declaration's own file: every other mention must be gone with its rewrite.
    for (const offset of wordOffsets(withoutIt, name)) unresolved.push({ file: fix.file, line: lineAt(withoutIt, offset) });
    read = unresolved.length > 0 || wordOffsets(fix.before, name).length > 1;
    for (const [file, text] of texts) {
      if (file === fix.file || !canRead(detectLanguage(file, text.slice(0, 200)), fix.language)) continue;
      const offsets = wordOffsets(text, name);
      if (!offsets.length) continue;
      read = true;
      const readerFix = await lookup(file);
      let resolved = readerFix ? await readerWithout(draft(readerFix), name) : undefined;
      if (!resolved && !drafts.has(readerFix as FileFix)) {
        const hinted = await fixWithLogins(file, readerFix?.before ?? text, readerFix ? [...readerFix.fixed, ...readerFix.manual.map((entry) => entry.finding)] : [], offsets, finding, options);
        resolved = hinted && (await readerWithout(draftOf(hinted), name));
      }
      if (resolved) readers.push(resolved);
      else unresolved.push(...offsets.map((offset) => ({ file, line: lineAt(text, offset) })));
    }
    if (!read) {
      addNote(fix, finding, `Nothing under the scanned folder reads \`${name}\`: the program that reads it is not part of this scan. Delete this entry once that program authenticates each request with an API token (it needs no session path).`);
      continue;
    }
    if (unresolved.length) {
      addNote(fix, finding, `\`${name}\` is still read (or named) at ${places(unresolved)}: delete this entry together with the session login there (once nothing reads it; \`fix\` deletes it in the run that rewrites those logins).`);
      continue;
    }
    const next: Draft = { fix, edits: [...own.edits, removal], after: withoutIt };
    if (!(await parsesClean(withoutIt, fix.language))) continue;
    const before = (await analyzeSource(fix.before, fix.language, fix.file)).findings;
    const after = (await analyzeSource(withoutIt, fix.language, fix.file)).findings;
    if (countRule(after, finding.ruleId) >= countRule(before, finding.ruleId)) continue;
    drafts.set(fix, next);
    commit(next, [finding]);
    for (const reader of readers) {
      drafts.set(reader.fix, reader);
      commit(reader, readingFindings(reader, name));
      // A reader rewritten again with its calls as logins takes the place of its first fix.
      const index = fixes.findIndex((other) => other.file === reader.fix.file);
      if (index === -1) fixes.push(reader.fix);
      else fixes[index] = reader.fix;
    }
    companions.set(finding, readers.filter((reader) => reader.fix !== fix).map((reader) => reader.fix));
  }
  return companions;
}

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

/** Offsets of `name(` calls in a text (the name as a word, then an opening parenthesis). */
function callOffsets(text: string, name: string): number[] {
  return wordOffsets(text, name).filter((offset) => /^\s*\(/.test(text.slice(offset + name.length, offset + name.length + 20)));
}

/**
 * A login helper that hands its answer to callers the file does not show: its note names the calls of that name
 * under the scanned folder (each to change with it), or says that none is there (its callers are outside the scan,
 * a published API: changing what it returns would break them).
 */
async function nameCallers(root: string, fixes: FileFix[]): Promise<void> {
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
  const texts = filesNaming(root, new Set(helpers.map((helper) => helper.name)));
  for (const { fix, finding, name, start, end } of helpers) {
    const calls: Occurrence[] = [];
    for (const [file, text] of texts) {
      if (!canRead(detectLanguage(file, text.slice(0, 200)), fix.language)) continue;
      for (const offset of callOffsets(text, name)) {
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
  if (node?.type !== 'identifier' || node.text !== name) return false;
  const callee = node.parent?.type === 'attribute' && node.parent.childForFieldName('attribute')?.id === node.id ? node.parent : node;
  const call = callee.parent;
  return call?.type === 'call' && call.childForFieldName('function')?.id === callee.id && call.parent?.type === 'expression_statement';
}

/**
 * A public Python login helper whose every mention under the scanned folder (one at least) is a call made for its
 * effect (`client.login(user, pw)` as a statement): nobody reads what it returns, so its `return session.post(…)`
 * becomes `session.auth = (…)`, as python.ts does for a private helper (ScanHints.discardedAnswers). One mention of
 * any other kind, anywhere (its value stored, passed on, a definition of the same name), keeps the note.
 */
async function helpersWithDiscardedAnswers(root: string, fixes: FileFix[], options: FixOptions): Promise<void> {
  const helpers: Array<{ index: number; name: string; start: number; end: number }> = [];
  for (const [index, fix] of fixes.entries()) {
    if (fix.language !== 'python' || !fix.manual.some((entry) => entry.finding.ruleId === 'session-login-call')) continue;
    const tree = await parse(fix.before, fix.language);
    if (!tree) continue;
    for (const { finding } of fix.manual.filter((entry) => entry.finding.ruleId === 'session-login-call')) {
      const node = tree.rootNode.descendantForPosition({ row: finding.line - 1, column: Math.max(0, finding.column - 1) });
      let fn: Node | null = node;
      while (fn && fn.type !== 'function_definition') fn = fn.parent;
      const name = fn?.childForFieldName('name');
      if (fn && name && !name.text.startsWith('__')) helpers.push({ index, name: name.text, start: name.startIndex, end: name.endIndex });
    }
    tree.delete();
  }
  if (!helpers.length) return;
  const texts = filesNaming(root, new Set(helpers.map((helper) => helper.name)));
  const trees = new Map<string, Node | undefined>();
  const parsed: Array<{ delete(): void }> = [];
  try {
    for (const { index, name, start } of helpers) {
      const fix = fixes[index];
      if (!fix) continue;
      let calls = 0;
      let discarded = true;
      for (const [file, text] of texts) {
        if (detectLanguage(file, text.slice(0, 200)) !== 'python') continue;
        const offsets = wordOffsets(text, name).filter((offset) => !(file === fix.file && offset === start));
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
      const findings = [...fix.fixed, ...fix.manual.map((entry) => entry.finding)];
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

const HELPER_LANGUAGES: ReadonlySet<LanguageId> = new Set(['javascript', 'typescript', 'tsx']);

/**
 * A public login helper (a top-level JavaScript/TypeScript function) that hands its answer to callers in other
 * files goes, with its login, when every file under the folder that names it (one at least) is rewritten as if the
 * scan had reported a login on the call: that call and what only used its answer go, the cookie header it fed
 * becomes Authorization (the language's rewriter decides, and refuses as it does for a login), and the import goes.
 * Its `module.exports`/`export { }` entry goes too. A caller the rewriter refuses keeps everything as it was.
 */
async function removeHelpersWithCallers(root: string, fixes: FileFix[], lookup: FixLookup, options: FixOptions): Promise<void> {
  const helpers: Array<{ fix: FileFix; name: string; statement: { start: number; end: number }; findings: Finding[]; exports: Edit[]; removal: Edit }> = [];
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
      const { startIndex: start, endIndex: end } = helper.statement;
      const inside = fix.manual.map((entry) => entry.finding).filter((other) => other.line >= helper.statement.startPosition.row + 1 && other.line <= helper.statement.endPosition.row + 1);
      const removal = removeStatement(fix.before, helper.statement);
      const wholeLines = (removal.start === 0 || fix.before[removal.start - 1] === '\n') && (removal.end === fix.before.length || fix.before[removal.end - 1] === '\n');
      if (exports && wholeLines) helpers.push({ fix, name: helper.name, statement: { start, end }, findings: inside, exports, removal });
    }
    tree.delete();
  }
  if (!helpers.length) return;
  const texts = filesNaming(root, new Set(helpers.map((helper) => helper.name)));
  for (const helper of helpers) {
    const { fix, name } = helper;
    const callers: Draft[] = [];
    let refused = false;
    for (const [file, text] of texts) {
      if (file === fix.file || !canRead(detectLanguage(file, text.slice(0, 200)), fix.language)) continue;
      const offsets = wordOffsets(text, name);
      if (!offsets.length) continue;
      const callerFix = await lookup(file);
      const hinted = await fixWithLogins(file, callerFix?.before ?? text, callerFix ? [...callerFix.fixed, ...callerFix.manual.map((entry) => entry.finding)] : [], offsets, helper.findings[0] as Finding, options);
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
      const index = fixes.findIndex((other) => other.file === caller.fix.file);
      if (index === -1) fixes.push(caller.fix);
      else fixes[index] = caller.fix;
    }
  }
}

/**
 * Whole-tree reasoning after every file's own rewrite: declarations of the session path whose readers the run
 * rewrote go too, and login helpers that hand their answer out say where their callers are. Changes `fixes` in place
 * (a reader rewritten without findings of its own is added); answers, per deleted declaration, the other files rewritten with it.
 */
export async function resolveAcrossFiles(root: string, fixes: FileFix[], lookup: FixLookup, options: FixOptions & { notes: boolean }): Promise<Map<Finding, FileFix[]>> {
  await helpersWithDiscardedAnswers(root, fixes, options);
  await removeHelpersWithCallers(root, fixes, lookup, options);
  const companions = await resolveDeclarations(root, fixes, lookup, options);
  if (options.notes) await nameCallers(root, fixes);
  return companions;
}
