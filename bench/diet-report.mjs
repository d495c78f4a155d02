// bench/diet.sh's report: the main module's code and data by crate, the generics with the most copies,
// what dominates the most bytes, and the drop glue (one `drop_in_place` per type that needs dropping). Reads twiggy's CSV from the
// folder given.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotli } from '../scripts/compression.mjs';

const dir = process.argv[2];

function items(module) {
  const [header, ...lines] = readFileSync(path.join(dir, `${module}.csv`), 'utf8').trim().split('\n');
  const columns = header.split(',');
  return lines.map((line) => {
    // The name is the one quoted field that may hold commas.
    const name = line.match(/^"((?:[^"]|"")*)"|^([^,]*)/);
    const rest = line.slice(name[0].length + 1).split(',');
    const size = Number(rest[columns.indexOf('ShallowSize') - 1]);
    return { name: (name[1] ?? name[2]).replaceAll('""', '"'), size };
  }).filter((item) => !/custom section|subsection/.test(item.name));
}

/** The crate an item belongs to: the first path segment of its name, or of the type it implements for. */
function crateOf(name) {
  if (name.startsWith('data segment')) return '(data)';
  const match = name.replace(/^<+/, '').match(/^(?:impl )?(?:&(?:mut )?)?(?:dyn )?([A-Za-z_][A-Za-z0-9_]*)/);
  return match ? match[1] : '(other)';
}

const brotliBytes = (file) => brotli(readFileSync(path.join(dir, file))).length;
const floor = { wasm: brotliBytes('floor/floor.wasm'), glue: brotliBytes('floor/glue.js') };
const shipped = { wasm: brotliBytes('shipped.wasm'), glue: brotliBytes('shipped.js') };
const together = ({ wasm, glue }) => wasm + glue;
console.log('### Against the floor (brotli -q 11)\n');
console.log('| build | wasm (B) | glue (B) | together (B) |\n|---|---:|---:|---:|');
console.log(`| the floor: a bare Leptos frame and sign-in form (bench/floor/main.rs) | ${floor.wasm} | ${floor.glue} | ${together(floor)} |`);
console.log(`| the widget's main module and glue (dist/) | ${shipped.wasm} | ${shipped.glue} | ${together(shipped)} |`);
console.log(`\nThe main module and glue are ${(together(shipped) / together(floor)).toFixed(2)} times the floor, ${together(shipped) - together(floor)} B above it.\n`);

const table = (rows) => ['| what | bytes | share |', '|---|---:|---:|', ...rows].join('\n');

const module = 'main';
const title = 'main module (the list included)';
const all = items(module);
const total = all.reduce((sum, item) => sum + item.size, 0);
const byCrate = new Map();
for (const item of all) {
  const crate = crateOf(item.name);
  byCrate.set(crate, (byCrate.get(crate) ?? 0) + item.size);
}
const drops = all.filter((item) => item.name.startsWith('core::ptr::drop_in_place'));
const dropBytes = drops.reduce((sum, item) => sum + item.size, 0);
const percent = (bytes) => `${((100 * bytes) / total).toFixed(1)} %`;
console.log(`### ${title}: ${total} B of code and data (optimised, before compression)\n`);
console.log(table([...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 12)
  .map(([crate, bytes]) => `| ${crate} | ${bytes} | ${percent(bytes)} |`)));
console.log(`\nDrop glue: ${drops.length} \`drop_in_place\` functions, ${dropBytes} B (${percent(dropBytes)}).\n`);
console.log('Generics with the most copies (`twiggy monos`):\n\n```');
console.log(readFileSync(path.join(dir, `${module}.monos.txt`), 'utf8').split('\n')
  .filter((line) => !/^\s+┊/.test(line)).join('\n').trim());
console.log('```\n');
console.log('What keeps the most bytes alive (`twiggy dominators`; `table[0]` is every function called\nthrough a pointer: closures, trait objects):\n\n```');
console.log(readFileSync(path.join(dir, `${module}.dominators.txt`), 'utf8').trim());
console.log('```\n');
