/**
 * Where tokenshift's API is, from where the page itself is served: `/dashboard/…` in the built-in mode,
 * `<prefix>/dashboard/…` behind a gateway (GATEWAY_PREFIX). Read from the page's own path, so the server
 * injects nothing (its CSP forbids inline scripts) and one build serves both.
 */
export function apiBaseFor(pathname: string): string {
  const page = /^(.*)\/dashboard\/(?:tokens\/)?(?:index\.html)?$/.exec(pathname);
  return `${page?.[1] ?? ''}/rest/tokenshift/1`;
}
