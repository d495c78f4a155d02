// Run by scripts/post-build.sh on the main module and its minified glue: gives each function the
// glue hands the wasm (wasm-bindgen's imports, named like `__wbg_setAttribute_3cd32055a417f095`) a
// name of one or two letters, in the wasm's import section and in the glue's imports object alike.
// The sixteen hex digits of each name are random bytes that no compressor shrinks, paid twice (in the
// wasm and in the glue) on every first load. Only the module wasm-bindgen writes its imports under is
// renamed, and only names that appear exactly once in the glue, as a key, so that nothing else can
// change meaning.
//
//   node scripts/short-imports.mjs MAIN_WASM GLUE_JS
import { readFileSync, writeFileSync } from 'node:fs';
import { name, readName, readUnsigned, rewriteSections, section, unsigned } from './wasm-binary.mjs';

const [wasmPath, gluePath] = process.argv.slice(2);
const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, 'utf8');
const IMPORT_SECTION = 2;

/** One import's description, as bytes, and where the next import starts. */
function description(bytes, at) {
  const start = at;
  const kind = bytes[at++];
  const limits = () => {
    const flags = bytes[at++];
    [, at] = readUnsigned(bytes, at);
    if (flags & 1) [, at] = readUnsigned(bytes, at);
  };
  if (kind === 0 || kind === 4) { // function: type index; tag: attribute, type index
    if (kind === 4) at++;
    [, at] = readUnsigned(bytes, at);
  } else if (kind === 1) { // table: reference type, limits
    at++;
    limits();
  } else if (kind === 2) { // memory: limits
    limits();
  } else if (kind === 3) { // global: value type, mutability
    at += 2;
  } else {
    throw new Error(`short-imports: unknown import kind ${kind}`);
  }
  return [bytes.subarray(start, at), at];
}

/** Short names: a … z, A … Z, then two letters. */
function* shortNames() {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const letter of letters) yield letter;
  for (const first of letters) for (const second of letters) yield first + second;
}

// The module wasm-bindgen writes its imports under, which the glue names as its imports object's key.
const bindgenModule = glue.match(/"(\.\/[\w-]+_bg\.js)"/)?.[1];
if (!bindgenModule) throw new Error("short-imports: the glue's imports object was not found");

// A field imported twice (two imports of one glue function) gets the same short name both times.
const shortFor = new Map();
const rewritten = rewriteSections(wasm, ({ id, contentStart, end }) => {
  if (id !== IMPORT_SECTION) return undefined;
  let [count, cursor] = readUnsigned(wasm, contentStart);
  const entries = [unsigned(count)];
  const names = shortNames();
  for (let index = 0; index < count; index++) {
    let module, field, desc;
    [module, cursor] = readName(wasm, cursor);
    [field, cursor] = readName(wasm, cursor);
    [desc, cursor] = description(wasm, cursor);
    if (module === bindgenModule && !shortFor.has(field)) {
      const key = new RegExp(`(?<![\\w$])${field.replace(/\$/g, '\\$')}:`, 'g');
      const uses = glue.split(field).length - 1;
      if (uses === 1 && glue.match(key)?.length === 1) {
        // Every other key of that object is a long name that was used more than once: no collision.
        const short = names.next().value;
        glue = glue.replace(key, `${short}:`);
        shortFor.set(field, short);
      }
    }
    if (module === bindgenModule) field = shortFor.get(field) ?? field;
    entries.push(name(module), name(field), desc);
  }
  if (cursor !== end) throw new Error('short-imports: the import section was not read to its end');
  return section(IMPORT_SECTION, Buffer.concat(entries));
});
writeFileSync(wasmPath, rewritten);
writeFileSync(gluePath, glue);
console.error(`short-imports: ${shortFor.size} imports renamed`);
