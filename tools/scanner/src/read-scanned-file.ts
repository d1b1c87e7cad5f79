import { detectLanguage, mayBeScript } from './languages';
import type { LanguageId } from './model';
import { readSmallFile } from './read-small-file';
import { bytesMayMatch, prefilter } from './rules/patterns';

/** A NUL byte in the first 8 kB. */
export function isBinary(content: Buffer): boolean {
  const nul = content.indexOf(0);
  return nul >= 0 && nul < 8000;
}

/** A file worth scanning: its language and, when its bytes pass the pre-filter, its text to parse. */
export interface ScannedFile {
  language: LanguageId;
  source?: string;
}

/**
 * Reads one file; undefined for empty, too large and binary files and unknown languages. Synchronous: only the
 * few files that pass the pre-filter (on the raw bytes) are decoded, and their parsing is the async part.
 */
export function readScannedFile(absolutePath: string, relativePath: string, maxFileSize = Infinity): ScannedFile | undefined {
  // Read into the pre-filter's memory: it searches the bytes where they are.
  const content = readSmallFile(absolutePath, maxFileSize, prefilter());
  if (!content || isBinary(content)) return undefined;
  // 800 bytes hold at least the 200 characters the shebang check looks at.
  const head = mayBeScript(relativePath) ? content.toString('utf8', 0, 800).slice(0, 200) : undefined;
  const language = detectLanguage(relativePath, head);
  if (!language) return undefined;
  return bytesMayMatch(content) ? { language, source: content.toString('utf8') } : { language };
}
