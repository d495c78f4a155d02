// The release build's last word on its own code, run by scripts/post-build.sh after the JS is
// minified and before the entry points are written: every wasm file and JS module of the widget is
// named after a hash of its final bytes, and its Subresource Integrity value is recorded, so that a
// cache-forever name can never hold other bytes and a swapped file is refused rather than run.
//
// - Each wasm file (the main module and every chunk) is renamed NAME-<hash of its bytes><suffix>.
// - The split loader (NAME-…_split.js) fetches each chunk by its new name with its `integrity`.
// - The glue and the split loader import each other, so neither can hold a hash of the other's
//   final bytes: they share one name, from a hash of both files' bytes with those two names left out.
// - NAME-…_integrity.json records { file: "sha256-…" } for the wasm files, the two JS modules and
//   the stylesheets and the French catalog, which write-entry-points.sh puts into the loader and
//   start.js; NAME-…_chunks.json (part → files) follows the renames.
//
//   node scripts/seal-build.mjs STAGING_DIR
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const NAME = 'ada-webhooks-admin';
const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/seal-build.mjs STAGING_DIR');
  process.exit(2);
}
const files = readdirSync(dir);
const only = (pattern) => {
  const matches = files.filter((file) => pattern.test(file));
  if (matches.length !== 1) throw new Error(`seal-build: expected one file like ${pattern} in ${dir}, found ${matches.length}`);
  return matches[0];
};
const read = (file) => readFileSync(path.join(dir, file));
const hash16 = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
// SHA-256, the shortest digest SRI accepts and as strong against a swap: a digest is random bytes
// that no compression shrinks, and the split loader and the entry points carry one per file.
const sri = (bytes) => `sha256-${createHash('sha256').update(bytes).digest('base64')}`;
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// trunk writes its hashes without leading zeros: 16 hex digits, sometimes fewer.
const glue = only(new RegExp(`^${NAME}-[0-9a-f]{1,16}\\.js$`));
const base = glue.slice(0, -'.js'.length);
const split = only(new RegExp(`^${escape(base)}_split\\.js$`));
const manifest = `${base}_chunks.json`;
const integrity = {};
const renamed = new Map();

// The wasm files: final bytes (wasm-opt and the module name are done), so each is named and hashed.
for (const file of files.filter((file) => file.startsWith(base) && file.endsWith('.wasm'))) {
  const bytes = read(file);
  const sealed = `${NAME}-${hash16(bytes)}${file.slice(base.length)}`;
  renameSync(path.join(dir, file), path.join(dir, sealed));
  renamed.set(file, sealed);
  integrity[sealed] = sri(bytes);
}
const renameAll = (text) => [...renamed].reduce((out, [from, to]) => out.replaceAll(from, to), text);

// The split loader fetches each chunk by its new name, with its integrity.
let splitText = renameAll(read(split).toString('utf8'));
let fetches = 0;
splitText = splitText.replace(/fetch\(new URL\("\.\/([^"]+\.wasm)",\s*import\.meta\.url\)\)/g, (_, file) => {
  if (!integrity[file]) throw new Error(`seal-build: the split loader fetches ${file}, which is not in the build`);
  fetches += 1;
  return `fetch(new URL("./${file}",import.meta.url),{integrity:${JSON.stringify(integrity[file])}})`;
});
if (fetches !== renamed.size - 1) {
  throw new Error(`seal-build: the split loader fetches ${fetches} chunks; the build has ${renamed.size - 1}`);
}
let glueText = renameAll(read(glue).toString('utf8'));

// The glue and the split loader: one name for both, from their bytes with each other's names out.
const GLUE_MARK = '\u0000glue\u0000';
const SPLIT_MARK = '\u0000split\u0000';
const unnamed = (text) => text.replaceAll(split, SPLIT_MARK).replaceAll(glue, GLUE_MARK);
const pair = `${NAME}-${hash16(Buffer.concat([Buffer.from(unnamed(glueText)), Buffer.from(unnamed(splitText))]))}`;
const named = (text) => unnamed(text).replaceAll(SPLIT_MARK, `${pair}_split.js`).replaceAll(GLUE_MARK, `${pair}.js`);
glueText = named(glueText);
splitText = named(splitText);
for (const file of [glue, split]) unlinkSync(path.join(dir, file));
writeFileSync(path.join(dir, `${pair}.js`), glueText);
writeFileSync(path.join(dir, `${pair}_split.js`), splitText);
integrity[`${pair}.js`] = sri(Buffer.from(glueText));
integrity[`${pair}_split.js`] = sri(Buffer.from(splitText));

// The French catalog: named by its bytes, and recorded, as the widget's code is (words can deceive).
const french = `${NAME}_fr.txt`;
if (files.includes(french)) {
  const bytes = read(french);
  const sealed = `${NAME}-${hash16(bytes)}_fr.txt`;
  renameSync(path.join(dir, french), path.join(dir, sealed));
  integrity[sealed] = sri(bytes);
}

// The stylesheets keep trunk's content-hashed names; their integrity goes into the record too.
for (const file of files.filter((file) => /^(main|page)-[0-9a-f]{1,16}\.css$/.test(file))) {
  integrity[file] = sri(read(file));
}

const parts = JSON.parse(read(manifest).toString('utf8'));
for (const part of Object.keys(parts)) parts[part] = parts[part].map((file) => renamed.get(file) ?? file);
unlinkSync(path.join(dir, manifest));
writeFileSync(path.join(dir, `${pair}_chunks.json`), `${JSON.stringify(parts)}\n`);
writeFileSync(path.join(dir, `${pair}_integrity.json`), `${JSON.stringify(integrity)}\n`);
console.error(`seal-build: ${renamed.size} wasm files and 2 modules named by their bytes; glue ${pair}.js`);
