import type { FixOptions } from './fix/edits';
import type { ValueEntry } from './syntax/value-table';

/**
 * Counters shared by the main thread and the worker threads (one SharedArrayBuffer): every thread knows the
 * batches posted so far and takes the next one nobody has taken yet, so no thread waits for another to hand
 * it work (the main thread may be busy parsing for a while).
 */
export class BatchClaims {
  /** [0]: index of the next batch nobody has taken; [1]: candidates the workers sent to the main thread. */
  private readonly counters: Int32Array;

  constructor(readonly buffer = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT)) {
    this.counters = new Int32Array(buffer);
  }

  /** Index of the batch this thread now owns, or undefined when the first `known` batches are all taken. */
  claim(known: number): number | undefined {
    for (;;) {
      const next = Atomics.load(this.counters, 0);
      if (next >= known) return undefined;
      if (Atomics.compareExchange(this.counters, 0, next, next + 1) === next) return next;
    }
  }

  /** Index of the next batch nobody has taken. */
  nextUnclaimed(): number {
    return Atomics.load(this.counters, 0);
  }

  candidatesSentToMain(): number {
    return Atomics.load(this.counters, 1);
  }

  addCandidatesSentToMain(count: number): void {
    Atomics.add(this.counters, 1, count);
  }
}

/**
 * Workers send their first candidates back to be parsed on the main thread, so that a scan with few candidates
 * loads the parsers (and warms them up, ~100 ms) in one thread only; past this many, workers parse theirs.
 */
export const CANDIDATES_PARSED_ON_MAIN = 64;

/** What a worker gets when it starts. */
export interface WorkerSetup {
  root: string;
  maxFileSize: number;
  claims: SharedArrayBuffer;
  /** fix's options when the report carries fix's plan (ScanOptions.fixPlan). */
  plan?: FixOptions;
}

/** A batch posted to every worker: relative paths (strings are cheaper to post than objects). */
export interface PostedBatch {
  index: number;
  files: string[];
  /** A second-pass batch: analyzed with the repository table posted before it. */
  second?: boolean;
}

/** The repository table, posted to every worker once, after the first pass. */
export interface PostedTable {
  table: ValueEntry[];
}
