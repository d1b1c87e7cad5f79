import type { ScanOptions } from './scan';

/** A progress bar on a terminal; plain start/end lines in CI and pipes (stderr, so stdout stays machine-readable). */
export async function progressReporter(enabled: boolean): Promise<{ onProgress: ScanOptions['onProgress']; stop(): void }> {
  if (!enabled || !process.stderr.isTTY || process.env['CI']) return { onProgress: undefined, stop: () => undefined };
  // Loaded only for a terminal: it is the heaviest module the CLI would otherwise load at start-up.
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar({ format: 'scanning [{bar}] {value}/{total} files', stream: process.stderr, hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
  let started = false;
  return {
    onProgress: ({ walked, analyzed }) => {
      if (!started) {
        bar.start(walked, analyzed);
        started = true;
      }
      bar.setTotal(walked);
      bar.update(analyzed);
    },
    stop: () => bar.stop(),
  };
}
