import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { JiraErrorResponse, toJiraError } from './to-jira-error';

export function sendJiraError(reply: FastifyReply, error: JiraErrorResponse, logger: Logger): void {
  if (error.internal) {
    const internal = error.internal as Error;
    logger.error(`errorId=${error.body.errorId} ${internal?.name ?? 'Error'}: ${internal?.message}`, internal?.stack);
  }
  void reply.status(error.status).headers(error.headers).type('application/json;charset=UTF-8').send(error.body);
}

/** The one place errors become responses: Jira's envelope, for every route. */
@Catch()
export class JiraExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    sendJiraError(host.switchToHttp().getResponse<FastifyReply>(), toJiraError(exception), this.logger);
  }
}
