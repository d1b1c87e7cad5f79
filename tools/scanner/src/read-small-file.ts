import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

// One buffer per thread, reused for every file: most files are read, filtered and dropped, so allocating a
// Buffer each time would only feed the garbage collector.
let buffer = Buffer.allocUnsafe(256 * 1024);

/**
 * Reads a file synchronously (thousands of small reads are much cheaper than thousands of promises) and
 * returns its bytes, or undefined when it is empty or larger than `maxFileSize` (then it is not read at all).
 * The bytes are only valid until the next call.
 */
export function readSmallFile(path: string, maxFileSize: number): Buffer | undefined {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size === 0 || size > maxFileSize) return undefined;
    if (size > buffer.length) buffer = Buffer.allocUnsafe(size);
    let length = 0;
    while (length < size) {
      const read = readSync(fd, buffer, length, size - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
