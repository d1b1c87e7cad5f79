import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeSource } from '../src/analyze-file';

const rules = (analysis: { findings: Array<{ line: number; ruleId: string; severity: string }> }): string[] =>
  analysis.findings.map((finding) => `${finding.line} ${finding.ruleId} ${finding.severity}`);

describe('shell scripts the bash grammar of tree-sitter-wasms threw on', () => {
  it.each([
    ['[[ ]]', 'if [[ $MODE == login ]]; then\n  curl -s -X POST "$BASE/rest/auth/1/session" -d @body.json\nfi\n', 2],
    ['case … esac', 'case "$1" in\n  login)\n    curl -s -X POST "$BASE/rest/auth/1/session" ;;\nesac\n', 3],
    ['a plain curl line', 'curl -X POST https://j/rest/auth/1/session\n', 1],
  ])('%s: parsed, with the call found', async (_, source, line) => {
    const analysis = await analyzeSource(source, 'shell', 'jira.sh');
    expect(analysis.state).toBe('parsed');
    expect(rules(analysis)).toEqual([`${line} session-login-call high`]);
  });
});

describe('a file whose grammar cannot load is degraded: line rules only', () => {
  const source = [
    '# logs in through /rest/auth/1/session',
    'import requests',
    "r = requests.post(base + '/rest/auth/1/session', json=body)",
    'PATH = "/rest/auth/1/session"',
    '',
  ].join('\n');
  const folder = mkdtempSync(join(tmpdir(), 'tokenshift-grammar-'));
  const corrupt = join(folder, 'tree-sitter-python.wasm');
  writeFileSync(corrupt, 'not a WebAssembly module');

  it.each([
    ['its grammar file is missing', join(folder, 'missing.wasm')],
    ['its grammar file holds corrupt bytes', corrupt],
  ])('when %s', async (_, path) => {
    const analysis = await analyzeSource(source, 'python', 'login.py', () => path);
    expect(analysis.state).toBe('degraded');
    expect(analysis.reason).toMatch(/^the python grammar failed \(.+\): line rules only$/);
    expect(rules(analysis)).toEqual(['1 session-path-in-comment info', '3 session-login-call high', '4 session-resource-path medium']);
  });

  it('the same file with its grammar is parsed, with the same findings', async () => {
    const analysis = await analyzeSource(source, 'python', 'login.py');
    expect(analysis.state).toBe('parsed');
    expect(rules(analysis)).toEqual(['1 session-path-in-comment info', '3 session-login-call high', '4 session-resource-path medium']);
  });
});

describe('languages with no grammar get line rules (degraded)', () => {
  it.each([
    ['perl', "# see /rest/auth/1/session\nmy $res = $ua->post(\"$base/rest/auth/1/session\", Content => $body);\n", ['1 session-path-in-comment info', '2 session-login-call high']],
    ['powershell', "<# /rest/auth/1/session #>\n$r = Invoke-RestMethod -Method Post -Uri \"$base/rest/auth/1/session\" -Body $body\n", ['1 session-path-in-comment info', '2 session-login-call high']],
    ['vb', "' POSTs to /rest/auth/1/session\nhttp.Open \"POST\", base & \"/rest/auth/1/session\", False\n", ['1 session-path-in-comment info', '2 session-login-call high']],
    ['config', '; login endpoint: /rest/auth/1/session\nlogin_url = https://jira.example.com/rest/auth/1/session\n', ['1 session-path-in-comment info', '2 session-resource-path medium']],
  ] as const)('%s', async (language, source, expected) => {
    const analysis = await analyzeSource(source, language, `file.${language}`);
    expect(analysis.state).toBe('degraded');
    expect(analysis.reason).toBe(`no grammar for ${language}: line rules only`);
    expect(rules(analysis)).toEqual(expected);
  });
});

describe('a tree with error regions', () => {
  it.each([
    ["a Groovy '''string''' (the JavaScript grammar parses Groovy)", "def script = '''\ncurl -s -X POST https://jira.example.com/rest/auth/1/session -d @body.json\n'''\nsh script\n"],
    ['a Groovy """string""" with ${} inside', 'def script = """\n  curl -s -X POST ${JIRA}/rest/auth/1/session -d @body.json\n"""\nsh script\n'],
  ])('%s: the line rules run over the lines the grammar could not parse', async (_, source) => {
    const analysis = await analyzeSource(source, 'groovy', 'Jenkinsfile');
    expect(analysis.state).toBe('parsed');
    expect(rules(analysis)).toEqual(['2 session-login-call high']);
  });
});
