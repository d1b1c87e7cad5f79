import { DEFAULT_DATABASE_URL, redactDatabaseUrl } from '@tokenshift/db';
import type { DeprecationPolicy } from '@tokenshift/usage';
import type { AppConfig } from '../config/app-config';

/** The one configuration line written at start: what an operator checks first when behaviour surprises. */
export interface StartupSummary {
  context: 'Config';
  database: { kind: 'pglite' | 'postgres'; url: string };
  policy: { mode: string; sunset: string; brownoutActive: boolean };
  usageRecording: boolean;
  demoData: boolean;
  logLevel: string;
}

export function startupSummary(config: AppConfig, policy: DeprecationPolicy, now = new Date()): StartupSummary {
  const { database, deprecation } = config;
  return {
    context: 'Config',
    database: { kind: database.kind, url: redactDatabaseUrl(database.url ?? DEFAULT_DATABASE_URL) },
    policy: {
      mode: deprecation.policy.mode,
      sunset: deprecation.policy.schedule.sunsetAt.toISOString(),
      brownoutActive: policy.currentBrownout(now) !== undefined,
    },
    usageRecording: deprecation.usage.enabled,
    demoData: config.demo.enabled,
    logLevel: config.server.logLevel,
  };
}
