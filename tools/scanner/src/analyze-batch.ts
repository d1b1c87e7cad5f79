import { readScannedFile } from './read-scanned-file';
import type { Finding } from './model';
import type { WalkedFile } from './walk';

export interface BatchRequest {
  id: number;
  files: WalkedFile[];
  maxFileSize: number;
}

export interface BatchResult {
  findings: Omit<Finding, 'fingerprint'>[];
  filesScanned: number;
  filesParsed: number;
  errors: string[];
}

export async function analyzeBatch(files: WalkedFile[], maxFileSize: number): Promise<BatchResult> {
  const result: BatchResult = { findings: [], filesScanned: 0, filesParsed: 0, errors: [] };
  for (const file of files) {
    try {
      const scanned = readScannedFile(file.absolute, file.relative, maxFileSize);
      if (!scanned) continue;
      result.filesScanned++;
      if (scanned.source === undefined) continue;
      // Loaded on the first candidate: most batches have none, and the parsers are the heavy part to load.
      const { analyzeSource } = await import('./analyze-file.js');
      const analysis = await analyzeSource(scanned.source, scanned.language, file.relative);
      if (analysis.parsed) result.filesParsed++;
      result.findings.push(...analysis.findings);
    } catch (error) {
      result.errors.push(`${file.relative}: ${(error as Error).message}`);
    }
  }
  return result;
}
