import { embeddedShell } from '../../analyzers/embedded-shell';
import type { FixOptions, RewriteResult, ScanHints } from '../edits';
import type { TextRewriter } from './index';
import { credentialsFlag } from './shell';

/** The variables a CI job must be given, in GitHub Actions' and GitLab CI's words. */
function jobVariables(options: FixOptions): string {
  const names = options.bearer ? [options.tokenVar] : [options.emailVar, options.tokenVar];
  const github = names.map((name) => `${name}: \${{ secrets.${name} }}`).join(', ');
  return `GitHub Actions: env: { ${github} } on the job; GitLab CI: masked CI/CD variables ${names.join(', ')}`;
}

/**
 * CI files whose scripts `fix` could not rewrite (yaml-shell.ts refused them): each curl session login the scanner
 * found in a CI script gets a note saying exactly what to write instead.
 */
function notesForCiScripts(source: string, options: FixOptions, hints: ScanHints): RewriteResult {
  const programs = embeddedShell(source, 'yaml').map((program) => program.split('\n'));
  const inScript = (line: number): boolean => programs.some((lines) => (lines[line - 1] ?? '').trim() !== '');
  const note = `CI script (fix could not rewrite it safely): delete this curl session login and the cookie jar it writes (-c FILE); every later curl of the job that reads the jar (-b FILE) sends ${credentialsFlag(options)} instead; give the job the variables (${jobVariables(options)}).`;
  return { edits: [], notes: [...hints.loginLines].filter(inScript).map((line) => ({ line, note })) };
}

export const YAML_CI_NOTES: TextRewriter = {
  rewrite: (source, options, hints) => notesForCiScripts(source, options, hints),
  parses: () => false,
};
