import type { DestinationStream } from 'pino';

/** Fields every line has, shown in the line's head rather than as `key=value`. */
const HEAD_FIELDS = new Set(['time', 'level', 'msg', 'context', 'pid', 'hostname', 'stack']);

/**
 * `LOG_FORMAT=text`: pino's JSON line rewritten for a person at a terminal, as
 * `<time> <LEVEL> [context] message key=value…`. pino itself only writes JSON (pretty printing is
 * the separate pino-pretty package); one line layout of our own is all a terminal needs.
 */
export function textLines(out: { write(text: string): unknown } = process.stdout): DestinationStream {
  return { write: (line: string) => void out.write(toText(line)) };
}

export function toText(jsonLine: string): string {
  const entry = JSON.parse(jsonLine) as Record<string, unknown>;
  const level = String(entry['level']).toUpperCase().padEnd(5);
  const context = typeof entry['context'] === 'string' ? ` [${entry['context']}]` : '';
  const message = formatValue(entry['msg'] ?? '', true);
  // A value the message already shows as a word (the request line's method, route and status) is not repeated.
  const words = new Set(message.split(' '));
  const fields = Object.entries(entry)
    .filter(([key, value]) => !HEAD_FIELDS.has(key) && value !== undefined && !words.has(formatValue(value)))
    .map(([key, value]) => `${key}=${formatValue(value)}`);
  const stack = typeof entry['stack'] === 'string' ? `\n${entry['stack']}` : '';
  return `${String(entry['time'])} ${level}${context} ${message}${fields.length ? ` ${fields.join(' ')}` : ''}${stack}\n`;
}

/** Plain words as they are; anything with spaces, quotes or control characters quoted, so a value cannot forge a line. */
function formatValue(value: unknown, isMessage = false): string {
  if (typeof value === 'string') {
    // eslint-disable-next-line no-control-regex
    const unsafe = /[\u0000-\u001f\u007f"]/.test(value) || (!isMessage && /\s/.test(value)) || (!isMessage && value === '');
    return unsafe ? JSON.stringify(value) : value;
  }
  return JSON.stringify(value) ?? String(value);
}
