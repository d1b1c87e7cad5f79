import type { Node } from 'web-tree-sitter';
import { descendants, replaceNode, type Edit, type FixOptions, type RewriteResult } from '../edits';

const COOKIE = /^"cookie"$/i;

/** The Authorization value as a Swift expression reading the environment on each request. */
export function swiftAuthorization(options: FixOptions): string {
  const env = (name: string): string => `ProcessInfo.processInfo.environment["${name}"] ?? ""`;
  if (options.bearer) return `"Bearer \\(${env(options.tokenVar)})"`;
  return `"Basic " + Data("\\(${env(options.emailVar)}):\\(${env(options.tokenVar)})".utf8).base64EncodedString()`;
}

/** A call's arguments by label (`forHTTPHeaderField:`, `name:`), the unlabelled ones under their position. */
function argumentsOf(call: Node): Map<string, Node> {
  const args = new Map<string, Node>();
  const list = call.namedChildren.find((child) => child?.type === 'call_suffix')?.namedChildren.find((child) => child?.type === 'value_arguments');
  (list?.namedChildren ?? []).forEach((argument, index) => {
    if (argument?.type !== 'value_argument') return;
    const label = argument.namedChildren.find((child) => child?.type === 'value_argument_label');
    const value = argument.namedChildren.filter((child): child is Node => child !== null && child.type !== 'value_argument_label').pop();
    if (value) args.set(label ? label.text : String(index), value);
  });
  return args;
}

function calledName(call: Node): string | undefined {
  const callee = call.namedChildren[0];
  if (callee?.type === 'simple_identifier') return callee.text;
  if (callee?.type !== 'navigation_expression') return undefined;
  return callee.namedChildren.find((child) => child?.type === 'navigation_suffix')?.namedChildren[0]?.text;
}

/**
 * Swift: the session cookie is sent as a header (URLSession keeps a login's cookie by itself, so a header is
 * where code hands it on explicitly): a `"Cookie": …` entry of a headers dictionary, `request.setValue(…,
 * forHTTPHeaderField: "Cookie")` / `addValue`, Alamofire's `HTTPHeader(name: "Cookie", value: …)`, each send
 * Authorization from the environment instead. The login itself (a URLSession task whose answer goes to a
 * completion handler or a decoder) is left to a person, with the scan's note.
 */
export function rewriteSwift(_source: string, root: Node, options: FixOptions): RewriteResult {
  const authorization = swiftAuthorization(options);
  const edits: Edit[] = [];
  for (const dictionary of descendants(root, 'dictionary_literal')) {
    const items = dictionary.namedChildren.filter((child): child is Node => child !== null && !child.type.includes('comment'));
    for (let index = 0; index + 1 < items.length; index += 2) {
      const [key, value] = [items[index] as Node, items[index + 1] as Node];
      if (COOKIE.test(key.text)) edits.push({ start: key.startIndex, end: value.endIndex, text: `"Authorization": ${authorization}` });
    }
  }
  for (const call of descendants(root, 'call_expression')) {
    const name = calledName(call);
    const args = argumentsOf(call);
    const field = args.get('forHTTPHeaderField');
    const value = args.get('0');
    if ((name === 'setValue' || name === 'addValue') && field && value && COOKIE.test(field.text)) {
      edits.push(replaceNode(value, authorization), replaceNode(field, '"Authorization"'));
    }
    const headerName = args.get('name');
    const headerValue = args.get('value');
    if (name === 'HTTPHeader' && headerName && headerValue && COOKIE.test(headerName.text)) {
      edits.push(replaceNode(headerName, '"Authorization"'), replaceNode(headerValue, authorization));
    }
  }
  return { edits, notes: [] };
}
