#!/usr/bin/env node
// Turns dist/tools/scanner (the SWC output of build-node-app.mjs) into an installable npm package: the CLI and
// the worker bundled into one file each, package.json (dependency versions pinned to the workspace's), the bin
// entry, and the docs. `npm pack dist/tools/scanner` then gives a tarball for `npx`.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const workspace = resolve(import.meta.dirname, '../../..');
const out = join(workspace, 'dist/tools/scanner');
const sources = join(out, 'tools/scanner/src');
const ENTRY_POINTS = ['cli.js', 'worker.js'];
/** Left to Node's resolver: web-tree-sitter finds its .wasm next to its own module, the grammars are files. */
const EXTERNAL = ['web-tree-sitter', 'tree-sitter-wasms', 'tree-sitter-bash', '@tree-sitter-grammars/tree-sitter-lua'];

// One file per thread to read and compile at start-up instead of ~30 modules (ours, commander, ignore): the
// scan of a large tree is short enough that module loading shows. Modules imported lazily stay lazy (each is
// evaluated on its first import). Source maps chain to the TypeScript sources through SWC's maps.
await build({
  entryPoints: ENTRY_POINTS.map((entry) => join(sources, entry)),
  outdir: sources,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: EXTERNAL,
  sourcemap: true,
  logLevel: 'warning',
});
for (const entry of readdirSync(sources, { withFileTypes: true })) {
  const bundled = ENTRY_POINTS.some((point) => entry.name === point || entry.name === `${point}.map`);
  if (!bundled) rmSync(join(sources, entry.name), { recursive: true });
}
// The workspace libs the CLI imports (compiled beside it by build-node-app.mjs) are inside the bundles now.
rmSync(join(out, 'libs'), { recursive: true, force: true });

const manifest = JSON.parse(readFileSync(join(workspace, 'tools/scanner/package.json'), 'utf8'));
const root = JSON.parse(readFileSync(join(workspace, 'package.json'), 'utf8'));
for (const name of Object.keys(manifest.dependencies)) manifest.dependencies[name] = root.dependencies[name];
mkdirSync(join(out, 'bin'), { recursive: true });
writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
copyFileSync(join(workspace, 'tools/scanner/bin/tokenshift-scan.js'), join(out, 'bin/tokenshift-scan.js'));
copyFileSync(join(workspace, 'docs/scanner.md'), join(out, 'README.md'));
console.log(`bundled ${ENTRY_POINTS.join(' and ')}; packaged ${manifest.name}@${manifest.version} in ${out}`);
