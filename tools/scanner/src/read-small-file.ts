import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Where a thread reads files: one buffer reused for every file (most are read, filtered and dropped). */
export interface ReadBuffer {
  /** A buffer of at least `size` bytes whose first `keep` bytes are those of the buffer last taken. */
  take(size: number, keep: number): Buffer;
}

/** A buffer on the heap, grown when a file needs more. */
class HeapBuffer implements ReadBuffer {
  private buffer = Buffer.allocUnsafe(256 * 1024);

  take(size: number, keep: number): Buffer {
    if (size > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(size, 2 * this.buffer.length));
      this.buffer.copy(grown, 0, 0, keep);
      this.buffer = grown;
    }
    return this.buffer;
  }
}

const heapBuffer = new HeapBuffer();
const FIRST_READ = 256 * 1024;

/**
 * Reads a file synchronously (thousands of small reads are much cheaper than thousands of promises) into
 * `into` and returns its bytes, or undefined when it is empty or larger than `maxFileSize`. The bytes are only
 * valid until the next call.
 *
 * Reads until a read returns 0 bytes (end of file), as ripgrep does, instead of asking for the size first: an
 * fstat per file costs more (Node builds a Stats object) than the extra read. Only a file that fills the
 * first 256 kB is stat'ed, so a file over the limit is not read further.
 */
export function readSmallFile(path: string, maxFileSize: number, into: ReadBuffer = heapBuffer): Buffer | undefined {
  const fd = openSync(path, 'r');
  try {
    // One byte more than the limit: reading it tells a file over the limit.
    const wanted = maxFileSize + 1;
    let buffer = into.take(Math.min(FIRST_READ, wanted), 0);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const size = fstatSync(fd).size;
        if (size > maxFileSize) return undefined;
        buffer = into.take(Math.min(Math.max(2 * length, size + 1), wanted), length);
      }
      const read = readSync(fd, buffer, length, Math.min(buffer.length, wanted) - length, null);
      if (read === 0) break;
      length += read;
      if (length > maxFileSize) return undefined;
    }
    return length === 0 ? undefined : buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
