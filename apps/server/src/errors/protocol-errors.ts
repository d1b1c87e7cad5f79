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

/**
 * Node's HTTP parser refused the request (malformed request line or header, CR/LF or NUL in a
 * header, headers over the size limit): there is no request object, only the socket to write to.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, message } = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED_REQUEST;
  const body = JSON.stringify(jiraErrorBody(message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json;charset=UTF-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
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
