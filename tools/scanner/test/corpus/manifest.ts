import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The frozen real-code corpus: `dev/` is read while developing, `holdout/` is only ever scored in aggregate. */
export const CORPUS_ROOT = join(__dirname, '..', '..', 'corpus');
export const PARTS = ['dev', 'holdout'] as const;
export type Part = (typeof PARTS)[number];

export const SHAPES = [
  'literal-call',
  'field-or-property',
  'url-helper',
  'template-defaults',
  'cross-file-constant',
  'session-cookie',
  'library-cookie-mode',
  'library-session-api',
  'fluent-chain',
  'config-value',
] as const;
export type Shape = (typeof SHAPES)[number];

/** One use of the session login: the line a person has to change, and other lines of the same use. */
export interface UseLabel {
  line: number;
  shape: Shape;
  language: string;
  /** `file:line` (relative to the part's `cases/`) of lines that belong to this use: the path or cookie defined elsewhere. */
  related?: string[];
}

export interface CorpusCase {
  id: string;
  language: string;
  reference: string;
  kind: 'positive' | 'negative';
  /** Every file of the case (relative to the part's `cases/`), with its uses; a negative case's files have none. */
  files: Record<string, UseLabel[]>;
}

export interface Manifest {
  part: Part;
  frozen: string;
  splitSeed: string;
  cases: CorpusCase[];
}

export function casesFolder(part: Part): string {
  return join(CORPUS_ROOT, part, 'cases');
}

export function readManifest(part: Part): Manifest {
  return JSON.parse(readFileSync(join(CORPUS_ROOT, part, 'labels.json'), 'utf8')) as Manifest;
}

/** How many of a language's `n` cases the holdout gets: a fifth, rounded half up. */
export function holdoutCount(n: number): number {
  return Math.floor(n * 0.2 + 0.5);
}

/**
 * The fixed random draw: within each language, cases ranked by sha256(`seed:id`); the first `holdoutCount` go to the
 * holdout. Returns the ids that belong in the holdout.
 */
export function drawHoldout(cases: Array<Pick<CorpusCase, 'id' | 'language'>>, seed: string): Set<string> {
  const byLanguage = new Map<string, string[]>();
  for (const { id, language } of cases) byLanguage.set(language, [...(byLanguage.get(language) ?? []), id]);
  const rank = (id: string): string => createHash('sha256').update(`${seed}:${id}`).digest('hex');
  const holdout = new Set<string>();
  for (const ids of byLanguage.values()) {
    const ranked = [...ids].sort((a, b) => (rank(a) < rank(b) ? -1 : 1));
    ranked.slice(0, holdoutCount(ids.length)).forEach((id) => holdout.add(id));
  }
  return holdout;
}
