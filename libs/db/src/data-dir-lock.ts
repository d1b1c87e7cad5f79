import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * PGlite corrupts a data folder opened by two processes at once, so the embedded database
 * takes a pid lock beside its folder (the usage spool does the same for its folder). A lock
 * left by a dead process is taken over.
 */
const heldInThisProcess = new Set<string>();

/** Another live process (a running server, or a CLI command) holds the embedded database's folder. */
export class DataDirLockedError extends Error {
  constructor(
    /** The absolute data folder that was asked for. */
    readonly dataDir: string,
    readonly ownerPid: number,
    message = `The embedded database ${dataDir} is in use by process ${ownerPid}. Stop it first, or point DATABASE_URL at PostgreSQL to run several instances.`,
  ) {
    super(message);
    this.name = 'DataDirLockedError';
  }
}

export class DataDirLock {
  private readonly dataDir: string;
  private readonly lockFile: string;
  private held = false;

  /** `inUseMessage` words the refusal for a folder that is not the database's own (the usage spool). */
  constructor(
    dataDir: string,
    private readonly inUseMessage?: (owner: number) => string,
  ) {
    this.dataDir = resolve(dataDir);
    this.lockFile = `${this.dataDir}.lock`;
  }

  acquire(): void {
    mkdirSync(dirname(this.lockFile), { recursive: true });
    try {
      writeFileSync(this.lockFile, String(process.pid), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(this.lockFile, 'utf8'));
      // Our own pid in a lock we do not hold is a leftover of an earlier process that had the
      // same pid (PID 1 in containers), not a live owner.
      const ownedByLiveProcess = owner === process.pid ? heldInThisProcess.has(this.lockFile) : isAlive(owner);
      if (ownedByLiveProcess) throw new DataDirLockedError(this.dataDir, owner, this.inUseMessage?.(owner));
      writeFileSync(this.lockFile, String(process.pid));
    }
    this.held = true;
    heldInThisProcess.add(this.lockFile);
  }

  release(): void {
    if (!this.held) return;
    rmSync(this.lockFile, { force: true });
    heldInThisProcess.delete(this.lockFile);
    this.held = false;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
