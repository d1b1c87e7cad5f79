/**
 * The WebAssembly module behind LiteralSearch, assembled here from opcodes (no toolchain needed; a few hundred
 * bytes). Two functions over its own memory:
 *
 * - `ac(from, to)`: the Aho–Corasick automaton, one table lookup per byte; 1 when a literal ends in [from, to).
 * - `found(start, end)`: a SIMD filter (the "Teddy" algorithm of Hyperscan and Rust's regex crate) that looks at
 *   16 positions at once: a position can start a literal's 4-byte fingerprint only if each of those 4 bytes is
 *   in the fingerprint's set for that byte, tested by two 16-entry table lookups (`i8x16.swizzle`) on the low
 *   and high nibbles. Each lookup gives one bit per bucket of fingerprints; a bucket still set after the 4 bytes
 *   means a possible match, and only then does `ac` run over the bytes around it. Most text gets no candidate at
 *   all (about 3 % of 16-byte blocks in node_modules), so the automaton runs over a few percent of the bytes.
 */

/** Where the parts live in the module's memory. */
export const MASKS_AT = 0;
export const TABLE_AT = 1024;
/** The automaton's transition table holds u16 entries; this value means "a literal ends here". */
export const FOUND = 0xffff;
/** Bytes in a fingerprint: the filter reads 16 + FINGERPRINT - 1 bytes per block. */
export const FINGERPRINT = 4;

export interface SearchLayout {
  /** Largest offset of a fingerprint inside its literal. */
  maxOffset: number;
  /** Bytes in the longest literal. */
  longest: number;
}

// Opcodes (WebAssembly 2.0 core and SIMD).
const I32 = 0x7f;
const V128 = 0x7b;
const BLOCK = 0x02;
const LOOP = 0x03;
const IF = 0x04;
const EMPTY = 0x40;
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const RETURN = 0x0f;
const CALL = 0x10;
const SELECT = 0x1b;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const I32_LOAD8_U = 0x2d;
const I32_LOAD16_U = 0x2f;
const I32_CONST = 0x41;
const I32_EQ = 0x46;
const I32_LT_U = 0x49;
const I32_GT_U = 0x4b;
const I32_GE_U = 0x4f;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_OR = 0x72;
const I32_SHL = 0x74;
const SIMD = 0xfd;
const V128_LOAD = 0x00;
const I8X16_SWIZZLE = 0x0e;
const I8X16_SPLAT = 0x0f;
const V128_AND = 0x4e;
const V128_ANY_TRUE = 0x53;
const I8X16_SHR_U = 0x6d;

function unsigned(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    bytes.push(byte);
  } while (value);
  return bytes;
}

function signed(value: number): number[] {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && !(byte & 0x40)) || (value === -1 && byte & 0x40)) return [...bytes, byte];
    bytes.push(byte | 0x80);
  }
}

const vector = (items: number[][]): number[] => [...unsigned(items.length), ...items.flat()];
const section = (id: number, content: number[]): number[] => [id, ...unsigned(content.length), ...content];
const name = (text: string): number[] => [...unsigned(text.length), ...Buffer.from(text)];
const i32 = (value: number): number[] => [I32_CONST, ...signed(value)];
const get = (local: number): number[] => [LOCAL_GET, ...unsigned(local)];
const set = (local: number): number[] => [LOCAL_SET, ...unsigned(local)];
const simd = (opcode: number, ...immediates: number[]): number[] => [SIMD, ...unsigned(opcode), ...immediates];
/** Memory immediates: log2 of the alignment, then the offset. */
const memory = (align: number, offset: number): number[] => [...unsigned(align), ...unsigned(offset)];

/** `ac(from, to)`: params 0 (from, advanced as it reads) and 1 (to); local 2 is the automaton's state. */
function automaton(): number[] {
  const [from, to, state] = [0, 1, 2];
  return [
    ...vector([[1, I32]]),
    BLOCK, EMPTY,
    LOOP, EMPTY,
    ...get(from), ...get(to), I32_GE_U, BR_IF, 1,
    // state = table[state * 256 + byte], u16 entries
    ...get(state), ...i32(9), I32_SHL,
    ...get(from), I32_LOAD8_U, ...memory(0, 0), ...i32(1), I32_SHL,
    I32_OR,
    I32_LOAD16_U, ...memory(1, TABLE_AT),
    LOCAL_TEE, state, ...i32(FOUND), I32_EQ,
    IF, EMPTY, ...i32(1), RETURN, END,
    ...get(from), ...i32(1), I32_ADD, ...set(from),
    BR, 0,
    END,
    END,
    ...i32(0),
    END,
  ];
}

/** `max(a, b)` of two unsigned locals, left on the stack. */
const maxOf = (a: number, b: number): number[] => [...get(a), ...get(b), ...get(a), ...get(b), I32_GT_U, SELECT];
/** `min(a, b)` of two unsigned locals, left on the stack. */
const minOf = (a: number, b: number): number[] => [...get(a), ...get(b), ...get(a), ...get(b), I32_LT_U, SELECT];

/** `found(start, end)`: params 0 and 1; locals: 2 block start, 3 from, 4 to, 5 loaded bytes, 6 match, 7 nibble mask, 8–15 masks. */
function filter({ maxOffset, longest }: SearchLayout): number[] {
  const [start, end, block, from, to, bytes, match, nibble, masks] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  // Buckets still possible for the 16 positions, given the byte at offset k of the fingerprint.
  const fingerprintByte = (k: number): number[] => [
    ...get(block), ...simd(V128_LOAD, ...memory(0, k)), ...set(bytes),
    ...get(masks + 2 * k), ...get(bytes), ...get(nibble), ...simd(V128_AND), ...simd(I8X16_SWIZZLE),
    ...get(masks + 2 * k + 1), ...get(bytes), ...i32(4), ...simd(I8X16_SHR_U), ...simd(I8X16_SWIZZLE),
    ...simd(V128_AND),
  ];
  const loadMasks = Array.from({ length: 2 * FINGERPRINT }, (_, index) => [...i32(0), ...simd(V128_LOAD, ...memory(0, MASKS_AT + 16 * index)), ...set(masks + index)]).flat();
  const matchAll = [...fingerprintByte(0), ...set(match), ...Array.from({ length: FINGERPRINT - 1 }, (_, k) => [...fingerprintByte(k + 1), ...get(match), ...simd(V128_AND), ...set(match)]).flat()];
  // from = max(start, block - maxOffset): the earliest a literal with a fingerprint in this block can start.
  const setFrom = [...get(block), ...i32(maxOffset), I32_SUB, ...set(from), ...maxOf(from, start), ...set(from)];
  return [
    ...vector([[3, I32], [3 + 2 * FINGERPRINT, V128]]),
    ...loadMasks,
    ...i32(0x0f), ...simd(I8X16_SPLAT), ...set(nibble),
    ...get(start), ...set(block),
    BLOCK, EMPTY,
    LOOP, EMPTY,
    ...get(end), ...get(block), I32_SUB, ...i32(16 + FINGERPRINT - 1), I32_LT_U, BR_IF, 1,
    ...matchAll,
    ...get(match), ...simd(V128_ANY_TRUE),
    IF, EMPTY,
    ...setFrom,
    ...get(block), ...i32(16 + longest), I32_ADD, ...set(to), ...minOf(to, end), ...set(to),
    ...get(from), ...get(to), CALL, 0,
    IF, EMPTY, ...i32(1), RETURN, END,
    END,
    ...get(block), ...i32(16), I32_ADD, ...set(block),
    BR, 0,
    END,
    END,
    // The last bytes, too few for a block: the automaton from where a literal could still start.
    ...setFrom,
    ...get(from), ...get(end), CALL, 0,
    END,
  ];
}

/** The module's bytes: memory (exported, `pages` of 64 kB), `ac` (function 0) and `found` (function 1, exported). */
export function searchModule(layout: SearchLayout, pages: number): Uint8Array {
  const rangeToResult = [0x60, ...vector([[I32], [I32]]), ...vector([[I32]])];
  const bodies = [automaton(), filter(layout)].map((body) => [...unsigned(body.length), ...body]);
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([rangeToResult])),
    ...section(3, vector([[0], [0]])),
    ...section(5, vector([[0x00, ...unsigned(pages)]])),
    ...section(7, vector([[...name('memory'), 0x02, 0], [...name('found'), 0x00, 1]])),
    ...section(10, vector(bodies)),
  ]);
}
