import fc from 'fast-check';
import { clientKeyOf, UsageBatch } from './usage-batch';
import { isDeprecatedKind, UsageEventInput } from './usage-event';

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

/** The raw rows as COPY text fields. */
const copyRows = (batch: UsageBatch) =>
  batch.rawCopyText
    .toString()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));

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

  it('stores identical deprecated uses of one second as one raw row with their count', () => {
    const batch = new UsageBatch();
    const second = '2026-11-23T10:00:00';
    for (let ms = 0; ms < 500; ms++) batch.add(at(`${second}.${String(ms).padStart(3, '0')}Z`));
    batch.add(at(`${second}.600Z`, { status: 401 }));
    batch.add(at(`${second}.700Z`, { userName: 'null' }));
    batch.add(at(`${second}.800Z`, { userName: null }));
    batch.add(at(`${second}.900Z`, { userName: null, userAgent: 'null' }));
    batch.add(at('2026-11-23T10:00:01.000Z'));
    batch.add(at('2026-11-23T10:00:01.000Z', { kind: 'token-request', authMode: 'bearer-token' }));
    const rows = copyRows(batch);
    expect(rows).toEqual([
      [`${second}.000Z`, 'cookie-request', 'session', '\\N', 'alice', 'GET', '/rest/api/2/myself', '200', 'curl/8', '\\N', '\\N', '500'],
      [`${second}.600Z`, 'cookie-request', 'session', '\\N', 'alice', 'GET', '/rest/api/2/myself', '401', 'curl/8', '\\N', '\\N', '1'],
      [`${second}.700Z`, 'cookie-request', 'session', '\\N', 'null', 'GET', '/rest/api/2/myself', '200', 'curl/8', '\\N', '\\N', '1'],
      [`${second}.800Z`, 'cookie-request', 'session', '\\N', '\\N', 'GET', '/rest/api/2/myself', '200', 'curl/8', '\\N', '\\N', '1'],
      [`${second}.900Z`, 'cookie-request', 'session', '\\N', '\\N', 'GET', '/rest/api/2/myself', '200', 'null', '\\N', '\\N', '1'],
      ['2026-11-23T10:00:01.000Z', 'cookie-request', 'session', '\\N', 'alice', 'GET', '/rest/api/2/myself', '200', 'curl/8', '\\N', '\\N', '1'],
    ]);
    expect(batch.rawRows).toBe(6);
    expect(batch.size).toBe(506);
    expect(batch.rollupRows.reduce((sum, row) => sum + row.count, 0)).toBe(506);
    expect(batch.rollupRows.find((row) => row.kind === 'cookie-request' && row.userKey === 'alice')).toMatchObject({
      count: 502,
      lastSeenAt: new Date('2026-11-23T10:00:01.000Z'),
    });
  });

  it('counts interleaved callers each in their own row', () => {
    const batch = new UsageBatch();
    for (const user of ['a', 'a', 'b', 'a', 'b', 'b', 'a']) batch.add(at('2026-11-23T10:00:00.250Z', { userName: user }));
    batch.add(at('2026-11-23T10:00:00.250Z', { userName: 'a', userAgent: undefined }));
    expect(copyRows(batch).map((row) => [row[4], row[8], row[11]])).toEqual([
      ['a', 'curl/8', '4'],
      ['b', 'curl/8', '3'],
      ['a', '\\N', '1'],
    ]);
    expect(batch.rollupRows.map((row) => [row.userKey, row.clientKey, row.count])).toEqual([
      ['a', 'curl/8', 4],
      ['b', 'curl/8', 3],
      ['a', '', 1],
    ]);
  });

  it('counts every use when more distinct uses come in one second than it holds open', () => {
    const rowsFor = (distinctUsers: number) => {
      const batch = new UsageBatch();
      for (let i = 0; i < 5000; i++) batch.add(at('2026-11-23T10:00:00.500Z', { userName: `user${i % distinctUsers}` }));
      const rows = copyRows(batch);
      expect(rows.reduce((sum, row) => sum + Number(row[11]), 0)).toBe(5000);
      expect(new Set(rows.map((row) => row[4])).size).toBe(distinctUsers);
      return rows.length;
    };
    expect(rowsFor(1000)).toBe(1000);
    // 3,000 callers take turns: more than are held open, so each use is a row of its own.
    expect(rowsFor(3000)).toBe(5000);
  });

  it('still counts a caller whose open row was closed early by a flood of another caller\'s distinct uses', () => {
    const batch = new UsageBatch();
    const second = '2026-11-23T10:00:00';
    batch.add(at(`${second}.100Z`, { userName: 'steady' }));
    for (let i = 0; i < 1100; i++) batch.add(at(`${second}.200Z`, { userName: 'flood', userAgent: `agent/${i}` }));
    batch.add(at(`${second}.300Z`, { userName: 'steady' }));
    const steadyRows = copyRows(batch).filter((row) => row[4] === 'steady');
    expect(steadyRows.reduce((sum, row) => sum + Number(row[11]), 0)).toBe(2);
    expect(copyRows(batch).reduce((sum, row) => sum + Number(row[11]), 0)).toBe(1102);
  });

  it('keys a caller without a name or client as empty strings', () => {
    const batch = new UsageBatch();
    batch.add(at('2026-11-23T10:00:00Z', { kind: 'token-request', authMode: 'bearer-token', userName: null, userAgent: null }));
    expect(batch.rollupRows[0]).toMatchObject({ userKey: '', clientKey: '', count: 1 });
  });

  it('counts anonymous uses exactly under the one client "anonymous", keeping no agent, IP or name per use', () => {
    const batch = new UsageBatch({ anonymousAgents: 10 });
    const anonymous = { kind: 'session-login', authMode: 'anonymous', userName: null, status: 401, method: 'POST', endpoint: '/rest/auth/1/session' } as const;
    for (let i = 0; i < 2000; i++) {
      const time = `2026-11-23T10:00:0${Math.floor((i * 3) / 2000)}.000Z`;
      batch.add(at(time, { ...anonymous, userAgent: `agent/${i}`, ip: `10.0.${i >> 8}.${i & 255}`, clientId: `client-${i}` }));
      // One agent among the thousands sends a use in every ten: the sample keeps it.
      if (i % 10 === 0) batch.add(at(time, { ...anonymous, userAgent: 'frequent/1.0' }));
    }
    expect(batch.size).toBe(2200);
    // One raw row per second (three seconds here), none per agent, IP or client id.
    const rows = copyRows(batch);
    expect(rows).toHaveLength(3);
    expect(rows.reduce((sum, row) => sum + Number(row[11]), 0)).toBe(2200);
    for (const row of rows) expect([row[2], row[3], row[4], row[8], row[9], row[10]]).toEqual(['anonymous', '\\N', '\\N', '\\N', '\\N', 'anonymous']);
    expect(batch.rollupRows).toEqual([expect.objectContaining({ userKey: '', clientKey: 'anonymous', count: 2200 })]);
    const sample = batch.anonymousAgentRows;
    expect(sample.length).toBeLessThanOrEqual(10);
    expect(sample[0]).toMatchObject({ endpoint: '/rest/auth/1/session', userAgent: 'frequent/1.0', count: 200 });
  });

  it('counts any mix of callers, uses and seconds as grouping every event from scratch would', () => {
    const use = fc.record({
      offsetMs: fc.integer({ min: 0, max: 3_700_000 }), // across seconds and an hour boundary
      kind: fc.constantFrom('cookie-request', 'token-request', 'session-login' as const),
      userName: fc.constantFrom('a', 'b', 'c', null),
      status: fc.constantFrom(200, 401),
      userAgent: fc.constantFrom('curl/8', 'python-requests', null),
    });
    fc.assert(
      fc.property(fc.array(use, { maxLength: 300 }), (uses) => {
        const start = Date.parse('2026-11-23T09:59:58.000Z');
        // Time goes forward, as requests are recorded; callers interleave freely.
        const offsets = uses.map((u) => u.offsetMs).sort((x, y) => x - y);
        const events = uses.map((u, i) => at(new Date(start + offsets[i]!).toISOString(), { ...u, authMode: u.kind === 'token-request' ? 'bearer-token' : 'session' }));
        const batch = new UsageBatch();
        for (const event of events) batch.add(event);

        const expectedRaw = new Map<string, { first: UsageEventInput; count: number }>();
        const expectedRollups = new Map<string, { count: number; lastSeenAt: number }>();
        for (const e of events) {
          const fields = [e.kind, e.authMode, e.userName, e.method, e.endpoint, e.status, e.userAgent].map(String).join('|');
          if (isDeprecatedKind(e.kind)) {
            const key = `${Math.floor(e.occurredAt.getTime() / 1000)}|${fields}`;
            const group = expectedRaw.get(key) ?? { first: e, count: 0 };
            group.count++;
            expectedRaw.set(key, group);
          }
          const rollupKey = [Math.floor(e.occurredAt.getTime() / 3_600_000), e.kind, e.authMode, e.method, e.endpoint, e.userName ?? '', clientKeyOf(e)].join('|');
          const rollup = expectedRollups.get(rollupKey) ?? { count: 0, lastSeenAt: 0 };
          rollup.count++;
          rollup.lastSeenAt = Math.max(rollup.lastSeenAt, e.occurredAt.getTime());
          expectedRollups.set(rollupKey, rollup);
        }

        const sorted = (rows: string[]) => [...rows].sort();
        expect(sorted(copyRows(batch).map((row) => [row[0], row[1], row[4], row[7], row[8], row[11]].join('|')))).toEqual(
          sorted([...expectedRaw.values()].map(({ first, count }) => [first.occurredAt.toISOString(), first.kind, first.userName ?? '\\N', first.status, first.userAgent ?? '\\N', count].join('|'))),
        );
        expect(sorted(batch.rollupRows.map((row) => [row.bucket.getTime() / 3_600_000, row.kind, row.userKey, row.clientKey, row.count, row.lastSeenAt.getTime()].join('|')))).toEqual(
          sorted(
            [...expectedRollups].map(([key, { count, lastSeenAt }]) => {
              const [hour, kind, , , , userKey, clientKey] = key.split('|');
              return [hour, kind, userKey, clientKey, count, lastSeenAt].join('|');
            }),
          ),
        );
        expect(batch.size).toBe(events.length);
      }),
      { numRuns: 500 },
    );
  });
});
