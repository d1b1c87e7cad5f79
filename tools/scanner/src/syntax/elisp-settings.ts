import type { Node } from 'web-tree-sitter';
import { namedChildren } from './nodes';
import { descendantsOf } from './tree-nodes';

/** Forms that set a variable to the value after its name: `(setq jiralib2-auth 'cookie …)`, `(defcustom jiralib2-auth 'cookie …)`. */
const SETTERS = new Set(['setq', 'setq-default', 'setq-local', 'setopt', 'defcustom', 'defvar', 'customize-set-variable', 'set-default', 'set']);

export interface ElispSetting {
  /** The variable's name as written: its symbol, or the `quote` around it (`(customize-set-variable 'x …)`). */
  name: Node;
  value: Node;
  /** The form that sets it: a setter (`setq`…), or an entry `(name value)` of `custom-set-variables`, use-package's `:custom` or a `let`. */
  form: Node;
  /** `setq` and its kin, `defcustom`…, or `entry`. */
  kind: string;
}

/** The symbol a value quotes (`'cookie` → `cookie`), if it is one. */
export function quotedSymbol(value: Node): string | undefined {
  return value.type === 'quote' ? value.namedChildren[0]?.text : undefined;
}

/** Where an Emacs Lisp file sets `variable`, and to what; not a read such as `(eq variable 'x)`. */
export function elispSettings(root: Node, variable: string): ElispSetting[] {
  const settings: ElispSetting[] = [];
  for (const symbol of descendantsOf(root, ['symbol'])) {
    if (symbol.text !== variable) continue;
    const name = symbol.parent?.type === 'quote' ? symbol.parent : symbol;
    const value = name.nextNamedSibling;
    const form = name.parent;
    if (!value || !form) continue;
    // The form's first element: a symbol, or the grammar's own token for `setq` and its kin.
    const head = form.child(1);
    if (head?.id === name.id && namedChildren(form).length === 2) settings.push({ name, value, form, kind: 'entry' });
    else if (head && SETTERS.has(head.text)) settings.push({ name, value, form, kind: head.text });
  }
  return settings;
}
