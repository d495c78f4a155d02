// scripts/short-imports.mjs, which names the wasm's imports in a letter or two in the main module and
// its glue alike: every kind of import is read, a function imported twice keeps one name, only
// wasm-bindgen's module is renamed, a name the glue uses anywhere but as its key stays, and the
// module still instantiates with the glue's object and calls what it imported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const wasmAs = new URL('../../tools/node_modules/.bin/wasm-as', import.meta.url).pathname;
const script = new URL('../../scripts/short-imports.mjs', import.meta.url).pathname;

const WAT = `(module
  (import "./x_bg.js" "__wbg_answer_0123456789abcdef" (func $answer (result i32)))
  (import "./x_bg.js" "__wbg_shared_fedcba9876543210" (func $shared (result i32)))
  (import "./x_bg.js" "__wbg_limit_00112233445566aa" (global $limit i32))
  (import "./x_bg.js" "__wbg_table_aabbccddeeff0011" (table 1 funcref))
  (import "./x_bg.js" "__wbg_memory_99887766554433aa" (memory 1))
  (import "./x_bg.js" "__wbg_failure_0a1b2c3d4e5f6071" (tag $failure (param i32)))
  (import "./x_bg.js" "__wbg_answer_0123456789abcdef" (func $answer_again (result i32)))
  (import "./__wasm_split.js" "__wasm_split_load_list" (func $load (result i32)))
  (func (export "sum") (result i32)
    (i32.add (i32.add (call $answer) (call $shared)) (i32.add (global.get $limit) (call $load))))
  (func (export "again") (result i32) (call $answer_again))
  (func (export "stored") (result i32) (i32.load (i32.const 0))))`;

// The glue as esbuild leaves it: the imports object's keys, and one name also read elsewhere.
const GLUE = `function L(){return{__proto__:null,"./x_bg.js":{__proto__:null,`
  + `__wbg_answer_0123456789abcdef:function(){return 40},__wbg_shared_fedcba9876543210:function(){return 1},`
  + `__wbg_limit_00112233445566aa:new WebAssembly.Global({value:"i32"},500),`
  + `__wbg_table_aabbccddeeff0011:new WebAssembly.Table({element:"anyfunc",initial:1}),`
  + `__wbg_memory_99887766554433aa:(()=>{const m=new WebAssembly.Memory({initial:1});new Int32Array(m.buffer)[0]=7;return m})(),`
  + `__wbg_failure_0a1b2c3d4e5f6071:new WebAssembly.Tag({parameters:["i32"]})},`
  + `"./__wasm_split.js":{__wasm_split_load_list:function(){return 1000}}}}`
  + `const keep="__wbg_shared_fedcba9876543210";`;

test('renames the bindgen imports the glue names only as keys, in both files, and the module still runs', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'short-imports-'));
  try {
    writeFileSync(path.join(dir, 'probe.wat'), WAT);
    execFileSync(wasmAs, ['--enable-exception-handling', path.join(dir, 'probe.wat'), '-o', path.join(dir, 'probe.wasm')]);
    writeFileSync(path.join(dir, 'glue.js'), GLUE);
    execFileSync('node', [script, path.join(dir, 'probe.wasm'), path.join(dir, 'glue.js')], { stdio: 'pipe' });

    const module = new WebAssembly.Module(readFileSync(path.join(dir, 'probe.wasm')));
    const names = WebAssembly.Module.imports(module)
      .map(({ module: from, name, kind }) => `${from} ${name.length === 1 ? '(one letter)' : name} ${kind}`);
    assert.deepEqual(names.sort(), [
      './__wasm_split.js __wasm_split_load_list function',
      './x_bg.js (one letter) function',
      './x_bg.js (one letter) function',
      './x_bg.js (one letter) global',
      './x_bg.js (one letter) memory',
      './x_bg.js (one letter) table',
      './x_bg.js (one letter) tag',
      './x_bg.js __wbg_shared_fedcba9876543210 function',
    ]);
    const [answer, , answerAgain] = WebAssembly.Module.imports(module).filter(({ kind }) => kind === 'function');
    assert.equal(answerAgain.name, answer.name, 'a function imported twice has one short name');
    assert.equal(new Set(WebAssembly.Module.imports(module).map(({ name }) => name)).size, 7, 'no two other imports share a name');
    const glue = readFileSync(path.join(dir, 'glue.js'), 'utf8');
    assert.doesNotMatch(glue, /__wbg_answer_|__wbg_limit_|__wbg_table_|__wbg_memory_|__wbg_failure_/);
    assert.match(glue, /const keep="__wbg_shared_fedcba9876543210"/, 'a name read elsewhere is kept');
    const imports = new Function(`${glue}; return L();`)();
    const { sum, again, stored } = new WebAssembly.Instance(module, imports).exports;
    assert.equal(sum(), 1541, 'each import reaches the function the glue gives for it');
    assert.equal(again(), 40, 'the second import of a function reaches it too');
    assert.equal(stored(), 7, 'the memory imported is the glue\'s');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
