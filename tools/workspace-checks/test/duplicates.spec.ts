import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * The duplicate check `npm run lint` runs (workspace-checks:duplicates, jscpd with .jscpd.json): a
 * block of six or more lines repeated outside tests fails it (docs/decisions.md). Probed on a small
 * tree laid out like the workspace, with the workspace's own configuration.
 */
const WORKSPACE_ROOT = resolve(__dirname, '../../..');
const JSCPD = join(WORKSPACE_ROOT, 'node_modules/.bin/jscpd');
const run = promisify(execFile);

/** Six lines well above jscpd's token floor, as a copied helper would be. */
const BLOCK = [
  '  const kept = values.filter((value) => value > 0 && value < limit && Number.isInteger(value));',
  '  const doubled = kept.map((value) => value * 2 + limit - offset);',
  '  const sorted = [...doubled].sort((left, right) => left - right || right - left);',
  '  const unique = sorted.filter((value, index) => sorted.indexOf(value) === index);',
  '  const sliced = unique.slice(offset, Math.min(unique.length, limit + offset));',
  '  return sliced.map((value) => Math.round(value / 3) + offset);',
];

/** A module holding `lines` in a function whose signature shares nothing with another's (`variant`). */
function moduleWith(name: string, lines: string[], variant = 0): string {
  const signature = variant ? `export const ${name} = (offset: number, limit: number, values: number[]): number[] => {` : `export function ${name}(values: number[], limit: number, offset: number): number[] {`;
  const guard = variant ? "  if (!values.length) throw new RangeError('no values')" : '  let marker = limit';
  return [signature, guard, ...lines, variant ? '};' : '}', ''].join('\n');
}

async function check(files: Record<string, string>): Promise<{ code: number; output: string }> {
  const root = mkdtempSync(join(tmpdir(), 'duplicates-probe-'));
  try {
    copyFileSync(join(WORKSPACE_ROOT, '.jscpd.json'), join(root, '.jscpd.json'));
    // The configuration names the folders to scan (never the scanner's corpus); each must exist.
    for (const folder of (JSON.parse(readFileSync(join(root, '.jscpd.json'), 'utf8')) as { path: string[] }).path) mkdirSync(join(root, folder), { recursive: true });
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const { stdout, stderr } = await run(JSCPD, ['--config', '.jscpd.json', '--no-colors'], { cwd: root });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('the duplicate check', () => {
  it('fails on a six-line block repeated in two source files, and names both', async () => {
    const { code, output } = await check({
      'apps/server/src/first.ts': moduleWith('first', BLOCK),
      'libs/usage/src/second.ts': moduleWith('second', BLOCK, 1),
    });
    expect(code).toBe(1);
    expect(output).toMatch(/first\.ts/);
    expect(output).toMatch(/second\.ts/);
  }, 30_000);

  it('passes when the repeated block is shorter, or sits in specs, e2e projects, fixtures or generated code', async () => {
    // jscpd counts a block from its first token to the start of the line after its last one: four
    // identical lines are well short of six, five already count as six.
    const fourLines = BLOCK.slice(0, 4);
    expect(
      await check({
        'apps/server/src/first.ts': moduleWith('first', [...fourLines, '  return [limit];']),
        'libs/usage/src/second.ts': moduleWith('second', [...fourLines, "  throw new Error('none');"], 1),
      }),
    ).toMatchObject({ code: 0 });
    expect(
      await check({
        'apps/server/src/first.ts': moduleWith('first', BLOCK),
        'apps/server/src/first.spec.ts': moduleWith('copy', BLOCK),
        'apps/server-e2e/src/helper.ts': moduleWith('helper', BLOCK, 1),
        'libs/usage/src/fixtures/sample.ts': moduleWith('sample', BLOCK, 1),
        'libs/db/src/generated/prisma/client.ts': moduleWith('generated', BLOCK, 1),
      }),
    ).toMatchObject({ code: 0 });
  }, 30_000);

  it('finds no repeated block in the workspace', async () => {
    const { stdout } = await run(JSCPD, ['--config', '.jscpd.json', '--no-colors'], { cwd: WORKSPACE_ROOT });
    expect(stdout).toMatch(/Found 0 clones/);
  }, 60_000);
});
