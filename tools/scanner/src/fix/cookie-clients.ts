import type { Node } from 'web-tree-sitter';
import type { Edit } from './edits';
import { commonOrigin, elsewhereNote, firstElsewhere, type Origin } from './same-origin';

/** How a JVM grammar spells a java.net.http client that keeps cookies, and its sends (Java, Kotlin). */
export interface CookieClientGrammar {
  /** The clients built with a cookie handler, by name, each with its declaration. */
  clients(root: Node): Map<string, Node>;
  /** The sends a login statement makes (its own request). */
  loginSends(root: Node, login: Node): Node[];
  /** The client a send goes through. */
  clientName(send: Node): string | undefined;
  /** Every send through the client; undefined when the client is handed on (an argument, a return…). */
  sendsThrough(root: Node, name: string, declaration: Node): Node[] | undefined;
  /** The `build` step of the request chain a send sends, when that chain is in view. */
  buildStep(send: Node): Node | undefined;
  /** The URL of the request a send sends (`newBuilder(url)`, `.uri(url)`), when its chain is in view. */
  requestUrl(send: Node): Node | undefined;
  /** Where a URL expression goes (url-origins.ts). */
  origin(url: Node): Origin | undefined;
}

/**
 * A login sent through a client built with a cookie handler: that client sent the session cookie on every later
 * request; each of them now builds its request with the Authorization header (`.header(…)` before `.build()`).
 * `{ edits: [] }`: no login goes through such a client. Undefined: one does, but a request it sends is not built in
 * view, the client is handed on, or nothing else is sent through it; the login then stays for a person. `note`: a
 * request it sends is not provably to the login's origin (a cookie went only to its own host; the header would go
 * anywhere): the login stays, with that note.
 */
export function cookieClientHeaderEdits(root: Node, logins: Node[], authorization: string, grammar: CookieClientGrammar): { edits: Edit[] } | { note: string } | undefined {
  const clients = grammar.clients(root);
  const loginCalls = logins.flatMap((login) => grammar.loginSends(root, login));
  const used = new Set(loginCalls.map((call) => grammar.clientName(call)).filter((name): name is string => name !== undefined && clients.has(name)));
  if (!used.size) return { edits: [] };
  const edits = new Map<number, Edit>();
  for (const name of used) {
    const declaration = clients.get(name);
    const others = (declaration ? grammar.sendsThrough(root, name, declaration) : undefined)?.filter((send) => !loginCalls.some((call) => call.id === send.id));
    if (!others?.length) return undefined;
    for (const send of others) {
      const build = grammar.buildStep(send);
      if (!build) return undefined;
      edits.set(build.startIndex, { start: build.startIndex, end: build.startIndex, text: `header("Authorization", ${authorization}).` });
    }
    // Each request must go where the login went: the cookie went only to its own host, the header goes anywhere.
    const own = loginCalls.filter((call) => grammar.clientName(call) === name).map((call) => grammar.requestUrl(call));
    const origins = own.map((url) => (url ? grammar.origin(url) : undefined));
    const login = commonOrigin(origins);
    const elsewhere = firstElsewhere(login, others.map((send) => ({ request: send, url: grammar.requestUrl(send) })), grammar.origin);
    if (elsewhere) return { note: elsewhereNote(elsewhere, login, `.header("Authorization", ${authorization}) on each such request`) };
  }
  return { edits: [...edits.values()] };
}
