import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

// One buffer per thread, reused for every file: most files are read, filtered and dropped, so allocating a
// Buffer each time would only feed the garbage collector.
let buffer = Buffer.allocUnsafe(256 * 1024);

/**
 * Reads a file synchronously (thousands of small reads are much cheaper than thousands of promises) and
 * returns its bytes, or undefined when it is empty or larger than `maxFileSize`. The bytes are only valid until
 * the next call.
 *
 * Reads until a read returns 0 bytes (end of file), as ripgrep does, instead of asking for the size first: an
 * fstat per file costs more (Node builds a Stats object) than the extra read. Only a file that fills the
 * buffer is stat'ed, so a file over the limit is not read further.
 */
export function readSmallFile(path: string, maxFileSize: number): Buffer | undefined {
  const fd = openSync(path, 'r');
  try {
    // One byte more than the limit: reading it tells a file over the limit.
    const wanted = maxFileSize + 1;
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const size = fstatSync(fd).size;
        if (size > maxFileSize) return undefined;
        const grown = Buffer.allocUnsafe(Math.min(Math.max(2 * buffer.length, size + 1), wanted));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
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
