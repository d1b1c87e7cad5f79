import type { Finding, Severity } from '../src/model';
import type { CorpusCase } from './corpus/manifest';
import { score, tallyBy } from './corpus/score';

const finding = (file: string, line: number, severity: Severity = 'high'): Finding => ({
  ruleId: 'session-login-call',
  severity,
  file,
  line,
  column: 1,
  language: 'python',
  message: '',
  evidence: '',
  replacement: '',
  fingerprint: `${file}:${line}`,
});

const cases: CorpusCase[] = [
  {
    id: 'login',
    language: 'python',
    reference: 'R01',
    kind: 'positive',
    files: {
      'login/client.py': [
        { line: 10, shape: 'field-or-property', language: 'python', related: ['login/settings.py:3'] },
        { line: 14, shape: 'session-cookie', language: 'python' },
      ],
      'login/settings.py': [],
    },
  },
  { id: 'lookalike', language: 'python', reference: 'R29', kind: 'negative', files: { 'lookalike/db.py': [] } },
];

describe('corpus scoring', () => {
  it('finds a use through a finding on its related line, counts it once, and keeps both findings as matched', () => {
    const result = score(cases, [finding('login/settings.py', 3, 'medium'), finding('login/client.py', 10)]);
    expect([...result.found].map((use) => use.line)).toEqual([10]);
    expect(result.matched).toHaveLength(2);
    expect(result.falsePositives).toEqual([]);
  });

  it('counts info findings for neither recall nor precision', () => {
    const result = score(cases, [finding('login/client.py', 14, 'info'), finding('lookalike/db.py', 1, 'info')]);
    expect(result.found.size).toBe(0);
    expect(result.matched).toEqual([]);
    expect(result.falsePositives).toEqual([]);
  });

  it('calls a finding on no labelled line a false positive, in a negative case or beside a use', () => {
    const result = score(cases, [finding('lookalike/db.py', 2), finding('login/client.py', 11)]);
    expect(result.falsePositives.map((f) => `${f.file}:${f.line}`)).toEqual(['lookalike/db.py:2', 'login/client.py:11']);
    expect(result.found.size).toBe(0);
  });

  it('tallies uses and found uses by shape', () => {
    const result = score(cases, [finding('login/client.py', 14)]);
    expect(Object.fromEntries(tallyBy(result, (use) => use.shape))).toEqual({
      'field-or-property': { uses: 1, found: 0 },
      'session-cookie': { uses: 1, found: 1 },
    });
  });
});
