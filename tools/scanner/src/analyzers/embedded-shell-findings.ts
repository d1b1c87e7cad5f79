import type { LanguageId } from '../model';
import { PROFILES } from '../syntax/profiles';
import { embeddedShell } from './embedded-shell';
import type { FindingsCollector } from './findings-collector';
import { analyzeTree } from './tree-analyzer';

/**
 * The findings of the shell scripts a Groovy or YAML file carries (see embeddedShell), added to the host's. One
 * use, one finding: where the script sends the path, the host's `session-resource-path` (the path seen in an
 * opaque string) becomes the script's `session-login-call`, which names the verb, on the host's line (the line
 * that holds the URL, also when the command starts lines above it). Without a bash grammar the host's findings
 * stay as they are.
 */
export async function addEmbeddedShell(source: string, language: LanguageId, host: FindingsCollector, grammarFile: (grammar: string) => string): Promise<void> {
  const shell = PROFILES.shell;
  if (!shell) return;
  for (const program of embeddedShell(source, language, { fold: true })) {
    try {
      const { collector } = await analyzeTree(program, 'shell', shell, grammarFile(shell.grammar));
      merge(program, collector, host);
    } catch {
      return;
    }
  }
  host.resolvePasswords();
}

function merge(program: string, found: FindingsCollector, host: FindingsCollector): void {
  for (const secret of found.secrets) host.secrets.add(secret);
  for (const finding of found.all()) {
    if (finding.ruleId === 'hardcoded-password') continue;
    if (finding.severity === 'info' && host.has((other) => other.line === finding.line)) continue;
    const { ruleId, line, column, ...extra } = finding;
    const pathLine = ruleId === 'session-login-call' ? commandLines(program, line).find((at) => host.has((other) => other.ruleId === 'session-resource-path' && other.line === at)) : undefined;
    if (pathLine === undefined) {
      host.add(ruleId, line, column, extra);
      continue;
    }
    const [path] = host.all().filter((other) => other.ruleId === 'session-resource-path' && other.line === pathLine);
    host.drop('session-resource-path', pathLine);
    host.add(ruleId, pathLine, path?.column ?? column, extra);
  }
}

/** The lines of the shell command that starts on `line` (1-based): it goes on while a line ends in a backslash. */
function commandLines(program: string, line: number): number[] {
  const lines = program.split('\n');
  const taken = [line];
  for (let at = line; /\\\s*$/.test(lines[at - 1] ?? '') && at < lines.length; at++) taken.push(at + 1);
  return taken;
}
