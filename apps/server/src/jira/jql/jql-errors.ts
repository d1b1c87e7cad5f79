import { JqlError, JqlFunctionCall } from './jql-parser';

/** Jira's 400 for an operator a field does not take (`status > Done`, `project ~ x`). */
export function unsupportedOperator(op: string, field: string): JqlError {
  return new JqlError(`The operator '${op}' is not supported by the '${field}' field.`);
}

/** The functions tokenshift knows, by lower-case name. */
const KNOWN_FUNCTIONS = new Set(['currentuser', 'now', 'startofday', 'endofday', 'startofweek', 'endofweek', 'startofmonth', 'endofmonth', 'startofyear', 'endofyear']);

/** Jira's 400 for a function it does not know, or one that gives no value the field takes (`created = currentUser()`). */
export function unsupportedFunction(call: JqlFunctionCall, field: string): JqlError {
  if (!KNOWN_FUNCTIONS.has(call.fn)) return new JqlError(`Unable to find JQL function '${call.name}()'.`);
  return new JqlError(`A value provided by the function '${call.name}' is invalid for the field '${field}'.`);
}
