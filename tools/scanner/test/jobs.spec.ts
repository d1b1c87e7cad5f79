import { defaultJobs } from '../src/jobs';

// The table in docs/benchmarks.md ("--jobs default"): 1 and 2 CPUs measured, more extrapolated.
describe('the --jobs default', () => {
  it.each([
    [1, 0],
    [2, 0],
    [3, 0],
    [4, 1],
    [8, 3],
    [16, 7],
  ])('on %i CPUs is %i worker threads', (cpus, jobs) => {
    expect(defaultJobs(cpus)).toBe(jobs);
  });
});
