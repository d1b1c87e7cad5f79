import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { minVersion, satisfies } from 'semver';

/**
 * Every package `npm ci` installs must run on the oldest Node the workspace supports: a dependency that
 * declares a newer Node prints EBADENGINE on install and may break at run time (docs/decisions.md 7).
 */
const WORKSPACE_ROOT = resolve(__dirname, '../../..');
const readJson = (file: string) => JSON.parse(readFileSync(resolve(WORKSPACE_ROOT, file), 'utf8'));

interface LockEntry {
  engines?: { node?: string } | string[];
  os?: string[];
}

describe('Node engines', () => {
  const oldestNode = minVersion(readJson('package.json').engines.node as string)?.version ?? '';
  const packages = Object.entries(readJson('package-lock.json').packages as Record<string, LockEntry>);

  it('knows the oldest supported Node', () => {
    expect(oldestNode).toBe('20.19.0');
  });

  it('installs no package that needs a newer Node', () => {
    const tooNew = packages
      .filter(([path, entry]) => path && !Array.isArray(entry.engines) && entry.engines?.node && !(entry.os && !entry.os.includes('linux')))
      .filter(([, entry]) => !satisfies(oldestNode, (entry.engines as { node: string }).node, { includePrerelease: true }))
      .map(([path, entry]) => `${path} wants node ${(entry.engines as { node: string }).node}`);
    expect(tooNew).toEqual([]);
  });
});
