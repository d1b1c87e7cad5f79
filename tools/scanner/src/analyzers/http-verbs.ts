/** What each verb does on the session resource, for messages. */
const VERB_MEANING: Record<string, string> = { POST: 'log in', GET: 'current session', DELETE: 'log out', PUT: 'session', PATCH: 'session' };

export function describeVerb(verb: string | undefined): string | undefined {
  return verb ? `${verb} (${VERB_MEANING[verb] ?? 'session'})` : undefined;
}

/** The HTTP verb of a call, from its function name (`post`, `PostAsync`, `postForObject`) or its arguments (`method: 'POST'`, `-X POST`). */
export function verbOfCall(calleeText: string, callText: string): string | undefined {
  // `axios.post`, `PostAsync`, `getForObject`, and Apache HttpClient's `new HttpDelete(url)`.
  const name = /(?:^|[.:>\s]|Http)(post|get|delete|put|patch)(?:[A-Z_]\w*|Async)?\s*$/i.exec(calleeText);
  if (name?.[1]) return name[1].toUpperCase();
  const head = callText.slice(0, 600);
  // `method: 'DELETE'`, `method: :delete`, `-X DELETE`, `--request=DELETE`, `wget --method=DELETE`, `-Method Delete`, `http.MethodDelete`, `HttpMethod.Delete`.
  const explicit =
    /(?:method\s*[:=]>?\s*|-X\s*|--request[=\s]+|--method[=\s]+|-Method\s+|Method\.|HttpMethod\.|methods\.|http\.Method)['":]?(POST|GET|DELETE|PUT|PATCH)\b/i.exec(head) ??
    /["'](POST|GET|DELETE|PUT|PATCH)["']/.exec(head) ??
    // A symbol as the first argument: Ruby's `make_request(:post, url, body)`, `request :delete, url`.
    /^[\w.:>$@]*(?:\(\s*|\s+):(post|get|delete|put|patch)\b/i.exec(head);
  if (explicit?.[1]) return explicit[1].toUpperCase();
  // A body makes curl and wget POST (`curl -G`/`--get` sends it as the query instead).
  if (/(?:^|\s)(?:-G|--get)\b/.test(head) && /^\s*curl\b/.test(head)) return 'GET';
  if (/(?:^|\s)(?:-d|--data(?:-raw|-binary|-ascii|-urlencode)?|--json|-F|--form|--post-data|--post-file)\b/.test(head)) return 'POST';
  // What these send when no method is named.
  if (/^\s*(?:curl|wget)\b/.test(head) || /(?:^|\.)fetch\s*$/.test(calleeText)) return 'GET';
  return undefined;
}
