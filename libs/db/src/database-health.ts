import type { DatabaseTarget } from './database-url';

export interface DatabaseHealth {
  status: 'up' | 'down';
  kind: DatabaseTarget['kind'];
  latencyMs: number;
  error?: string;
}

/** Times one round trip (`probe`); a failure is reported by its error's name only, never its message. */
export async function checkDatabaseHealth(kind: DatabaseTarget['kind'], probe: () => Promise<unknown>): Promise<DatabaseHealth> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  try {
    await probe();
    return { status: 'up', kind, latencyMs: latencyMs() };
  } catch (error) {
    return { status: 'down', kind, latencyMs: latencyMs(), error: (error as Error).name };
  }
}
