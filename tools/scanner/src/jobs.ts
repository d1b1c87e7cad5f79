/**
 * The --jobs default: worker threads besides the main one, for the CPUs this process may use. Chosen from the
 * scanner benchmark (docs/benchmarks.md, "--jobs default"): on 1 and 2 CPUs no worker at all was fastest on
 * every tree, because a worker pays its own start-up, grammar loads and cold analyzer, and hands its candidates
 * back to the main thread. With more CPUs (not measured here) one worker per two CPUs beyond the main thread's.
 */
export function defaultJobs(cpus: number): number {
  if (cpus <= 2) return 0;
  return Math.floor(cpus / 2) - 1;
}
