import { CREDENTIAL_CALLS, CREDENTIAL_HOLDER, SECRET_KEY } from '@tokenshift/shared';
import type { Node } from 'web-tree-sitter';
import { containsSessionCookie, containsSessionPath, UNKNOWN } from '../rules/patterns';
import type { CompiledProfile } from '../syntax/compiled-profile';
import type { StringEvaluator } from '../syntax/evaluate';
import { callParts, lastName, namedChildren } from '../syntax/nodes';
import { descendantsOf } from '../syntax/tree-nodes';
import type { FindingsCollector } from './findings-collector';

const INDEX_READ = /subscript|element_reference|index_expression|element_access|subscript_expression/;

/**
 * Literals in a credential position, to redact wherever they show in this file's evidence: the arguments of a
 * login or auth call, the parts of an auth tuple (`auth=creds`, `s.auth = ('u', 'pw')`) and a value under a password,
 * secret or token key (`"password": JIRA_PW`), followed through the
 * names they are bound to (`pw = "…"` … `AcquireSessionCookie(user, pw)`). The evidence's own line is redacted
 * by text too (libs/shared); this adds the literals written on another line. The session path and cookie names are
 * never taken for secrets (`SESSION_TOKEN = "cloud.session.token"`): the evidence needs them.
 */
export function collectCredentialSecrets(root: Node, profile: CompiledProfile, evaluator: StringEvaluator, collector: FindingsCollector): void {
  const credentialNodes: Node[] = [];
  for (const node of descendantsOf(root, [...profile.calls, ...profile.pairs, ...profile.assignments])) {
    if (profile.calls.has(node.type)) {
      const { name, args } = callParts(node);
      if (CREDENTIAL_CALLS.has(name)) credentialNodes.push(...args);
      continue;
    }
    const children = namedChildren(node);
    const key = node.childForFieldName('key') ?? node.childForFieldName('name') ?? node.childForFieldName('left') ?? children[0];
    const value = node.childForFieldName('value') ?? node.childForFieldName('right') ?? children[children.length - 1];
    const keyName = key && value && key.id !== value.id ? lastName(key.text.replace(/[:=].*$/s, '')) : '';
    if (value && (CREDENTIAL_HOLDER.test(keyName) || SECRET_KEY.test(keyName))) credentialNodes.push(value);
  }
  for (const node of credentialNodes) addLiterals(node, profile, evaluator, collector, 0);
}

function addLiterals(node: Node, profile: CompiledProfile, evaluator: StringEvaluator, collector: FindingsCollector, hops: number): void {
  if (hops > 3) return;
  if (profile.strings.has(node.type)) {
    const value = evaluator.value(node);
    if (!value.includes(UNKNOWN) && value.trim().length >= 3 && !containsSessionPath(value) && !containsSessionCookie(value)) collector.secrets.add(value);
    return;
  }
  // What a call or an index read returns is not written here (`os.Getenv("JIRA_PASS")`, `config["user"]`).
  if (profile.calls.has(node.type) || INDEX_READ.test(node.type)) return;
  if (profile.identifiers.has(node.type) || profile.members.has(node.type)) {
    const bound = evaluator.valueNodeOf(lastName(node.text), node);
    if (bound) addLiterals(bound, profile, evaluator, collector, hops + 1);
    return;
  }
  // A tuple, list, object or wrapper: the literals inside (`("u", "pw")`, `{ user: "u", pass: "pw" }`).
  for (const child of namedChildren(node)) addLiterals(child, profile, evaluator, collector, hops);
}
