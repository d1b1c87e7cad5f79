import type { Node } from 'web-tree-sitter';
import { detectLanguage } from '../languages';
import type { Finding, LanguageId } from '../model';
import { readSmallFile } from '../read-small-file';
import { walkFiles, type WalkedFile } from '../walk';
import { applyEdits, type Edit, type FixOptions } from './edits';
import { fixFile, parse, type FileFix } from './fix-file';
import { importEdits, wordOffsets, type Occurrence } from './readers';
import { REWRITERS, TEXT_REWRITERS } from './rewriters';
import { parseDotenv } from './rewriters/dotenv';

/** What the whole-tree pass (cross-file.ts) shares: the tree's texts, and rewrites it may still extend. */

/** The fix of a file with findings, made on demand (a planner that skipped it) or already made (`fix`). */
export type FixLookup = (file: string) => Promise<FileFix | undefined>;

const MAX_READ = 1024 * 1024;

/** The scanned tree's files, walked once for the whole pass (a walk lists every folder: thousands in a monorepo). */
export class TreeFiles {
  /** `listed`: the same walk made before (the scan's), if any. */
  constructor(
    readonly root: string,
    private listed?: WalkedFile[],
  ) {}

  private files(): WalkedFile[] {
    this.listed ??= [...walkFiles(this.root, {})];
    return this.listed;
  }

  /** The files that spell one of `names` as a word, with their text (each file read once). */
  naming(names: Set<string>): NamedTexts {
    return new NamedTexts(filesNaming(this.files(), names));
  }
}

/** A file that spells a name as a word: its text and where (wordOffsets). */
export interface Mention {
  file: string;
  text: string;
  offsets: number[];
}

/** Files that name one of a pass's names (by path): each name's mentions and each file's language found once, however many declarations or helpers ask. */
export class NamedTexts {
  private readonly mentions = new Map<string, Mention[]>();
  private readonly languages = new Map<string, LanguageId | undefined>();

  constructor(private readonly texts: ReadonlyMap<string, string>) {}

  /** The files that spell `name` as a word, by path (the offsets are shared: not to be changed). */
  of(name: string): Mention[] {
    let found = this.mentions.get(name);
    if (!found) {
      found = [...this.texts].flatMap(([file, text]) => {
        const offsets = wordOffsets(text, name);
        return offsets.length ? [{ file, text, offsets }] : [];
      });
      this.mentions.set(name, found);
    }
    return found;
  }

  languageOf(file: string, text: string): LanguageId | undefined {
    if (!this.languages.has(file)) this.languages.set(file, detectLanguage(file, text.slice(0, 200)));
    return this.languages.get(file);
  }
}

function filesNaming(files: WalkedFile[], names: Set<string>): Map<string, string> {
  const found = new Map<string, string>();
  if (!names.size) return found;
  const spelled = [...names];
  for (const { absolute, relative } of files) {
    try {
      const bytes = readSmallFile(absolute, MAX_READ);
      // Most files hold none of the names: their bytes are searched, not decoded.
      if (!bytes || !spelled.some((name) => bytes.includes(name))) continue;
      const text = bytes.toString('utf8');
      if (spelled.some((name) => wordOffsets(text, name).length)) found.set(relative, text);
    } catch {
      // Unreadable: not a reader this pass can see; the declaration's note still says what to check.
    }
  }
  // By path: the notes list readers in the same order on every machine (the walk follows readdir's order).
  return new Map([...found].sort(([a], [b]) => a.localeCompare(b)));
}

export const places = (occurrences: Occurrence[]): string => {
  const shown = occurrences.slice(0, 6).map((at) => `${at.file}:${at.line}`);
  return `${shown.join(', ')}${occurrences.length > shown.length ? ` and ${occurrences.length - shown.length} more` : ''}`;
};

export async function parsesClean(text: string, language: LanguageId): Promise<boolean> {
  if (language === 'dotenv') return parseDotenv(text) !== undefined;
  const tree = await parse(text, language);
  if (!tree) return false;
  const clean = !tree.rootNode.hasError;
  tree.delete();
  return clean;
}

export const countRule = (findings: Array<Pick<Finding, 'ruleId'>>, rule: string): number => findings.filter((finding) => finding.ruleId === rule).length;

/** A file's rewrite that the pass may still extend: its edits on the original text, and the text they give. */
export interface Draft {
  fix: FileFix;
  edits: Edit[];
  after: string;
}

export const draftOf = (fix: FileFix): Draft => ({ fix, edits: fix.status === 'rewritten' ? [...fix.edits] : [], after: fix.after ?? fix.before });

export function tryApply(source: string, edits: Edit[]): string | undefined {
  try {
    return applyEdits(source, edits);
  } catch {
    return undefined;
  }
}

/** What a reader file looks like once its own rewrite and the removal of `name`'s now-unused imports are applied. */
export async function readerWithout(draft: Draft, name: string): Promise<Draft | undefined> {
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
export async function fixWithLogins(file: string, text: string, own: Finding[], offsets: number[], declared: Finding, options: FixOptions, helper?: string): Promise<FileFix | undefined> {
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
  const fix = await fixFile(file, text, [...own, ...standIns], options, { withoutNotes: true, helperLogins: helper ? new Set([helper]) : undefined });
  const real = (finding: Finding): boolean => !standIns.includes(finding);
  if (fix.status !== 'rewritten') return undefined;
  return { ...fix, fixed: fix.fixed.filter(real), manual: fix.manual.filter((entry) => real(entry.finding)), passwords: fix.passwords };
}

/**
 * A reader's findings that read the deleted name on a line its rewrite replaced: the scan saw them through the
 * repository table (the file alone does not report them, so fixFile could not count them), and the rewritten file
 * no longer names the declaration they came from.
 */
export function readingFindings(draft: Draft, name: string): Finding[] {
  const lines = draft.fix.before.split('\n');
  let offset = 0;
  const starts = lines.map((text) => {
    const start = offset;
    offset += text.length + 1;
    return start;
  });
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

export function commit(draft: Draft, fixed: Finding[]): void {
  const { fix } = draft;
  fix.status = 'rewritten';
  fix.after = draft.after;
  fix.edits = draft.edits;
  fix.reason = undefined;
  const gone = new Set(fixed);
  fix.fixed = [...fix.fixed, ...fix.manual.filter((entry) => gone.has(entry.finding)).map((entry) => entry.finding)];
  fix.manual = fix.manual.filter((entry) => !gone.has(entry.finding));
}

export function addNote(fix: FileFix, finding: Finding, note: string): void {
  const entry = fix.manual.find((candidate) => candidate.finding === finding);
  if (entry) entry.note = note;
}

/** Puts a file's new fix in the list: in place of its earlier one, or added (a file the scan reported nothing in). */
export function replaceIn(fixes: FileFix[], fix: FileFix): void {
  const index = fixes.findIndex((other) => other.file === fix.file);
  if (index === -1) fixes.push(fix);
  else fixes[index] = fix;
}
