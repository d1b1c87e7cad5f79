import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpuSecondsOf, withCpuOf } from './process-cpu';

/** A child that spins for `busyMs`, then idles until killed, so its CPU time can be read while it lives. */
async function childThatSpins(busyMs: number) {
  const child = spawn(process.execPath, ['-e', `const end = Date.now() + ${busyMs}; while (Date.now() < end); console.log('done'); setInterval(() => {}, 1000);`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.stdout) await once(child.stdout, 'data');
  return child;
}

describe('cpuSecondsOf', () => {
  it('reads the CPU time a busy process used, and little for an idle one', async () => {
    const busy = await childThatSpins(600);
    const idle = await childThatSpins(0);
    try {
      const busySeconds = cpuSecondsOf(busy.pid) ?? 0;
      expect(busySeconds).toBeGreaterThanOrEqual(0.5);
      expect(busySeconds).toBeLessThan(5);
      expect(cpuSecondsOf(idle.pid)).toBeLessThan(busySeconds - 0.4);
    } finally {
      busy.kill();
      idle.kill();
    }
  });

  it('is undefined for a process that does not exist', () => {
    expect(cpuSecondsOf(undefined)).toBeUndefined();
    expect(cpuSecondsOf(2 ** 22 + 1)).toBeUndefined();
  });

  it('measures what a piece of work cost the process while it ran', async () => {
    const spin = async (ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end);
      return ms;
    };
    const busy = await withCpuOf(process.pid, () => spin(400));
    expect(busy.result).toBe(400);
    expect(busy.cpuSeconds).toBeGreaterThanOrEqual(0.3);
    const idle = await withCpuOf(process.pid, () => new Promise((resolve) => setTimeout(resolve, 400)));
    expect(idle.cpuSeconds).toBeLessThan(0.2);
    expect((await withCpuOf(undefined, () => spin(0))).cpuSeconds).toBeUndefined();
  });
});
