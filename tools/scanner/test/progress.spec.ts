import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { progressReporter } from '../src/progress';
import { scanDirectory } from '../src/scan';

/** A terminal as cli-progress sees one: a TTY stream with a width, whose output is kept. */
class Terminal extends Writable {
  readonly isTTY = true;
  readonly columns = 200;
  output = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.output += chunk.toString();
    done();
  }
  /** What the terminal shows now: the text after the last carriage return or line clear. */
  get line(): string {
    // eslint-disable-next-line no-control-regex
    return this.output.split(/\r|\x1b\[\d*[GK]/).filter((part) => part.trim()).pop() ?? '';
  }
}

const target = (stream: Terminal) => ({ stream: stream as unknown as NodeJS.WriteStream, env: {} });

describe('the progress bar', () => {
  it('says it is still walking until the walk is done, then shows the total and an ETA', async () => {
    const terminal = new Terminal();
    const progress = await progressReporter(true, target(terminal));
    try {
    progress.onProgress?.({ walked: 256, analyzed: 0, walkDone: false });
    expect(terminal.line).toContain('256 found so far | still walking, total not known yet');
    expect(terminal.line).not.toContain('ETA');

    // The analysis keeps a steady pace once the walk is done: 100 files every 20 ms.
    for (let analyzed = 100; analyzed <= 500; analyzed += 100) {
      await sleep(20);
      progress.onProgress?.({ walked: 1000, analyzed, walkDone: true });
    }
    await sleep(20);
    progress.onProgress?.({ walked: 1000, analyzed: 600, walkDone: true });
    await sleep(150); // cli-progress redraws on its own timer (10 times a second)
    expect(terminal.line).toMatch(/600\/1000 files \| 60% \| ETA \d+s/);
    expect(terminal.line).not.toContain('walking');
    } finally {
      progress.stop();
    }
  });

  it('draws nothing in CI or when stderr is not a terminal', async () => {
    const terminal = new Terminal();
    expect((await progressReporter(true, { stream: terminal as unknown as NodeJS.WriteStream, env: { CI: 'true' } })).onProgress).toBeUndefined();
    const pipe = Object.assign(new Terminal(), { isTTY: false });
    expect((await progressReporter(true, { stream: pipe as unknown as NodeJS.WriteStream, env: {} })).onProgress).toBeUndefined();
    expect((await progressReporter(false, target(terminal))).onProgress).toBeUndefined();
  });

  it('is told the walk is over once, and never walking again after (a scan of more than one batch)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'scan-progress-'));
    try {
      for (let folder = 0; folder < 4; folder++) {
        mkdirSync(join(root, `pkg${folder}`));
        for (let file = 0; file < 200; file++) writeFileSync(join(root, `pkg${folder}`, `f${file}.js`), 'export const x = 1;\n');
      }
      const seen: Array<{ walked: number; analyzed: number; walkDone: boolean }> = [];
      await scanDirectory({ root, jobs: 0, onProgress: (progress) => seen.push({ ...progress }) });
      const firstDone = seen.findIndex((progress) => progress.walkDone);
      expect(seen.slice(0, firstDone).some((progress) => progress.walked > 0)).toBe(true);
      expect(seen.slice(firstDone).every((progress) => progress.walkDone && progress.walked === 800)).toBe(true);
      expect(seen.at(-1)).toEqual({ walked: 800, analyzed: 800, walkDone: true });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
