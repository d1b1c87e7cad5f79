#!/usr/bin/env node
// Turns dist/tools/scanner into an installable npm package: package.json (dependency versions pinned to the
// workspace's), the bin entry, and the docs. `npm pack dist/tools/scanner` then gives a tarball for `npx`.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const workspace = resolve(import.meta.dirname, '../../..');
const out = join(workspace, 'dist/tools/scanner');
const manifest = JSON.parse(readFileSync(join(workspace, 'tools/scanner/package.json'), 'utf8'));
const root = JSON.parse(readFileSync(join(workspace, 'package.json'), 'utf8'));
for (const name of Object.keys(manifest.dependencies)) manifest.dependencies[name] = root.dependencies[name];
mkdirSync(join(out, 'bin'), { recursive: true });
writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
copyFileSync(join(workspace, 'tools/scanner/bin/tokenshift-scan.js'), join(out, 'bin/tokenshift-scan.js'));
copyFileSync(join(workspace, 'docs/scanner.md'), join(out, 'README.md'));
console.log(`packaged ${manifest.name}@${manifest.version} in ${out}`);
