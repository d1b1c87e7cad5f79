import type { ScanOptions } from './scan';

type Progress = Parameters<NonNullable<ScanOptions['onProgress']>>[0];

/** While the walk goes on the total is not known: the bar says so instead of showing a total that keeps growing. */
const WALKING = 'scanning [{bar}] {value} files analyzed, {walked} found so far | still walking, total not known yet';
const ANALYZING = 'scanning [{bar}] {value}/{total} files | {percentage}% | ETA {eta_formatted}';

export interface ProgressTarget {
  stream: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

/** A progress bar on a terminal; nothing in CI and pipes (stderr, so stdout stays machine-readable). */
export async function progressReporter(
  enabled: boolean,
  { stream, env }: ProgressTarget = { stream: process.stderr, env: process.env },
): Promise<{ onProgress: ScanOptions['onProgress']; stop(): void }> {
  if (!enabled || !stream.isTTY || env['CI']) return { onProgress: undefined, stop: () => undefined };
  // Loaded only for a terminal: it is the heaviest module the CLI would otherwise load at start-up.
  const loaded = await import('cli-progress');
  // Node's ESM view of this CommonJS module names only some of its exports (not Format); its default is all of them.
  const { SingleBar, Presets, Format } = (loaded as unknown as { default?: typeof loaded }).default ?? loaded;
  const bar = new SingleBar(
    {
      format: (options, params, payload: { walking: boolean }) => Format.Formatter({ ...options, format: payload.walking ? WALKING : ANALYZING }, params, payload),
      stream,
      hideCursor: true,
      clearOnComplete: true,
      // The ETA is the files left at the rate of the last updates (batches of files come back one by one).
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: ({ walked, analyzed, walkDone }: Progress) => {
      const payload = { walking: !walkDone, walked };
      if (!started) {
        bar.start(walked, analyzed, payload);
        started = true;
        return;
      }
      bar.setTotal(walked);
      bar.update(analyzed, payload);
    },
    stop: () => bar.stop(),
  };
}
