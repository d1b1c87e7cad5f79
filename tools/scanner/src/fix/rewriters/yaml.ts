import { embeddedShell } from '../../analyzers/embedded-shell';
import { outermostEdits, type FixOptions, type ScanHints } from '../edits';
import { shellParses, type EmbeddedRewrite } from './groovy-shell';
import { rewriteAnsibleUri } from './yaml-ansible';
import { rewriteYamlShell } from './yaml-shell';
import { yamlDocuments, yamlParses } from './yaml-tree';

async function unreadablePrograms(text: string): Promise<number> {
  let count = 0;
  for (const program of embeddedShell(text, 'yaml')) if (!(await shellParses(program))) count++;
  return count;
}

/**
 * YAML files: CI scripts (yaml-shell.ts) and Ansible `uri` tasks (yaml-ansible.ts). The result must parse as YAML
 * and its scripts as shell (no more unreadable job scripts than before). Undefined when the file does not parse.
 */
export async function rewriteYaml(source: string, options: FixOptions, hints: ScanHints): Promise<EmbeddedRewrite | undefined> {
  const documents = yamlDocuments(source);
  if (!documents) return undefined;
  const shell = await rewriteYamlShell(source, documents, options, hints);
  const ansible = rewriteAnsibleUri(source, documents, options);
  const unreadableBefore = await unreadablePrograms(source);
  return {
    edits: outermostEdits([...shell.edits, ...ansible.edits]),
    notes: [...shell.notes, ...ansible.notes],
    parses: async (text) => yamlParses(text) && (await unreadablePrograms(text)) <= unreadableBefore,
  };
}
