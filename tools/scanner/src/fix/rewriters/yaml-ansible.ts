import { isMap, isScalar, isSeq, type Document, type Node as YamlNode, type Pair } from 'yaml';
import { escapeRegExp, mentionsSessionResource, type Edit, type FixOptions, type ManualNote, type RewriteResult } from '../edits';
import { tokenComment } from '../token-comment';
import { keyOf, lineStartAt, pairOf, removeSequenceItem, scalarsOf, type YamlMap } from './yaml-tree';

const URI_MODULES = new Set(['uri', 'ansible.builtin.uri', 'ansible.legacy.uri']);

/** The `uri` arguments of an Ansible task (a map in a task list), if it is a `uri` task. */
function uriArguments(task: unknown): YamlMap | undefined {
  if (!isMap(task)) return undefined;
  const module = task.items.find((pair) => URI_MODULES.has(keyOf(pair)));
  return module && isMap(module.value) ? (module.value as YamlMap) : undefined;
}

const textOf = (node: unknown): string => (isScalar(node) ? String(node.value) : '');

/** The tasks of every task list in the file (a role's tasks file, or a play's `tasks:`/`pre_tasks:`/… lists). */
function taskLists(documents: Document.Parsed[]): YamlNode[][] {
  const lists: YamlNode[][] = [];
  const walk = (node: unknown): void => {
    if (isSeq(node)) {
      if (node.items.some((item) => uriArguments(item))) lists.push(node.items as YamlNode[]);
      node.items.forEach(walk);
    } else if (isMap(node)) node.items.forEach((pair) => walk(pair.value));
  };
  documents.forEach((document) => walk(document.contents));
  return lists;
}

const SET_FACT = new Set(['set_fact', 'ansible.builtin.set_fact', 'ansible.legacy.set_fact']);

/** The facts a `set_fact` task (nothing but its `name`) sets, each from `registered`; none when any fact is anything else. */
function factsFrom(task: unknown, registered: string): string[] {
  if (!isMap(task) || !task.items.every((pair) => SET_FACT.has(keyOf(pair)) || keyOf(pair) === 'name')) return [];
  const facts = task.items.find((pair) => SET_FACT.has(keyOf(pair)))?.value;
  if (!isMap(facts) || !facts.items.length) return [];
  const entries = facts.items as Array<Pair<unknown, unknown>>;
  return entries.every((pair) => reads(textOf(pair.value), registered)) ? entries.map(keyOf) : [];
}

/** `{{ name.… }}` or a bare `name.…` (in `when:`) anywhere in the text. */
function reads(text: string, name: string): boolean {
  return new RegExp(`(^|[^\\w.])${escapeRegExp(name)}\\b`).test(text);
}

function authorization(options: FixOptions): string {
  if (options.bearer) return `"Bearer {{ lookup('env', '${options.tokenVar}') }}"`;
  return `"Basic {{ (lookup('env', '${options.emailVar}') ~ ':' ~ lookup('env', '${options.tokenVar}')) | b64encode }}"`;
}

function lineAt(source: string, offset: number): number {
  return source.slice(0, offset).split('\n').length;
}

/**
 * Ansible `uri` tasks: a task that POSTs to the session resource and `register`s the answer, and tasks that send
 * its cookie (`Cookie: "{{ login.cookies_string }}"`, `"{{ login.json.session.name }}={{ … }}"`, `set_cookie`,
 * `cookies.JSESSIONID`). The login task goes and each such `Cookie` header becomes an `Authorization` header built
 * from the controller's environment (`lookup('env', …)`); a `set_fact` task that only copies the cookie into facts
 * goes too, and headers built from those facts are rewritten alike. All or nothing: the registered name (or such
 * a fact) read anywhere else (a `when:`, a `debug`, another fact) refuses the file with a note.
 */
export function rewriteAnsibleUri(source: string, documents: Document.Parsed[], options: FixOptions): RewriteResult {
  const edits: Edit[] = [];
  const notes: ManualNote[] = [];
  for (const tasks of taskLists(documents)) {
    for (const login of tasks) {
      const args = uriArguments(login);
      const registered = isMap(login) ? textOf(pairOf(login as YamlMap, 'register')?.value) : '';
      if (!args || !registered || !mentionsSessionResource(textOf(pairOf(args, 'url')?.value)) || textOf(pairOf(args, 'method')?.value).toUpperCase() !== 'POST') continue;
      const loginRange = login.range ?? [0, 0, 0];
      // `set_fact: { jira_cookie: "{{ login.cookies_string }}" }`: the facts carry the session on; the task goes too.
      const facts = tasks.filter((task) => factsFrom(task, registered).length);
      const names = [registered, ...facts.flatMap((task) => factsFrom(task, registered))];
      const removed = [login, ...facts];
      const inRemoved = (offset: number): boolean => removed.some((task) => (task.range?.[0] ?? 0) <= offset && offset < (task.range?.[2] ?? 0));
      const cookies: Array<Pair<unknown, unknown>> = [];
      for (const task of tasks) {
        const headers = uriArguments(task) && pairOf(uriArguments(task) as YamlMap, 'headers')?.value;
        if (isMap(headers)) cookies.push(...(headers as YamlMap).items.filter((pair) => /^cookie$/i.test(keyOf(pair)) && names.some((name) => reads(textOf(pair.value), name))));
      }
      const cookieValues = new Set(cookies.map((pair) => pair.value));
      const elsewhere = scalarsOf(documents).filter(({ scalar }) => {
        const [start = 0] = scalar.range ?? [];
        return names.some((name) => reads(String(scalar.value), name)) && !cookieValues.has(scalar) && !inRemoved(start);
      });
      const removals = removed.map((task) => removeSequenceItem(source, task));
      if (!cookies.length || elsewhere.length || removals.some((removal) => !removal)) {
        const where = elsewhere.map(({ scalar }) => lineAt(source, scalar.range?.[0] ?? 0));
        const lines = [lineAt(source, (pairOf(args, 'url')?.value as YamlNode).range?.[0] ?? 0), ...cookies.map((pair) => lineAt(source, (pair.key as YamlNode).range?.[0] ?? 0))];
        const note = `Ansible uri session login (the task at line ${lineAt(source, loginRange[0])}): delete that task and replace each header Cookie built from \`${registered}\` with Authorization: ${authorization(options)}${where.length ? `; \`${registered}\` is also read at line ${where.join(', ')}, which a person rewrites first` : ''}.`;
        notes.push(...lines.map((at) => ({ line: at, note })));
        continue;
      }
      edits.push(...(removals as Edit[]));
      cookies.forEach((pair, index) => {
        const key = pair.key as YamlNode;
        const value = pair.value as YamlNode;
        const [start = 0] = key.range ?? [];
        const lineStart = lineStartAt(source, start);
        const indent = source.slice(lineStart, start);
        const comment = index === 0 && /^[ \t]*$/.test(indent) ? `# ${tokenComment(options)}\n${indent}` : '';
        edits.push({ start, end: value.range?.[1] ?? start, text: `${comment}Authorization: ${authorization(options)}` });
      });
    }
  }
  return { edits, notes };
}
