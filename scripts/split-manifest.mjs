// Reads a split loader (NAME-HASH_split.js, written by wasm-split-cli and renamed by
// scripts/split-wasm.sh) and prints, as JSON, the wasm files each part loads: its own and the
// shared chunks it depends on, e.g. { "verify": ["NAME-HASH_split_verify.wasm", "NAME-HASH_chunk_3.wasm"] }.
import { readFileSync } from 'node:fs';

const loader = readFileSync(process.argv[2], 'utf8');
const fileOf = (text) => text.match(/new URL\("\.\/([^"]+\.wasm)"/)?.[1];
const chunks = new Map();
for (const [, variable, body] of loader.matchAll(/const (__chunk_\d+) = makeLoad\(([\s\S]*?), \[\]\);/g)) {
  chunks.set(variable, fileOf(body));
}
const parts = {};
for (const [, part, body, deps] of loader.matchAll(
  /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?), \[([^\]]*)\]\)\);/g,
)) {
  const files = [fileOf(body), ...deps.split(',').map((dep) => chunks.get(dep.trim()))].filter(Boolean);
  parts[part] = files;
}
if (Object.keys(parts).length === 0) throw new Error(`no parts found in ${process.argv[2]}`);
process.stdout.write(`${JSON.stringify(parts)}\n`);
