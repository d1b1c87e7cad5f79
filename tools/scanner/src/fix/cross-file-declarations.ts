import { analyzeSource } from '../analyze-file';
import type { Finding, LanguageId } from '../model';
import { offsetBefore, type FixOptions } from './edits';
import { declarationAt, type Declaration } from './declarations';
import { findingsOf, parse, type FileFix } from './fix-file';
import { canRead, importsName, lineAt, wordOffsets, type Occurrence } from './readers';
import { addNote, commit, countRule, draftOf, fixWithLogins, parsesClean, places, readerWithout, readingFindings, replaceIn, tryApply, type Draft, type FixLookup, type NamedTexts, type TreeFiles } from './tree-drafts';

interface Candidate {
  fix: FileFix;
  finding: Finding;
  declaration: Declaration;
}

/** Languages whose readers import a declaration by name (importsName can tell a reader from a namesake). */
const CODE_MODULES: ReadonlySet<LanguageId> = new Set(['python', 'javascript', 'typescript', 'tsx']);

async function declarationsIn(fixes: FileFix[]): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const fix of fixes) {
    const paths = fix.manual.filter((entry) => entry.finding.ruleId === 'session-resource-path');
    if (!paths.length) continue;
    // Formats without a grammar here are read by their line shape (declarations.ts).
    const tree = await parse(fix.before, fix.language);
    for (const { finding } of paths) {
      const declaration = declarationAt(fix.before, tree?.rootNode, fix.language, finding.line);
      if (declaration) candidates.push({ fix, finding, declaration });
    }
    tree?.delete();
  }
  return candidates;
}

/** The note of an entry in a format `fix` does not edit (YAML, INI…): who names it, or that nothing does. */
function notEdited(fix: FileFix, name: string, texts: NamedTexts): string {
  const mentions: Occurrence[] = [];
  for (const { file, text, offsets } of texts.of(name)) {
    // The entry itself is one mention of its file.
    mentions.push(...(file === fix.file ? offsets.slice(1) : offsets).map((offset) => ({ file, line: lineAt(text, offset) })));
  }
  const how = `\`fix\` does not edit ${fix.language === 'yaml' ? 'YAML' : 'this format'}: delete this entry by hand`;
  return mentions.length
    ? `\`${name}\` is named at ${places(mentions)}: ${how} once the session logins that read it are gone (token calls need no session path).`
    : `Nothing under the scanned folder names \`${name}\`: the program that reads it is not part of this scan. ${how} once that program authenticates each request with an API token.`;
}

/**
 * The session path held by a declaration (a constant, a class attribute, a config entry) goes in the same run as
 * the logins that read it: when every file under the scanned folder that names it is rewritten so that it no longer
 * does (its now-unused import dropped too), the declaration is deleted, computed from the syntax tree (dotenv and
 * .properties: their line grammar). A declaration still read somewhere stays, with a note that names each reader;
 * one that nothing under the folder reads stays too (its reader lives outside the scan), and says so.
 */
export async function resolveDeclarations(files: TreeFiles, fixes: FileFix[], lookup: FixLookup, options: FixOptions): Promise<Map<Finding, string[]>> {
  const companions = new Map<Finding, string[]>();
  const candidates = await declarationsIn(fixes);
  const texts = files.naming(new Set(candidates.map((candidate) => candidate.declaration.name)));
  const drafts = new Map<FileFix, Draft>();
  const draft = (fix: FileFix): Draft => drafts.get(fix) ?? draftOf(fix);
  for (const { fix, finding, declaration } of candidates) {
    const { name, removal, scope } = declaration;
    if (!removal) {
      addNote(fix, finding, notEdited(fix, name, texts));
      continue;
    }
    const own = draft(fix);
    const withoutIt = tryApply(fix.before, [...own.edits, removal]);
    const unresolved: Occurrence[] = [];
    const readers: Draft[] = [];
    let read = false;
    if (withoutIt === undefined) continue;
    // The declaration's own file: every other mention must be gone with its rewrite (named by its line before it;
    // a function's local only in that function).
    const edits = [...own.edits, removal];
    const inScope = (offset: number): boolean => !scope || (offset >= scope.start && offset < scope.end);
    for (const offset of wordOffsets(withoutIt, name).map((at) => offsetBefore(edits, at)).filter(inScope)) unresolved.push({ file: fix.file, line: lineAt(fix.before, offset) });
    read = unresolved.length > 0 || wordOffsets(fix.before, name).filter(inScope).length > 1;
    for (const { file, text, offsets } of scope ? [] : texts.of(name)) {
      if (file === fix.file || !canRead(texts.languageOf(file, text), fix.language)) continue;
      read = true;
      // Once one reader stays, the declaration stays: the others are only listed (no rewrite tried).
      const readerFix = unresolved.length ? undefined : await lookup(file);
      let resolved = readerFix ? await readerWithout(draft(readerFix), name) : undefined;
      // A reader the scan saw nothing in is rewritten only when it takes the name from this module (code), or
      // reads a config entry (any reader may source or load it).
      const importing = !CODE_MODULES.has(fix.language) || importsName(text, texts.languageOf(file, text), fix.file, declaration.holder ?? name);
      if (!resolved && !unresolved.length && importing && !drafts.has(readerFix as FileFix)) {
        const hinted = await fixWithLogins(file, readerFix?.before ?? text, readerFix ? findingsOf(readerFix) : [], offsets, finding, options);
        resolved = hinted && (await readerWithout(draftOf(hinted), name));
      }
      if (resolved) readers.push(resolved);
      else unresolved.push(...offsets.map((offset) => ({ file, line: lineAt(text, offset) })));
    }
    if (!read && scope) {
      addNote(fix, finding, `Nothing in its function reads \`${name}\`: delete it.`);
      continue;
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
      replaceIn(fixes, reader.fix);
    }
    companions.set(finding, readers.filter((reader) => reader.fix !== fix).map((reader) => reader.fix.file));
  }
  return companions;
}
