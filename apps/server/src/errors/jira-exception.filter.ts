import { ArgumentsHost, Catch, ExceptionFilter, Inject, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfig } from '../config/app-config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { JiraErrorResponse, toJiraError } from './to-jira-error';

export function sendJiraError(reply: FastifyReply, error: JiraErrorResponse, logger: Logger): void {
  if (error.internal) {
    const internal = error.internal as Error;
    logger.error(`errorId=${error.body.errorId} ${internal?.name ?? 'Error'}: ${internal?.message}`, internal?.stack);
  }
  void reply.status(error.status).headers(error.headers).type('application/json;charset=UTF-8').send(error.body);
}

/**
 * A script in a page (the dashboard) marks its requests `X-Requested-With: XMLHttpRequest`: a Basic
 * challenge would make the browser pop up its own password dialog instead of the page's sign-in form.
 */
function isScriptInBrowser(request: FastifyRequest): boolean {
  return request.headers['x-requested-with'] === 'XMLHttpRequest';
}

/**
 * The one place errors become responses: Jira's envelope, for every route. Every 401 tells the
 * client how to authenticate (`WWW-Authenticate: Basic realm=…`) unless it already says otherwise
 * (the login resource's `JIRA REST POST`).
 */
@Catch()
export class JiraExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  private readonly challenge: string;

  constructor(@Inject(ConfigService) config: ConfigService<AppConfig, true>) {
    this.challenge = `Basic realm="${config.get('auth', { infer: true }).realm}"`;
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const error = toJiraError(exception);
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    if (error.status === 401 && !isScriptInBrowser(request) && !Object.keys(error.headers).some((name) => name.toLowerCase() === 'www-authenticate')) {
      error.headers = { ...error.headers, 'WWW-Authenticate': this.challenge };
    }
    sendJiraError(host.switchToHttp().getResponse<FastifyReply>(), error, this.logger);
  }
}
