#!/usr/bin/env node
// Compiles a Node app and the workspace libs it uses with SWC (decorator metadata included, which
// esbuild lacks and Nest's DI needs), rewriting the tsconfig path aliases into relative imports,
// so `node dist/<app>/.../main.js` runs without a bundler or a runtime path hook.
// Usage: node tools/build/build-node-app.mjs <app root> <out dir> [extra source globs, e.g. 'libs/**/src/**/*.ts']
import { transformFile } from '@swc/core';
import { globSync } from 'glob';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const [appRoot, outDir, ...extraSources] = process.argv.slice(2);
if (!appRoot || !outDir) {
  console.error('usage: build-node-app.mjs <app root> <out dir>');
  process.exit(2);
}
const workspace = resolve(import.meta.dirname, '../..');
const swcrc = JSON.parse(readFileSync(join(workspace, '.swcrc'), 'utf8'));
const { paths } = JSON.parse(readFileSync(join(workspace, 'tsconfig.base.json'), 'utf8')).compilerOptions;
delete swcrc.$schema;

const IGNORE = ['**/*.spec.ts', '**/*.d.ts', '**/test/**', '**/testing.ts'];
const sources = withImportedLibs(globSync([`${appRoot}/src/**/*.ts`, ...extraSources], { cwd: workspace, ignore: IGNORE }));
rmSync(join(workspace, outDir), { recursive: true, force: true });
await Promise.all(
  sources.map(async (source) => {
    const { code, map } = await transformFile(join(workspace, source), {
      ...swcrc,
      swcrc: false,
      sourceMaps: true,
      jsc: { ...swcrc.jsc, baseUrl: workspace, paths },
    });
    const target = join(workspace, outDir, source.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (map) writeFileSync(`${target}.map`, map);
  }),
);
console.log(`built ${sources.length} files into ${outDir}`);

/** Adds the sources of the workspace libs the files import through a path alias (`@tokenshift/shared`), transitively. */
function withImportedLibs(files) {
  const all = new Set(files);
  const seenAliases = new Set();
  for (const file of all) {
    for (const [, alias] of readFileSync(join(workspace, file), 'utf8').matchAll(/from '(@tokenshift\/[\w/-]+)'/g)) {
      if (seenAliases.has(alias) || !paths[alias]) continue;
      seenAliases.add(alias);
      for (const lib of globSync(`${dirname(paths[alias][0]).replace(/^\.\//, '')}/**/*.ts`, { cwd: workspace, ignore: IGNORE })) all.add(lib);
    }
  }
  return [...all];
}
