import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { toRipgrepRegex } from './scanner-peers';

const WORKSPACE = resolve(__dirname, '../../..');
const { PREFILTER } = require(join(WORKSPACE, 'tools/scanner/src/rules/patterns.ts')) as { PREFILTER: RegExp };

const SAMPLES = [
  "post(base + '/rest/auth/1/session')",
  'const u = `${base}/auth/1`;',
  'import { login } from "jira.js/server";',
  'client = JIRA(server, auth=(u, p))',
  'xJIRA(server)',
  // JavaScript's \b is ASCII: é is no word character there, so this is a boundary; for ripgrep's Unicode \b it is.
  'éJIRA(server)',
  'cookie = session.name + "=" + session.value',
  'nothing to see here',
];

describe("ripgrep with the scanner's pre-filter", () => {
  const hasRipgrep = spawnSync('rg', ['--version']).status === 0;
  (hasRipgrep ? it : it.skip)('matches exactly the lines the pre-filter matches', () => {
    const directory = mkdtempSync(join(tmpdir(), 'bench-rg-'));
    try {
      SAMPLES.forEach((sample, index) => writeFileSync(join(directory, `sample${index}.txt`), `${sample}\n`));
      const run = spawnSync('rg', ['-l', '--no-ignore', '-e', toRipgrepRegex(PREFILTER.source), directory], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const matched = run.stdout.split('\n').filter(Boolean).map((path) => SAMPLES[Number(/sample(\d+)/.exec(path)![1])]).sort();
      expect(matched).toEqual(SAMPLES.filter((sample) => PREFILTER.test(sample)).sort());
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
