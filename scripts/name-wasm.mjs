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
// The section goes ahead of the code, not at the end where names usually are: WebKit 2.50 compiles
// each function of a streamed module as soon as its body has arrived, and a function compiled before
// the name section was read keeps `<?>` for a module name in its frames (WebKit bug 318710, fixed
// upstream in 2026, after 2.50), so a slow network would hide the widget's traps from the guard.
// WebKit reads the section there; a custom section out of its usual place never invalidates a module
// (the spec's rule), and the other engines name each frame by its file anyway.
// tests/webdriver/crash-guard.test.mjs loads the probe slowly in each engine.
//
//   node scripts/name-wasm.mjs ./ada-webhooks-admin FILE.wasm...
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { name, readName, rewriteSections, section, sections, unsigned } from './wasm-binary.mjs';
import { fileURLToPath } from 'node:url';

const CODE_SECTION = 10;

/** A custom section `name` holding only the module-name subsection (id 0). */
export function moduleNameSection(moduleName) {
  const payload = name(moduleName);
  const subsection = Buffer.concat([Buffer.from([0x00]), unsigned(payload.length), payload]);
  return section(0, Buffer.concat([name('name'), subsection]));
}

/** True when `bytes` already carry a custom section called `name`. */
function hasNameSection(bytes) {
  return sections(bytes).some(({ id, contentStart }) => id === 0 && readName(bytes, contentStart)[0] === 'name');
}

export function nameWasm(file, moduleName) {
  const bytes = readFileSync(file);
  if (bytes.readUInt32BE(0) !== 0x0061736d) throw new Error(`${file} is not a wasm module`);
  if (hasNameSection(bytes)) throw new Error(`${file} already has a name section`);
  const named = moduleNameSection(moduleName);
  // A module with no code cannot trap; its name goes at the end.
  const hasCode = sections(bytes).some(({ id }) => id === CODE_SECTION);
  writeFileSync(file, hasCode
    ? rewriteSections(bytes, (each) => (each.id === CODE_SECTION ? Buffer.concat([named, each.bytes]) : undefined))
    : Buffer.concat([bytes, named]));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const [moduleName, ...files] = process.argv.slice(2);
  if (!moduleName?.startsWith('./') || files.length === 0) {
    console.error('usage: node scripts/name-wasm.mjs ./NAME FILE.wasm...');
    process.exit(2);
  }
  for (const file of files) nameWasm(file, moduleName);
}
