import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let clockTicksPerSecond: number | undefined;

/** The kernel's clock ticks per second, the unit of /proc's CPU times (100 on every common Linux). */
function ticksPerSecond(): number {
  return (clockTicksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100);
}

/**
 * CPU seconds (user + system, every thread) a running process has used so far, read from
 * /proc/<pid>/stat; undefined where there is no /proc (not Linux) or the process has gone.
 * Resolution is one clock tick (10 ms): take it over runs of a second or more.
 */
export function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
}

/** Runs `work`, and says how many CPU seconds the process `pid` used meanwhile (undefined without /proc). */
export async function withCpuOf<T>(pid: number | undefined, work: () => Promise<T>): Promise<{ result: T; cpuSeconds: number | undefined }> {
  const before = cpuSecondsOf(pid);
  const result = await work();
  const after = cpuSecondsOf(pid);
  return { result, cpuSeconds: before === undefined || after === undefined ? undefined : after - before };
}
