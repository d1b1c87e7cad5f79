import { createLogger } from './create-logger';
import { toText } from './text-lines';

function capture(format: 'json' | 'text' = 'json') {
  const lines: string[] = [];
  const log = createLogger({ level: 'info', format, sessionCookieName: 'cloud.session.token' }, { write: (line: string) => void lines.push(line) });
  return { log, lines };
}

describe('createLogger', () => {
  it('writes ISO times and level names', () => {
    const { log, lines } = capture();
    log.warn('careful');
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 'warn', msg: 'careful' });
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
  });

  it('censors credential headers, the session cookie, passwords and bodies wherever they are logged', () => {
    const { log, lines } = capture();
    const secrets = { authorization: 'Basic c2VjcmV0', cookie: 'JSESSIONID=s1', 'set-cookie': 's2', 'x-api-key': 's3', 'cloud.session.token': 's4', password: 's5', body: { password: 's6' } };
    log.info({ ...secrets, headers: secrets, request: { headers: secrets, cookies: { 'cloud.session.token': 's7' } } }, 'request');
    expect(lines[0]).not.toMatch(/c2VjcmV0|s1|s2|s3|s4|s5|s6|s7/);
    expect(JSON.parse(lines[0]!).request.headers.authorization).toBe('[redacted]');
  });
});

describe('toText', () => {
  it('writes time, level, context and message, then the other fields, not repeating what the message shows', () => {
    const line = JSON.stringify({ level: 'info', time: '2026-12-06T05:00:00.000Z', pid: 1, hostname: 'h', context: 'HTTP', method: 'GET', route: '/x', status: 200, user: 'demo', msg: 'GET /x 200' });
    expect(toText(line)).toBe('2026-12-06T05:00:00.000Z INFO  [HTTP] GET /x 200 user=demo\n');
  });

  it('quotes values with spaces, quotes or line breaks, so a client name cannot forge a line', () => {
    const line = JSON.stringify({ level: 'info', time: 't', msg: 'm', client: 'evil\n2026 ERROR forged', empty: '' });
    expect(toText(line)).toBe('t INFO  m client="evil\\n2026 ERROR forged" empty=""\n');
  });
});

describe('the request serializer (Fastify error lines)', () => {
  it('keeps the method and path, never the query or headers', () => {
    const { log, lines } = capture();
    log.error({ req: { method: 'GET', url: '/rest/api/2/search?jql=secret', headers: { authorization: 'Basic c2VjcmV0' } } }, 'failed');
    expect(JSON.parse(lines[0]!).req).toEqual({ method: 'GET', path: '/rest/api/2/search' });
  });
});
