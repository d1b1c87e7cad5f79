import { Command, InvalidArgumentError } from 'commander';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

interface FixCliOptions {
  path?: string;
  write?: boolean;
  force?: boolean;
  emailVar: string;
  tokenVar: string;
  bearer?: boolean;
  jobs?: string;
}

async function runFixCommand(pathArgument: string | undefined, options: FixCliOptions): Promise<number> {
  const root = resolve(pathArgument ?? options.path ?? '.');
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`not a folder: ${root}`);
  // Imported on use: a plain scan does not load the rewriters or the diff library.
  const { runFix } = await import('./run-fix.js');
  const { formatDiffs, formatSummary } = await import('./summary.js');
  const write = Boolean(options.write);
  const result = await runFix({ root, write, force: Boolean(options.force), emailVar: options.emailVar, tokenVar: options.tokenVar, bearer: Boolean(options.bearer), jobs: options.jobs === undefined ? undefined : Number(options.jobs) });
  for (const error of result.scanErrors) process.stderr.write(`tokenshift-scan: skipped ${error}\n`);
  if (!write) process.stdout.write(formatDiffs(result));
  process.stderr.write(formatSummary(result, write));
  return result.refused.length ? 1 : 0;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function envName(value: string): string {
  if (!ENV_NAME.test(value)) throw new InvalidArgumentError(`not an environment variable name: ${value}`);
  return value;
}

export function fixCommand(): Command {
  return new Command('fix')
    .description('Rewrite cookie-session clients to API tokens read from the environment (dry run: prints a unified diff)')
    .argument('[path]', 'folder to fix (default: the current folder)')
    .option('--path <dir>', 'folder to fix (same as the argument; for `nx run scanner:fix --path=…`)')
    .option('--write', 'apply the rewrite to the files (default: print the diff only)')
    .option('--force', 'with --write: also rewrite files that have uncommitted git changes')
    .option('--email-var <name>', 'environment variable holding the account email', envName, 'JIRA_EMAIL')
    .option('--token-var <name>', 'environment variable holding the API token (or the PAT with --bearer)', envName, 'JIRA_API_TOKEN')
    .option('--bearer', 'Data Center personal access tokens: Authorization: Bearer instead of Basic email:token')
    .option('-j, --jobs <n>', 'worker threads for the scan')
    .action(async (path: string | undefined, options: FixCliOptions) => {
      process.exitCode = await runFixCommand(path, options);
    });
}
