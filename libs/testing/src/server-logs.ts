import type { RunningServer } from './server-process';

/** One line of a server's JSON log (LOG_FORMAT=json, as every test server writes). */
export type LogLine = Record<string, unknown> & { context?: string; level: string; msg: string };

/** Every log line the server wrote, parsed. */
export function logLines(server: RunningServer): LogLine[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

/** The request lines of one client: written once the response is finished, so polled for. */
export async function requestLinesOf(server: RunningServer, client: string): Promise<LogLine[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const lines = logLines(server).filter((line) => line.context === 'HTTP' && line['client'] === client);
    if (lines.length || Date.now() > deadline) return lines;
    await new Promise((r) => setTimeout(r, 50));
  }
}
