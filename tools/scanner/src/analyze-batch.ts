import { sep } from 'node:path';
import type { Tree } from 'web-tree-sitter';
import type { FixOptions } from './fix/edits';
import type { ScannedFix } from './fix/scanned-fix';
import type { Finding, FileNotice, LanguageId } from './model';
import { detectLanguage } from './languages';
import { LiteralSearch } from './literal-search';
import { readScannedFile } from './read-scanned-file';
import { readSmallFile, type ReadBuffer } from './read-small-file';
import { RESOLVES_NAMES } from './syntax/profiles';
import { PREFILTER, SESSION_MENTION } from './rules/patterns';
import { MAX_RESOLVED_FILE_SIZE, type ValueEntry, type ValueTable } from './syntax/value-table';

const PATH_RULES = new Set(['session-login-call', 'session-resource-path']);

/** A file whose bytes passed the pre-filter: to be parsed. */
export interface Candidate {
  relative: string;
  language: LanguageId;
  source: string;
}

export interface BatchResult {
  findings: Omit<Finding, 'fingerprint'>[];
  filesScanned: number;
  filesParsed: number;
  notices: FileNotice[];
  errors: string[];
  /** Candidates not parsed yet. */
  candidates: Candidate[];
  /** Values of the parsed files that hold a piece of the auth path: the repository table's rows. */
  definitions: ValueEntry[];
  /** Files analyzed with a tree (the second pass may analyze them again with the table). */
  treeParsed: string[];
  /** Files the pre-filter ruled out that name a session (the second pass may analyze them with the table). */
  mentions: string[];
  /** With a fix plan asked for: each file with findings, its fix made with the scan's tree (fix/scanned-fix.ts). */
  fixes: ScannedFix[];
}

const emptyResult = (): BatchResult => ({ findings: [], filesScanned: 0, filesParsed: 0, notices: [], errors: [], candidates: [], definitions: [], treeParsed: [], mentions: [], fixes: [] });

/**
 * Reads a batch of files, and parses those that pass the pre-filter unless `parse` is false. `plan`: fix's
 * options when the report carries fix's plan (each file with findings is then also rewritten, dry).
 */
export async function analyzeBatch(root: string, files: string[], maxFileSize: number, parse = true, plan?: FixOptions): Promise<BatchResult> {
  const result = emptyResult();
  const prefix = root.endsWith(sep) ? root : root + sep;
  for (const relative of files) {
    try {
      const scanned = readScannedFile(prefix + relative, relative, maxFileSize);
      if (!scanned) continue;
      if ('skipped' in scanned) {
        result.notices.push({ file: relative, state: 'skipped', reason: scanned.skipped, prefilterHit: scanned.prefilterHit });
        continue;
      }
      result.filesScanned++;
      if (scanned.source !== undefined) result.candidates.push({ relative, language: scanned.language, source: scanned.source });
      else if (scanned.mentionsSession) result.mentions.push(relative);
    } catch (error) {
      result.errors.push(`${relative}: ${(error as Error).message}`);
    }
  }
  return parse ? parseCandidates(result, plan) : result;
}

/** Parses the result's candidates into its findings (and, with `plan`, their files' fixes: see analyzeBatch). */
export async function parseCandidates(result: BatchResult, plan?: FixOptions): Promise<BatchResult> {
  if (!result.candidates.length) return result;
  // Loaded on the first candidate: most batches have none, and the parsers are the heavy part to load.
  const { analyzeSource } = await import('./analyze-file.js');
  const planner = plan ? await import('./fix/scanned-fix.js') : undefined;
  for (const candidate of result.candidates.splice(0)) {
    try {
      const analysis = planner && plan ? await planner.analyzeAndPlan(candidate, plan, result.fixes) : await analyzeSource(candidate.source, candidate.language, candidate.relative);
      if (analysis.state === 'parsed') result.filesParsed++;
      result.definitions.push(...analysis.definitions);
      if (analysis.state === 'parsed' && RESOLVES_NAMES.has(candidate.language)) result.treeParsed.push(candidate.relative);
      // Decoded for a loose byte match (`Jira`), then ruled out: it may still use the table, like any other file.
      if (analysis.state === 'filtered' && RESOLVES_NAMES.has(candidate.language) && SESSION_MENTION.test(candidate.source)) result.mentions.push(candidate.relative);
      if (analysis.state === 'degraded') result.notices.push({ file: candidate.relative, state: 'degraded', reason: analysis.reason ?? '', prefilterHit: true });
      result.findings.push(...analysis.findings);
    } catch (error) {
      result.errors.push(`${candidate.relative}: ${(error as Error).message}`);
    }
  }
  return result;
}

/**
 * The second pass: reads the files again, and analyzes with the repository table those whose bytes hold one of
 * its names (`names`, built from the table once per thread). Their findings replace those of the first pass.
 */
export async function resolveBatch(root: string, files: string[], maxFileSize: number, table: ValueTable, names: NameSearch, plan?: FixOptions): Promise<BatchResult> {
  const result = emptyResult();
  const prefix = root.endsWith(sep) ? root : root + sep;
  const planner = plan ? await import('./fix/scanned-fix.js') : undefined;
  for (const relative of files) {
    let tree: Tree | undefined;
    try {
      const bytes = readSmallFile(prefix + relative, Math.min(maxFileSize, MAX_RESOLVED_FILE_SIZE), names.buffer);
      const language = bytes && names.foundIn(bytes) ? detectLanguage(relative, bytes.toString('utf8', 0, 200)) : undefined;
      if (!bytes || !language || !RESOLVES_NAMES.has(language)) continue;
      const source = bytes.toString('utf8');
      if (!table.forFile(relative, language, source).reachesAny()) continue;
      const { analyzeSource } = await import('./analyze-file.js');
      tree = await planner?.treeFor(source, language, false);
      const analysis = await analyzeSource(source, language, relative, undefined, table, tree);
      if (analysis.state !== 'parsed') continue;
      // A file the pre-filter ruled out counts only for what the table gave it: a path reached through a value.
      if (!PREFILTER.test(source) && !analysis.findings.some((finding) => PATH_RULES.has(finding.ruleId))) continue;
      result.treeParsed.push(relative);
      result.findings.push(...analysis.findings);
      const kept = tree;
      // The fix takes the tree (and deletes it).
      tree = undefined;
      const fix = planner && plan ? await planner.resolvedFix(relative, source, language, analysis.findings, plan, kept) : undefined;
      if (fix) result.fixes.push(fix);
    } catch (error) {
      result.errors.push(`${relative}: ${(error as Error).message}`);
    } finally {
      tree?.delete();
    }
  }
  return result;
}

/** The table's names searched in a file's raw bytes (one per thread; the bytes are read into its memory). */
export class NameSearch {
  private readonly search: LiteralSearch | undefined;

  constructor(names: string[]) {
    // An automaton too large to be worth it (thousands of names): every file is a candidate then.
    this.search = names.length && names.reduce((sum, name) => sum + name.length, 0) <= 20_000 ? new LiteralSearch(names) : undefined;
  }

  get buffer(): ReadBuffer | undefined {
    return this.search;
  }

  foundIn(bytes: Uint8Array): boolean {
    return this.search ? this.search.foundIn(bytes) : true;
  }
}
