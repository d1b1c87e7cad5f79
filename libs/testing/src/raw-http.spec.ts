import { once } from 'node:events';
import { createServer, Server } from 'node:net';
import { rawHttpRequest } from './raw-http';

/** A TCP server that answers every connection with fixed bytes once it has seen the request head. */
async function cannedServer(answer: string, options: { closeWithoutReading?: boolean } = {}): Promise<{ url: string; received: () => string; server: Server }> {
  let received = '';
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (!received.includes('\r\n\r\n')) return;
      socket.write(answer);
      if (options.closeWithoutReading) socket.destroy();
      else socket.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, received: () => received, server };
}

describe('rawHttpRequest', () => {
  it('sends the request byte for byte, CR and all, and parses a chunked answer', async () => {
    const { url, received, server } = await cannedServer('HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\nX-A: 2\r\n\r\n3\r\n{"a\r\n2\r\n":\r\n2\r\n1}\r\n0\r\n\r\n');
    try {
      const response = await rawHttpRequest(url, { method: 'GET', path: '/x', headers: [['Authorization', 'Bearer a\rb']] });
      expect(response).toEqual({ status: 400, headers: expect.objectContaining({ 'x-a': '1, 2' }), body: '{"a":1}' });
      expect(received()).toContain('Authorization: Bearer a\rb\r\n');
      expect(received()).toContain('Connection: close\r\n');
    } finally {
      server.close();
    }
  });

  it('reads the answer of a server that refuses a large body and closes without reading it', async () => {
    const answer = 'HTTP/1.1 413 Payload Too Large\r\nContent-Length: 2\r\n\r\n{}';
    const { url, server } = await cannedServer(answer, { closeWithoutReading: true });
    try {
      const response = await rawHttpRequest(url, { method: 'POST', path: '/x', body: Buffer.alloc(10_000_000) });
      expect(response).toEqual({ status: 413, headers: { 'content-length': '2' }, body: '{}' });
    } finally {
      server.close();
    }
  });
});
