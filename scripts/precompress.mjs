// Release post-build step (scripts/post-build.sh): writes NAME.br and NAME.gz beside every html, js,
// css, wasm and txt (the French catalog) file under the directory given, for servers that send precompressed files
// (nginx brotli_static / gzip_static, see docs/embedding.md). It runs last, so it compresses the
// files exactly as they ship.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotli, gzip } from './compression.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/precompress.mjs DIR');
  process.exit(2);
}
for (const name of readdirSync(dir, { recursive: true })) {
  if (!/\.(html|js|css|wasm|txt)$/.test(name)) continue;
  const file = path.join(dir, name);
  const bytes = readFileSync(file);
  writeFileSync(`${file}.br`, brotli(bytes));
  writeFileSync(`${file}.gz`, gzip(bytes));
}
