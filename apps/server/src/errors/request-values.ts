/** Deeper than any body the API takes (a scan report is 3 levels); deeper bodies exhaust the validator's stack. */
export const MAX_NESTING_DEPTH = 32;

/** A UTF-16 surrogate without its pair (not Unicode, cannot be stored); with the `u` flag a pair is one code point and does not match. */
const UNPAIRED_SURROGATE = /[\ud800-\udfff]/u;

/**
 * Why a parsed request value (body, query or path parameters) cannot be served, or null when it can.
 * Walks iteratively, so a deeply nested body cannot overflow the stack here either.
 */
export function problemWithRequestValue(value: unknown): string | null {
  const pending: Array<[unknown, number]> = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, depth] = next;
    if (typeof current === 'string') {
      // U+0000: PostgreSQL text cannot hold it, and a query with it fails.
      if (current.includes('\u0000') || UNPAIRED_SURROGATE.test(current)) return 'The request contains a NUL character (U+0000) or an unpaired UTF-16 surrogate, which are not accepted.';
    } else if (typeof current === 'object' && current !== null && !Buffer.isBuffer(current)) {
      if (depth >= MAX_NESTING_DEPTH) return `The request body is nested more than ${MAX_NESTING_DEPTH} levels deep.`;
      if (Array.isArray(current)) for (const child of current) pending.push([child, depth + 1]);
      else for (const [key, child] of Object.entries(current)) pending.push([key, depth + 1], [child, depth + 1]);
    }
  }
  return null;
}
