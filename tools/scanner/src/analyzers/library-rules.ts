import type { Node } from 'web-tree-sitter';
import type { LanguageId, Severity } from '../model';
import { containsSessionPath, UNKNOWN } from '../rules/patterns';
import type { CompiledProfile } from '../syntax/compiled-profile';
import type { StringEvaluator } from '../syntax/evaluate';
import { callParts, namedChildren, stripQuotes } from '../syntax/nodes';
import type { FindingsCollector } from './findings-collector';

export interface RuleContext {
  language: LanguageId;
  source: string;
  root: Node;
  profile: CompiledProfile;
  evaluator: StringEvaluator;
  collector: FindingsCollector;
  report(ruleId: string, node: Node, extra?: { severity?: Severity; detail?: string; secret?: string }): void;
}

/** Client-library cookie modes, per language (see jira-auth-behavior.md §5 for the identifiers). */
export function runLibraryRules(context: RuleContext): void {
  switch (context.language) {
    case 'python':
      return pythonJira(context);
    case 'go':
      return goJira(context);
    case 'ruby':
      return rubyJira(context);
    case 'php':
      return phpJira(context);
    case 'javascript':
    case 'typescript':
    case 'tsx':
      return javascriptJira(context);
    case 'java':
    case 'kotlin':
      return jvmSessionFilters(context);
    case 'groovy':
      javascriptJira(context);
      return jvmSessionFilters(context);
    case 'csharp':
      return csharpDapplo(context);
    case 'shell':
      return shellCookieJars(context);
    default:
      return undefined;
  }
}

function nodesOf(context: RuleContext, types: Iterable<string>): Node[] {
  return context.root.descendantsOfType([...types]).filter((node): node is Node => node !== null);
}

/** Key (unquoted, without Ruby's colons) and value of a pair node. */
function pairParts(pair: Node): { key: string; value: Node } | undefined {
  const children = namedChildren(pair);
  const key = pair.childForFieldName('key') ?? pair.childForFieldName('name') ?? pair.childForFieldName('left') ?? children[0];
  const value = pair.childForFieldName('value') ?? pair.childForFieldName('right') ?? children[children.length - 1];
  if (!key || !value || key.id === value.id) return undefined;
  return { key: stripQuotes(key.text).replace(/^:|:$/g, ''), value };
}

function pythonJira(context: RuleContext): void {
  for (const call of nodesOf(context, context.profile.calls)) {
    const { callee, name, args } = callParts(call);
    if (name === 'kill_session') context.report('python-jira-kill-session', call);
    if (!callee || !/(?:^|\.)(?:JIRA|Jira)$/.test(callee.text)) continue;
    for (const arg of args) {
      const keyword = arg.type === 'keyword_argument' ? arg.childForFieldName('name')?.text : undefined;
      if (name === 'JIRA' && keyword === 'auth') {
        context.report('python-jira-cookie-auth', arg);
        reportTuplePassword(context, arg.childForFieldName('value'));
      }
      if (name === 'Jira' && keyword === 'cookies') context.report('python-atlassian-session-cookies', arg);
      // JIRA(server, **kwargs) where kwargs holds an 'auth' key (the mode chosen by config/env).
      if (name === 'JIRA' && arg.type === 'dictionary_splat') {
        const bound = context.evaluator.valueNodeOf(arg.text.replace(/^\*\*/, ''), arg);
        const options = bound ? [bound, ...nodesOf({ ...context, root: bound }, ['pair'])] : [];
        if (options.some((node) => node.type === 'pair' && pairParts(node)?.key === 'auth')) context.report('python-jira-cookie-auth', arg);
      }
    }
  }
}

function reportTuplePassword(context: RuleContext, tuple: Node | null): void {
  const password = tuple?.type === 'tuple' ? namedChildren(tuple)[1] : undefined;
  if (password && context.profile.strings.has(password.type)) {
    const secret = context.evaluator.value(password);
    if (secret && !secret.includes(UNKNOWN)) context.report('hardcoded-password', password, { secret });
  }
}

const GO_COOKIE_IDENTIFIERS = new Set(['CookieAuthTransport', 'AcquireSessionCookie', 'AcquireSessionCookieWithContext']);

function goJira(context: RuleContext): void {
  for (const node of nodesOf(context, ['type_identifier', 'field_identifier'])) {
    if (GO_COOKIE_IDENTIFIERS.has(node.text)) context.report('go-jira-cookie-auth', node, { detail: node.text });
  }
}

function rubyJira(context: RuleContext): void {
  for (const pair of nodesOf(context, context.profile.pairs)) {
    const parts = pairParts(pair);
    if (!parts) continue;
    const value = context.evaluator.value(parts.value);
    if (parts.key === 'auth_type' && value === 'cookie') context.report('ruby-jira-cookie-auth', pair);
    if (parts.key === 'use_cookies' && value === 'true') context.report('ruby-jira-use-cookies', pair);
  }
}

function phpJira(context: RuleContext): void {
  for (const pair of nodesOf(context, context.profile.pairs)) {
    const parts = pairParts(pair);
    if (parts?.key === 'cookieAuthEnabled' && context.evaluator.value(parts.value) === 'true') context.report('php-jira-cookie-auth', pair);
  }
  if (!context.source.includes('JiraRestApi')) return;
  for (const creation of nodesOf(context, ['object_creation_expression'])) {
    if (callParts(creation).name === 'AuthService') context.report('php-jira-cookie-auth', creation, { detail: 'AuthService (session login)' });
  }
}

function javascriptJira(context: RuleContext): void {
  const usesConnector = /['"]jira-connector['"]/.test(context.source);
  const usesJiraJs = /['"]jira\.js(?:\/[^'"]*)?['"]/.test(context.source);
  if (usesConnector || usesJiraJs) {
    for (const call of nodesOf(context, context.profile.calls)) {
      const callee = callParts(call).callee?.text ?? '';
      if ((usesConnector && /\.auth\.(?:login|logout|currentUser)$/.test(callee)) || (usesJiraJs && /\.session\.(?:login|logout|currentUser)$/.test(callee))) {
        context.report('js-jira-session-api', call, { detail: callee.split('.').slice(-2).join('.') });
      }
    }
  }
  for (const pair of nodesOf(context, context.profile.pairs)) {
    if (pairParts(pair)?.key === 'cookie_jar') context.report('js-jira-cookie-jar', pair);
  }
}

/** RestAssured's SessionFilter is only a finding when the file logs in through the session resource. */
function jvmSessionFilters(context: RuleContext): void {
  const hasSessionCall = context.collector.has((finding) => finding.ruleId === 'session-login-call' || finding.ruleId === 'session-resource-path');
  for (const node of nodesOf(context, ['type_identifier', 'identifier', 'simple_identifier'])) {
    const constructed = node.parent && (context.profile.calls.has(node.parent.type) || node.parent.type === 'call_expression');
    if (node.text === 'SessionFilter' && constructed && hasSessionCall) context.report('jvm-session-filter', node, { detail: 'RestAssured SessionFilter' });
    if (node.text === 'getSessionClient' || node.text === 'getCurrentSession') context.report('jvm-session-filter', node, { detail: 'JRJC SessionRestClient' });
  }
}

function csharpDapplo(context: RuleContext): void {
  for (const call of nodesOf(context, ['invocation_expression'])) {
    const callee = callParts(call).callee?.text ?? '';
    if (/\bSession\.(?:StartAsync|EndAsync)$/.test(callee)) context.report('csharp-dapplo-session', call, { detail: callee.split('.').pop() });
  }
}

const SAVE_JAR = /^(?:-c|--cookie-jar|--save-cookies)(?:=(.+))?$/;
const LOAD_JAR = /^(?:-b|--cookie|--load-cookies)(?:=(.+))?$/;

/** curl/wget: a cookie jar written by a session login and read by later commands. */
function shellCookieJars(context: RuleContext): void {
  const sessionJars = new Set<string>();
  for (const command of nodesOf(context, ['command'])) {
    const { name, args } = callParts(command);
    if (name !== 'curl' && name !== 'wget') continue;
    const values = args.map((arg) => context.evaluator.value(arg));
    const loginCommand = values.some((value) => containsSessionPath(value));
    values.forEach((value, index) => {
      const save = SAVE_JAR.exec(value);
      if (save && loginCommand) sessionJars.add(save[1] ?? values[index + 1] ?? '');
      const load = LOAD_JAR.exec(value);
      const jar = load ? (load[1] ?? values[index + 1] ?? '') : undefined;
      if (jar !== undefined && sessionJars.has(jar) && !loginCommand) context.report('shell-session-cookie-jar', command, { detail: jar });
    });
  }
}
