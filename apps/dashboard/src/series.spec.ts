import { burnDown, fillBuckets, floorTo, granularityFor, MAX_HOURLY_DAYS, topWithOther } from './series';

const now = Date.parse('2026-11-23T15:30:00Z');
const day = (d: string) => `${d}T00:00:00.000Z`;

describe('fillBuckets', () => {
  it('fills every day of the window with zeros and orders endpoints by calls', () => {
    const series = fillBuckets(
      [
        { bucket: day('2026-11-20'), deprecated: { 'GET /rest/api/2/myself': 3 }, token: 1 },
        { bucket: day('2026-11-23'), deprecated: { 'GET /rest/api/2/myself': 2, 'GET /rest/api/2/search': 7 }, token: 4 },
      ],
      'day',
      7,
      now,
    );
    expect(series.times.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
    ]);
    expect(series.endpoints).toEqual([
      { endpoint: 'GET /rest/api/2/search', total: 7, values: [0, 0, 0, 0, 0, 0, 7] },
      { endpoint: 'GET /rest/api/2/myself', total: 5, values: [0, 0, 0, 3, 0, 0, 2] },
    ]);
    expect(series.token).toEqual([0, 0, 0, 1, 0, 0, 4]);
    expect(series.deprecatedTotal).toBe(12);
    expect(series.tokenTotal).toBe(5);
  });

  it('fills hours, and keeps a bucket the server sent off the grid', () => {
    const series = fillBuckets(
      [
        { bucket: '2026-11-23T14:00:00Z', deprecated: {}, token: 2 },
        { bucket: '2026-11-23T14:30:00Z', deprecated: { 'POST /rest/auth/1/session': 1 }, token: 0 },
      ],
      'hour',
      1,
      now,
    );
    expect(series.times).toHaveLength(25);
    expect(series.times[0]).toBe(Date.parse('2026-11-22T16:00:00Z'));
    expect(series.times.at(-1)).toBe(Date.parse('2026-11-23T15:00:00Z'));
    expect(series.tokenTotal).toBe(2);
    expect(series.deprecatedTotal).toBe(1);
  });

  it('floors to UTC days and hours', () => {
    expect(new Date(floorTo(now, 'day')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(new Date(floorTo(now, 'hour')).toISOString()).toBe('2026-11-23T15:00:00.000Z');
  });
});

describe('burnDown', () => {
  it('gives each repo its findings over time, ascending, including the latest run', () => {
    const lines = burnDown([
      {
        repo: 'acme/api',
        latest: { id: 'r3', scannedAt: '2026-11-22T00:00:00Z', commit: 'c', findingCount: 2, autoFixableCount: 1, bySeverity: { high: 2, medium: 0, low: 0, info: 0 } },
        history: [
          { scannedAt: '2026-11-20T00:00:00Z', findingCount: 9 },
          { scannedAt: '2026-11-10T00:00:00Z', findingCount: 12 },
        ],
      },
    ]);
    expect(lines).toEqual([
      {
        repo: 'acme/api',
        points: [
          { x: Date.parse('2026-11-10T00:00:00Z'), y: 12 },
          { x: Date.parse('2026-11-20T00:00:00Z'), y: 9 },
          { x: Date.parse('2026-11-22T00:00:00Z'), y: 2 },
        ],
      },
    ]);
  });
});

describe('topWithOther', () => {
  const series = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ endpoint: `GET /e${i}`, total: 100 - i, values: [100 - i - 1, 1] }));

  it('keeps up to 8 series as they are', () => {
    expect(topWithOther(series(8))).toEqual(series(8));
  });

  it('sums the series after the 8th into one "other" series, per bucket', () => {
    const result = topWithOther(series(11));
    expect(result.map((e) => e.endpoint)).toEqual([...series(8).map((e) => e.endpoint), 'Other endpoints (3)']);
    expect(result[8]).toEqual({ endpoint: 'Other endpoints (3)', total: 92 + 91 + 90, values: [91 + 90 + 89, 3] });
  });
});

describe('granularityFor', () => {
  it('allows hours up to a week and falls back to days beyond', () => {
    expect(granularityFor('hour', 1)).toBe('hour');
    expect(granularityFor('hour', MAX_HOURLY_DAYS)).toBe('hour');
    expect(granularityFor('hour', MAX_HOURLY_DAYS + 1)).toBe('day');
    expect(granularityFor('day', 1)).toBe('day');
  });
});
