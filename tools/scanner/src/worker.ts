import { parentPort, workerData } from 'node:worker_threads';
import { analyzeBatch, NameSearch, resolveBatch } from './analyze-batch';
import { BatchClaims, CANDIDATES_PARSED_ON_MAIN, type PostedBatch, type PostedTable, type WorkerSetup } from './batch-claims';
import { ValueTable } from './syntax/value-table';

/**
 * Worker thread: keeps the batches scan.ts posts, analyzes each one it manages to claim and posts the findings
 * (or the candidates, to be parsed on the main thread) back.
 */
const { root, maxFileSize, claims: buffer, plan } = workerData as WorkerSetup;
const claims = new BatchClaims(buffer);
const batches: Array<PostedBatch | undefined> = [];
/** The repository table, from the main thread once the first pass is done. */
let table: { values: ValueTable; names: NameSearch } | undefined;
let working = false;

async function work(): Promise<void> {
  if (working) return;
  working = true;
  try {
    for (let index = claims.claim(batches.length); index !== undefined; index = claims.claim(batches.length)) {
      const batch = batches[index];
      if (!batch) throw new Error(`batch ${index} claimed before it arrived`);
      batches[index] = undefined;
      if (batch.second && table) {
        parentPort?.postMessage({ index, result: await resolveBatch(root, batch.files, maxFileSize, table.values, table.names, plan) });
        continue;
      }
      const parse = claims.candidatesSentToMain() >= CANDIDATES_PARSED_ON_MAIN;
      const result = await analyzeBatch(root, batch.files, maxFileSize, parse, plan);
      if (result.candidates.length) claims.addCandidatesSentToMain(result.candidates.length);
      parentPort?.postMessage({ index, result });
    }
  } finally {
    working = false;
  }
}

parentPort?.on('message', (message: PostedBatch | PostedTable) => {
  if ('table' in message) {
    const values = new ValueTable(message.table);
    table = { values, names: new NameSearch(values.names()) };
    return;
  }
  batches[message.index] = message;
  void work();
});
