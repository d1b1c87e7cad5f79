import type { OpenAPIObject } from '@nestjs/swagger';
import { REQUIRED_SCOPE_EXTENSION } from '@tokenshift/auth-core';

type PathItemObject = OpenAPIObject['paths'][string];
type OperationObject = NonNullable<PathItemObject['get']>;
type SecurityRequirementObject = NonNullable<OpenAPIObject['security']>[number];

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** `/rest/api/latest/x` → `/rest/api/2/x`, `/rest/auth/latest/session` → `/rest/auth/1/session`. */
const ALIASES: [RegExp, string][] = [
  [/^\/rest\/api\/latest\//, '/rest/api/2/'],
  [/^\/rest\/auth\/latest\//, '/rest/auth/1/'],
];

function operationsOf(item: PathItemObject): [string, OperationObject][] {
  return METHODS.flatMap((method) => (item[method] ? [[method, item[method]] as [string, OperationObject]] : []));
}

function appendDescription(operation: OperationObject, text: string): void {
  operation.description = operation.description ? `${operation.description}\n\n${text}` : text;
}

/**
 * Each resource served at `latest` as well is documented once, at its versioned path, with the alias
 * named in its description: documenting both would repeat every operation and its operationId.
 */
function foldLatestAliases(document: OpenAPIObject): void {
  for (const path of Object.keys(document.paths)) {
    const alias = ALIASES.find(([pattern]) => pattern.test(path));
    if (!alias) continue;
    const canonical = document.paths[path.replace(alias[0], alias[1])];
    if (canonical) {
      for (const [method, operation] of operationsOf(canonical)) appendDescription(operation, `Also served at \`${method.toUpperCase()} ${path}\`.`);
      delete document.paths[path];
    }
  }
}

function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorCollection' } } } };
}

/** The operation needs credentials when its security (its own, else the document's) has no empty requirement. */
function needsCredentials(operation: OperationObject, defaults: SecurityRequirementObject[]): boolean {
  const security = operation.security ?? defaults;
  return security.length > 0 && security.every((requirement) => Object.keys(requirement).length > 0);
}

/**
 * What holds for every operation and is added here rather than repeated on each: a 401 and a 403
 * wherever credentials are required (the global guard answers them, in Jira's envelope; the 403 names
 * the token scope, `read` unless @RequiresScope says otherwise), and the removal date
 * on each deprecated operation (the configured sunset).
 */
export function finishDocument(document: OpenAPIObject, options: { sunset: Date }): void {
  foldLatestAliases(document);
  const sunset = options.sunset.toISOString().slice(0, 10);
  for (const item of Object.values(document.paths)) {
    for (const [, operation] of operationsOf(item)) {
      // Said on each operation too, not only as the document's default: some tools read only the operation's.
      operation.security ??= document.security;
      if (needsCredentials(operation, document.security ?? [])) {
        operation.responses['401'] ??= errorResponse('Not authenticated: no credentials, or wrong ones');
        const scope = (operation as unknown as Record<string, unknown>)[REQUIRED_SCOPE_EXTENSION] ?? 'read';
        operation.responses['403'] ??= errorResponse(`Not allowed: an API token needs the \`${scope}\` scope`);
      }
      if (operation.deprecated) appendDescription(operation, `**Deprecated**: removal date (sunset) ${sunset}.`);
    }
  }
}
