import type { ChildProcess } from 'node:child_process';
import { DRAIN_USAGE_REQUEST, type DrainUsageRequest, isDrainUsageAnswer, type UsageCounters } from '@tokenshift/shared';

const DEFAULT_DRAIN_TIMEOUT_MS = 20_000;
let nextId = 1;

/** Asks a server spawned with an IPC channel to drain its usage recorder; resolves with its counters. */
export function drainUsageOf(child: ChildProcess, timeoutMs = DEFAULT_DRAIN_TIMEOUT_MS): Promise<UsageCounters> {
  const channel = child.channel;
  if (!channel) return Promise.reject(new Error('the server has no IPC channel (was it started by startServer?)'));
  const request: DrainUsageRequest = { type: DRAIN_USAGE_REQUEST, id: nextId++, timeoutMs };
  return new Promise<UsageCounters>((resolve, reject) => {
    const finish = (error: Error | null, counters?: UsageCounters) => {
      child.off('message', onMessage);
      child.off('exit', onExit);
      clearTimeout(timer);
      channel.unref();
      if (error) reject(error);
      else if (counters) resolve(counters);
    };
    const onMessage = (message: unknown) => {
      if (isDrainUsageAnswer(message) && message.id === request.id) finish(null, message.counters);
    };
    const onExit = () => finish(new Error('the server exited before its usage was drained'));
    // The server answers after at most timeoutMs; the margin covers the write in flight then.
    const timer = setTimeout(() => finish(new Error(`no usage drain answer in ${timeoutMs + 10_000} ms`)), timeoutMs + 10_000);
    child.on('message', onMessage);
    child.once('exit', onExit);
    channel.ref();
    child.send(request);
  });
}
