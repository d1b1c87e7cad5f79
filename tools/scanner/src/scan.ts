import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { analyzeBatch, NameSearch, parseCandidates, resolveBatch, type BatchResult } from './analyze-batch';
import { BatchClaims, type PostedBatch, type PostedTable, type WorkerSetup } from './batch-claims';
import { addFingerprints, compareFindings } from './fingerprint';
import { defaultJobs } from './jobs';
import type { FixOptions } from './fix/edits';
import type { ScannedFix } from './fix/scanned-fix';
import { compareNotices, type FileNotice, type ScanResult } from './model';
import { ValueTable } from './syntax/value-table';
import { walkFiles, type WalkedFile } from './walk';

export interface ScanOptions {
  root: string;
  /** Worker threads besides this one, which walks and then analyzes too; 0 analyzes only here. Default: defaultJobs(). */
  jobs?: number;
  includeVendored?: boolean;
  maxFileSize?: number;
  /** Called as files are walked and analyzed (for the progress bar / CI logs). */
  onProgress?: (progress: { walked: number; analyzed: number; walkDone: boolean }) => void;
  /** fix's options when the report carries fix's plan: each file with findings is also rewritten (dry) with the tree its analysis parsed. */
  fixPlan?: FixOptions;
}

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
const BATCH_SIZE = 256;
const SECOND_PASS_BATCH_SIZE = 8;

/**
 * A worker's heap limits (docs/decisions.md §49). Young generation: 12 MB (semi-spaces of 4 MB) instead of V8's
 * 48 MB: a worker's allocations are short-lived (a file's nodes, its rewrite), but enough of them survive a
 * scavenge while a file is analyzed and planned that V8 grew the semi-spaces to their 16 MB maximum, 32 MB
 * resident per worker. Old generation: at most 1 GB instead of a quarter of the machine's memory; V8 lets the
 * old generation grow to up to 4× what the last full collection kept when the limit is 2 GB or more, and to
 * ~1.6× under 1 GB, so a worker's dead objects are collected sooner. A worker keeps nothing between batches
 * (its results are posted), and a file's analysis needs a few MB, far from the limit.
 */
export const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 1024 } as const;

/** How scan workers start: the setup they get, and their heap's limits. */
export function workerOptions(setup: WorkerSetup): WorkerOptions {
  return { workerData: setup, resourceLimits: { ...WORKER_RESOURCE_LIMITS } };
}

export interface ScanOutcome extends ScanResult {
  errors: string[];
  /** Files whose findings come from the second pass (with the repository table); every other file's come from its analysis alone. */
  resolvedFiles: string[];
  /** With `fixPlan`: the fixes made from the first pass, of the files the second pass did not analyze again. */
  scannedFixes: ScannedFix[];
  /** With `fixPlan` (and vendored folders left out, as fix's own walk does): the files walked, for fix's whole-tree pass. */
  walked?: WalkedFile[];
}

/** Walks `root` and analyzes files in parallel on worker threads and, once the walk is done, on this thread. */
export async function scanDirectory(options: ScanOptions): Promise<ScanOutcome> {
  const started = performance.now();
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const workerScript = join(__dirname, 'worker.js');
  const jobs = existsSync(workerScript) ? (options.jobs ?? defaultJobs(availableParallelism())) : 0;
  const pool = jobs > 0 ? new WorkerPool(workerScript, jobs, { root: options.root, maxFileSize, plan: options.fixPlan }) : undefined;
  const results: Array<Promise<BatchResult>> = [];
  let walked = 0;
  let analyzed = 0;
  let walkDone = false;
  const report = (): void => options.onProgress?.({ walked, analyzed, walkDone });
  const submit = (files: string[]): void => {
    const run = pool ? pool.submit(files) : analyzeBatch(options.root, files, maxFileSize, true, options.fixPlan);
    results.push(
      run.then((result) => {
        analyzed += files.length;
        report();
        return result;
      }),
    );
  };
  try {
    let batch: string[] = [];
    const excluded: FileNotice[] = [];
    const onExcludedFolder = (file: string, reason: string): void => void excluded.push({ file, state: 'skipped', reason, prefilterHit: false });
    const listed = options.fixPlan && !options.includeVendored ? ([] as WalkedFile[]) : undefined;
    for (const file of walkFiles(options.root, { includeVendored: options.includeVendored, onExcludedFolder })) {
      walked++;
      listed?.push(file);
      batch.push(file.relative);
      if (batch.length === BATCH_SIZE) {
        submit(batch);
        batch = [];
        report();
        // The walk is synchronous: let finished batches come back (progress, errors).
        await nextTurn();
      }
    }
    if (batch.length) submit(batch);
    walkDone = true;
    report();
    await pool?.analyzeUnclaimedHere();
    const batches = await Promise.all(results);
    const resolved = await resolveThroughTable(options.root, maxFileSize, batches, pool, options.fixPlan);
    // A file analyzed again with the repository table: its second analysis replaces the first.
    const reanalyzed = new Set(resolved.flatMap((result) => result.treeParsed));
    const parsedBefore = new Set(batches.flatMap((result) => result.treeParsed));
    const findings = [...batches.flatMap((result) => result.findings).filter((finding) => !reanalyzed.has(finding.file)), ...resolved.flatMap((result) => result.findings)];
    return {
      root: options.root,
      filesScanned: batches.reduce((sum, result) => sum + result.filesScanned, 0),
      filesParsed: batches.reduce((sum, result) => sum + result.filesParsed, 0) + [...reanalyzed].filter((file) => !parsedBefore.has(file)).length,
      notices: [...excluded, ...batches.flatMap((result) => result.notices)].sort(compareNotices),
      findings: addFingerprints(findings.sort(compareFindings)),
      errors: [...batches, ...resolved].flatMap((result) => result.errors),
      resolvedFiles: [...reanalyzed],
      // The second pass's fix of a file replaces the first's, like its findings.
      scannedFixes: [...batches.flatMap((result) => result.fixes).filter((fix) => !reanalyzed.has(fix.file)), ...resolved.flatMap((result) => result.fixes)],
      walked: listed,
      durationMs: performance.now() - started,
    };
  } finally {
    await pool?.close();
  }
}

/**
 * The second pass: the values the first pass harvested (constants, fields, helpers' URLs holding a piece of the
 * auth path) form the repository table; the files that may use them (parsed ones, and those naming a session)
 * are read again, and those holding one of its names are analyzed with it, on the workers too. Nothing to do
 * when the table is empty, as in most trees.
 */
async function resolveThroughTable(root: string, maxFileSize: number, firstPass: BatchResult[], pool: WorkerPool | undefined, plan: FixOptions | undefined): Promise<BatchResult[]> {
  const table = new ValueTable(firstPass.flatMap((result) => result.definitions));
  if (table.isEmpty) return [];
  const files = [...new Set(firstPass.flatMap((result) => [...result.treeParsed, ...result.mentions]))];
  if (!pool) return [await resolveBatch(root, files, maxFileSize, table, new NameSearch(table.names()), plan)];
  pool.shareTable(table);
  const runs: Array<Promise<BatchResult>> = [];
  // Small batches: most of these files are parsed, so the threads share them evenly.
  for (let start = 0; start < files.length; start += SECOND_PASS_BATCH_SIZE) runs.push(pool.submit(files.slice(start, start + SECOND_PASS_BATCH_SIZE), true));
  await pool.analyzeUnclaimedHere();
  return Promise.all(runs);
}

interface PendingBatch {
  files: string[];
  /** A second-pass batch: resolved through the repository table. */
  second: boolean;
  resolve: (result: BatchResult) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads that share the batches with this thread: every batch is posted to every worker, and whichever
 * thread claims it first (BatchClaims) analyzes it. This thread walks first, then claims what is left; the
 * candidates workers send back are parsed here once the walk is done.
 */
class WorkerPool {
  private readonly claims = new BatchClaims();
  private readonly pending: Array<PendingBatch | undefined> = [];
  private readonly workers: Worker[] = [];
  private finishWalk = (): void => undefined;
  private readonly walkFinished = new Promise<void>((resolve) => (this.finishWalk = resolve));
  /** The repository table, once the first pass is done, and its names' search for this thread. */
  private table: { values: ValueTable; names: NameSearch } | undefined;

  constructor(
    private readonly script: string,
    private readonly size: number,
    private readonly setup: Omit<WorkerSetup, 'claims'>,
  ) {}

  /** Posts the repository table to every worker (once), before the second pass's batches. */
  shareTable(values: ValueTable): void {
    this.table = { values, names: new NameSearch(values.names()) };
    for (const worker of this.workers) worker.postMessage({ table: values.entries() } satisfies PostedTable);
  }

  submit(files: string[], second = false): Promise<BatchResult> {
    return new Promise((resolve, reject) => {
      const index = this.pending.push({ files, second, resolve, reject }) - 1;
      for (const worker of this.workers) worker.postMessage({ index, files, second } satisfies PostedBatch);
      // Workers start on demand, so a small scan pays for one thread (each loads the grammars it needs).
      if (this.workers.length < this.size && index >= this.workers.length) this.spawn();
    });
  }

  /** Analyzes the batches no thread has claimed yet here, until none is left. */
  async analyzeUnclaimedHere(): Promise<void> {
    this.finishWalk();
    for (let index = this.claims.claim(this.pending.length); index !== undefined; index = this.claims.claim(this.pending.length)) {
      const batch = this.pending[index];
      if (!batch) throw new Error(`batch ${index} claimed twice`);
      this.pending[index] = undefined;
      try {
        const { root, maxFileSize, plan } = this.setup;
        batch.resolve(await (batch.second && this.table ? resolveBatch(root, batch.files, maxFileSize, this.table.values, this.table.names, plan) : analyzeBatch(root, batch.files, maxFileSize, true, plan)));
      } catch (error) {
        batch.reject(error as Error);
      }
      // Reading is synchronous: let the workers' results in (their candidates are parsed here).
      await nextTurn();
    }
  }

  private spawn(): void {
    const worker = new Worker(this.script, workerOptions({ ...this.setup, claims: this.claims.buffer }));
    worker.on('message', ({ index, result }: { index: number; result: BatchResult }) => this.finished(index, result));
    worker.on('error', (error) => {
      for (const batch of this.pending) batch?.reject(error);
    });
    this.workers.push(worker);
    if (this.table) worker.postMessage({ table: this.table.values.entries() } satisfies PostedTable);
    // The batches nobody has claimed yet, the one just submitted included.
    for (let index = this.claims.nextUnclaimed(); index < this.pending.length; index++) {
      const batch = this.pending[index];
      if (batch) worker.postMessage({ index, files: batch.files, second: batch.second } satisfies PostedBatch);
    }
  }

  private finished(index: number, result: BatchResult): void {
    const batch = this.pending[index];
    this.pending[index] = undefined;
    if (!batch) return;
    if (!result.candidates.length) return batch.resolve(result);
    // Parsing here waits for the walk: meanwhile this thread is the one feeding the workers.
    this.walkFinished.then(() => parseCandidates(result, this.setup.plan)).then(batch.resolve, batch.reject);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
