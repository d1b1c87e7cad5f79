import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSmallFile } from '../src/read-small-file';

const dir = mkdtempSync(join(tmpdir(), 'tokenshift-read-'));

function file(name: string, bytes: number): { path: string; content: Buffer } {
  const content = Buffer.alloc(bytes);
  for (let index = 0; index < bytes; index++) content[index] = 32 + ((index * 7) % 90);
  const path = join(dir, name);
  writeFileSync(path, content);
  return { path, content };
}

describe('readSmallFile', () => {
  it('returns every byte of files up to the limit, also past its first buffer (256 kB)', () => {
    for (const bytes of [1, 4096, 256 * 1024 - 1, 256 * 1024, 256 * 1024 + 1, 700 * 1024]) {
      const { path, content } = file(`f${bytes}`, bytes);
      expect(Buffer.compare(readSmallFile(path, 1024 * 1024)!, content)).toBe(0);
    }
  });

  it('reads a file of exactly the limit, and none over it', () => {
    const { path, content } = file('exact', 5000);
    expect(Buffer.compare(readSmallFile(path, 5000)!, content)).toBe(0);
    expect(readSmallFile(path, 4999)).toBeUndefined();
    expect(readSmallFile(file('large', 2 * 1024 * 1024).path, 1024 * 1024)).toBeUndefined();
    expect(readSmallFile(file('over-buffer', 300 * 1024).path, 280 * 1024)).toBeUndefined();
  });

  it('returns nothing for an empty file and throws for a missing one', () => {
    expect(readSmallFile(file('empty', 0).path, 1024)).toBeUndefined();
    expect(() => readSmallFile(join(dir, 'missing'), 1024)).toThrow(/ENOENT/);
  });
});
