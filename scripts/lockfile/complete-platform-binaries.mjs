#!/usr/bin/env node
// The npm registry reachable from this project's machines serves only linux-x64/arm64 builds of
// packages that ship per-platform binaries (@swc/core-*, @unrs/resolver-binding-*), so `npm install`
// here writes a lockfile without the other platforms' entries, and npm 11's `npm ci` then refuses it
// as out of sync. This adds those entries back as optional, platform-restricted stubs: `npm ci`
// accepts the lockfile and skips them on this platform exactly as it would skip the real ones.
// Run it after every `npm install` (npm run lockfile:complete).
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;

const OS = [
  'darwin',
  'win32',
  'linux',
  'android',
  'freebsd',
  'openharmony',
  'sunos',
  'aix',
  'netbsd',
  'openbsd',
];
const CPU = [
  'arm64',
  'x64',
  'ia32',
  'arm',
  'ppc64',
  's390x',
  'riscv64',
  'loong64',
  'wasm32',
  'mips64el',
];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  let cpu = parts.find((p) => CPU.includes(p));
  if (!cpu && parts.includes('wasm32')) cpu = 'wasm32';
  if (!os && !cpu) return null;
  return { os: os ? [os] : undefined, cpu: cpu ? [cpu] : undefined };
}

let added = 0;
for (const [path, meta] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/${dep}` : `node_modules/${dep}`;
    const hoisted = `node_modules/${dep}`;
    if (packages[base] || packages[hoisted]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    packages[hoisted] = {
      version,
      ...(meta.dev ? { dev: true } : {}),
      optional: true,
      ...(platform.os ? { os: platform.os } : {}),
      ...(platform.cpu ? { cpu: platform.cpu } : {}),
    };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`[lockfile] ${added} platform binary entries completed`);
