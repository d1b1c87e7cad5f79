#!/usr/bin/env node
import { Command } from 'commander';
import { scanDirectory } from './scan';

const program = new Command('tokenshift-scan')
  .description('Find code that still uses the deprecated Jira cookie-session login')
  .argument('<path>', 'folder to scan')
  .action(async (path: string) => {
    const { findings } = await scanDirectory({ root: path });
    for (const f of findings) process.stdout.write(`${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.ruleId}  ${f.evidence}\n`);
    process.exitCode = findings.length ? 1 : 0;
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
});
