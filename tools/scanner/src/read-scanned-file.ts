import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { detectLanguage, languageOfShebang, mayBeScript } from './languages';
import type { LanguageId } from './model';
import { readSmallFile } from './read-small-file';
import { bytesMayMatch, mentionsSession, prefilter } from './rules/patterns';
import { RESOLVES_NAMES } from './syntax/profiles';

/** A NUL byte in the first 8 kB. */
export function isBinary(content: Buffer): boolean {
  const nul = content.indexOf(0);
  return nul >= 0 && nul < 8000;
}

/** A file worth scanning: its language and, when its bytes pass the pre-filter, its text to parse. */
export interface ScannedFile {
  language: LanguageId;
  source?: string;
  /** Ruled out by the pre-filter, but a file of a language whose names can be resolved that names a session: the second pass may read it again. */
  mentionsSession?: boolean;
}

/** A file not analyzed: over the size limit, or binary. `prefilterHit`: its bytes hold a pre-filter literal. */
export interface SkippedFile {
  skipped: string;
  prefilterHit: boolean;
}

const CHUNK = 1024 * 1024;
/** Longer than any pre-filter literal, so a literal across two chunks is in one of them whole. */
const CHUNK_OVERLAP = 256;

/** The pre-filter over a file too large to analyze, a chunk at a time (it is never held whole). */
function largeFileMayMatch(absolutePath: string): boolean {
  const fd = openSync(absolutePath, 'r');
  try {
    // Read into the pre-filter's memory, as readSmallFile does: no copy, no new buffer per file.
    const buffer = prefilter().take(CHUNK, 0);
    let kept = 0;
    for (;;) {
      const read = readSync(fd, buffer, kept, CHUNK - kept, null);
      if (read === 0) return false;
      const length = kept + read;
      if (bytesMayMatch(buffer.subarray(0, length))) return true;
      kept = Math.min(CHUNK_OVERLAP, length);
      buffer.copy(buffer, 0, length - kept, length);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads one file; undefined for empty files and unknown languages, a SkippedFile for too large and binary
 * files. Synchronous: only the few files that pass the pre-filter (on the raw bytes) are decoded, and their
 * parsing is the async part.
 */
export function readScannedFile(absolutePath: string, relativePath: string, maxFileSize = Infinity): ScannedFile | SkippedFile | undefined {
  // Read into the pre-filter's memory: it searches the bytes where they are.
  const content = readSmallFile(absolutePath, maxFileSize, prefilter());
  if (!content) {
    // Empty or over the limit: only then is the size asked for.
    const size = statSync(absolutePath).size;
    // A file of no known language is not read further (it may be a multi-gigabyte data file).
    if (size <= maxFileSize || !detectLanguage(relativePath, headOf(absolutePath, relativePath))) return undefined;
    return { skipped: `larger than --max-file-size (${size} > ${maxFileSize} bytes)`, prefilterHit: largeFileMayMatch(absolutePath) };
  }
  // 800 bytes hold at least the 200 characters the shebang check looks at.
  const head = mayBeScript(relativePath) ? content.toString('utf8', 0, 800).slice(0, 200) : undefined;
  // A file of no known type may still be a script (`t/login.t` starting with `#!/bin/bash`).
  const language = detectLanguage(relativePath, head) ?? (content[0] === 0x23 ? languageOfShebang(content.toString('utf8', 0, 200)) : undefined);
  if (isBinary(content)) return language ? { skipped: 'binary (a NUL byte in the first 8 kB)', prefilterHit: bytesMayMatch(content) } : undefined;
  if (!language) return bytesMayMatch(content) ? { language: 'text', source: content.toString('utf8') } : undefined;
  if (bytesMayMatch(content)) return { language, source: content.toString('utf8') };
  return RESOLVES_NAMES.has(language) && mentionsSession(content) ? { language, mentionsSession: true } : { language };
}

/** The first characters of an extension-less file, for its shebang. */
function headOf(absolutePath: string, relativePath: string): string | undefined {
  if (!mayBeScript(relativePath)) return undefined;
  const fd = openSync(absolutePath, 'r');
  try {
    const buffer = Buffer.alloc(800);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0)).slice(0, 200);
  } finally {
    closeSync(fd);
  }
}
