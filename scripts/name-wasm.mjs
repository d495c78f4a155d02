// Gives each wasm file of the build the module name `./ada-webhooks-admin`, in a name section of its
// own (about 30 bytes), so that an engine whose error stacks name no file for wasm frames still names
// the widget. WebKit writes a frame of an unnamed module as `12@<?>:wasm-function[12]` and of a named
// one as `12@./ada-webhooks-admin:wasm-function[12]`; the crash guard (loader/crash-guard.js)
// recognises the widget's traps by `ada-webhooks-admin` in the stack, which Chromium and Firefox show
// in the file's URL. The name is a relative path on purpose: WebKit reads a frame's module name as
// the error's source URL, and a name that parses as a scheme of its own
// (`ada-webhooks-admin:wasm-function[12]`) makes it withhold the error from the page's error handlers
// as if it came from another origin. wasm-opt -Oz has removed every name section before this runs.
//
//   node scripts/name-wasm.mjs ./ada-webhooks-admin FILE.wasm...
import { readFileSync, writeFileSync } from 'node:fs';

/** `value` as an unsigned LEB128, as wasm encodes lengths. */
function leb128(value) {
  const bytes = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

/** A custom section `name` holding only the module-name subsection (id 0). */
export function moduleNameSection(name) {
  const utf8 = [...Buffer.from(name, 'utf8')];
  const subsection = [0x00, ...leb128(utf8.length + leb128(utf8.length).length), ...leb128(utf8.length), ...utf8];
  const sectionName = [...Buffer.from('name', 'utf8')];
  const content = [...leb128(sectionName.length), ...sectionName, ...subsection];
  return Buffer.from([0x00, ...leb128(content.length), ...content]);
}

/** True when `bytes` already carry a custom section called `name`. */
function hasNameSection(bytes) {
  let at = 8;
  const read = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++];
      value |= (byte & 0x7f) << shift;
      if (!(byte & 0x80)) return value >>> 0;
      shift += 7;
    }
  };
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = read();
    const end = at + size;
    if (id === 0) {
      const length = read();
      if (bytes.subarray(at, at + length).toString('utf8') === 'name') return true;
    }
    at = end;
  }
  return false;
}

export function nameWasm(file, name) {
  const bytes = readFileSync(file);
  if (bytes.readUInt32BE(0) !== 0x0061736d) throw new Error(`${file} is not a wasm module`);
  if (hasNameSection(bytes)) throw new Error(`${file} already has a name section`);
  writeFileSync(file, Buffer.concat([bytes, moduleNameSection(name)]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [name, ...files] = process.argv.slice(2);
  if (!name?.startsWith('./') || files.length === 0) {
    console.error('usage: node scripts/name-wasm.mjs ./NAME FILE.wasm...');
    process.exit(2);
  }
  for (const file of files) nameWasm(file, name);
}
