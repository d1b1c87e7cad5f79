#!/usr/bin/env node
// Our npm registry mirror lacks some platform builds that native packages list as optional
// dependencies (e.g. @swc/core-darwin-arm64). `npm install` then leaves them out of
// package-lock.json and `npm ci` refuses the lock as out of sync. This adds each missing optional
// platform package as a lock entry with its os/cpu, which npm ci skips on a non-matching machine
// without fetching it. Run after every `npm install` that changes the lock.
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = 'package-lock.json';
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const present = new Set(Object.keys(lock.packages).map((path) => path.replace(/^.*node_modules\//, '')));

const OS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32', 'mips64el'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  if (!os || !cpu) return null;
  const libc = parts.includes('musl') || parts.includes('musleabihf') ? ['musl'] : os === 'linux' ? ['glibc'] : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (present.has(name) || !/^\d+\.\d+\.\d+/.test(spec)) continue;
    const platform = platformOf(name);
    if (!platform) throw new Error(`${path} lists optional ${name}@${spec}, missing from the lock and not a platform build`);
    lock.packages[`node_modules/${name}`] = { version: spec, license: entry.license, optional: true, ...platform };
    present.add(name);
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} missing optional platform entries`);
