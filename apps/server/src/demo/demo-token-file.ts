import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes the demo token, alone on its line, to a file only its owner can read (0600), replacing the
 * last start's. Removed and created afresh (`wx`), so an existing file's wider mode is not kept and
 * a link planted at the path is not followed.
 */
export async function writeDemoTokenFile(path: string, token: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await rm(path, { force: true });
  await writeFile(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
}
