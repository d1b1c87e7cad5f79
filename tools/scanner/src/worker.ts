import { parentPort, workerData } from 'node:worker_threads';
import { analyzeBatch } from './analyze-batch';
import { BatchClaims, CANDIDATES_PARSED_ON_MAIN, type PostedBatch, type WorkerSetup } from './batch-claims';

/**
 * Worker thread: keeps the batches scan.ts posts, analyzes each one it manages to claim and posts the findings
 * (or the candidates, to be parsed on the main thread) back.
 */
const { root, maxFileSize, claims: buffer } = workerData as WorkerSetup;
const claims = new BatchClaims(buffer);
const batches: Array<string[] | undefined> = [];
let working = false;

async function work(): Promise<void> {
  if (working) return;
  working = true;
  try {
    for (let index = claims.claim(batches.length); index !== undefined; index = claims.claim(batches.length)) {
      const files = batches[index];
      if (!files) throw new Error(`batch ${index} claimed before it arrived`);
      batches[index] = undefined;
      const parse = claims.candidatesSentToMain() >= CANDIDATES_PARSED_ON_MAIN;
      const result = await analyzeBatch(root, files, maxFileSize, parse);
      if (result.candidates.length) claims.addCandidatesSentToMain(result.candidates.length);
      parentPort?.postMessage({ index, result });
    }
  } finally {
    working = false;
  }
}

parentPort?.on('message', ({ index, files }: PostedBatch) => {
  batches[index] = files;
  void work();
});
