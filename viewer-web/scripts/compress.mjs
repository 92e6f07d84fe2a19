// Writes .gz and .br siblings of the built text assets so the server can send them
// precompressed (the bundle is parsed on slow links; compression cuts it several-fold).
// Usage: node scripts/compress.mjs DIR
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(html|js|mjs|css|json|svg|map|txt|wasm)$/;
const MIN_BYTES = 1024;

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/compress.mjs DIR');
  process.exit(2);
}

let written = 0;
for (const entry of await readdir(dir, { recursive: true })) {
  const path = join(dir, entry);
  if (!COMPRESSIBLE.test(path) || !(await stat(path)).isFile()) {
    continue;
  }
  const bytes = await readFile(path);
  if (bytes.length < MIN_BYTES) {
    continue;
  }
  const gz = gzipSync(bytes, { level: 9 });
  const br = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  // A compressed copy no smaller than the original is never worth sending.
  if (gz.length < bytes.length) {
    await writeFile(`${path}.gz`, gz);
    written++;
  }
  if (br.length < bytes.length) {
    await writeFile(`${path}.br`, br);
    written++;
  }
}
console.log(`compress: ${written} precompressed files in ${dir}`);
