/**
 * What a database error means, whichever way it arrived. The same PostgreSQL error reaches us in
 * several shapes: Prisma's `PrismaClientKnownRequestError` (`P2002`, or `P2010` with
 * `meta.driverAdapterError.cause`), a bare `DriverAdapterError` with `cause.code` (the PGlite
 * adapter does not map unique violations to `P2002`), or pg's own error with `code` (raw clients).
 */

/** SQLSTATEs of a server that is shutting down or starting up: the request may succeed if retried. */
const RETRYABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03']);

/** Failures to reach the database at all, by Prisma code or by the driver's message. */
const UNREACHABLE =
  /ECONNREFUSED|ECONNRESET|EPIPE|Connection terminated|connection is closed|Client has encountered a connection error|P1001|P1017|DatabaseNotReachable|timeout exceeded when trying to connect|the database system is (shutting down|starting up)|terminating connection due to administrator command/i;

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
}

function asErrorLike(value: unknown): ErrorLike | null {
  return typeof value === 'object' && value !== null ? (value as ErrorLike) : null;
}

function sqlStateOfCause(cause: unknown): string | undefined {
  const details = asErrorLike(cause) as { originalCode?: unknown; code?: unknown } | null;
  for (const candidate of [details?.originalCode, details?.code]) {
    if (typeof candidate === 'string' && /^[0-9A-Z]{5}$/.test(candidate)) return candidate;
  }
  return undefined;
}

/** The PostgreSQL SQLSTATE (`23505`, `57P01`, …) behind an error, if it carries one. */
export function sqlStateOf(error: unknown): string | undefined {
  const value = asErrorLike(error);
  if (!value) return undefined;
  const adapterError = asErrorLike(value.meta?.driverAdapterError) ?? (value.name === 'DriverAdapterError' ? value : null);
  if (adapterError) return sqlStateOfCause(adapterError.cause);
  // Prisma's own codes (P2002, …) look like SQLSTATEs but are not.
  if (typeof value.name === 'string' && value.name.startsWith('PrismaClient')) return undefined;
  // pg's DatabaseError: the SQLSTATE is `code` itself (Prisma codes start with P, Node's with E).
  return sqlStateOfCause(value);
}

/** SQLSTATE of a statement PostgreSQL cancelled at `statement_timeout` (or on a client's request). */
const QUERY_CANCELED = '57014';

/** The database cancelled the statement at `statement_timeout`: it is busy, not broken. */
export function isStatementTimeout(error: unknown): boolean {
  return sqlStateOf(error) === QUERY_CANCELED;
}

/** A unique constraint refused the write: the value is already taken. */
export function isUniqueViolation(error: unknown): boolean {
  return asErrorLike(error)?.code === 'P2002' || sqlStateOf(error) === '23505';
}

/**
 * The database cannot answer now but may shortly: unreachable, restarting, or the connection was cut
 * under the request. Worth a 503 with `Retry-After`, not a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const value = asErrorLike(error);
  if (!value) return false;
  if (value.name === 'PrismaClientInitializationError') return true;
  const state = sqlStateOf(error);
  if (state && RETRYABLE_SQLSTATES.has(state)) return true;
  return UNREACHABLE.test(`${typeof value.message === 'string' ? value.message : ''} ${typeof value.code === 'string' ? value.code : ''}`);
}
