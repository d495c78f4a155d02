// The size ratchet: the release build's first load (every file fetched before the sign-in form is
// usable), brotli-compressed, must not exceed the limit in bench/size-limit.json. Sizes are
// deterministic, so this is a plain assertion; timings live in the benchmark instead.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstLoadFiles, sizeLimit, sizeTable, totals } from './first-load.mjs';
import { launchBrowser, startSite, startStandIn } from '../tests/e2e/harness.mjs';

const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
let standIn, site, browser;

before(async () => {
  standIn = await startStandIn();
  site = await startSite(standIn.url, distDir);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  site?.stop();
  standIn?.stop();
});

test('first load stays within the size limit (brotli)', async () => {
  const page = await browser.newPage();
  const files = await firstLoadFiles(page, site.url, distDir, (p) => p.getByLabel('API key').waitFor());
  const { brotli } = totals(files);
  const { limit_bytes: limit, budget_bytes: budget } = sizeLimit();
  console.log(sizeTable(files));
  console.log(`first load ${brotli} B brotli; limit ${limit} B; budget ${budget} B`);
  assert.ok(files.some((f) => f.file.endsWith('.wasm')), 'the wasm is part of the first load');
  assert.ok(brotli <= limit, `first load is ${brotli} B brotli, over the limit of ${limit} B (bench/size-limit.json)`);
});
