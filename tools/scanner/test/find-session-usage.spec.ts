import { join } from 'node:path';
import { findSessionUsage } from '../src/find-session-usage';

describe('findSessionUsage', () => {
  it('reports the session path with file, line and column, and nothing in token-auth code', async () => {
    const findings = await findSessionUsage(join(__dirname, 'fixtures/basic'));
    const located = findings.map((f) => `${f.file}:${f.line}:${f.column}`);
    expect(located).toContain('login.py:4:30');
    expect(located.filter((l) => l.startsWith('token.py'))).toEqual([]);
  });
});
