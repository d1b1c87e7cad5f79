import { UsageBatch } from './usage-batch';
import { UsageEventInput } from './usage-event';

const at = (iso: string, overrides: Partial<UsageEventInput> = {}): UsageEventInput => ({
  occurredAt: new Date(iso),
  kind: 'cookie-request',
  authMode: 'session',
  userName: 'alice',
  method: 'GET',
  endpoint: '/rest/api/2/myself',
  status: 200,
  userAgent: 'curl/8',
  ...overrides,
});

describe('UsageBatch', () => {
  it('folds events into hourly roll-ups as they come and keeps raw rows only for deprecated uses', () => {
    const batch = new UsageBatch();
    batch.add(at('2026-11-23T10:59:59.999Z'));
    batch.add(at('2026-11-23T10:00:00.000Z'));
    batch.add(at('2026-11-23T11:00:00.000Z'));
    batch.add(at('2026-11-23T10:30:00.000Z', { kind: 'token-request', authMode: 'bearer-token' }));
    batch.add(at('2026-11-23T10:30:00.000Z', { clientId: 'nightly-export' }));
    expect(batch.size).toBe(5);
    expect(batch.rawRows).toBe(4);
    expect(batch.rawCopyText.toString().split('\n').filter(Boolean)).toHaveLength(4);
    expect(batch.rollupRows).toEqual([
      expect.objectContaining({ bucket: new Date('2026-11-23T10:00:00Z'), kind: 'cookie-request', clientKey: 'curl/8', count: 2, lastSeenAt: new Date('2026-11-23T10:59:59.999Z') }),
      expect.objectContaining({ bucket: new Date('2026-11-23T11:00:00Z'), count: 1 }),
      expect.objectContaining({ kind: 'token-request', authMode: 'bearer-token', count: 1 }),
      expect.objectContaining({ clientKey: 'nightly-export', userKey: 'alice', count: 1 }),
    ]);
  });

  it('keys a caller without a name or client as empty strings', () => {
    const batch = new UsageBatch();
    batch.add(at('2026-11-23T10:00:00Z', { kind: 'session-login', authMode: 'anonymous', userName: null, userAgent: null, status: 401 }));
    expect(batch.rollupRows[0]).toMatchObject({ userKey: '', clientKey: '', count: 1 });
  });
});
