import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { answerClientError } from './protocol-errors';

/**
 * Writes the parts one after another, `pauseMs` apart, reading nothing until the last one is written
 * (as a client does that sends its whole request before reading), then collects what arrives.
 */
function sendInPartsThenRead(port: number, parts: Buffer[], pauseMs: number): Promise<{ received: string; error?: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let error: string | undefined;
    socket.pause();
    const writeFrom = (index: number): void => {
      if (index === parts.length || socket.destroyed) return void socket.resume();
      socket.write(parts[index] as Buffer, () => setTimeout(() => writeFrom(index + 1), pauseMs));
    };
    socket.on('connect', () => writeFrom(0));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (reason: NodeJS.ErrnoException) => (error = reason.code));
    socket.on('close', () => resolve({ received: Buffer.concat(chunks).toString('latin1'), error }));
  });
}

describe('answerClientError (Node HTTP parser refusals)', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer({ maxHeaderSize: 16 * 1024 }, (_request, response) => response.end('ok'));
    server.on('clientError', answerClientError);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('delivers the 431 to a client still sending its oversized headers, instead of resetting the connection', async () => {
    // The server refuses after the first 16 KB, while the client is still writing: if it closed the
    // connection then, the client's next write would fail and end the connection with the answer unread.
    const head = Buffer.from(`GET / HTTP/1.1\r\nHost: x\r\nCookie: x=${'a'.repeat(64 * 1024)}`);
    const { received, error } = await sendInPartsThenRead(port, [head, Buffer.from('a'.repeat(64 * 1024)), Buffer.from('\r\n\r\n')], 100);
    expect({ status: received.split('\r\n')[0], error }).toEqual({ status: 'HTTP/1.1 431 Request Header Fields Too Large', error: undefined });
    expect(received).toContain('"errorMessages":["The request headers are too large."]');
  });

  it('answers a malformed request once, in the envelope, even when more bytes follow', async () => {
    const { received } = await sendInPartsThenRead(port, [Buffer.from('GARBAGE\r\n\r\n'), Buffer.from('x'.repeat(256 * 1024))], 100);
    expect(received.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    expect(received).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  });
});
