import type { LanguageId } from '../model';
import { PROFILES } from '../syntax/profiles';
import { embeddedShell } from './embedded-shell';
import type { FindingsCollector } from './findings-collector';
import { analyzeTree } from './tree-analyzer';

/**
 * The findings of the shell scripts a Groovy or YAML file carries (see embeddedShell), added to the host's. Where
 * the script sends the path, the host's `session-resource-path` on that line (the path seen in an opaque string)
 * gives way to the script's `session-login-call`, which names the verb. Without a bash grammar the host's
 * findings stay as they are.
 */
export async function addEmbeddedShell(source: string, language: LanguageId, host: FindingsCollector, grammarFile: (grammar: string) => string): Promise<void> {
  const program = embeddedShell(source, language);
  const shell = PROFILES.shell;
  if (!program || !shell) return;
  let found: FindingsCollector;
  try {
    ({ collector: found } = await analyzeTree(program, 'shell', shell, grammarFile(shell.grammar)));
  } catch {
    return;
  }
  for (const secret of found.secrets) host.secrets.add(secret);
  for (const finding of found.all()) {
    if (finding.ruleId === 'hardcoded-password') continue;
    if (finding.severity === 'info' && host.has((other) => other.line === finding.line)) continue;
    if (finding.ruleId === 'session-login-call') host.drop('session-resource-path', finding.line);
    const { ruleId, line, column, ...extra } = finding;
    host.add(ruleId, line, column, extra);
  }
  host.resolvePasswords();
}
