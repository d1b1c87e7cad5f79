import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';

/**
 * Whether git sees uncommitted changes (staged, unstaged or untracked) in this file. A file outside any git
 * work tree has none to lose; when git itself is missing the answer is "changed", so `--write` stays safe.
 */
export function hasUncommittedChanges(path: string): boolean {
  try {
    execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dirname(path), stdio: 'pipe' });
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  try {
    const status = execFileSync('git', ['status', '--porcelain', '--', path], { cwd: dirname(path), stdio: 'pipe', encoding: 'utf8' });
    return status.trim() !== '';
  } catch {
    return true;
  }
}
