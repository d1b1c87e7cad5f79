import { connect } from 'node:net';

export interface RawHttpResponse {
  status: number;
  /** Header names in lower case; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: string;
}

export interface RawHttpRequest {
  method: string;
  /** Sent as is: no encoding, no validation. */
  path: string;
  /** Sent as is, in order: a value may hold CR, LF or NUL (fetch refuses those). */
  headers?: Array<[string, string]>;
  body?: string | Buffer;
  /** Adds `Content-Length` for the body (default true); false for chunked or deliberately missing lengths. */
  contentLength?: boolean;
}

/**
 * One HTTP/1.1 request on its own TCP connection, written byte for byte as given (`Host` and
 * `Connection: close` are added first). For requests fetch will not send: CR/LF or NUL in headers,
 * headers too large, bodies the server refuses before reading. Write errors are ignored, because a
 * server may answer (413, 431) and close before it has read the whole request; the answer is what
 * it wrote before closing.
 */
export function rawHttpRequest(baseUrl: string, request: RawHttpRequest, timeoutMs = 15_000): Promise<RawHttpResponse> {
  const { hostname, port } = new URL(baseUrl);
  const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
  const lines = [`${request.method} ${request.path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close'];
  for (const [name, value] of request.headers ?? []) lines.push(`${name}: ${value}`);
  if (body && request.contentLength !== false) lines.push(`Content-Length: ${body.length}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8');
  return rawHttpExchange(baseUrl, body ? Buffer.concat([head, body]) : head, timeoutMs);
}

const WRITE_CHUNK_BYTES = 64 * 1024;
const LARGE_BODY_BYTES = 1024 * 1024;
const HEAD_PAUSE_MS = 50;

/**
 * Writes the given bytes on a new connection and parses what the server answers before closing it.
 * The bytes go out in chunks, and writing stops once the server has answered: a server refusing a
 * large body answers and closes without reading it, and a write into the closed connection would
 * end the socket before the answer is read.
 */
export function rawHttpExchange(baseUrl: string, bytes: Buffer, timeoutMs = 15_000): Promise<RawHttpResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${timeoutMs} ms; got ${JSON.stringify(Buffer.concat(chunks).toString('latin1').slice(0, 200))}`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined); // EPIPE/ECONNRESET after the server answered and closed
    socket.on('close', () => {
      clearTimeout(timer);
      const received = Buffer.concat(chunks);
      try {
        resolve(parseResponse(received));
      } catch (error) {
        reject(error);
      }
    });
    const answered = () => chunks.length > 0 || socket.destroyed;
    // Between writes, setImmediate lets the event loop read an answer that has arrived meanwhile.
    const writeFrom = (offset: number): void => {
      if (offset >= bytes.length || answered()) return;
      socket.write(bytes.subarray(offset, offset + WRITE_CHUNK_BYTES), () => setImmediate(() => writeFrom(offset + WRITE_CHUNK_BYTES)));
    };
    socket.on('connect', () => {
      // Before a large body, the head alone and a pause, as curl waits after `Expect: 100-continue`: a
      // server that refuses on the headers (a declared length over its limit) answers before the body.
      const headEnd = bytes.indexOf('\r\n\r\n') + 4;
      if (headEnd < 4 || bytes.length - headEnd < LARGE_BODY_BYTES) return writeFrom(0);
      socket.write(bytes.subarray(0, headEnd));
      setTimeout(() => writeFrom(headEnd), HEAD_PAUSE_MS);
    });
  });
}

function parseResponse(received: Buffer): RawHttpResponse {
  const text = received.toString('utf8');
  const headEnd = text.indexOf('\r\n\r\n');
  const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  if (headEnd < 0 || !statusLine) throw new Error(`not an HTTP response: ${JSON.stringify(text.slice(0, 200))}`);
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, headEnd).split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const rest = received.subarray(Buffer.byteLength(text.slice(0, headEnd + 4)));
  const body = headers['transfer-encoding']?.includes('chunked') ? decodeChunked(rest) : rest;
  const length = headers['content-length'] === undefined ? body.length : Number(headers['content-length']);
  return { status: Number(statusLine[1]), headers, body: body.subarray(0, length).toString('utf8') };
}

function decodeChunked(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!size) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
