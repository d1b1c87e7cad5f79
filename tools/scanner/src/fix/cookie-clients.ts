import type { Node } from 'web-tree-sitter';
import type { Edit } from './edits';

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
}

/**
 * A login sent through a client built with a cookie handler: that client sent the session cookie on every later
 * request; each of them now builds its request with the Authorization header (`.header(…)` before `.build()`).
 * `{ edits: [] }`: no login goes through such a client. Undefined: one does, but a request it sends is not built in
 * view, the client is handed on, or nothing else is sent through it; the login then stays for a person.
 */
export function cookieClientHeaderEdits(root: Node, logins: Node[], authorization: string, grammar: CookieClientGrammar): { edits: Edit[] } | undefined {
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
  }
  return { edits: [...edits.values()] };
}
