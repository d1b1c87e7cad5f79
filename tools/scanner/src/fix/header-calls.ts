import type { Node } from 'web-tree-sitter';
import type { Edit, FixOptions } from './edits';

/**
 * `x.header("Cookie", value)` (Java, C#, Groovy: a header name and its value as the call's two arguments): the edit that
 * sends `authorization` as the Authorization header instead; undefined when the call sets another header.
 */
export function cookieHeaderEdit(args: Node[], authorization: string): Edit | undefined {
  const [name, value] = args;
  if (args.length !== 2 || !name || !isCookieHeaderName(name) || !value) return undefined;
  return { start: name.startIndex, end: value.endIndex, text: `"Authorization", ${authorization}` };
}

/** `"Cookie"`, or a library's constant for it: Spring's `HttpHeaders.COOKIE`, Ktor's `HttpHeaders.Cookie`, Netty's `HttpHeaderNames.COOKIE`. */
export function isCookieHeaderName(name: Node): boolean {
  if (/^(string_literal|string|interpreted_string_literal)$/.test(name.type)) return /^(["'])cookie\1$/i.test(name.text);
  return /^(field_access|member_access_expression|member_expression|navigation_expression|scoped_identifier)$/.test(name.type) && /^[\w.]*Header\w*\.(COOKIE|Cookie)$/.test(name.text);
}

/** okhttp `.header/.addHeader`, Apache `setHeader/addHeader`, `set/addRequestProperty`, Spring's and Ktor's `HttpHeaders.add/set`. */
export const JVM_HEADER_METHODS = new Set(['header', 'addHeader', 'setHeader', 'setRequestProperty', 'addRequestProperty', 'add', 'set']);

/**
 * The Authorization value as a JVM expression reading the token from the environment; `base64` turns the
 * `email:token` expression into Base64 in the file's language (Java, Kotlin and Groovy differ only there).
 */
export function jvmAuthorizationValue(options: FixOptions, base64: (credentials: string) => string): string {
  if (options.bearer) return `"Bearer " + System.getenv("${options.tokenVar}")`;
  return `"Basic " + ${base64(`(System.getenv("${options.emailVar}") + ":" + System.getenv("${options.tokenVar}"))`)}`;
}

/**
 * A client builder's cookie store (`HttpClients.custom().setDefaultCookieStore(store)`, okhttp's `.cookieJar(jar)`):
 * the client then sends the Authorization header on every request instead. `java`: the file's imports say Apache
 * HttpClient 5 (`org.apache.hc`) or 4; `interceptor` writes okhttp's `addInterceptor` step around the body in the file's language.
 */
export function cookieStoreStep(name: string, httpClient5: boolean, authorization: string, interceptor: (body: string) => string): string | undefined {
  if (name === 'setDefaultCookieStore') {
    const header = httpClient5 ? 'org.apache.hc.core5.http.message.BasicHeader' : 'org.apache.http.message.BasicHeader';
    return `setDefaultHeaders(java.util.List.of(new ${header}("Authorization", ${authorization})))`;
  }
  if (name === 'cookieJar') return interceptor(`chain.proceed(chain.request().newBuilder().header("Authorization", ${authorization}).build())`);
  return undefined;
}
