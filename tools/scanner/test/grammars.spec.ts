import { readFileSync } from 'node:fs';
import { analyzeSource } from '../src/analyze-file';
import type { LanguageId } from '../src/model';
import { grammarPath, parserFor } from '../src/syntax/grammars';
import { PROFILES } from '../src/syntax/profiles';

/** A sample per language the scanner parses with a grammar, each calling the session resource. */
const SAMPLES: Record<string, string> = {
  javascript: "axios.post(base + '/rest/auth/1/session', body);\n",
  // Parsed with the JavaScript grammar (profiles.ts): a line both languages share.
  groovy: "new URL(base + '/rest/auth/1/session').openConnection()\n",
  typescript: "const r: Response = await fetch(`${base}/rest/auth/1/session`, { method: 'POST' });\n",
  tsx: "const r = await fetch(`${base}/rest/auth/1/session`, { method: 'POST' }); const v = <div/>;\n",
  json: '{ "url": "/rest/auth/1/session" }\n',
  postman: '{ "item": [{ "request": { "method": "POST", "url": "{{base}}/rest/auth/1/session" } }] }\n',
  python: "requests.post(base + '/rest/auth/1/session', json=body)\n",
  java: 'class A { void f() { client.post(base + "/rest/auth/1/session"); } }\n',
  kotlin: 'fun f() { client.post(base + "/rest/auth/1/session") }\n',
  go: 'package a\nfunc f() { http.Post(base+"/rest/auth/1/session", "application/json", body) }\n',
  ruby: "HTTParty.post(base + '/rest/auth/1/session', body: body)\n",
  php: "<?php $client->post($base . '/rest/auth/1/session');\n",
  csharp: 'class A { void F() { client.PostAsync(baseUrl + "/rest/auth/1/session", body); } }\n',
  swift: 'let r = session.post(base + "/rest/auth/1/session")\n',
  // `[[ ]]` and `case … esac` made the bash grammar of tree-sitter-wasms 0.1.13 throw under web-tree-sitter 0.25.
  shell: 'if [[ $A == x ]]; then\n  case "$1" in\n    login) curl -X POST "$BASE/rest/auth/1/session" ;;\n  esac\nfi\n',
  elisp: '(request (concat jira-url "/rest/auth/1/session") :type "POST")\n',
  objc: 'NSURL *u = [NSURL URLWithString:[base stringByAppendingString:@"/rest/auth/1/session"]];\n',
  lua: 'local r = http.request(base .. "/rest/auth/1/session", body)\n',
  rust: 'fn f() { let r = client.post(base.to_owned() + "/rest/auth/1/session").send(); }\n',
  scala: 'val r = Http(base + "/rest/auth/1/session").postData(body)\n',
  dart: "void f() { http.post(Uri.parse('$base/rest/auth/1/session')); }\n",
  elixir: 'HTTPoison.post(base <> "/rest/auth/1/session", body)\n',
};

// The WebAssembly global as far as this file uses it (its types are in lib.dom, which Node projects leave out).
interface ModuleEntry {
  name: string;
  kind: string;
  module?: string;
}
declare const WebAssembly: {
  Module: { new (bytes: Uint8Array): object; imports(module: object): ModuleEntry[]; exports(module: object): ModuleEntry[] };
};

/** What a grammar may import and the runtime not export: hooks that only run when the grammar's own assertion fails. */
const ASSERTION_HOOKS = new Set(['__assert_fail', 'abort']);

/** The functions the web-tree-sitter runtime exports to the grammars it loads. */
function runtimeExports(): Set<string> {
  const runtime = new WebAssembly.Module(readFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm')));
  return new Set(WebAssembly.Module.exports(runtime).map((entry) => entry.name));
}

const LANGUAGES = Object.keys(PROFILES) as LanguageId[];

describe('every grammar the scanner uses', () => {
  it('has a sample here', () => {
    expect(LANGUAGES.filter((language) => !SAMPLES[language])).toEqual([]);
  });

  // A function the runtime does not export is resolved to a stub that throws when the grammar calls it: the
  // parse fails on whichever input reaches that code (bash: `isalpha`, reached by `[[ ]]` and `case`).
  it.each([...new Set(Object.values(PROFILES).map((profile) => profile.grammar))])('%s imports only functions the runtime exports', (grammar) => {
    const exported = runtimeExports();
    const module = new WebAssembly.Module(readFileSync(grammarPath(grammar)));
    const missing = WebAssembly.Module.imports(module)
      .filter((entry) => entry.kind === 'function' && entry.module === 'env' && !exported.has(entry.name) && !ASSERTION_HOOKS.has(entry.name))
      .map((entry) => entry.name);
    expect(missing).toEqual([]);
  });

  describe('with every grammar loaded first (a grammar must not depend on the order grammars are loaded in)', () => {
    beforeAll(async () => {
      for (const profile of Object.values(PROFILES)) (await parserFor(profile.grammar)).delete();
    });

    it.each(LANGUAGES)('%s: parses a sample without error nodes and finds the session call', async (language) => {
      const sample = SAMPLES[language] ?? '';
      const parser = await parserFor(PROFILES[language]?.grammar ?? '');
      const tree = parser.parse(sample);
      parser.delete();
      expect(tree?.rootNode.hasError).toBe(false);
      tree?.delete();
      const analysis = await analyzeSource(sample, language, `sample.${language}`);
      expect(analysis.state).toBe('parsed');
      expect(analysis.findings.filter((finding) => finding.severity !== 'info').map((finding) => finding.ruleId)).toContainEqual(
        expect.stringMatching(/^session-(?:login-call|resource-path)$/),
      );
    });
  });
});
