import type { Finding } from '../../src/model';
import type { CorpusCase, Shape } from './manifest';

export interface LabelledUse {
  caseId: string;
  file: string;
  line: number;
  shape: Shape;
  language: string;
  /** Every `file:line` at which a finding counts for this use. */
  lines: string[];
}

export interface Tally {
  uses: number;
  found: number;
}

export interface Score {
  uses: LabelledUse[];
  found: Set<LabelledUse>;
  /** Non-info findings on a line of some use. */
  matched: Finding[];
  /** Non-info findings on no line of any use. */
  falsePositives: Finding[];
}

const at = (file: string, line: number): string => `${file}:${line}`;

export function labelledUses(cases: CorpusCase[]): LabelledUse[] {
  return cases.flatMap((corpusCase) =>
    Object.entries(corpusCase.files).flatMap(([file, labels]) =>
      labels.map((label) => ({
        caseId: corpusCase.id,
        file,
        line: label.line,
        shape: label.shape,
        language: label.language,
        lines: [at(file, label.line), ...(label.related ?? [])],
      })),
    ),
  );
}

/**
 * A use is found when a non-info finding sits on its line or one of its related lines; a non-info finding on no
 * such line is a false positive. `info` findings (comments, docs) count for neither.
 */
export function score(cases: CorpusCase[], findings: Finding[]): Score {
  const uses = labelledUses(cases);
  const usesAt = new Map<string, LabelledUse[]>();
  for (const use of uses) for (const line of use.lines) usesAt.set(line, [...(usesAt.get(line) ?? []), use]);
  const found = new Set<LabelledUse>();
  const matched: Finding[] = [];
  const falsePositives: Finding[] = [];
  for (const finding of findings.filter((f) => f.severity !== 'info')) {
    const hits = usesAt.get(at(finding.file, finding.line)) ?? [];
    hits.forEach((use) => found.add(use));
    (hits.length > 0 ? matched : falsePositives).push(finding);
  }
  return { uses, found, matched, falsePositives };
}

/** Uses and found uses grouped by a key (language, shape). */
export function tallyBy(result: Score, key: (use: LabelledUse) => string): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const use of result.uses) {
    const tally = tallies.get(key(use)) ?? { uses: 0, found: 0 };
    tally.uses += 1;
    if (result.found.has(use)) tally.found += 1;
    tallies.set(key(use), tally);
  }
  return new Map([...tallies].sort(([a], [b]) => a.localeCompare(b)));
}
