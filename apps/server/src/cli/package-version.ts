import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The workspace package's version: the nearest package.json above this file (source or dist/). */
export function packageVersion(from = __dirname): string {
  for (let folder = from; ; folder = dirname(folder)) {
    const file = join(folder, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    if (dirname(folder) === folder) return 'unknown';
  }
}
