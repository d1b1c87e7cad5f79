import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Level } from 'pino';
import { createLogger } from './create-logger';
import { deferredChildLogger } from './deferred-child-logger';
import { RequestLogController } from './request-log.controller';

/** A Fastify app on the real process logger (captured), with request loggers made by `deferredChildLogger`. */
async function appLoggingAt(level: Level) {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level, format: 'json', sessionCookieName: 'JSESSIONID' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  let id = 0;
  const app = Fastify({ loggerInstance: log as FastifyBaseLogger, logController: new RequestLogController('x-tokenshift-client'), genReqId: () => `req-${++id}` });
  app.setChildLoggerFactory(deferredChildLogger);
  app.get('/quiet', async () => ({ ok: true }));
  app.get('/chatty', async (request) => {
    request.log.debug('debug line');
    request.log.warn({ headers: { authorization: 'Basic c2VjcmV0' } }, 'warn line');
    return { ok: true };
  });
  await app.ready();
  // Counted from here: Fastify makes one child of its own at start-up.
  const children = jest.spyOn(log, 'child');
  return { app, lines, children };
}

describe('deferredChildLogger', () => {
  it('makes no pino child for a request that writes no line at the level set', async () => {
    const { app, lines, children } = await appLoggingAt('warn');
    for (let i = 0; i < 5; i++) expect((await app.inject('/quiet')).statusCode).toBe(200);
    expect(lines).toEqual([]);
    expect(children).not.toHaveBeenCalled();
    await app.close();
  });

  it("writes a request's lines at enabled levels with its request id and the redaction, and drops the others", async () => {
    const { app, lines } = await appLoggingAt('warn');
    await app.inject('/chatty');
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', msg: 'warn line', requestId: 'req-1', headers: { authorization: '[redacted]' } })]);
    await app.close();
  });

  it("keeps the request line (at info) with the request's id", async () => {
    const { app, lines } = await appLoggingAt('info');
    await app.inject('/chatty');
    expect(lines.map((line) => [line['msg'], line['requestId']])).toEqual([
      ['warn line', 'req-1'],
      ['GET /chatty 200', 'req-1'],
    ]);
    await app.close();
  });
});
