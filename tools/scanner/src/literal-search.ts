import { FINGERPRINT, FOUND, MASKS_AT, searchModule, TABLE_AT, type SearchLayout } from './literal-search-wasm';
import type { ReadBuffer } from './read-small-file';

/**
 * Printable ASCII from the most to the least frequent byte in JavaScript/TypeScript sources (node_modules):
 * a fingerprint made of rare bytes lets the SIMD filter rule out more text. Other bytes count as rare.
 */
const BYTES_BY_FREQUENCY = ' etrnsaoilcud.p,)(fhm"=gy_:0b;}{/-1vx*\'EAw2S[]kTC`IR3O\\DPFN|465>jM89LB7&?qU+$!H@<WzVGQ#KYJXZ^%~';
// The WebAssembly global as far as this file uses it (its types are in lib.dom, which Node projects leave out).
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
};
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The item at `index` of a table built here: an index outside it is a bug in the tables, so it stops with a clear error. */
function at<T>(items: ArrayLike<T>, index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`literal search: no entry at ${index} of ${items.length}`);
  return item;
}

/** Buckets of fingerprints: one bit each in the filter's lookup tables. */
const BUCKETS = 8;
const PAGE = 64 * 1024;

/** Rough frequency of each byte in source text (Zipf over the ranks above). */
const FREQUENCY = Float64Array.from({ length: 256 }, (_, byte) => {
  const rank = byte === 10 ? 0 : BYTES_BY_FREQUENCY.indexOf(String.fromCharCode(byte));
  return rank < 0 ? 1 / (4 * BYTES_BY_FREQUENCY.length) : 1 / (rank + 8);
});

interface Fingerprint {
  bytes: Uint8Array;
  /** Where it starts in its literal. */
  offset: number;
  /** log of how often it would occur by chance: lower is rarer. */
  commonness: number;
}

/** The literal's rarest window of FINGERPRINT bytes (the whole literal when it is shorter). */
function fingerprintOf(literal: Uint8Array): Fingerprint {
  let best: Fingerprint | undefined;
  for (let offset = 0; offset === 0 || offset + FINGERPRINT <= literal.length; offset++) {
    const bytes = literal.subarray(offset, offset + FINGERPRINT);
    const commonness = bytes.reduce((sum, byte) => sum + Math.log(at(FREQUENCY, byte)), 0);
    if (!best || commonness < best.commonness) best = { bytes, offset, commonness };
  }
  return best as Fingerprint;
}

/** Chance that a random byte passes the bucket's nibble tables at fingerprint byte `k` (a short fingerprint passes any byte there). */
function passRate(bucket: Fingerprint[], k: number): number {
  if (bucket.some((print) => print.bytes.length <= k)) return 1;
  const low = new Set(bucket.map((print) => at(print.bytes, k) & 0x0f));
  const high = new Set(bucket.map((print) => at(print.bytes, k) >> 4));
  let rate = 0;
  for (const h of high) for (const l of low) rate += at(FREQUENCY, (h << 4) | l);
  return rate;
}

const bucketPassRate = (bucket: Fingerprint[]): number => (bucket.length ? Array.from({ length: FINGERPRINT }, (_, k) => passRate(bucket, k)).reduce((a, b) => a * b) : 0);

/**
 * Groups fingerprints into buckets, the most common first, each where it adds the least to the bucket's chance
 * of passing random text (a bucket's tables accept every combination of its bytes' nibbles).
 */
function bucketsOf(prints: Fingerprint[]): Fingerprint[][] {
  const buckets: Fingerprint[][] = Array.from({ length: BUCKETS }, () => []);
  const rates = buckets.map(() => 0);
  for (const print of [...prints].sort((a, b) => b.commonness - a.commonness)) {
    const grown = buckets.map((bucket) => bucketPassRate([...bucket, print]));
    const best = grown.reduce((best, rate, index) => (rate - at(rates, index) < at(grown, best) - at(rates, best) ? index : best), 0);
    at(buckets, best).push(print);
    rates[best] = at(grown, best);
  }
  return buckets;
}

/** The Aho–Corasick automaton of the literals as a full transition table: `table[state * 256 + byte]`, FOUND when a literal ends. */
function automatonTable(encoded: Uint8Array[]): Uint16Array {
  // Built over the literals' own bytes (columns), not all 256: from any state, any other byte leads back to
  // the root (state 0), which is what the final table holds by default.
  const alphabet = [...new Set(encoded.flatMap((bytes) => [...bytes]))];
  const columnOf = new Int32Array(256);
  alphabet.forEach((byte, column) => (columnOf[byte] = column));
  const width = alphabet.length;
  // A trie first: state 0 is the root, -1 an edge not there yet.
  const capacity = 1 + encoded.reduce((sum, bytes) => sum + bytes.length, 0);
  const next = new Int32Array(capacity * width).fill(-1);
  const ends = new Uint8Array(capacity);
  let states = 1;
  for (const bytes of encoded) {
    let state = 0;
    for (const byte of bytes) {
      const edge = state * width + at(columnOf, byte);
      if (at(next, edge) < 0) next[edge] = states++;
      state = at(next, edge);
    }
    ends[state] = 1;
  }
  if (states >= FOUND) throw new Error('too many literals');
  // Breadth-first, a missing edge goes where the state's longest proper suffix that is a state goes.
  const suffix = new Int32Array(states);
  const queue = [0];
  for (let index = 0; index < queue.length; index++) {
    const state = at(queue, index);
    ends[state] = at(ends, state) | at(ends, at(suffix, state));
    for (let column = 0; column < width; column++) {
      const child = at(next, state * width + column);
      const fallback = state === 0 ? 0 : at(next, at(suffix, state) * width + column);
      if (child < 0) {
        next[state * width + column] = fallback;
      } else {
        suffix[child] = fallback;
        queue.push(child);
      }
    }
  }
  const table = new Uint16Array(states * 256);
  for (let state = 0; state < states; state++) {
    for (let column = 0; column < width; column++) {
      const target = at(next, state * width + column);
      if (target > 0) table[state * 256 + at(alphabet, column)] = at(ends, target) ? FOUND : target;
    }
  }
  return table;
}

/** The filter's lookup tables: for fingerprint byte k, 16 bytes indexed by the low nibble, then 16 by the high one. */
function nibbleMasks(buckets: Fingerprint[][]): Uint8Array {
  const masks = new Uint8Array(2 * FINGERPRINT * 16);
  buckets.forEach((bucket, index) => {
    for (const print of bucket) {
      for (let k = 0; k < FINGERPRINT; k++) {
        const byte = print.bytes[k];
        for (let nibble = 0; nibble < 16; nibble++) {
          // A short fingerprint has no byte k: any byte passes.
          const low = 32 * k + nibble;
          const high = low + 16;
          if (byte === undefined || nibble === (byte & 0x0f)) masks[low] = at(masks, low) | (1 << index);
          if (byte === undefined || nibble === byte >> 4) masks[high] = at(masks, high) | (1 << index);
        }
      }
    }
  });
  return masks;
}

/**
 * Tells whether any of a fixed set of byte strings occurs in a buffer, without decoding it: a SIMD filter over
 * 16 bytes at a time, then the Aho–Corasick automaton only around the few blocks that pass it (see
 * literal-search-wasm.ts). On raw file bytes it is several times as fast as a table lookup per byte in JavaScript.
 */
export class LiteralSearch implements ReadBuffer {
  private readonly memory: WasmMemory;
  private readonly found: (start: number, end: number) => number;
  /** Where searched bytes go, past the masks and the automaton. */
  private readonly dataAt: number;
  /** The data region; a new view each time the memory grows (growing detaches the old one). */
  private data: Buffer;

  constructor(literals: string[]) {
    const encoded = literals.map((literal) => new Uint8Array(Buffer.from(literal)));
    const prints = encoded.map(fingerprintOf);
    const layout: SearchLayout = { maxOffset: Math.max(...prints.map((print) => print.offset)), longest: Math.max(...encoded.map((bytes) => bytes.length)) };
    const table = automatonTable(encoded);
    this.dataAt = Math.ceil((TABLE_AT + table.byteLength) / PAGE) * PAGE;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(searchModule(layout, this.dataAt / PAGE + 4)));
    const exports = instance.exports as { memory: WasmMemory; found: (start: number, end: number) => number };
    this.memory = exports.memory;
    this.found = exports.found;
    new Uint8Array(this.memory.buffer).set(nibbleMasks(bucketsOf(prints)), MASKS_AT);
    new Uint16Array(this.memory.buffer, TABLE_AT, table.length).set(table);
    this.data = Buffer.from(this.memory.buffer, this.dataAt);
  }

  /**
   * Bytes read into this buffer (this search's own memory) are searched where they are; any other bytes are
   * copied into it first. Growing the memory keeps its bytes, so `keep` needs no copy.
   */
  take(size: number, _keep = 0): Buffer {
    if (size > this.data.length) {
      this.memory.grow(Math.ceil((size - this.data.length) / PAGE));
      this.data = Buffer.from(this.memory.buffer, this.dataAt);
    }
    return this.data;
  }

  foundIn(bytes: Uint8Array): boolean {
    if (bytes.buffer !== this.memory.buffer || bytes.byteOffset !== this.dataAt) this.take(bytes.length).set(bytes);
    return this.found(this.dataAt, this.dataAt + bytes.length) !== 0;
  }
}
