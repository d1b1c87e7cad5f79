import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Finding } from '../src/model';
import { scanDirectory } from '../src/scan';
import { EXPECTED_FINDINGS, NEGATIVE_FILES } from './expected-findings';

const FIXTURES = join(__dirname, 'fixtures');

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(FIXTURES, path)];
  });
}

const key = (file: string, line: number, rule: string, severity: string): string => `${file}:${line} ${rule} ${severity}`;

describe('fixtures: expected findings line by line', () => {
  let findings: Finding[];

  beforeAll(async () => {
    ({ findings } = await scanDirectory({ root: FIXTURES, jobs: 0 }));
  }, 60_000);

  it('covers every fixture file with expectations (positives) or as a declared negative', () => {
    const declared = new Set([...Object.keys(EXPECTED_FINDINGS), ...NEGATIVE_FILES]);
    expect(filesUnder(FIXTURES).filter((file) => !declared.has(file))).toEqual([]);
  });

  it.each(Object.keys(EXPECTED_FINDINGS).sort())('%s', (file) => {
    const actual = findings.filter((finding) => finding.file === file).map((f) => key(f.file, f.line, f.ruleId, f.severity));
    const expected = EXPECTED_FINDINGS[file]!.map(([line, rule, severity]) => key(file, line, rule, severity));
    expect(actual.sort()).toEqual(expected.sort());
  });

  it.each(NEGATIVE_FILES)('%s has no findings', (file) => {
    expect(findings.filter((finding) => finding.file === file)).toEqual([]);
  });

  it('never reports comments or docs above info', () => {
    const commentFindings = findings.filter((finding) => finding.ruleId === 'session-path-in-comment' || finding.language === 'docs');
    expect(commentFindings.length).toBeGreaterThan(10);
    expect(commentFindings.filter((finding) => finding.severity !== 'info')).toEqual([]);
  });

  it('prints recall and precision over all fixtures', () => {
    const expected = new Set(Object.entries(EXPECTED_FINDINGS).flatMap(([file, rows]) => rows.map(([line, rule, severity]) => key(file, line, rule, severity))));
    const actual = new Set(findings.map((f) => key(f.file, f.line, f.ruleId, f.severity)));
    const truePositives = [...actual].filter((item) => expected.has(item)).length;
    const recall = truePositives / expected.size;
    const precision = truePositives / actual.size;
    const languages = new Set(findings.map((finding) => finding.language));
    process.stdout.write(
      `\nscanner fixtures: ${expected.size} expected findings in ${Object.keys(EXPECTED_FINDINGS).length} files (+${NEGATIVE_FILES.length} negative files), ` +
        `${languages.size} languages; true positives ${truePositives}, false positives ${actual.size - truePositives}, false negatives ${expected.size - truePositives}; ` +
        `recall ${(recall * 100).toFixed(1)}%, precision ${(precision * 100).toFixed(1)}%\n`,
    );
    expect(recall).toBe(1);
    expect(precision).toBe(1);
  });
});
