// The release build's precompressed files (scripts/precompress.mjs): every html, js, css and wasm
// file in dist/ has NAME.br and NAME.gz beside it that decompress to exactly its bytes, so a server
// with brotli_static / gzip_static sends the same file in any encoding; and no .br or .gz is left
// without its original.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
const names = readdirSync(distDir, { recursive: true });
const shipped = names.filter((name) => /\.(html|js|css|wasm)$/.test(name));

test('the release build ships html, js, css and wasm files', () => {
  for (const extension of ['.html', '.js', '.css', '.wasm']) {
    assert.ok(shipped.some((name) => name.endsWith(extension)), `no ${extension} file in ${distDir}`);
  }
});

for (const name of shipped) {
  test(`${name} has .br and .gz siblings with exactly its bytes`, () => {
    const original = readFileSync(path.join(distDir, name));
    const br = readFileSync(path.join(distDir, `${name}.br`));
    const gz = readFileSync(path.join(distDir, `${name}.gz`));
    assert.ok(zlib.brotliDecompressSync(br).equals(original), `${name}.br decompresses to other bytes`);
    assert.ok(zlib.gunzipSync(gz).equals(original), `${name}.gz decompresses to other bytes`);
    // Deterministic, like gzip -n: no mtime (bytes 4-7) and no file name (flag bit 3).
    assert.equal(gz.readUInt32LE(4), 0, `${name}.gz records a modification time`);
    assert.equal(gz[3] & 0x08, 0, `${name}.gz records a file name`);
  });
}

test('every .br and .gz file has its original', () => {
  const orphans = names.filter((name) => /\.(br|gz)$/.test(name) && !existsSync(path.join(distDir, name.slice(0, -3))));
  assert.deepEqual(orphans, []);
});
