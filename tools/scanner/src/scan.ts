import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyzeBatch, type BatchRequest, type BatchResult } from './analyze-batch';
import { addFingerprints, compareFindings } from './fingerprint';
import type { ScanResult } from './model';
import { walkFiles, type WalkedFile } from './walk';

export interface ScanOptions {
  root: string;
  /** Worker threads; 0 analyzes in this thread. Default: one per core. */
  jobs?: number;
  includeVendored?: boolean;
  maxFileSize?: number;
  /** Called as files are walked and analyzed (for the progress bar / CI logs). */
  onProgress?: (progress: { walked: number; analyzed: number; walkDone: boolean }) => void;
}

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
const BATCH_SIZE = 64;

export interface ScanOutcome extends ScanResult {
  errors: string[];
}

/** Walks `root` and analyzes files in parallel on worker threads, overlapping the walk with the analysis. */
export async function scanDirectory(options: ScanOptions): Promise<ScanOutcome> {
  const started = performance.now();
  const workerScript = join(__dirname, 'worker.js');
  const jobs = existsSync(workerScript) ? (options.jobs ?? availableParallelism()) : 0;
  const pool = jobs > 0 ? new WorkerPool(workerScript, jobs) : undefined;
  const results: Array<Promise<BatchResult>> = [];
  let walked = 0;
  let analyzed = 0;
  const report = (walkDone: boolean): void => options.onProgress?.({ walked, analyzed, walkDone });
  const submit = (files: WalkedFile[]): void => {
    const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const run = pool ? pool.run(files, maxFileSize) : analyzeBatch(files, maxFileSize);
    results.push(
      run.then((result) => {
        analyzed += files.length;
        report(false);
        return result;
      }),
    );
  };
  try {
    let batch: WalkedFile[] = [];
    for await (const file of walkFiles(options.root, { includeVendored: options.includeVendored })) {
      walked++;
      batch.push(file);
      if (batch.length === BATCH_SIZE) {
        submit(batch);
        batch = [];
      }
    }
    if (batch.length) submit(batch);
    report(true);
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

/** A fixed set of worker threads fed batches in order; each worker handles one batch at a time. */
class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly queue: Array<{ request: BatchRequest; resolve: (result: BatchResult) => void; reject: (error: Error) => void }> = [];
  private readonly running = new Map<Worker, { resolve: (result: BatchResult) => void; reject: (error: Error) => void }>();
  private readonly workers: Worker[] = [];
  private nextId = 0;

  constructor(
    private readonly script: string,
    private readonly size: number,
  ) {}

  /** Workers start on demand, so a small scan pays for one thread (each loads the grammars it needs). */
  private spawn(): void {
    const worker = new Worker(this.script);
    worker.on('message', (result: BatchResult) => this.finished(worker, result));
    worker.on('error', (error) => {
      this.running.get(worker)?.reject(error);
      this.running.delete(worker);
    });
    this.workers.push(worker);
    this.idle.push(worker);
  }

  run(files: WalkedFile[], maxFileSize: number): Promise<BatchResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, files, maxFileSize }, resolve, reject });
      this.dispatch();
    });
  }

  private finished(worker: Worker, result: BatchResult): void {
    this.running.get(worker)?.resolve(result);
    this.running.delete(worker);
    this.idle.push(worker);
    this.dispatch();
  }

  private dispatch(): void {
    if (!this.idle.length && this.queue.length && this.workers.length < this.size) this.spawn();
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.running.set(worker, job);
      worker.postMessage(job.request);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
