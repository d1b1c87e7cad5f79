import { isBooleanString, isISO8601, isTimeZone, isURL } from 'class-validator';

export type Parsed<T> = { value: T } | { problem: string };

/** One environment variable: how to read it, its default, and what the README says about it. */
export interface Setting<Value> {
  /** The README's type column. */
  type: string;
  /** What an unset (or empty) variable is. */
  fallback: Value;
  /** The README's default column, where the default is worked out from other settings or is none. */
  defaultText?: string;
  /** The README's meaning column (Markdown). */
  doc: string;
  parse(raw: string): Parsed<Exclude<Value, undefined>>;
}

interface Common<D> {
  default?: D;
  defaultText?: string;
  doc: string;
}

function setting<T, D extends T | undefined>(type: string, options: Common<D>, parse: (raw: string) => Parsed<T>): Setting<T | D> {
  return { type, fallback: options.default as D, defaultText: options.defaultText, doc: options.doc, parse: parse as Setting<T | D>['parse'] };
}

export function integer<D extends number | undefined = undefined>(options: Common<D> & { min?: number; max?: number }): Setting<number | D> {
  const { min, max } = options;
  const type = min !== undefined && max !== undefined ? `integer ${min}–${max}` : min !== undefined ? `integer ≥ ${min}` : 'integer';
  const range = min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of at least ${min}` : '';
  return setting<number, D>(type, options, (raw) => {
    const value = Number(raw);
    const valid = /^-?\d+$/.test(raw.trim()) && Number.isSafeInteger(value) && (min === undefined || value >= min) && (max === undefined || value <= max);
    return valid ? { value } : { problem: `must be an integer${range}` };
  });
}

export function flag<D extends boolean | undefined = undefined>(options: Common<D>): Setting<boolean | D> {
  return setting<boolean, D>('boolean', options, (raw) => (isBooleanString(raw) ? { value: raw === 'true' || raw === '1' } : { problem: 'must be true or false' }));
}

export function oneOf<const V extends string>(values: readonly V[], options: Common<V> & { default: V }): Setting<V>;
export function oneOf<const V extends string>(values: readonly V[], options: Common<undefined>): Setting<V | undefined>;
export function oneOf<V extends string>(values: readonly V[], options: Common<V | undefined>): Setting<V | undefined> {
  const type = values.map((value) => `\`${value}\``).join(', ');
  return setting<V, V | undefined>(`one of ${type}`, options, (raw) =>
    (values as readonly string[]).includes(raw) ? { value: raw as V } : { problem: `must be one of: ${values.join(', ')}` },
  );
}

export function text<D extends string | undefined = undefined>(options: Common<D> & { pattern?: RegExp; minLength?: number }): Setting<string | D> {
  const { pattern, minLength } = options;
  return setting<string, D>(minLength ? `string (${minLength}+ characters)` : 'string', options, (raw) => {
    if (minLength !== undefined && raw.length < minLength) return { problem: `must be at least ${minLength} characters long` };
    if (pattern && !pattern.test(raw)) return { problem: `must match ${pattern}` };
    return { value: raw };
  });
}

export function url<D extends string | undefined = undefined>(options: Common<D>): Setting<string | D> {
  return setting<string, D>('URL', options, (raw) => (isURL(raw, { require_tld: false, require_protocol: true }) ? { value: raw } : { problem: 'must be a URL with its scheme (https://…)' }));
}

export function instant<D extends string | undefined = undefined>(options: Common<D>): Setting<string | D> {
  return setting<string, D>('ISO 8601 date-time', options, (raw) => (isISO8601(raw) ? { value: raw } : { problem: 'must be an ISO 8601 date-time (2026-12-01T00:00:00Z)' }));
}

const DURATION_UNITS_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** `1m,5m,15m,60m`: a comma-separated list of durations (`ms`, `s`, `m`, `h`), read as milliseconds. */
export function durationList(options: Common<number[]> & { default: number[] }): Setting<number[]> {
  return setting<number[], number[]>('durations (`30s,5m,1h`)', options, (raw) => {
    const values: number[] = [];
    for (const item of raw.split(',')) {
      const match = /^\s*(\d{1,9})\s*(ms|s|m|h)\s*$/.exec(item);
      const amount = match?.[1];
      const unit = match?.[2] as keyof typeof DURATION_UNITS_MS | undefined;
      if (!amount || !unit || Number(amount) === 0) return { problem: 'must be a comma-separated list of durations above zero, like 1m,5m,15m,60m (units ms, s, m, h)' };
      values.push(Number(amount) * DURATION_UNITS_MS[unit]);
    }
    return values.length <= 100 ? { value: values } : { problem: 'must list at most 100 durations' };
  });
}

export function timeZone<D extends string | undefined = undefined>(options: Common<D>): Setting<string | D> {
  return setting<string, D>('IANA time zone', options, (raw) => (isTimeZone(raw) ? { value: raw } : { problem: 'must be an IANA time zone (UTC, Europe/Berlin)' }));
}
