import { parentPort } from 'node:worker_threads';
import { analyzeBatch, type BatchRequest } from './analyze-batch';

/** Worker thread: analyzes batches of files sent by scan.ts and posts the findings (or the candidates) back. */
parentPort?.on('message', (request: BatchRequest) => {
  void analyzeBatch(request.root, request.files, request.maxFileSize, request.parse).then((result) => parentPort?.postMessage({ id: request.id, ...result }));
});
