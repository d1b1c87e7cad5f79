import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { ErrorCollection } from './jira-schemas';

/** The 401 of a public Jira resource: it serves anonymous callers only with ANONYMOUS_ISSUE_ACCESS. */
export const ANONYMOUS_ACCESS_OFF: [number, string] = [401, 'Not authenticated (and anonymous access is off)'];

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad input: what is wrong is in `errorMessages`, and by field in `errors`',
  401: 'Not authenticated: no credentials, or wrong ones',
  403: 'Not allowed',
  404: 'Not found, or not visible to the caller',
  409: 'Conflict',
};

/**
 * 4xx answers of an operation, each with Jira's error envelope: a status alone takes the usual
 * description, `[status, description]` says what that status means here.
 */
export function ApiJiraErrors(...errors: (number | [number, string])[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorCollection),
    ...errors.map((error) => {
      const [status, description] = typeof error === 'number' ? [error, ERROR_DESCRIPTIONS[error] ?? 'Refused'] : error;
      return ApiResponse({ status, description, type: ErrorCollection });
    }),
  );
}


/**
 * The `maxResults` and `startAt` query parameters of a paged list. Listed in the order stacked
 * decorators apply (bottom-up), so the document lists `maxResults` first, as before.
 */
export function ApiPageQueries(): MethodDecorator {
  return applyDecorators(
    ApiQuery({ name: 'startAt', required: false, schema: { type: 'integer', minimum: 0, default: 0 }, description: 'Index of the first item to return' }),
    ApiQuery({ name: 'maxResults', required: false, schema: { type: 'integer', minimum: 0 }, description: 'Most items to return' }),
  );
}
