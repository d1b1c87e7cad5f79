import type { Node } from 'web-tree-sitter';
import { callParts } from '../../syntax/nodes';
import { descendants, lineOf, mentionsSessionResource, replaceNode, type Edit, type FixOptions, type RewriteResult } from '../edits';
import { enclosingStatement, removeWithDependents, type StatementShape } from '../dependents';

const SHAPE: StatementShape = {
  blocks: new Set(['program', 'statement_block']),
  removable: new Set(['expression_statement', 'lexical_declaration', 'variable_declaration']),
  identifierTypes: ['identifier', 'shorthand_property_identifier'],
  definedNames(statement) {
    if (statement.type !== 'lexical_declaration' && statement.type !== 'variable_declaration') return [];
    return descendants(statement, 'variable_declarator').flatMap((declarator) => {
      const name = declarator.childForFieldName('name');
      if (!name) return [];
      if (name.type === 'identifier') return [name.text];
      return descendants(name, ['identifier', 'shorthand_property_identifier_pattern']).map((node) => node.text);
    });
  },
  isReference(node) {
    const parent = node.parent;
    if (parent?.type === 'variable_declarator' && parent.childForFieldName('name')?.id === node.id) return false;
    return true;
  },
};

const LOGIN_CALLS = new Set(['fetch', 'post', 'axios', 'got', 'request']);

function authHeader(options: FixOptions): string {
  if (options.bearer) return `Authorization: \`Bearer \${process.env.${options.tokenVar}}\``;
  return `Authorization: 'Basic ' + Buffer.from(\`\${process.env.${options.emailVar}}:\${process.env.${options.tokenVar}}\`).toString('base64')`;
}

function propertyName(node: Node | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string') return descendants(node, 'string_fragment').map((part) => part.text).join('');
  return node.type === 'property_identifier' ? node.text : undefined;
}

/** JavaScript/TypeScript rewrites: a fetch/axios/got session login goes; the cookie header becomes an Authorization header. */
export function rewriteJavaScript(source: string, root: Node, options: FixOptions): RewriteResult {
  const notes: RewriteResult['notes'] = [];
  const replaced: Edit[] = [];
  for (const pair of descendants(root, 'pair')) {
    if (propertyName(pair.childForFieldName('key'))?.toLowerCase() === 'cookie') replaced.push(replaceNode(pair, authHeader(options)));
  }
  for (const shorthand of descendants(root, 'shorthand_property_identifier')) {
    if (shorthand.text.toLowerCase() === 'cookie' && shorthand.parent?.type === 'object') replaced.push(replaceNode(shorthand, authHeader(options)));
  }
  const edits: Edit[] = [...replaced];
  for (const call of descendants(root, ['call_expression', 'new_expression'])) {
    const { name, args } = callParts(call);
    if (!LOGIN_CALLS.has(name) || !args.some((arg) => mentionsSessionResource(arg.text))) continue;
    const statement = enclosingStatement(call, SHAPE);
    const removed = statement && SHAPE.removable.has(statement.type) ? removeWithDependents(source, root, statement, SHAPE, replaced) : undefined;
    if (!removed) {
      notes.push({ line: lineOf(call), note: `Remove this session login; send { ${authHeader(options)} } on the calls that used its cookie.` });
      continue;
    }
    edits.push(...removed);
  }
  return { edits, notes };
}
