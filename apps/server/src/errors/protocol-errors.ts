import { jiraErrorBody } from '@tokenshift/shared';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Errors answered before a request reaches Nest, so they bypass the exception filter; without these
 * handlers Node and Fastify answer them in their own JSON shape instead of Jira's envelope.
 */

const CLIENT_ERRORS: Record<string, { status: number; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, message: 'The request headers are too large.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: 'The request took too long to arrive.' },
};
const MALFORMED_REQUEST = { status: 400, message: 'The request is not valid HTTP.' };

/** How long a refused connection is still read (and discarded) after its answer, at most. */
const LINGER_MS = 5_000;
const answeredSockets = new WeakSet<Socket>();

/**
 * Node's HTTP parser refused the request (malformed request line or header, CR/LF or NUL in a
 * header, headers over the size limit): there is no request object, only the socket to write to.
 *
 * The socket is not destroyed at once: the client may still be writing the rest of its request, and
 * closing with unread bytes makes the kernel reset the connection, so the client's next write fails
 * and the answer is lost unread. The answer is followed by a half-close instead (a lingering close,
 * RFC 9112, 9.6), and what still arrives is discarded until the client closes or LINGER_MS pass.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // Node keeps feeding what still arrives to the parser that failed, which reports each new chunk
  // as another error: the socket has been answered once and is lingering.
  if (error.code === 'ECONNRESET' || socket.destroyed || answeredSockets.has(socket)) return;
  answeredSockets.add(socket);
  if (!socket.writable) return void socket.destroy();
  const { status, message } = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED_REQUEST;
  const body = JSON.stringify(jiraErrorBody(message));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json;charset=UTF-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

const FRAMEWORK_ERROR_MESSAGES: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is not valid: it has a malformed percent-encoding.',
  FST_ERR_MAX_PARAM_LENGTH: 'A part of the URL is too long.',
};

/** Fastify's router refused the URL (bad percent-encoding, a path parameter over its length limit). */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void reply
    .code(status)
    .type('application/json;charset=UTF-8')
    .send(jiraErrorBody(FRAMEWORK_ERROR_MESSAGES[error.code] ?? 'The request is not valid.'));
}
