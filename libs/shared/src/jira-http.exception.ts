import { HttpException } from '@nestjs/common';
import { jiraErrorBody } from './jira-error';

/** An error answered in Jira's envelope, with optional extra response headers. */
export class JiraHttpException extends HttpException {
  constructor(
    status: number,
    messages: string | string[],
    readonly headers: Record<string, string> = {},
    errors: Record<string, string> = {},
  ) {
    super(jiraErrorBody(messages, errors), status);
    const all = [...(Array.isArray(messages) ? messages : [messages]), ...Object.entries(errors).map(([field, text]) => `${field}: ${text}`)];
    this.message = all.join('; ') || `HTTP ${status}`;
  }
}
