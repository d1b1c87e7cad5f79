// One run of a command under GNU time: wall time measured here, the child's peak RSS as the kernel counted it
// (all its threads), so every tool of the scanner benchmark is measured the same way.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GNU_TIME = '/usr/bin/time';

export interface TimedRun {
  seconds: number;
  /** Peak resident set size of the child, in MB (GNU time's %M). */
  peakRssMb: number;
  /** User + system CPU time of the child and its threads (GNU time's %U + %S). */
  cpuSeconds: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runTimed(command: string, args: string[], options: { cwd: string; prefix?: string[] }): TimedRun {
  const directory = mkdtempSync(join(tmpdir(), 'bench-time-'));
  const timeFile = join(directory, 'time');
  try {
    const argv = ['-f', '%M %U %S', '-o', timeFile, ...(options.prefix ?? []), command, ...args];
    const started = performance.now();
    const run = spawnSync(GNU_TIME, argv, { cwd: options.cwd, encoding: 'utf8', maxBuffer: 512 << 20 });
    const seconds = (performance.now() - started) / 1000;
    if (run.error) throw run.error;
    // GNU time writes "Command exited with non-zero status N" before the value when the command fails.
    const [kilobytes = NaN, user = NaN, system = NaN] = (readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
    return { seconds, peakRssMb: kilobytes / 1024, cpuSeconds: user + system, status: run.status, stdout: run.stdout, stderr: run.stderr };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
