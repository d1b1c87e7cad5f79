import { analyzeFile } from './analyze-file';
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
      const analysis = await analyzeFile(file.absolute, file.relative, maxFileSize);
      if (!analysis) continue;
      result.filesScanned++;
      if (analysis.parsed) result.filesParsed++;
      result.findings.push(...analysis.findings);
    } catch (error) {
      result.errors.push(`${file.relative}: ${(error as Error).message}`);
    }
  }
  return result;
}
