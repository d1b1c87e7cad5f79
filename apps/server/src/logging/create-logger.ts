import pino, { DestinationStream, Level, Logger } from 'pino';
import { REDACTED, redactedPaths } from './redaction';
import { textLines } from './text-lines';

export interface LoggerSettings {
  level: Level;
  format: 'json' | 'text';
  sessionCookieName: string;
}

/**
 * The one pino logger of the process: Fastify writes its lines with it and Nest's `Logger` calls are
 * forwarded to it. ISO times and level names, so a line reads the same in a file and in a log store.
 */
export function createLogger(settings: LoggerSettings, destination?: DestinationStream): Logger {
  return pino(
    {
      level: settings.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactedPaths(settings.sessionCookieName), censor: REDACTED },
      // Fastify's error lines carry the request: method and path only, never the query or headers.
      serializers: {
        req: (request: { method?: string; url?: string }) => ({ method: request.method, path: request.url?.split('?')[0] }),
        err: pino.stdSerializers.err,
      },
    },
    destination ?? (settings.format === 'text' ? textLines() : pino.destination({ fd: 1, sync: true })),
  );
}
