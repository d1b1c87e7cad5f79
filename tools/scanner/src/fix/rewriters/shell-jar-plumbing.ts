import type { Node } from 'web-tree-sitter';
import { descendants, type Edit, insideEdits } from '../edits';
import { argumentsOf, commandName, unquote } from './shell-cookies';


/** `$JAR`, `${JAR}`: the variable a jar path names, if it is one variable alone. */
export function variableOf(target: string): string | undefined {
  return /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))$/.exec(target)?.slice(1).find(Boolean);
}

/** `rm -f "$JAR"`, `touch cookies.txt`: a command whose every operand is one of the jars. */
function onlyTouchesJars(words: string[], jars: ReadonlySet<string>): boolean {
  const [name, ...rest] = words;
  const operands = rest.filter((word) => !word.startsWith('-'));
  return (name === 'rm' || name === 'touch') && operands.length > 0 && operands.every((operand) => jars.has(operand));
}

/**
 * `trap 'rm -f "$JAR"' EXIT`: the handler is a string the tree does not parse, so its words are read (for the
 * decision only: the edit is the trap statement's own node range). A handler doing anything else stays.
 */
function handlerWords(command: Node): string[] | undefined {
  const [handler, ...signals] = argumentsOf(command);
  if (!handler || !signals.length || !['string', 'raw_string'].includes(handler.type)) return undefined;
  return unquote(handler.text).trim().split(/\s+/).map(unquote);
}

/** Mentions of `$NAME` in single-quoted strings (a trap handler), which the tree holds as text. */
function quotedMentions(root: Node, name: string): Node[] {
  return descendants(root, 'raw_string').filter((node) => new RegExp(`\\$(?:\\{${name}\\}|${name}\\b)`).test(node.text));
}

/** `JAR=cookies.txt`, `JAR=$(mktemp)`, `JAR="$HOME/.jar"`: an assignment that only names a file (no other command runs). */
function onlyNames(assignment: Node): boolean {
  return descendants(assignment, 'command').every((command) => commandName(command) === 'mktemp');
}

export interface JarPlumbing {
  /** Statements that only served the jars: `rm`/`touch` of a jar, a trap that only removes it, the jar variable. */
  statements: Node[];
}

/**
 * The cookie-jar plumbing that nothing reads once the jar options are gone. `jars` are the option values as
 * written (`$JAR`, `cookies.txt`); `edits` the rewrite so far. A jar held in a variable goes whole or not at all:
 * its `rm`, the trap that removes it and its assignment go only when every expansion of it is inside an edit or
 * one of them (otherwise a kept `mktemp` would lose its cleanup).
 */
export function jarPlumbing(root: Node, jars: ReadonlySet<string>, edits: Edit[], isStatement: (node: Node) => boolean): JarPlumbing {
  const cleanups = new Map<string, Node[]>();
  for (const command of descendants(root, 'command')) {
    const statement = command.parent?.type === 'redirected_statement' ? command.parent : command;
    if (!isStatement(statement) || insideEdits(statement, edits)) continue;
    const trap = commandName(command) === 'trap';
    const words = trap ? handlerWords(command) : [commandName(command), ...argumentsOf(command).map((arg) => unquote(arg.text))];
    if (!words || !onlyTouchesJars(words, jars)) continue;
    for (const jar of new Set(words.slice(1).filter((word) => jars.has(word)))) cleanups.set(jar, [...(cleanups.get(jar) ?? []), statement]);
  }
  const statements: Node[] = [];
  for (const jar of jars) {
    const own = cleanups.get(jar) ?? [];
    const name = variableOf(jar);
    if (!name) {
      statements.push(...own);
      continue;
    }
    const gone = [...edits, ...own.map((node) => ({ start: node.startIndex, end: node.endIndex, text: '' }))];
    const reads = descendants(root, 'variable_name').filter((node) => node.text === name && node.parent?.type !== 'variable_assignment');
    if (reads.some((node) => !insideEdits(node, gone)) || quotedMentions(root, name).some((node) => !insideEdits(node, gone))) continue;
    statements.push(...own);
    for (const assignment of descendants(root, 'variable_assignment').filter((node) => node.childForFieldName('name')?.text === name)) {
      const statement = assignment.parent?.type === 'declaration_command' && assignment.parent.namedChildren.length === 1 ? assignment.parent : assignment;
      if (isStatement(statement) && !insideEdits(statement, edits) && onlyNames(assignment)) statements.push(statement);
    }
  }
  return { statements: statements.filter((node, index) => statements.findIndex((other) => other.id === node.id) === index) };
}

/**
 * A read of a login's jar that the rewrite does not change (`OPTS=(-b "$JAR")`, `grep JSESSIONID "$JAR"`): the
 * login must then stay, or that read would lose its cookie. `rm`/`touch` of the jar and assignments are no reads.
 */
export function jarStillRead(root: Node, jars: ReadonlySet<string>, edits: Edit[]): { jar: string; node: Node } | undefined {
  const housekeeping = (node: Node): boolean => {
    for (let current: Node | null = node; current; current = current.parent) {
      if (current.type === 'command') return ['rm', 'touch', 'trap'].includes(commandName(current));
      if (current.type === 'variable_assignment' && current.childForFieldName('value')?.text === node.text) return true;
    }
    return false;
  };
  for (const jar of jars) {
    const name = variableOf(jar);
    const candidates = name
      ? descendants(root, 'variable_name').filter((node) => node.text === name && node.parent?.type !== 'variable_assignment')
      : descendants(root, ['word', 'string', 'raw_string']).filter((node) => unquote(node.text) === jar);
    const node = candidates.find((candidate) => !insideEdits(candidate, edits) && !housekeeping(candidate));
    if (node) return { jar, node };
  }
  return undefined;
}
