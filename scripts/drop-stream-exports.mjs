// Run by scripts/split-wasm.sh on the main module between wasm-bindgen and wasm-opt: drops the
// exports of wasm-streams' adapters (IntoUnderlyingSource, IntoUnderlyingSink and
// IntoUnderlyingByteSource, which turn a Rust stream into a JS one), so that wasm-opt drops their code
// too. Leptos always depends on server_fn, which depends on wasm-streams, whose `#[wasm_bindgen]`
// exports no linker may remove; only a server function's streaming body creates one, and this
// client-side widget has no server function. The glue keeps its classes for them, which nothing
// constructs.
//
//   node scripts/drop-stream-exports.mjs MAIN_WASM
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { readName, readUnsigned, rewriteSections, section, unsigned } from './wasm-binary.mjs';
import { fileURLToPath } from 'node:url';

const EXPORT_SECTION = 7;
/** wasm-bindgen's names for the adapters' methods and destructors. */
export const STREAM_EXPORT = /^(__wbg_)?intounderlying(bytesource|sink|source)_/;

/** `bytes` without the exports whose names match `pattern`, and the names dropped. */
export function dropExports(bytes, pattern) {
  const dropped = [];
  const rewritten = rewriteSections(bytes, ({ id, contentStart, end }) => {
    if (id !== EXPORT_SECTION) return undefined;
    let [count, at] = readUnsigned(bytes, contentStart);
    const kept = [];
    for (let index = 0; index < count; index++) {
      const start = at;
      let exported;
      [exported, at] = readName(bytes, at);
      [, at] = readUnsigned(bytes, at + 1); // its kind, then its index
      if (pattern.test(exported)) dropped.push(exported);
      else kept.push(bytes.subarray(start, at));
    }
    if (at !== end) throw new Error('drop-stream-exports: the export section was not read to its end');
    return section(EXPORT_SECTION, Buffer.concat([unsigned(kept.length), ...kept]));
  });
  return [rewritten, dropped];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const [file] = process.argv.slice(2);
  const [rewritten, dropped] = dropExports(readFileSync(file), STREAM_EXPORT);
  writeFileSync(file, rewritten);
  console.error(`drop-stream-exports: ${dropped.length} exports dropped`);
}
