import { execFile } from 'node:child_process';
import { basename, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function git(root: string, ...args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['-C', root, ...args], { timeout: 5000 });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

export interface RepoInfo {
  repo: string;
  commit?: string;
  branch?: string;
}

/** Repo name from the `origin` remote (else the folder name), and commit/branch when `root` is in a git work tree. */
export async function repoInfo(root: string): Promise<RepoInfo> {
  const [remote, commit, branch] = await Promise.all([git(root, 'remote', 'get-url', 'origin'), git(root, 'rev-parse', 'HEAD'), git(root, 'rev-parse', '--abbrev-ref', 'HEAD')]);
  const fromRemote = remote?.replace(/\.git$/, '').split(/[/:]/).pop();
  return { repo: fromRemote || basename(resolve(root)), commit, branch: branch && branch !== 'HEAD' ? branch : undefined };
}
