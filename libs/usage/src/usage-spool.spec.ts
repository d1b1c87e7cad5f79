import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { UsageEventInput } from './usage-event';
import { decodeSpool, encodeSpoolLine, UsageSpool } from './usage-spool';

const odd: UsageEventInput = {
  occurredAt: new Date('2026-11-23T23:59:59.987Z'),
  kind: 'cookie-request',
  authMode: 'session',
  userId: '6f1c1f8e-2d2a-4f43-9a57-1d0a3c1e8b11',
  userName: 'zoë\tback\\slash',
  method: 'GET',
  endpoint: '/rest/api/2/issue/:idOrKey',
  status: 200,
  userAgent: 'agent\nwith newline \\N and \r',
  ip: '2001:db8::1',
  clientId: null,
};
const plain: UsageEventInput = { occurredAt: new Date(1_700_000_000_000), kind: 'session-login', authMode: 'anonymous', method: 'POST', endpoint: '/rest/auth/1/session', status: 401 };

const tempDir = () => join(mkdtempSync(join(tmpdir(), 'usage-spool-')), 'spool');

describe('usage spool lines', () => {
  it('read back every field as written: tabs, newlines, backslashes, a literal \\N, none, unicode', () => {
    const { events, skipped } = decodeSpool(encodeSpoolLine(odd) + encodeSpoolLine(plain));
    expect(skipped).toBe(0);
    expect(events).toEqual([odd, { ...plain, userId: null, userName: null, userAgent: null, ip: null, clientId: null }]);
  });

  it('skip a torn last line (a write cut short by a crash) and damaged lines, and keep the rest', () => {
    const whole = encodeSpoolLine(plain);
    const torn = whole.slice(0, whole.length - 5);
    const { events, skipped } = decodeSpool(whole + 'not\ta\tspool line\n' + whole + torn);
    expect(events).toHaveLength(2);
    expect(skipped).toBe(2);
    // Cut right before its newline, the last line is still not counted: only finished lines are.
    expect(decodeSpool(whole + whole.slice(0, -1))).toMatchObject({ events: [expect.anything()], skipped: 1 });
  });

  it('skip a line of a kind that is not a deprecated use', () => {
    expect(decodeSpool(encodeSpoolLine({ ...plain, kind: 'token-request' }))).toEqual({ events: [], skipped: 1 });
  });
});

describe('UsageSpool', () => {
  it('has each append in the file once its promise resolves, one segment per batch, left for the next process', async () => {
    const dir = tempDir();
    const spool = new UsageSpool(dir, (error) => {
      throw error;
    });
    expect(spool.open()).toEqual([]);
    const first = randomUUID();
    const second = randomUUID();
    spool.begin(first);
    const appended = [spool.append(plain), spool.append(odd)];
    // Written once per event-loop turn, not per append: nothing is in the file yet.
    expect(readdirSync(dir)).toEqual([]);
    await Promise.all(appended);
    expect(decodeSpool(readFileSync(join(dir, `${first}.events`), 'utf8')).events).toHaveLength(2);
    spool.append(plain);
    spool.begin(second); // the first segment gets its pending line before the second begins
    await spool.append(plain);
    spool.close();

    const next = new UsageSpool(dir, () => undefined);
    const left = next.open();
    expect(left.map(({ id, events, skipped }) => ({ id, uses: events.length, skipped })).sort((a, b) => a.uses - b.uses)).toEqual([
      { id: second, uses: 1, skipped: 0 },
      { id: first, uses: 3, skipped: 0 },
    ]);
    next.remove(first);
    next.remove(second);
    expect(readdirSync(dir)).toEqual([]);
    next.close();
  });

  it('is taken by one process at a time', () => {
    const dir = tempDir();
    const spool = new UsageSpool(dir, () => undefined);
    spool.open();
    try {
      // The same process again stands in for a second instance (the lock is per folder).
      expect(() => new UsageSpool(dir, () => undefined).open()).toThrow(/usage spool .* is in use by process \d+\. Give each server instance its own USAGE_SPOOL_DIR/);
    } finally {
      spool.close();
    }
    new UsageSpool(dir, () => undefined).open();
  });
});
