import type { Level } from 'pino';

/** `LOG_LEVEL` values: Nest's names (kept so existing deployments start) and pino's own. */
export const LOG_LEVEL_VALUES = ['fatal', 'error', 'warn', 'log', 'info', 'debug', 'verbose', 'trace'] as const;
export type LogLevelSetting = (typeof LOG_LEVEL_VALUES)[number];

const NEST_TO_PINO: Partial<Record<LogLevelSetting, Level>> = { log: 'info', verbose: 'trace' };

/** The pino level a `LOG_LEVEL` value means: `log` is `info`, `verbose` is `trace`; the rest keep their name. */
export function toPinoLevel(setting: LogLevelSetting): Level {
  return NEST_TO_PINO[setting] ?? (setting as Level);
}
