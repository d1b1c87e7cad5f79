import { sep } from 'node:path';
import type { Finding, FileNotice, LanguageId } from './model';
import { readScannedFile } from './read-scanned-file';

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
}

/** Reads a batch of files, and parses those that pass the pre-filter unless `parse` is false. */
export async function analyzeBatch(root: string, files: string[], maxFileSize: number, parse = true): Promise<BatchResult> {
  const result: BatchResult = { findings: [], filesScanned: 0, filesParsed: 0, notices: [], errors: [], candidates: [] };
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
    } catch (error) {
      result.errors.push(`${relative}: ${(error as Error).message}`);
    }
  }
  return parse ? parseCandidates(result) : result;
}

/** Parses the result's candidates into its findings. */
export async function parseCandidates(result: BatchResult): Promise<BatchResult> {
  if (!result.candidates.length) return result;
  // Loaded on the first candidate: most batches have none, and the parsers are the heavy part to load.
  const { analyzeSource } = await import('./analyze-file.js');
  for (const candidate of result.candidates.splice(0)) {
    try {
      const analysis = await analyzeSource(candidate.source, candidate.language, candidate.relative);
      if (analysis.state === 'parsed') result.filesParsed++;
      if (analysis.state === 'degraded') result.notices.push({ file: candidate.relative, state: 'degraded', reason: analysis.reason ?? '', prefilterHit: true });
      result.findings.push(...analysis.findings);
    } catch (error) {
      result.errors.push(`${candidate.relative}: ${(error as Error).message}`);
    }
  }
  return result;
}
