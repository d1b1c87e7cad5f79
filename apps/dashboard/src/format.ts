/** Number, date and time formatting: pure functions, so they are unit-tested without a browser. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** 0.4567 → "45.7 %" (one decimal below 10 % and above 90 %, where the last calls matter, else none). */
export function formatShare(share: number | null, locale?: string): string {
  if (share === null || !Number.isFinite(share)) return '—';
  const digits = share > 0 && share < 1 && (share < 0.1 || share > 0.9) ? 1 : 0;
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(share);
}

/** "3 minutes ago", "in 2 days", "just now". */
export function formatRelative(iso: string, now: number = Date.now(), locale?: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '—';
  const diff = time - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return 'just now';
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (abs < HOUR) return rtf.format(Math.round(diff / MINUTE), 'minute');
  if (abs < DAY) return rtf.format(Math.round(diff / HOUR), 'hour');
  if (abs < 45 * DAY) return rtf.format(Math.round(diff / DAY), 'day');
  if (abs < 365 * DAY) return rtf.format(Math.round(diff / (30 * DAY)), 'month');
  return rtf.format(Math.round(diff / (365 * DAY)), 'year');
}

/** "2026-11-23 14:05 UTC": unambiguous for an organisation spread over time zones. */
export function formatDateTime(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : date.toISOString().slice(0, 10);
}

/** Axis label of a time bucket: "Nov 23" per day, "Nov 23 14:00" per hour (UTC). */
export function formatBucket(time: number, granularity: 'day' | 'hour'): string {
  const date = new Date(time);
  const month = date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const day = `${month} ${date.getUTCDate()}`;
  return granularity === 'day' ? day : `${day} ${String(date.getUTCHours()).padStart(2, '0')}:00`;
}

/** "23 days to sunset", "Sunset is today", "Sunset passed 4 days ago". */
export function describeSunset(daysToSunset: number | null): string {
  if (daysToSunset === null) return 'No sunset date is set';
  if (daysToSunset === 0) return 'Sunset is today';
  if (daysToSunset > 0) return `${formatCount(daysToSunset)} ${daysToSunset === 1 ? 'day' : 'days'} to sunset`;
  const past = -daysToSunset;
  return `Sunset passed ${formatCount(past)} ${past === 1 ? 'day' : 'days'} ago`;
}

/** "2 h 30 min", "3 days". */
export function formatDuration(ms: number): string {
  if (ms >= 2 * DAY) return `${Math.round(ms / DAY)} days`;
  const hours = Math.floor(ms / HOUR);
  const minutes = Math.round((ms % HOUR) / MINUTE);
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}
