// Writes Brotli and gzip copies of the built pages' text assets (dist/web) next to them, once at
// build time, so the gateway serves them compressed (@fastify/static's preCompressed) without
// spending CPU per request. Patients open these pages on phones over mobile data.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '../../dist/web');
const TEXT = /\.(html|js|mjs|css|svg|json|map|txt)$/;
const MIN_BYTES = 1024;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

let count = 0;
for (const path of files(root)) {
  if (!TEXT.test(path)) continue;
  const raw = readFileSync(path);
  if (raw.length < MIN_BYTES) continue;
  writeFileSync(
    `${path}.br`,
    brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
  writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
  count += 1;
}
if (process.env.PRECOMPRESS_VERBOSE) console.log(`[web] ${count} assets precompressed`);
