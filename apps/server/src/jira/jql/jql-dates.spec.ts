import { JqlError, JqlValue, parseJql } from './jql-parser';
import { dayBound, JqlTime, resolveDate } from './jql-dates';

/** A Sunday, 10:30 UTC. */
const NOW = new Date('2026-12-06T10:30:00Z');

/** The date value as the parser reads it from `created >= <value>`. */
function valueOf(text: string): JqlValue {
  const where = parseJql(`created >= ${text}`).where;
  if (where?.kind !== 'clause') throw new Error('not a clause');
  return where.values[0]!;
}

const at = (text: string, timeZone = 'UTC', now = NOW) => resolveDate(valueOf(text), 'created', { now, timeZone } satisfies JqlTime).toISOString();

describe('JQL date values', () => {
  it.each([
    ['-30d', '2026-11-06T10:30:00.000Z'],
    ['-2w', '2026-11-22T10:30:00.000Z'],
    ['1h', '2026-12-06T11:30:00.000Z'],
    ['"+15m"', '2026-12-06T10:45:00.000Z'],
    ['-1w2d', '2026-11-27T10:30:00.000Z'],
    ['"-4w 2d"', '2026-11-06T10:30:00.000Z'],
    ['-1M', '2026-11-06T10:30:00.000Z'],
    ['-1y', '2025-12-06T10:30:00.000Z'],
  ])('reads the period %s from now', (value, expected) => {
    expect(at(value)).toBe(expected);
  });

  it.each([
    ['"2020/01/02 10:05"', '2020-01-02T10:05:00.000Z', '2020-01-02T09:05:00.000Z'],
    ['"2020-01-02 10:05"', '2020-01-02T10:05:00.000Z', '2020-01-02T09:05:00.000Z'],
    ['"2020/01/02"', '2020-01-02T00:00:00.000Z', '2020-01-01T23:00:00.000Z'],
    ['2020-01-02', '2020-01-02T00:00:00.000Z', '2020-01-01T23:00:00.000Z'],
    ['"2020-1-2"', '2020-01-02T00:00:00.000Z', '2020-01-01T23:00:00.000Z'],
  ])('reads the absolute date %s in the time zone (UTC, Europe/Berlin)', (value, utc, berlin) => {
    expect(at(value)).toBe(utc);
    expect(at(value, 'Europe/Berlin')).toBe(berlin);
  });

  it.each([
    ['now()', '2026-12-06T10:30:00.000Z'],
    ['startOfDay()', '2026-12-06T00:00:00.000Z'],
    ['startOfDay(-1d)', '2026-12-05T00:00:00.000Z'],
    ['startOfDay(-1)', '2026-12-05T00:00:00.000Z'],
    ['endOfDay()', '2026-12-06T23:59:59.999Z'],
    ['endOfDay("-2")', '2026-12-04T23:59:59.999Z'],
    // Weeks start on Sunday, as in Jira's default locale; NOW is a Sunday.
    ['startOfWeek()', '2026-12-06T00:00:00.000Z'],
    ['startOfWeek(1)', '2026-12-13T00:00:00.000Z'],
    ['endOfWeek()', '2026-12-12T23:59:59.999Z'],
    ['endOfWeek(-1w)', '2026-12-05T23:59:59.999Z'],
    ['startOfMonth()', '2026-12-01T00:00:00.000Z'],
    ['startOfMonth(+14d)', '2026-12-15T00:00:00.000Z'],
    ['endOfMonth()', '2026-12-31T23:59:59.999Z'],
    ['endOfMonth(-1)', '2026-11-30T23:59:59.999Z'],
    ['startOfYear()', '2026-01-01T00:00:00.000Z'],
  ])('reads the function %s', (value, expected) => {
    expect(at(value)).toBe(expected);
  });

  it("counts days and weeks in the zone's own calendar", () => {
    // 05:30 on Sunday in New York; 23:30 on Sunday in Auckland (UTC+13 in December).
    expect(at('startOfDay()', 'America/New_York')).toBe('2026-12-06T05:00:00.000Z');
    expect(at('startOfWeek()', 'Pacific/Auckland')).toBe('2026-12-05T11:00:00.000Z');
    expect(at('startOfMonth()', 'Asia/Kolkata')).toBe('2026-11-30T18:30:00.000Z');
    // The day summer time starts in Berlin has 23 hours: a day back is a calendar day, not 24 hours.
    const springForward = new Date('2026-03-29T12:00:00Z');
    expect(at('startOfDay()', 'Europe/Berlin', springForward)).toBe('2026-03-28T23:00:00.000Z');
    expect(at('-1d', 'Europe/Berlin', springForward)).toBe('2026-03-28T13:00:00.000Z');
  });

  it.each([
    ['2020-13-45', "Date value '2020-13-45' for field 'created' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."],
    ['yesterday', /Date value 'yesterday' for field 'created' is invalid/],
    ['"-5x"', /Date value '-5x'/],
    ['now(1)', "Function 'now' expected '0' arguments but received '1'."],
    ['startOfDay(-1d, 2)', /expected between '0' and '1' arguments/],
    ['startOfDay(soon)', /Duration for function 'startOfDay' should have the format/],
    ['currentUser()', "A value provided by the function 'currentUser' is invalid for the field 'created'."],
    ['membersOf(devs)', "Unable to find JQL function 'membersOf()'."],
    ['EMPTY', /EMPTY cannot be compared/],
  ])('refuses %s with a JqlError', (value, message) => {
    expect(() => at(value)).toThrow(JqlError);
    expect(() => at(value)).toThrow(message);
  });
});

describe('JQL on a date-only field (duedate): the day stands for its midnight in the time zone', () => {
  const bound = (relation: Parameters<typeof dayBound>[0], instant: string, zone = 'UTC') => {
    const found = dayBound(relation, new Date(instant), zone);
    return found && `${found.relation} ${found.day.toISOString().slice(0, 10)}`;
  };

  it.each([
    ['lt', 'lte 2026-12-06'],
    ['lte', 'lte 2026-12-06'],
    ['gt', 'gt 2026-12-06'],
    ['gte', 'gt 2026-12-06'],
    ['equals', undefined],
  ] as const)('compares a day with an instant inside a day: %s', (relation, expected) => {
    expect(bound(relation, '2026-12-06T10:30:00Z')).toBe(expected);
  });

  it.each([
    ['lt', 'lt 2026-12-06'],
    ['lte', 'lte 2026-12-06'],
    ['gt', 'gt 2026-12-06'],
    ['gte', 'gte 2026-12-06'],
    ['equals', 'equals 2026-12-06'],
  ] as const)('compares a day with a midnight: %s', (relation, expected) => {
    expect(bound(relation, '2026-12-06T00:00:00Z')).toBe(expected);
    // Midnight in Berlin is 23:00 UTC the day before.
    expect(bound(relation, '2026-12-05T23:00:00Z', 'Europe/Berlin')).toBe(expected);
  });
});
