// The size ratchet: what each first-load path fetches (the standalone page until its sign-in form is
// usable; a widget embedded with a host token until its first rotate button is usable), and the whole
// build, brotli-compressed, each within its limit in bench/size-limit.json. Sizes are deterministic,
// so these are plain assertions; timings live in the benchmark instead.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { STREAM_EXPORT } from '../scripts/drop-stream-exports.mjs';
import { PATHS, firstLoadFiles, sizeLimit, sizeTable, totals, wholeBuildFiles } from './first-load.mjs';
import { TOKEN, launchBrowser, startSite, startStandIn } from '../tests/e2e/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const distDir = path.resolve(here, '../dist');
let standIn, site, browser;

before(async () => {
  standIn = await startStandIn();
  site = await startSite(standIn.url, distDir, { '/bench/': path.join(here, 'host') });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  site?.stop();
  standIn?.stop();
});

for (const pathName of Object.keys(PATHS)) {
  test(`first load, ${PATHS[pathName].what}, stays within its limit (brotli)`, async () => {
    const files = await firstLoadFiles(browser, site.url, distDir, pathName, TOKEN);
    const { brotli } = totals(files);
    const { limit_bytes: limit, budget_bytes: budget } = sizeLimit()[pathName];
    console.log(`${PATHS[pathName].what}:\n${sizeTable(files)}`);
    console.log(`${pathName} first load ${brotli} B brotli; limit ${limit} B; budget ${budget} B`);
    assert.equal(files.some((f) => f.file.endsWith('_bg.wasm')), PATHS[pathName].wasm,
      PATHS[pathName].wasm ? 'the main wasm is part of the first load' : 'no wasm comes before the form');
    assert.ok(brotli <= limit, `${pathName} first load is ${brotli} B brotli, over the limit of ${limit} B (bench/size-limit.json)`);
  });
}

test('the whole build stays within its limit (brotli)', () => {
  const files = wholeBuildFiles(distDir);
  const { brotli } = totals(files);
  const { limit_bytes: limit } = sizeLimit().whole_build;
  console.log(`whole build ${brotli} B brotli in ${files.length} files; limit ${limit} B`);
  assert.ok(files.filter((f) => f.file.endsWith('.wasm')).length > 1, 'the build is split into chunks');
  assert.ok(brotli <= limit, `the whole build is ${brotli} B brotli, over the limit of ${limit} B (bench/size-limit.json)`);
});

test("the wasm's imports have short names, the same in the main module and the glue", async () => {
  const files = readdirSync(distDir);
  const wasm = readFileSync(path.join(distDir, files.find((file) => file.endsWith('_bg.wasm'))));
  const glueFile = files.find((file) => /^ada-webhooks-admin-[0-9a-f]+\.js$/.test(file));
  const imports = WebAssembly.Module.imports(await WebAssembly.compile(wasm))
    .filter((entry) => entry.module.endsWith('_bg.js'));
  const long = imports.filter((entry) => /_[0-9a-f]{16}$/.test(entry.name)).map((entry) => entry.name);
  assert.deepEqual(long, [], 'no import keeps its hashed name (scripts/short-imports.mjs)');
  // The glue instantiates the module with its own imports object: a name missing from it is a
  // LinkError. It runs the wasm's `main`, which only keeps `halt` exported. Copied beside a
  // package.json that declares ES modules, so that node reads the glue and the split loader it
  // imports as modules whatever its version guesses.
  const copy = mkdtempSync(path.join(os.tmpdir(), 'glue-'));
  try {
    writeFileSync(path.join(copy, 'package.json'), '{"type":"module"}');
    for (const file of [glueFile, glueFile.replace(/\.js$/, '_split.js')]) {
      copyFileSync(path.join(distDir, file), path.join(copy, file));
    }
    const glue = await import(pathToFileURL(path.join(copy, glueFile)));
    assert.doesNotThrow(() => glue.initSync({ module: wasm }), "the glue's imports object has every import");
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

test("the main module exports none of wasm-streams' adapters, which only a server function uses", async () => {
  const wasm = readFileSync(path.join(distDir, readdirSync(distDir).find((file) => file.endsWith('_bg.wasm'))));
  const exported = WebAssembly.Module.exports(await WebAssembly.compile(wasm)).map((entry) => entry.name);
  assert.deepEqual(exported.filter((name) => STREAM_EXPORT.test(name)), [], 'scripts/drop-stream-exports.mjs');
  assert.ok(exported.includes('memory'), 'the other exports stay');
});
