import { DeprecationPolicy, parseBrownouts, PolicyOptions } from './deprecation-policy';

const base: PolicyOptions = {
  schedule: { deprecatedAt: new Date('2026-01-01T00:00:00Z'), sunsetAt: new Date('2027-01-01T00:00:00Z'), docsUrl: 'https://x/docs' },
  mode: 'enforce',
  brownouts: parseBrownouts('2026-12-01T10:00:00Z/2026-12-01T11:00:00Z;cron(0 10 * * 1)/PT1H'),
  exemptUsers: ['svc-legacy'],
  exemptClients: ['old-exporter'],
};

describe('DeprecationPolicy', () => {
  it('allows everything while off, whatever the date', () => {
    expect(new DeprecationPolicy({ ...base, mode: 'off' }).decide(new Date('2030-01-01Z'), {})).toEqual({ action: 'allow' });
  });

  it('refuses after the sunset, and in dry-run only says it would', () => {
    const after = new Date('2027-01-02T00:00:00Z');
    expect(new DeprecationPolicy(base).decide(after, { userName: 'alice' })).toEqual({ action: 'refuse', reason: 'sunset', until: null });
    expect(new DeprecationPolicy({ ...base, mode: 'dry-run' }).decide(after, {})).toMatchObject({ action: 'would-refuse' });
  });

  it('refuses inside an explicit window and a cron window, until the window ends', () => {
    const policy = new DeprecationPolicy(base);
    expect(policy.decide(new Date('2026-12-01T10:30:00Z'), {})).toEqual({ action: 'refuse', reason: 'brownout', until: new Date('2026-12-01T11:00:00Z') });
    // 2026-11-23 is a Monday: the cron window is 10:00-11:00 UTC.
    expect(policy.decide(new Date('2026-11-23T10:59:00Z'), {})).toEqual({ action: 'refuse', reason: 'brownout', until: new Date('2026-11-23T11:00:00Z') });
    expect(policy.decide(new Date('2026-11-23T11:00:00Z'), {})).toEqual({ action: 'allow' });
    expect(policy.decide(new Date('2026-11-24T10:30:00Z'), {})).toEqual({ action: 'allow' });
  });

  it('lets named users and clients through', () => {
    const policy = new DeprecationPolicy(base);
    const sunset = new Date('2027-02-01Z');
    expect(policy.decide(sunset, { userName: 'svc-legacy' })).toEqual({ action: 'allow' });
    expect(policy.decide(sunset, { clientKey: 'old-exporter' })).toEqual({ action: 'allow' });
    expect(policy.decide(sunset, { userName: 'alice', clientKey: 'curl/8' })).toMatchObject({ action: 'refuse' });
  });

  it('lists current and upcoming windows and counts days to sunset', () => {
    const policy = new DeprecationPolicy(base);
    const now = new Date('2026-11-23T10:30:00Z');
    const windows = policy.windows(now, 14 * 86_400_000);
    expect(windows[0]).toEqual({ start: new Date('2026-11-23T10:00:00Z'), end: new Date('2026-11-23T11:00:00Z') });
    expect(windows.map((w) => w.start.toISOString())).toContain('2026-12-01T10:00:00.000Z');
    expect(policy.daysToSunset(now)).toBe(39);
  });

  it('rejects malformed brown-out specs with a clear message', () => {
    expect(() => parseBrownouts('tomorrow/later')).toThrow(/neither start\/end ISO dates/);
    expect(() => parseBrownouts('2026-12-02T00:00:00Z/2026-12-01T00:00:00Z')).toThrow(/end after start/);
    expect(() => parseBrownouts('cron(0 10 * * 1)/1h')).toThrow(/PT1H/);
    expect(() => parseBrownouts('cron(not cron)/PT1H')).toThrow();
    expect(parseBrownouts(' ')).toEqual([]);
  });
});
