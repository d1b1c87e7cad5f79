import { DataDirLock, encodeCopyRow } from '@tokenshift/db';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DEPRECATED_KINDS, UsageEventInput, UsageKind } from './usage-event';

/** A segment holds the spooled events of one batch and is named after the batch's id. */
const SEGMENT_NAME = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.events$/;
const FIELDS = 11;
const KINDS = new Set<string>(DEPRECATED_KINDS);

/** One event as a line of COPY-style text: tab-separated, `\N` for none, backslash escapes. */
export function encodeSpoolLine(event: UsageEventInput): string {
  return encodeCopyRow([
    event.occurredAt.getTime(),
    event.kind,
    event.authMode,
    event.userId,
    event.userName,
    event.method,
    event.endpoint,
    event.status,
    event.userAgent,
    event.ip,
    event.clientId,
  ]);
}

function unescapeField(field: string): string | null {
  if (field === '\\N') return null;
  return field.includes('\\') ? field.replace(/\\(.)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c)) : field;
}

function decodeLine(line: string): UsageEventInput | null {
  const fields = line.split('\t').map(unescapeField);
  if (fields.length !== FIELDS) return null;
  const [time, kind, authMode, userId, userName, method, endpoint, status, userAgent, ip, clientId] = fields;
  const occurredAt = new Date(Number(time));
  const statusCode = Number(status);
  if (Number.isNaN(occurredAt.getTime()) || !kind || !KINDS.has(kind) || !authMode || !method || !endpoint || !Number.isInteger(statusCode)) return null;
  return {
    occurredAt,
    kind: kind as UsageKind,
    authMode: authMode as UsageEventInput['authMode'],
    userId,
    userName,
    method,
    endpoint,
    status: statusCode,
    userAgent,
    ip,
    clientId,
  };
}

export interface DecodedSpool {
  events: UsageEventInput[];
  /** Lines that could not be read: a last line cut short by a crash, or damage. */
  skipped: number;
}

/** Only lines ended by a newline count: a crash mid-write leaves at most a torn last line, which is skipped. */
export function decodeSpool(text: string): DecodedSpool {
  const lines = text.split('\n');
  const torn = lines.pop();
  const events: UsageEventInput[] = [];
  let skipped = torn ? 1 : 0;
  for (const line of lines) {
    const event = decodeLine(line);
    if (event) events.push(event);
    else skipped++;
  }
  return { events, skipped };
}

export interface SpooledBatch extends DecodedSpool {
  /** The id of the batch the events were added to: written under it, they are never counted twice. */
  id: string;
}

/**
 * An append-only file per usage batch in a folder of its own, so that a deprecated use answered
 * before a crash (even `kill -9`) is still written to the database at the next start. Events are
 * appended with write(2) once per event-loop turn, and `append` resolves after that write: the
 * response waits for it, and data in the kernel's page cache survives the process (not a power
 * loss: there is no fsync). A segment is deleted once its batch is in the database; segments left
 * by a crash are read back at start and written under their batch's id, which the database
 * remembers (UsageBatchWrite), so a batch written just before the crash is not counted again.
 */
export class UsageSpool {
  private readonly lock: DataDirLock;
  private segment: string | null = null;
  private fd: number | null = null;
  private pending = '';
  private turn: { done: Promise<void>; resolve: () => void } | null = null;

  constructor(
    readonly dir: string,
    private readonly onWriteError: (error: Error) => void,
  ) {
    this.lock = new DataDirLock(dir, (owner) => `The usage spool ${dir} is in use by process ${owner}. Give each server instance its own USAGE_SPOOL_DIR.`);
  }

  /** Takes the folder (one process at a time) and reads the batches a previous process left. */
  open(): SpooledBatch[] {
    mkdirSync(this.dir, { recursive: true });
    this.lock.acquire();
    const left: SpooledBatch[] = [];
    for (const name of readdirSync(this.dir).sort()) {
      const id = SEGMENT_NAME.exec(name)?.[1];
      if (id) left.push({ id, ...decodeSpool(readFileSync(join(this.dir, name), 'utf8')) });
    }
    return left;
  }

  /** Events appended from now on belong to this batch. */
  begin(batchId: string): void {
    this.writePending();
    this.closeSegment();
    this.segment = batchId;
  }

  /** Queues the event for this turn's write; resolves once it is in the file. */
  append(event: UsageEventInput): Promise<void> {
    this.pending += encodeSpoolLine(event);
    if (!this.turn) {
      let resolve!: () => void;
      const done = new Promise<void>((r) => (resolve = r));
      this.turn = { done, resolve };
      setImmediate(this.endTurn);
    }
    return this.turn.done;
  }

  /** The batch is in the database: its events are no longer needed here. */
  remove(batchId: string): void {
    if (batchId === this.segment) this.closeSegment();
    rmSync(this.pathOf(batchId), { force: true });
  }

  /** Writes what is queued and lets the folder go; unwritten batches stay for the next start. */
  close(): void {
    this.endTurn();
    this.closeSegment();
    this.lock.release();
  }

  private readonly endTurn = (): void => {
    this.writePending();
    const turn = this.turn;
    this.turn = null;
    turn?.resolve();
  };

  private writePending(): void {
    if (!this.pending || !this.segment) return;
    const bytes = Buffer.from(this.pending);
    this.pending = '';
    try {
      this.fd ??= openSync(this.pathOf(this.segment), 'a');
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(this.fd, bytes, offset);
    } catch (error) {
      // The events are still in the batch; only their crash safety is lost. Requests are not failed for it.
      this.onWriteError(error as Error);
    }
  }

  private closeSegment(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private pathOf(batchId: string): string {
    return join(this.dir, `${batchId}.events`);
  }
}
