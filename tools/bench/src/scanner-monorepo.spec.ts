import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { generateMonorepo, neutralize, readCorpus, USE_SHARE } from './scanner-monorepo';

const WORKSPACE = resolve(__dirname, '../../..');
const corpus = readCorpus(join(WORKSPACE, 'tools/scanner/corpus/dev'));
// The scanner's own pre-filter, from its source (a path, not an import: the bench is another project).
const { PREFILTER } = require(join(WORKSPACE, 'tools/scanner/src/rules/patterns.ts')) as { PREFILTER: RegExp };

function treeDigest(root: string): string {
  const hash = createHash('sha256');
  const files = (readdirSync(root, { recursive: true, withFileTypes: true }) as Array<{ name: string; parentPath: string; isFile(): boolean }>)
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return `${files.length}:${hash.digest('hex')}`;
}

describe('the scanner benchmark monorepo', () => {
  const roots: string[] = [];
  const generate = (seed: number) => {
    const root = mkdtempSync(join(tmpdir(), 'bench-monorepo-'));
    roots.push(root);
    return { root, stats: generateMonorepo(root, corpus, { minFiles: 1500, seed }) };
  };
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it('is the same tree for the same seed and another for another seed', () => {
    const first = generate(17);
    const again = generate(17);
    const other = generate(18);
    expect(treeDigest(again.root)).toBe(treeDigest(first.root));
    expect(treeDigest(other.root)).not.toBe(treeDigest(first.root));
  });

  it('has at least the files asked for, about 30 % of them with uses, the rest look-alikes and neutral code', () => {
    const { root, stats } = generate(17);
    expect(Number(treeDigest(root).split(':')[0])).toBe(stats.files);
    expect(stats.files).toBeGreaterThanOrEqual(1500);
    expect(stats.filesWithUses / stats.files).toBeCloseTo(USE_SHARE, 1);
    expect(stats.lookAlikeFiles / stats.files).toBeGreaterThan(0.2);
    expect(stats.neutralFiles / stats.files).toBeGreaterThan(0.2);
  });

  it('neutral code is every positive case with nothing left for the pre-filter', () => {
    const passing = corpus
      .filter((corpusCase) => corpusCase.kind === 'positive')
      .flatMap((corpusCase) => [...corpusCase.files].filter(([, content]) => PREFILTER.test(neutralize(content))).map(([path]) => `${corpusCase.id}/${path}`));
    expect(passing).toEqual([]);
  });
});
