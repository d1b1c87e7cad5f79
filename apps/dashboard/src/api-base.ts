/**
 * Where tokenshift is, from where the page itself is served: `/dashboard/…` in the built-in mode,
 * `<prefix>/dashboard/…` behind a gateway (GATEWAY_PREFIX). Read from the page's own path, so the server
 * injects nothing (its CSP forbids inline scripts) and one build serves both.
 */
export function prefixFor(pathname: string): string {
  const page = /^(.*)\/dashboard\/(?:(?:tokens|migration)\/)?(?:index\.html)?$/.exec(pathname);
  return page?.[1] ?? '';
}

/** tokenshift's API: `/rest/tokenshift/1`, under the gateway prefix in gateway mode. */
export function apiBaseFor(pathname: string): string {
  return `${prefixFor(pathname)}/rest/tokenshift/1`;
}

/**
 * The line that tries a new token where it works. In the built-in mode tokenshift is the Jira, so Jira's
 * `myself`; behind a gateway the Jira is the upstream, which knows nothing of tokenshift's tokens, so
 * tokenshift's own list of the caller's tokens under the prefix.
 */
export function tryTokenCurl(origin: string, pathname: string, email: string, token: string): string {
  const prefix = prefixFor(pathname);
  const url = prefix ? `${origin}${apiBaseFor(pathname)}/tokens` : `${origin}/rest/api/2/myself`;
  return `curl -u ${email}:${token} ${url}`;
}
