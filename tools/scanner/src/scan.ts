import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { analyzeBatch, parseCandidates, type BatchRequest, type BatchResult } from './analyze-batch';
import { addFingerprints, compareFindings } from './fingerprint';
import type { ScanResult } from './model';
import { walkFiles } from './walk';

export interface ScanOptions {
  root: string;
  /** Worker threads besides this one, which walks and then analyzes too; 0 analyzes only here. Default: one per core but one. */
  jobs?: number;
  includeVendored?: boolean;
  maxFileSize?: number;
  /** Called as files are walked and analyzed (for the progress bar / CI logs). */
  onProgress?: (progress: { walked: number; analyzed: number; walkDone: boolean }) => void;
}

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
const BATCH_SIZE = 256;
/**
 * Workers send their first candidates back to be parsed on this thread, so that a scan with few candidates
 * loads the parsers (and warms them up, ~100 ms) in one thread only; past this many, workers parse theirs.
 */
const CANDIDATES_PARSED_HERE = 64;

export interface ScanOutcome extends ScanResult {
  errors: string[];
}

/** Walks `root` and analyzes files in parallel on worker threads and, once the walk is done, on this thread. */
export async function scanDirectory(options: ScanOptions): Promise<ScanOutcome> {
  const started = performance.now();
  const workerScript = join(__dirname, 'worker.js');
  const jobs = existsSync(workerScript) ? (options.jobs ?? availableParallelism() - 1) : 0;
  const pool = jobs > 0 ? new WorkerPool(workerScript, jobs) : undefined;
  const results: Array<Promise<BatchResult>> = [];
  let walked = 0;
  let analyzed = 0;
  let candidatesHere = 0;
  let finishWalk = (): void => undefined;
  // Parsing here waits for the walk: meanwhile this thread is the one feeding the workers.
  const walkFinished = new Promise<void>((resolve) => (finishWalk = resolve));
  const report = (walkDone: boolean): void => options.onProgress?.({ walked, analyzed, walkDone });
  const submit = (files: string[]): void => {
    const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const run = pool
      ? pool.run(options.root, files, maxFileSize, candidatesHere >= CANDIDATES_PARSED_HERE).then(async (result) => {
          if (!result.candidates.length) return result;
          candidatesHere += result.candidates.length;
          await walkFinished;
          return parseCandidates(result);
        })
      : analyzeBatch(options.root, files, maxFileSize);
    results.push(
      run.then((result) => {
        analyzed += files.length;
        report(false);
        return result;
      }),
    );
  };
  try {
    let batch: string[] = [];
    for (const file of walkFiles(options.root, { includeVendored: options.includeVendored })) {
      walked++;
      batch.push(file.relative);
      if (batch.length === BATCH_SIZE) {
        submit(batch);
        batch = [];
        // The walk is synchronous: let finished batches come back so idle workers get the next ones.
        await nextTurn();
      }
    }
    if (batch.length) submit(batch);
    finishWalk();
    report(true);
    await pool?.analyzeQueuedHere();
    const batches = await Promise.all(results);
    const findings = batches.flatMap((result) => result.findings).sort(compareFindings);
    return {
      root: options.root,
      filesScanned: batches.reduce((sum, result) => sum + result.filesScanned, 0),
      filesParsed: batches.reduce((sum, result) => sum + result.filesParsed, 0),
      findings: addFingerprints(findings),
      errors: batches.flatMap((result) => result.errors),
      durationMs: performance.now() - started,
    };
  } finally {
    await pool?.close();
  }
}

interface Slot {
  worker: Worker;
  /** Batches posted to this worker and not yet answered. */
  batches: number;
}

/**
 * A fixed set of worker threads fed batches in order. Each worker holds up to two batches, so it starts the
 * next one while this thread is still busy walking and has not yet seen the previous one finish.
 */
class WorkerPool {
  private static readonly BATCHES_PER_WORKER = 2;
  private readonly queue: BatchRequest[] = [];
  private readonly pending = new Map<number, { slot?: Slot; resolve: (result: BatchResult) => void; reject: (error: Error) => void }>();
  private readonly slots: Slot[] = [];
  private nextId = 0;

  constructor(
    private readonly script: string,
    private readonly size: number,
  ) {}

  /** Workers start on demand, so a small scan pays for one thread (each loads the grammars it needs). */
  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.script), batches: 0 };
    slot.worker.on('message', (result: BatchResult & { id: number }) => this.finished(slot, result));
    slot.worker.on('error', (error) => {
      for (const [id, job] of this.pending) {
        if (job.slot !== slot) continue;
        job.reject(error);
        this.pending.delete(id);
      }
    });
    this.slots.push(slot);
    return slot;
  }

  run(root: string, files: string[], maxFileSize: number, parse: boolean): Promise<BatchResult> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.queue.push({ id, root, files, maxFileSize, parse });
      this.dispatch();
    });
  }

  /** Analyzes the batches no worker has taken yet on this thread, one at a time, until none is left. */
  async analyzeQueuedHere(): Promise<void> {
    for (let request = this.queue.shift(); request; request = this.queue.shift()) {
      const job = this.pending.get(request.id);
      this.pending.delete(request.id);
      try {
        job?.resolve(await analyzeBatch(request.root, request.files, request.maxFileSize));
      } catch (error) {
        job?.reject(error as Error);
      }
      // Reading is synchronous: let the workers' answers in, so that they get their next batches.
      await nextTurn();
    }
  }

  private finished(slot: Slot, result: BatchResult & { id: number }): void {
    this.pending.get(result.id)?.resolve(result);
    this.pending.delete(result.id);
    slot.batches--;
    this.dispatch();
  }

  /** The least busy worker with room for a batch; a new one while every worker is busy and the pool is not full. */
  private slotWithRoom(): Slot | undefined {
    const least = this.slots.reduce<Slot | undefined>((best, slot) => (!best || slot.batches < best.batches ? slot : best), undefined);
    if ((!least || least.batches > 0) && this.slots.length < this.size) return this.spawn();
    return least && least.batches < WorkerPool.BATCHES_PER_WORKER ? least : undefined;
  }

  private dispatch(): void {
    while (this.queue.length) {
      const slot = this.slotWithRoom();
      if (!slot) return;
      const request = this.queue.shift() as BatchRequest;
      const job = this.pending.get(request.id);
      if (job) job.slot = slot;
      slot.batches++;
      slot.worker.postMessage(request);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}
