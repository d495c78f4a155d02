// scripts/drop-stream-exports.mjs, which drops wasm-streams' adapters' exports from the main module
// before wasm-opt: exactly those go, the module's other exports stay as they were, and it still runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STREAM_EXPORT, dropExports } from '../../scripts/drop-stream-exports.mjs';

const wasmAs = new URL('../../tools/node_modules/.bin/wasm-as', import.meta.url).pathname;

const WAT = `(module
  (memory (export "memory") 1)
  (table (export "__indirect_function_table") 1 funcref)
  (func $seven (result i32) (i32.const 7))
  (export "handle_destroy" (func $seven))
  (export "intounderlyingsource_pull" (func $seven))
  (export "__wbg_intounderlyingsink_free" (func $seven))
  (export "intounderlyingbytesource_autoAllocateChunkSize" (func $seven))
  (export "intounderlying_not_an_adapter" (func $seven)))`;

test("drops the adapters' exports and nothing else", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drop-stream-exports-'));
  try {
    writeFileSync(path.join(dir, 'probe.wat'), WAT);
    execFileSync(wasmAs, [path.join(dir, 'probe.wat'), '-o', path.join(dir, 'probe.wasm')]);
    const [rewritten, dropped] = dropExports(readFileSync(path.join(dir, 'probe.wasm')), STREAM_EXPORT);
    assert.deepEqual(dropped.sort(), [
      '__wbg_intounderlyingsink_free', 'intounderlyingbytesource_autoAllocateChunkSize', 'intounderlyingsource_pull',
    ]);
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(rewritten));
    assert.deepEqual(Object.keys(exports).sort(),
      ['__indirect_function_table', 'handle_destroy', 'intounderlying_not_an_adapter', 'memory']);
    assert.equal(exports.handle_destroy(), 7);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
