import { describeSunset, formatBucket, formatCount, formatDateTime, formatDuration, formatRelative, formatShare } from './format';

describe('format', () => {
  it('groups thousands and shows shares as percentages, with a decimal near 0 % and 100 %', () => {
    expect(formatCount(1234567, 'en-US')).toBe('1,234,567');
    expect(formatShare(0.456, 'en-US')).toBe('46%');
    expect(formatShare(0.004, 'en-US')).toBe('0.4%');
    expect(formatShare(0.9951, 'en-US')).toBe('99.5%');
    expect(formatShare(1, 'en-US')).toBe('100%');
    expect(formatShare(0, 'en-US')).toBe('0%');
    expect(formatShare(null)).toBe('—');
  });

  it('says when something was last seen in words', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(formatRelative('2026-11-23T11:59:40Z', now, 'en')).toBe('just now');
    expect(formatRelative('2026-11-23T11:57:00Z', now, 'en')).toBe('3 minutes ago');
    expect(formatRelative('2026-11-23T07:00:00Z', now, 'en')).toBe('5 hours ago');
    expect(formatRelative('2026-11-22T12:00:00Z', now, 'en')).toBe('yesterday');
    expect(formatRelative('2026-11-13T12:00:00Z', now, 'en')).toBe('10 days ago');
    expect(formatRelative('2026-11-26T12:00:00Z', now, 'en')).toBe('in 3 days');
    expect(formatRelative('not a date', now)).toBe('—');
  });

  it('writes times in UTC, buckets as short labels, and the sunset as a sentence', () => {
    expect(formatDateTime('2026-11-23T14:05:09.123Z')).toBe('2026-11-23 14:05 UTC');
    expect(formatDateTime(null)).toBe('—');
    expect(formatBucket(Date.parse('2026-11-03T00:00:00Z'), 'day')).toBe('Nov 3');
    expect(formatBucket(Date.parse('2026-11-03T07:00:00Z'), 'hour')).toBe('Nov 3 07:00');
    expect(describeSunset(23)).toBe('23 days to sunset');
    expect(describeSunset(1)).toBe('1 day to sunset');
    expect(describeSunset(0)).toBe('Sunset is today');
    expect(describeSunset(-4)).toBe('Sunset passed 4 days ago');
    expect(describeSunset(null)).toBe('No sunset date is set');
    expect(formatDuration(2 * 3_600_000)).toBe('2 h');
    expect(formatDuration(90 * 60_000)).toBe('1 h 30 min');
    expect(formatDuration(20 * 60_000)).toBe('20 min');
    expect(formatDuration(3 * 86_400_000)).toBe('3 days');
  });
});
