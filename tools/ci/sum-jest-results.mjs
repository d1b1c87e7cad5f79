#!/usr/bin/env node
// Sums every Jest --json report under a folder into the one line CI reads: "N passed, N failed".
// A suite that crashed before running its tests counts as one failure, and so does a project whose test
// target writes no report at all (its Jest process died), so a broken file is never silent.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'reports/jest';

/** The report each project's test target declares as its output (`{workspaceRoot}/reports/jest/<name>.json`). */
function expectedReports() {
  const projectFiles = execFileSync('git', ['ls-files', '*project.json'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  return projectFiles.flatMap((file) => {
    const outputs = JSON.parse(readFileSync(file, 'utf8')).targets?.test?.outputs ?? [];
    return outputs.map((output) => /reports\/jest\/([^/]+)\.json$/.exec(output)?.[1]).filter(Boolean);
  });
}

let passed = 0;
let failed = 0;
const names = expectedReports().sort();
for (const name of names) {
  const file = join(dir, `${name}.json`);
  if (!existsSync(file)) {
    failed += 1;
    console.log(`${name.padEnd(20)} no report: its Jest process ended before writing one (counted as 1 failed)`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
  console.log(`${name.padEnd(20)} ${report.numPassedTests} passed, ${report.numFailedTests + report.numRuntimeErrorTestSuites} failed`);
}
if (names.length === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
