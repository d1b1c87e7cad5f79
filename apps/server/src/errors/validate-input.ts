import { ValidationPipe } from '@nestjs/common';
import { problemWithRequestValue } from './request-values';
import { JiraHttpException } from '@tokenshift/shared/nest';

/** The validation every request body and query goes through; the CLI validates its input with the same pipe. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({ transform: true, forbidUnknownValues: true, stopAtFirstError: true });
}

const pipe = createValidationPipe();

/**
 * Validates a value against a request DTO exactly as the API validates that body, and returns the
 * DTO instance; throws what the API would answer (a 400 with the same messages).
 */
export async function validateInput<T extends object>(metatype: new () => T, value: Record<string, unknown>): Promise<T> {
  const problem = problemWithRequestValue(value);
  if (problem) throw new JiraHttpException(400, problem);
  return (await pipe.transform(value, { type: 'body', metatype })) as T;
}
