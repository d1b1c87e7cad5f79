import { detectLanguage, languageOfShebang, mayBeScript } from '../src/languages';

describe('detectLanguage', () => {
  it.each([
    ['src/app.ts', 'typescript'], ['lib/App.JS', 'javascript'], ['ci/Jenkinsfile', 'groovy'], ['.env', 'dotenv'], ['config/.env.local', 'dotenv'],
    ['api/login.postman_collection.json', 'postman'], ['docs/guide.md', 'docs'], ['a.b/Makefile', undefined], ['notes.', undefined],
  ])('%s is %s', (path, language) => {
    expect(detectLanguage(path)).toBe(language);
  });

  it('knows no language for names of Object.prototype members', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(detectLanguage(name)).toBeUndefined();
      expect(mayBeScript(name)).toBe(true);
    }
  });

  it('reads the shebang of extension-less files only', () => {
    expect(detectLanguage('bin/deploy', '#!/usr/bin/env bash\n')).toBe('shell');
    expect(detectLanguage('bin/tool', '#!/usr/bin/python3\n')).toBe('python');
    expect(detectLanguage('bin/tool.dat', '#!/bin/sh\n')).toBeUndefined();
    expect(languageOfShebang('#!/bin/bash\nRUNS $jira req /rest/auth/1/session\n')).toBe('shell');
    expect(languageOfShebang('#!/usr/bin/env perl -w\n')).toBe('perl');
    expect(languageOfShebang('# not a shebang\n')).toBeUndefined();
    expect(mayBeScript('bin/deploy')).toBe(true);
    expect(mayBeScript('Gemfile')).toBe(false);
    expect(mayBeScript('src/app.ts')).toBe(false);
  });
});
