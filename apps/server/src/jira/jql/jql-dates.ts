import { DateTime, DurationLikeObject, Info } from 'luxon';
import { unsupportedFunction } from './jql-errors';
import { JqlError, JqlFunctionCall, JqlValue } from './jql-parser';

/** When "now" is and which time zone days, weeks and months are counted in. */
export interface JqlTime {
  now: Date;
  /** An IANA zone (`UTC`, `Europe/Berlin`). */
  timeZone: string;
}

export function isValidTimeZone(zone: string): boolean {
  return Info.isValidIANAZone(zone);
}

/** Jira's absolute date formats, in the order it tries them (month and day may have one digit). */
const ABSOLUTE_FORMATS = ['yyyy/M/d H:mm', 'yyyy-M-d H:mm', 'yyyy/M/d', 'yyyy-M-d'];

/** Jira's period units: y(ears), M(onths), w(eeks), d(ays), h(ours), m(inutes). */
const UNITS: Record<string, keyof DurationLikeObject> = { y: 'years', M: 'months', w: 'weeks', d: 'days', h: 'hours', m: 'minutes' };

/** `-5d`, `4w 2d`, `+1h`, `-1w2d`: a sign for the whole period, then numbers with units. */
const PERIOD = /^([+-]?)\s*((?:\d{1,9}\s*[yMwdhm]\s*)+)$/;

/** The period a value like `-4w 2d` stands for, or undefined when it is not one. */
export function parsePeriod(text: string, defaultUnit?: string): DurationLikeObject | undefined {
  const defaultName = defaultUnit === undefined ? undefined : UNITS[defaultUnit];
  const bare = defaultName ? /^([+-]?)\s*(\d{1,9})$/.exec(text.trim()) : null;
  if (bare && defaultName) return { [defaultName]: Number(bare[2]) * (bare[1] === '-' ? -1 : 1) };
  const match = PERIOD.exec(text.trim());
  if (!match) return undefined;
  const [, signText, amounts = ''] = match;
  const sign = signText === '-' ? -1 : 1;
  const period: Record<string, number> = {};
  for (const [, amount, unit = ''] of amounts.matchAll(/(\d+)\s*([yMwdhm])/g)) {
    const name = UNITS[unit];
    if (name) period[name] = (period[name] ?? 0) + sign * Number(amount);
  }
  return period;
}

const invalidDate = (text: string, field: string) =>
  new JqlError(
    `Date value '${text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );

function absolute(text: string, zone: string): DateTime | undefined {
  for (const format of ABSOLUTE_FORMATS) {
    const parsed = DateTime.fromFormat(text.trim(), format, { zone });
    if (parsed.isValid) return parsed;
  }
  return undefined;
}

/** A week starts on Sunday, as in Jira's default (en_US) locale. */
function startOfWeek(time: DateTime): DateTime {
  const day = time.startOf('day');
  return day.minus({ days: day.weekday % 7 });
}

type Period = 'day' | 'week' | 'month' | 'year';

const PERIOD_FUNCTIONS: Record<string, { period: Period; edge: 'start' | 'end' }> = {
  startofday: { period: 'day', edge: 'start' },
  endofday: { period: 'day', edge: 'end' },
  startofweek: { period: 'week', edge: 'start' },
  endofweek: { period: 'week', edge: 'end' },
  startofmonth: { period: 'month', edge: 'start' },
  endofmonth: { period: 'month', edge: 'end' },
  startofyear: { period: 'year', edge: 'start' },
  endofyear: { period: 'year', edge: 'end' },
};

const UNIT_OF_PERIOD: Record<Period, string> = { day: 'd', week: 'w', month: 'M', year: 'y' };

function edgeOf(now: DateTime, period: Period, edge: 'start' | 'end'): DateTime {
  if (period !== 'week') return edge === 'start' ? now.startOf(period) : now.endOf(period);
  const start = startOfWeek(now);
  return edge === 'start' ? start : start.plus({ weeks: 1 }).minus({ milliseconds: 1 });
}

/**
 * `startOfDay()`, `endOfMonth(-1)`, `startOfWeek(+1w)`: the edge of the period around now, then moved
 * by the optional increment (in the function's own unit when none is written, as Jira does).
 */
function periodFunction(call: JqlFunctionCall, field: string, time: DateTime): DateTime {
  if (call.fn === 'now') {
    if (call.args.length) throw new JqlError(`Function 'now' expected '0' arguments but received '${call.args.length}'.`);
    return time;
  }
  const spec = PERIOD_FUNCTIONS[call.fn];
  if (!spec) throw unsupportedFunction(call, field);
  if (call.args.length > 1) throw new JqlError(`Function '${call.name}' expected between '0' and '1' arguments but received '${call.args.length}'.`);
  const at = edgeOf(time, spec.period, spec.edge);
  const [period] = call.args;
  if (period === undefined) return at;
  const increment = parsePeriod(period, UNIT_OF_PERIOD[spec.period]);
  if (!increment) throw new JqlError(`Duration for function '${call.name}' should have the format (+/-)n(yMwdm), e.g -1M for 1 month earlier.`);
  return at.plus(increment);
}

/** The instant a date value of a JQL clause stands for, in the time zone given. */
export function resolveDate(value: JqlValue, field: string, clock: JqlTime): Date {
  const now = DateTime.fromJSDate(clock.now, { zone: clock.timeZone });
  if (typeof value === 'object') {
    if ('fn' in value) return periodFunction(value, field, now).toJSDate();
    throw new JqlError(`Error in the JQL Query: EMPTY cannot be compared with '${field}'.`);
  }
  const period = parsePeriod(value);
  if (period) return now.plus(period).toJSDate();
  const date = absolute(value, clock.timeZone);
  if (!date) throw invalidDate(value, field);
  return date.toJSDate();
}

export type DayRelation = 'lt' | 'lte' | 'gt' | 'gte' | 'equals';

/**
 * A date-only field (`duedate`) holds a calendar day, which stands for its midnight in the time zone
 * (as Jira stores it). `midnight(day) <op> instant` holds exactly when `day <relation> bound`; the
 * bound is the instant's own day, as a Date at UTC midnight (how a date column is read and written).
 * Undefined when no day can match (`=` an instant that is not a midnight).
 */
export function dayBound(relation: DayRelation, instant: Date, timeZone: string): { relation: DayRelation; day: Date } | undefined {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  const day = new Date(Date.UTC(local.year, local.month - 1, local.day));
  const atMidnight = local.startOf('day').toMillis() === instant.getTime();
  switch (relation) {
    case 'lt':
      return { relation: atMidnight ? 'lt' : 'lte', day };
    case 'gte':
      return { relation: atMidnight ? 'gte' : 'gt', day };
    case 'equals':
      return atMidnight ? { relation, day } : undefined;
    default:
      return { relation, day };
  }
}
