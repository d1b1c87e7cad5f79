import type { UsageRecording } from './api';

/**
 * Test-only control of a server process over the IPC channel of a parent that spawned it with one
 * (the e2e helper in libs/testing): "write the usage you have queued, then tell me the counters".
 * Not an HTTP route, so the wire is unchanged; a server started without an IPC channel has none of it.
 */
export const DRAIN_USAGE_REQUEST = 'tokenshift:drain-usage';
export const DRAIN_USAGE_ANSWER = 'tokenshift:usage-drained';

export interface DrainUsageRequest {
  type: typeof DRAIN_USAGE_REQUEST;
  id: number;
  timeoutMs: number;
}

/** The usage recorder's counters (`queued = written + dropped + pending`), with its failed writes. */
export interface UsageCounters extends UsageRecording {
  failedFlushes: number;
}

export interface DrainUsageAnswer {
  type: typeof DRAIN_USAGE_ANSWER;
  id: number;
  /** `pending` is 0 unless the drain timed out. */
  counters: UsageCounters;
}

export function isDrainUsageRequest(message: unknown): message is DrainUsageRequest {
  const candidate = message as Partial<DrainUsageRequest> | null;
  return typeof candidate === 'object' && candidate !== null && candidate.type === DRAIN_USAGE_REQUEST && typeof candidate.id === 'number' && typeof candidate.timeoutMs === 'number';
}

export function isDrainUsageAnswer(message: unknown): message is DrainUsageAnswer {
  const candidate = message as Partial<DrainUsageAnswer> | null;
  return typeof candidate === 'object' && candidate !== null && candidate.type === DRAIN_USAGE_ANSWER && typeof candidate.id === 'number';
}
