import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let goCache: string | undefined;

/** `go vet` on one standard-library-only file (offline, GOPATH mode): throws with the compiler's message when it does not build. */
export function goVet(text: string): void {
  goCache ??= mkdtempSync(join(tmpdir(), 'tokenshift-gocache-'));
  const folder = mkdtempSync(join(tmpdir(), 'tokenshift-go-'));
  try {
    writeFileSync(join(folder, 'main.go'), text);
    execFileSync('go', ['vet', 'main.go'], { cwd: folder, stdio: 'pipe', env: { ...process.env, GOCACHE: goCache, GOPATH: join(goCache, 'path'), GO111MODULE: 'off', GOFLAGS: '' } });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The build cache `goVet` made (call it from `afterAll`). */
export function removeGoCache(): void {
  if (goCache) rmSync(goCache, { recursive: true, force: true });
  goCache = undefined;
}

/** Whether the `go` tool is on this machine (CI installs Debian's golang-go; a machine without it skips the compile). */
export function goInstalled(): boolean {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}
