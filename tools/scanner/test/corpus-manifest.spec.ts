import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type CorpusCase, PARTS, type Part, SHAPES, casesFolder, drawHoldout, holdoutCount, readManifest } from './corpus/manifest';

// Checks the corpus labels only (no scanning): the corpus is scored by `nx run scanner:corpus`, not gated here.
// Reads the holdout's manifest as data; it prints nothing from it.

function filesUnder(directory: string, root = directory): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path, root) : [relative(root, path)];
  });
}

const lineCount = (part: Part, file: string): number => readFileSync(join(casesFolder(part), file), 'utf8').split('\n').length;

describe.each(PARTS)('corpus %s: labels', (part) => {
  const manifest = readManifest(part);
  const listed = manifest.cases.flatMap((corpusCase) => Object.keys(corpusCase.files));
  const problems = (check: (corpusCase: CorpusCase) => string[]): string[] => manifest.cases.flatMap(check);

  it('names its part and lists every file under cases/ exactly once, inside the folder of its case', () => {
    expect(manifest.part).toBe(part);
    expect([...listed].sort()).toEqual(filesUnder(casesFolder(part)).sort());
    expect(new Set(listed).size).toBe(listed.length);
    expect(problems((c) => Object.keys(c.files).filter((file) => !file.startsWith(`${c.id}/`)))).toEqual([]);
  });

  it('labels lines that exist, with a known shape; related lines exist and belong to the same case', () => {
    expect(
      problems((c) =>
        Object.entries(c.files).flatMap(([file, labels]) =>
          labels.flatMap((label) => {
            const wrong: string[] = [];
            if (!Number.isInteger(label.line) || label.line < 1 || label.line > lineCount(part, file)) wrong.push(`${file}:${label.line} out of range`);
            if (!(SHAPES as readonly string[]).includes(label.shape)) wrong.push(`${file}:${label.line} shape ${label.shape}`);
            for (const at of label.related ?? []) {
              const [relatedFile = '', relatedLine = ''] = at.split(/:(?=\d+$)/);
              const line = Number(relatedLine);
              if (!c.files[relatedFile] || !existsSync(join(casesFolder(part), relatedFile)) || line < 1 || line > lineCount(part, relatedFile)) wrong.push(`${file}:${label.line} related ${at}`);
            }
            return wrong;
          }),
        ),
      ),
    ).toEqual([]);
  });

  it('gives negative cases no labels and positive cases at least one', () => {
    const labels = (c: CorpusCase): number => Object.values(c.files).flat().length;
    expect(problems((c) => (c.kind === 'negative' && labels(c) > 0 ? [c.id] : []))).toEqual([]);
    expect(problems((c) => (c.kind === 'positive' && labels(c) === 0 ? [c.id] : []))).toEqual([]);
  });
});

describe('corpus: split and size', () => {
  const manifests = PARTS.map(readManifest);
  const all = manifests.flatMap((manifest) => manifest.cases);
  const [dev, holdout] = manifests as [ReturnType<typeof readManifest>, ReturnType<typeof readManifest>];

  it('has unique case ids across both parts and one split seed', () => {
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect(holdout.splitSeed).toBe(dev.splitSeed);
  });

  it('holds out exactly the cases the seeded draw picks: a fifth of each language, rounded half up', () => {
    expect(new Set(holdout.cases.map((c) => c.id))).toEqual(drawHoldout(all, dev.splitSeed));
    const languages = [...new Set(all.map((c) => c.language))];
    const perLanguage = languages.map((language) => {
      const n = all.filter((c) => c.language === language).length;
      return [language, holdout.cases.filter((c) => c.language === language).length, holdoutCount(n)];
    });
    expect(perLanguage.filter(([, actual, expected]) => actual !== expected)).toEqual([]);
  });

  it('meets the size the issue asks for: 150+ labelled uses in 15+ languages, 50+ negative cases', () => {
    const uses = all.flatMap((c) => Object.values(c.files).flat());
    expect(uses.length).toBeGreaterThanOrEqual(150);
    expect(new Set(uses.map((use) => use.language)).size).toBeGreaterThanOrEqual(15);
    expect(all.filter((c) => c.kind === 'negative').length).toBeGreaterThanOrEqual(50);
  });
});
