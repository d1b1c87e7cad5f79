
/** The `method` label of any method outside {@link KNOWN_METHODS} (WebDAV's PROPFIND, MKCOL, …). */
export const OTHER_METHOD = 'other';

export const KNOWN_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Label values come only from our own route table (`routeOf`) and fixed sets, never from the request
 * line: each distinct value is a series held in memory for the life of the process, so a caller who
 * could choose them could grow `/metrics` without bound.
 */
export function methodLabel(method: string): string {
  return KNOWN_METHODS.has(method) ? method : OTHER_METHOD;
}
