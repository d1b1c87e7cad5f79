import { readFile } from 'node:fs/promises';
import { glob } from 'glob';
import { join } from 'node:path';

export interface Finding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  evidence: string;
}

const SESSION_PATH = /rest\/auth\/(?:1|latest)\/session/g;

/** First cut: literal uses of the session resource path. Language-aware rules replace this. */
export async function findSessionUsage(root: string): Promise<Finding[]> {
  const files = await glob('**/*', { cwd: root, nodir: true, ignore: ['**/node_modules/**', '**/.git/**'] });
  const findings: Finding[] = [];
  for (const file of files.sort()) {
    const lines = (await readFile(join(root, file), 'utf8')).split('\n');
    lines.forEach((text, index) => {
      for (const match of text.matchAll(SESSION_PATH)) {
        findings.push({ file, line: index + 1, column: (match.index ?? 0) + 1, ruleId: 'session-resource-path', evidence: text.trim() });
      }
    });
  }
  return findings;
}
