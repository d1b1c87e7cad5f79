import type { Node } from 'web-tree-sitter';
import { elispSettings, type ElispSetting, quotedSymbol } from '../../syntax/elisp-settings';
import { type Edit, type FixOptions, lineOf, type ManualNote, replaceNode, type RewriteResult } from '../edits';

const LOGIN_NAME = 'jiralib2-user-login-name';
const TOKEN = 'jiralib2-token';
/** Setters whose arguments are pairs of a name and its value (`setq`'s kin); `defcustom` and `defvar` name one variable. */
const PAIR_SETTERS = new Set(['setq', 'setq-default', 'setq-local', 'setopt']);

/**
 * Emacs Lisp: jiralib2's cookie mode (`jiralib2-auth 'cookie`, ejira's client) becomes its token mode, in
 * which `jiralib2-session-login` sends `Authorization: Basic base64(login:token)` on every call instead of
 * logging in: the setting says `'token`, and the same form reads the login name (the account's email) and
 * the API token from the environment. Only where one form sets all three: a login name or token set
 * anywhere else in the file would decide what is sent, and is left to a person. jiralib2 has no Bearer mode.
 */
export function rewriteElisp(source: string, root: Node, options: FixOptions): RewriteResult {
  const edits: Edit[] = [];
  const notes: ManualNote[] = [];
  const cookieModes = elispSettings(root, 'jiralib2-auth').filter(({ value }) => quotedSymbol(value) === 'cookie');
  if (!cookieModes.length) return { edits, notes };
  const credentials = [...elispSettings(root, LOGIN_NAME), ...elispSettings(root, TOKEN)];
  const environment = { [LOGIN_NAME]: `(getenv "${options.emailVar}")`, [TOKEN]: `(getenv "${options.tokenVar}")` };
  for (const mode of cookieModes) {
    const line = lineOf(mode.name);
    const refusal = options.bearer
      ? 'jiralib2 has no Bearer mode for a Data Center personal access token'
      : mode.kind === 'defcustom' || mode.kind === 'defvar'
        ? "this is jiralib2's own default, not your configuration"
        : credentials.some((setting) => setting.form.id !== mode.form.id) || cookieModes.length > 1
          ? `${LOGIN_NAME} or ${TOKEN} is set in another form too (or the mode more than once), which would decide what is sent`
          : !PAIR_SETTERS.has(mode.kind) && mode.kind !== 'entry'
            ? `\`${mode.kind}\` is not rewritten`
            : undefined;
    if (refusal) {
      notes.push({ line, note: `Set jiralib2-auth to 'token, ${LOGIN_NAME} to ${environment[LOGIN_NAME]} and ${TOKEN} to ${environment[TOKEN]} (jiralib2 then sends Basic email:token on every call); \`fix\` left it: ${refusal}.` });
      continue;
    }
    edits.push(replaceNode(mode.value, "'token"));
    if (mode.kind === 'entry') edits.push(...entriesFor(source, mode, environment));
    else edits.push(...pairsFor(source, mode, credentials, environment));
  }
  return { edits, notes };
}

/** In a `setq` (or its kin): the login name and token it sets are read from the environment, or are added after the mode. */
function pairsFor(source: string, mode: ElispSetting, credentials: ElispSetting[], environment: Record<string, string>): Edit[] {
  const edits: Edit[] = [];
  let added = '';
  for (const variable of [LOGIN_NAME, TOKEN]) {
    const present = credentials.find((setting) => setting.name.text === variable);
    if (present) edits.push(replaceNode(present.value, environment[variable] as string));
    else added += `\n${indentOf(source, mode.name)}${variable} ${environment[variable]}`;
  }
  if (added) edits.push({ start: mode.value.endIndex, end: mode.value.endIndex, text: added });
  return edits;
}

/** An entry `(jiralib2-auth 'cookie)` of `custom-set-variables` (quoted), `:custom` or a `let` gets two sibling entries. */
function entriesFor(source: string, mode: ElispSetting, environment: Record<string, string>): Edit[] {
  const unit = mode.form.parent?.type === 'quote' ? mode.form.parent : mode.form;
  const quote = unit === mode.form ? '' : "'";
  const indent = indentOf(source, unit);
  const text = [LOGIN_NAME, TOKEN].map((variable) => `\n${indent}${quote}(${variable} ${environment[variable]})`).join('');
  return [{ start: unit.endIndex, end: unit.endIndex, text }];
}

/** Spaces up to `node`'s column, so that an added line lines up with it. */
function indentOf(source: string, node: Node): string {
  const lineStart = source.lastIndexOf('\n', node.startIndex - 1) + 1;
  return ' '.repeat(node.startIndex - lineStart);
}
