// Tree (a) of the scanner benchmark: a generated monorepo built from the scanner's dev corpus (its labelled
// cases, tools/scanner/corpus/dev), so that about 30 % of the files hold a use, as a repository moving off the
// session login does, and the rest is code of the same languages and shapes that holds none.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { itemAt } from './item-at';

export interface CorpusCase {
  id: string;
  kind: 'positive' | 'negative';
  /** Path inside the case → content. */
  files: Map<string, string>;
  /** Paths of the files with a labelled use. */
  filesWithUses: Set<string>;
}

export interface MonorepoStats {
  files: number;
  /** Files holding a labelled use (copies of the corpus's positive files). */
  filesWithUses: number;
  /** Copies of the corpus's negative cases: look-alikes (other sessions, token logins, comments). */
  lookAlikeFiles: number;
  /** Positive cases rewritten to another API and tracker name: the same code shapes, nothing to find. */
  neutralFiles: number;
}

interface Labels {
  cases: Array<{ id: string; kind: 'positive' | 'negative'; files: Record<string, unknown[]> }>;
}

/** The share of files holding a use (issue 17: "about 30 % with uses"). */
export const USE_SHARE = 0.3;

/** Reads the dev corpus: every case with its files and which of them hold a labelled use. */
export function readCorpus(corpusDir: string): CorpusCase[] {
  const labels = JSON.parse(readFileSync(join(corpusDir, 'labels.json'), 'utf8')) as Labels;
  return labels.cases.map(({ id, kind, files }) => {
    const caseDir = join(corpusDir, 'cases', id);
    const contents = new Map<string, string>();
    for (const file of listFiles(caseDir)) contents.set(relative(caseDir, file), readFileSync(file, 'utf8'));
    const withUses = Object.entries(files).filter(([, uses]) => uses.length > 0).map(([path]) => relative(id, path));
    return { id, kind, files: contents, filesWithUses: new Set(withUses) };
  });
}

function listFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

/**
 * The same code talking to another API: every marker of the session login (paths, cookie names, library
 * switches, the product's name) replaced, so the scanner's pre-filter does not pass it, as most files of a
 * real repository do not.
 */
export function neutralize(source: string): string {
  return source
    .replace(/rest\/auth\/(?:1|latest)\/session/g, 'api/v2/items')
    .replace(/rest\/auth(?:\/(?:1|latest))?/g, 'api/v2')
    .replace(/(['"])auth\1(\s*,\s*)(['"])(?:1|latest)\3/g, '$1api$1$2$3v2$3')
    .replace(/auth\/(?:1|latest)/g, 'api/v2')
    .replace(/JSESSIONID/g, 'REQUEST_ID')
    .replace(/cloud\.session\.token|studio\.crowd(?:\.tokenkey)?/g, 'request.id')
    .replace(/CookieAuthTransport/g, 'RetryTransport')
    .replace(/AcquireSessionCookie/g, 'AcquireRetryBudget')
    .replace(/auth_type|use_cookies|cookie_jar|cookieAuthEnabled|COOKIE_AUTH_ENABLED|authentication-method|kill_session/g, 'retry_limit')
    .replace(/JIRA/g, 'TRACKER')
    .replace(/Jira/g, 'Tracker')
    .replace(/jira/g, 'tracker')
    .replace(/tsk_/g, 'tkn_')
    .replace(/\b(session|auth)(\.|->|\?\.)(login|logout|currentUser|name|value)\b/gi, 'store$2$3')
    .replace(/Session\.(StartAsync|EndAsync)/g, 'Store.$1')
    .replace(/getSessionClient|getCurrentSession/g, 'getStoreClient')
    .replace(/\[(['"])session\1\]/g, '[$1store$1]')
    .replace(/(get|Object|path)\((['"])session/g, '$1($2store');
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32): the same seed builds the same tree. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const GROUPS = ['apps', 'services', 'libs', 'tools', 'scripts', 'integrations'];
/** Cases merged into one package folder (their src/, lib/… folders shared), as a repository's modules share them. */
const CASES_PER_PACKAGE = 12;

/**
 * Writes at least `minFiles` files under `root`: copies of whole corpus cases (a case's files keep their paths
 * relative to each other, so its imports across files still resolve), up to CASES_PER_PACKAGE cases per package
 * folder, a new package when a path is taken. Positive cases are copied while the share of files with uses is
 * under USE_SHARE; otherwise a negative case (look-alike) or a neutralized positive case (neutral), half and half.
 */
export function generateMonorepo(root: string, corpus: CorpusCase[], options: { minFiles: number; seed: number }): MonorepoStats {
  const random = seededRandom(options.seed);
  const pick = <T>(items: T[]): T => itemAt(items, Math.floor(random() * items.length));
  const positives = corpus.filter((corpusCase) => corpusCase.kind === 'positive');
  const negatives = corpus.filter((corpusCase) => corpusCase.kind === 'negative');
  const stats: MonorepoStats = { files: 0, filesWithUses: 0, lookAlikeFiles: 0, neutralFiles: 0 };
  let packageDir = '';
  let packageCases = CASES_PER_PACKAGE;
  const written = new Set<string>();
  for (let packages = 0; stats.files < options.minFiles; ) {
    const kind = stats.filesWithUses < USE_SHARE * (stats.files + 1) ? 'use' : random() < 0.5 ? 'look-alike' : 'neutral';
    const source = kind === 'look-alike' ? pick(negatives) : pick(positives);
    const files = [...source.files].map(([path, content]) => (kind === 'neutral' ? { path, target: neutralize(path), content: neutralize(content) } : { path, target: path, content }));
    if (packageCases >= CASES_PER_PACKAGE || files.some(({ target }) => written.has(join(packageDir, target)))) {
      packageDir = join(root, pick(GROUPS), `package-${++packages}`);
      packageCases = 0;
    }
    packageCases++;
    for (const { path, target, content } of files) {
      const absolute = join(packageDir, target);
      mkdirSync(dirname(absolute), { recursive: true });
      writeFileSync(absolute, content);
      written.add(absolute);
      stats.files++;
      if (kind === 'use' && source.filesWithUses.has(path)) stats.filesWithUses++;
      else if (kind === 'look-alike') stats.lookAlikeFiles++;
      else if (kind === 'neutral') stats.neutralFiles++;
    }
  }
  return stats;
}
