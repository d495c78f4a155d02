// scripts/name-wasm.mjs, which names each wasm file of the build ./HASH for the crash guard in
// WebKit: the section it adds is a valid name section holding exactly that module name, just ahead
// of the code (WebKit compiles a streamed module's functions as their bodies arrive), the module still
// compiles, and a file is never named twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nameWasm } from '../../scripts/name-wasm.mjs';
import { sections } from '../../scripts/wasm-binary.mjs';

const wasmAs = new URL('../../tools/node_modules/.bin/wasm-as', import.meta.url).pathname;
const probe = new URL('../webdriver/crash-probe.wat', import.meta.url).pathname;

/** The module name in `bytes`' name section, as an engine reads it: subsection 0, its size, then
 * the name's length and bytes, the numbers as LEB128; nothing may follow. */
function moduleName(bytes) {
  const [section] = WebAssembly.Module.customSections(new WebAssembly.Module(bytes), 'name');
  const view = new Uint8Array(section);
  let at = 0;
  const leb = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = view[at++];
      value |= (byte & 0x7f) << shift;
      if (!(byte & 0x80)) return value;
    }
  };
  assert.equal(view[at++], 0, 'the module-name subsection');
  const size = leb();
  const payloadStart = at;
  const length = leb();
  const name = Buffer.from(view.subarray(at, at + length)).toString('utf8');
  assert.equal(at + length - payloadStart, size, 'the subsection size covers the name exactly');
  assert.equal(at + length, view.length, 'nothing after the name');
  return name;
}

test('names a module, once', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'name-wasm-'));
  try {
    const file = path.join(dir, 'ada-webhooks-admin-0123456789abcdef_chunk_3.wasm');
    execFileSync(wasmAs, [probe, '-o', file]);
    const before = readFileSync(file);
    nameWasm(file, './0123456789abcdef');
    const after = readFileSync(file);
    assert.equal(moduleName(after), './0123456789abcdef');
    assert.ok(after.length - before.length <= 30, `${after.length - before.length} bytes added`);
    const ids = (bytes) => sections(bytes).map(({ id }) => id);
    const code = ids(before).indexOf(10);
    assert.ok(code > 0, 'the probe has a code section');
    assert.deepEqual(ids(after), [...ids(before).slice(0, code), 0, ...ids(before).slice(code)],
      'the name section comes just ahead of the code');
    const withoutNames = (bytes) => Buffer.concat([
      bytes.subarray(0, 8), ...sections(bytes).filter(({ id }) => id !== 0).map((each) => each.bytes),
    ]);
    assert.deepEqual(withoutNames(after), withoutNames(before), 'the module itself is unchanged');
    const instance = new WebAssembly.Instance(new WebAssembly.Module(after));
    assert.equal(instance.exports.fine(), 1);
    assert.throws(() => nameWasm(file, './0123456789abcdef'), /already has a name section/);
    writeFileSync(path.join(dir, 'not.wasm'), 'text');
    assert.throws(() => nameWasm(path.join(dir, 'not.wasm'), './x'), /not a wasm module/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a long name gets its two-byte lengths right', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'name-wasm-'));
  try {
    const file = path.join(dir, 'probe.wasm');
    execFileSync(wasmAs, [probe, '-o', file]);
    const long = `./${'n'.repeat(200)}.wasm`;
    nameWasm(file, long);
    assert.equal(moduleName(readFileSync(file)), long);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
