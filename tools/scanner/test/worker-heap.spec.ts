import { Worker } from 'node:worker_threads';
import { BatchClaims } from '../src/batch-claims';
import { WORKER_RESOURCE_LIMITS, workerOptions } from '../src/scan';

/**
 * What a scan worker's allocations look like to V8: many short-lived objects, a share of which is still alive at
 * each scavenge (the file being analyzed). Reports the largest young generation the thread had.
 */
const CHURN = `
const { getHeapSpaceStatistics, getHeapStatistics } = require('node:v8');
const { parentPort } = require('node:worker_threads');
let largest = 0;
let alive = [];
for (let round = 0; round < 400; round++) {
  const file = [];
  for (let i = 0; i < 2000; i++) file.push({ id: i, text: 'node ' + i + ' of ' + round, children: [i, round] });
  alive.push(file);
  if (alive.length > 8) alive.shift();
  const space = getHeapSpaceStatistics().find((entry) => entry.space_name === 'new_space');
  largest = Math.max(largest, space ? space.physical_space_size : 0);
}
parentPort.postMessage({ largest, limit: getHeapStatistics().heap_size_limit });
`;

function churn(options: ConstructorParameters<typeof Worker>[1]): Promise<{ largest: number; limit: number }> {
  const worker = new Worker(CHURN, { ...options, eval: true });
  return new Promise<{ largest: number; limit: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  }).finally(() => worker.terminate());
}

// A worker's young generation stays small (scan.ts, WORKER_RESOURCE_LIMITS): with V8's default it grew to
// 32 MB resident in each scan thread, a tenth of the 300 MB peak-RSS goal (issue 17).
describe('a scan worker', () => {
  const setup = { root: '.', maxFileSize: 1024, claims: new BatchClaims().buffer };

  const MB = 1024 * 1024;

  it('keeps its young generation within the limit while most of what it allocates dies young, and its heap under ~1 GB', async () => {
    const { largest, limit } = await churn(workerOptions(setup));
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThanOrEqual(WORKER_RESOURCE_LIMITS.maxYoungGenerationSizeMb * MB);
    // The old generation's limit is what makes V8 collect a worker's dead objects sooner (scan.ts).
    expect(limit).toBeLessThanOrEqual((WORKER_RESOURCE_LIMITS.maxOldGenerationSizeMb + WORKER_RESOURCE_LIMITS.maxYoungGenerationSizeMb) * MB);
  });

  it('would grow them further under V8 defaults (the same churn, without the limits)', async () => {
    const { resourceLimits: _limits, ...defaults } = workerOptions(setup);
    const { largest } = await churn(defaults);
    expect(largest).toBeGreaterThan(WORKER_RESOURCE_LIMITS.maxYoungGenerationSizeMb * MB);
  });
});
