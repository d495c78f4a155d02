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

const [wasmPath, gluePath] = process.argv.slice(2);
const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, 'utf8');
const IMPORT_SECTION = 2;

function readUnsigned(bytes, at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

function unsigned(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}

const name = (text) => Buffer.concat([unsigned(Buffer.byteLength(text)), Buffer.from(text)]);

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

let at = 8; // magic and version
const sections = [];
let renamed = 0;
while (at < wasm.length) {
  const id = wasm[at];
  const [size, contentStart] = readUnsigned(wasm, at + 1);
  const end = contentStart + size;
  if (id !== IMPORT_SECTION) {
    sections.push(wasm.subarray(at, end));
    at = end;
    continue;
  }
  let [count, cursor] = readUnsigned(wasm, contentStart);
  const entries = [unsigned(count)];
  const names = shortNames();
  for (let index = 0; index < count; index++) {
    let moduleLength, fieldLength;
    [moduleLength, cursor] = readUnsigned(wasm, cursor);
    const module = wasm.toString('utf8', cursor, cursor + moduleLength);
    cursor += moduleLength;
    [fieldLength, cursor] = readUnsigned(wasm, cursor);
    let field = wasm.toString('utf8', cursor, cursor + fieldLength);
    cursor += fieldLength;
    let desc;
    [desc, cursor] = description(wasm, cursor);
    const key = new RegExp(`(?<![\\w$])${field.replace(/\$/g, '\\$')}:`, 'g');
    const uses = glue.split(field).length - 1;
    if (module === bindgenModule && uses === 1 && glue.match(key)?.length === 1) {
      // Every other key of that object is a long name that was used more than once: no collision.
      const short = names.next().value;
      glue = glue.replace(key, `${short}:`);
      field = short;
      renamed++;
    }
    entries.push(name(module), name(field), desc);
  }
  if (cursor !== end) throw new Error('short-imports: the import section was not read to its end');
  const content = Buffer.concat(entries);
  sections.push(Buffer.concat([Buffer.from([IMPORT_SECTION]), unsigned(content.length), content]));
  at = end;
}
writeFileSync(wasmPath, Buffer.concat([wasm.subarray(0, 8), ...sections]));
writeFileSync(gluePath, glue);
console.error(`short-imports: ${renamed} imports renamed`);
