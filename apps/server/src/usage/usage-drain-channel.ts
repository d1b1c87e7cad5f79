import { DRAIN_USAGE_ANSWER, type DrainUsageAnswer, isDrainUsageRequest } from '@tokenshift/shared';
import type { UsageRecorder } from '@tokenshift/usage';

/**
 * Test-only: when a parent spawned this process with an IPC channel (the e2e helper does), it may ask
 * the recorder to drain and gets the counters back (see usage-drain-message.ts). Without a channel
 * (`npm start`, a container) there is nothing to listen on. The channel is unreferenced so it never
 * keeps the process alive.
 */
export function answerUsageDrainRequests(recorder: UsageRecorder, channel: NodeJS.Process = process): boolean {
  const send = channel.send?.bind(channel);
  if (!send) return false;
  channel.on('message', (message: unknown) => {
    if (!isDrainUsageRequest(message)) return;
    void recorder.drain(message.timeoutMs).then((counters) => {
      const answer: DrainUsageAnswer = { type: DRAIN_USAGE_ANSWER, id: message.id, counters };
      send(answer);
    });
  });
  channel.channel?.unref();
  return true;
}
