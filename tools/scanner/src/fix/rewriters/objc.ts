import type { Node } from 'web-tree-sitter';
import { descendants, replaceNode, type Edit, type FixOptions, type RewriteResult } from '../edits';

const COOKIE = /^@"cookie"$/i;

/** The Authorization value as an Objective-C expression reading the process environment on each request. */
export function objcAuthorization(options: FixOptions): string {
  const env = (name: string): string => `NSProcessInfo.processInfo.environment[@"${name}"]`;
  if (options.bearer) return `[@"Bearer " stringByAppendingString:${env(options.tokenVar)}]`;
  const credentials = `[NSString stringWithFormat:@"%@:%@", ${env(options.emailVar)}, ${env(options.tokenVar)}]`;
  return `[@"Basic " stringByAppendingString:[[${credentials} dataUsingEncoding:NSUTF8StringEncoding] base64EncodedStringWithOptions:0]]`;
}

/**
 * Objective-C (NSURLSession, AFNetworking): the session cookie handed on as a header — `[request setValue:…
 * forHTTPHeaderField:@"Cookie"]` (or `addValue:`, on a request or a request serializer) and `@"Cookie": …` in a
 * headers dictionary — sends Authorization from the environment instead. A login (an NSURLSession task whose
 * cookie NSHTTPCookieStorage keeps by itself) is left to a person, with the scan's note.
 */
export function rewriteObjc(_source: string, root: Node, options: FixOptions): RewriteResult {
  const authorization = objcAuthorization(options);
  const edits: Edit[] = [];
  for (const message of descendants(root, 'message_expression')) {
    const [, selector, value, field, name] = message.namedChildren;
    if (!/^(setValue|addValue)$/.test(selector?.text ?? '') || field?.text !== 'forHTTPHeaderField' || !value || !name || !COOKIE.test(name.text)) continue;
    edits.push(replaceNode(value, authorization), replaceNode(name, '@"Authorization"'));
  }
  for (const pair of descendants(root, 'dictionary_pair')) {
    const [key] = pair.namedChildren;
    if (key && COOKIE.test(key.text)) edits.push(replaceNode(pair, `@"Authorization": ${authorization}`));
  }
  return { edits, notes: [] };
}
