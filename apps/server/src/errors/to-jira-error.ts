import { HttpException, HttpStatus } from '@nestjs/common';
import { isDatabaseUnavailable, isStatementTimeout, isUniqueViolation, Prisma } from '@tokenshift/db';
import { JiraErrorBody, jiraErrorBody } from '@tokenshift/shared';
import { randomUUID } from 'node:crypto';
import { JiraHttpException } from '@tokenshift/shared/nest';

export interface JiraErrorResponse {
  status: number;
  body: JiraErrorBody & { errorId?: string };
  headers: Record<string, string>;
  /** Set for 5xx: the error to log under `body.errorId`. */
  internal?: unknown;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'The request is not valid.',
  404: 'Not found.',
  405: 'Method not allowed.',
  413: 'The request body is too large.',
  415: 'Unsupported content type.',
};

function isJiraBody(value: unknown): value is JiraErrorBody {
  return typeof value === 'object' && value !== null && Array.isArray((value as JiraErrorBody).errorMessages);
}

/** Fastify's own errors (bad JSON, body too large, wrong content type) carry a 4xx statusCode. */
function fastifyClientError(error: unknown): { statusCode: number; message: string } | null {
  const candidate = error as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof candidate?.statusCode === 'number' && candidate.statusCode >= 400 && candidate.statusCode < 500) {
    const code = typeof candidate.code === 'string' ? candidate.code : '';
    const message =
      code === 'FST_ERR_CTP_INVALID_JSON' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? 'The request body is not valid JSON.'
        : (STATUS_TEXT[candidate.statusCode] ?? String(candidate.message ?? 'Bad request.'));
    return { statusCode: candidate.statusCode, message };
  }
  return null;
}

/**
 * Maps anything thrown while serving a request to Jira's `{"errorMessages":[],"errors":{}}`.
 * Client errors keep their message; anything unexpected becomes a 500 with only an errorId,
 * so no stack trace or internal detail reaches the client.
 */
export function toJiraError(error: unknown): JiraErrorResponse {
  if (error instanceof JiraHttpException) {
    return { status: error.getStatus(), body: error.getResponse() as JiraErrorBody, headers: error.headers };
  }
  if (error instanceof HttpException) {
    const response = error.getResponse();
    if (isJiraBody(response)) return { status: error.getStatus(), body: response, headers: {} };
    const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const messages = Array.isArray(raw) ? raw.map(String) : [String(raw ?? error.message)];
    return { status: error.getStatus(), body: jiraErrorBody(messages), headers: {} };
  }
  // PostgreSQL's adapter reports a unique violation as P2002, the embedded database's as a bare 23505.
  if (isUniqueViolation(error)) return { status: HttpStatus.CONFLICT, body: jiraErrorBody('That value is already in use.'), headers: {} };
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') {
    return { status: HttpStatus.NOT_FOUND, body: jiraErrorBody('Not found.'), headers: {} };
  }
  const clientError = fastifyClientError(error);
  if (clientError) return { status: clientError.statusCode, body: jiraErrorBody(clientError.message), headers: {} };

  const errorId = randomUUID();
  if (isStatementTimeout(error)) {
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      body: { ...jiraErrorBody('The request took too long and was cancelled. Try again shortly, or narrow the search.'), errorId },
      headers: { 'Retry-After': '5' },
      internal: error,
    };
  }
  const unavailable = isDatabaseUnavailable(error);
  return {
    status: unavailable ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR,
    body: {
      ...jiraErrorBody(unavailable ? 'The service is temporarily unavailable. Try again shortly.' : `Internal server error (errorId ${errorId}).`),
      errorId,
    },
    headers: unavailable ? { 'Retry-After': '5' } : {},
    internal: error,
  };
}
