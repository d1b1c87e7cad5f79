import { HttpException } from '@nestjs/common';
import { DataDirLockedError, isDatabaseUnavailable, isUniqueViolation, redactDatabaseUrl } from '@tokenshift/db';
import { toJiraError } from '../errors/to-jira-error';

/**
 * Every way a CLI command can fail, with its exit code and the words that start its message.
 * docs/auth.md documents this table; scripts may rely on the exit codes.
 */
export const CLI_ERRORS = {
  unexpected: { exitCode: 1, label: 'Failed' },
  'invalid-input': { exitCode: 2, label: 'Invalid input' },
  'bad-id': { exitCode: 3, label: 'Bad id' },
  'unknown-user': { exitCode: 4, label: 'Unknown user' },
  'unknown-token': { exitCode: 5, label: 'Unknown token' },
  duplicate: { exitCode: 6, label: 'Already exists' },
  'database-locked': { exitCode: 7, label: 'Database locked' },
  'database-unavailable': { exitCode: 8, label: 'Database unavailable' },
} as const;

export type CliErrorKind = keyof typeof CLI_ERRORS;

/** A failure the CLI reports as `tokenshift: <label>: <message>` and exits with its kind's code. */
export class CliError extends Error {
  constructor(
    readonly kind: CliErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }

  get exitCode(): number {
    return CLI_ERRORS[this.kind].exitCode;
  }

  /** The line written to stderr. */
  get line(): string {
    return `tokenshift: ${CLI_ERRORS[this.kind].label}: ${this.message}`;
  }
}

/** What a failed command tried, for the messages that depend on it. */
export interface CliErrorContext {
  /** How to do the same through the admin API while a server holds the embedded database. */
  adminApiAlternative?: string;
  databaseUrl?: string;
}

/** The API's own messages for an error it would answer with a 4xx (validation, not found). */
function apiMessages(error: HttpException): string {
  return toJiraError(error).body.errorMessages.join('; ');
}

/** Gives anything a command threw its kind, so each kind of failure reads and exits the same way. */
export function toCliError(error: unknown, context: CliErrorContext = {}): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof DataDirLockedError) {
    const alternative = context.adminApiAlternative
      ? ` While the server holds it, do the same through its admin API:\n  ${context.adminApiAlternative}`
      : ' Stop that process first.';
    return new CliError('database-locked', `The embedded database ${error.dataDir} is in use by process ${error.ownerPid} (a running server?).${alternative}`);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) return new CliError('unknown-user', apiMessages(error));
    if (status === 409) return new CliError('duplicate', apiMessages(error));
    if (status >= 400 && status < 500) return new CliError('invalid-input', apiMessages(error));
  }
  if (isUniqueViolation(error)) return new CliError('duplicate', 'A user with that name or email already exists.');
  if (isDatabaseUnavailable(error)) {
    const where = context.databaseUrl ? ` at ${redactDatabaseUrl(context.databaseUrl)}` : '';
    return new CliError('database-unavailable', `The database${where} is not reachable or not ready. Try again shortly.`);
  }
  const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new CliError('unexpected', cause);
}
