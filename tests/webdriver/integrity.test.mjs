// The widget's code cannot be swapped (scripts/seal-build.mjs, loader/widget-files.js): a copy of
// the release build with one file's bytes replaced by other bytes under the same name is served, as
// a compromised CDN or a stale cache would, and the engine ENGINE names must refuse it before any of
// it runs: the page says the files could not be loaded (with a way to try again) for the main wasm,
// the glue or the split loader, and a chunk's part says it could not be loaded, with a retry, never a
// crash.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHUNK_UNAVAILABLE_START, E2E_PAGES, LOAD_FAILED_START, TOKEN, control, startSite, startStandIn } from '../e2e/harness.mjs';
import { ENGINE, Page, startBrowser } from './webdriver.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const distDir = path.resolve(here, '../../dist');
let standIn, stand, browser, page;
const sites = [];
const copies = [];

/** The build's files: the main wasm, the glue, the split loader and two parts' own chunks. */
function buildFiles() {
  const files = readdirSync(distDir);
  const manifest = files.find((file) => file.endsWith('_chunks.json'));
  const parts = JSON.parse(readFileSync(path.join(distDir, manifest), 'utf8'));
  return {
    wasm: files.find((file) => file.endsWith('_bg.wasm')),
    glue: manifest.replace(/_chunks\.json$/, '.js'),
    split: manifest.replace(/_chunks\.json$/, '_split.js'),
    dialogsChunk: parts.dialogs[0],
    otherChunk: parts.verify[0],
  };
}

/** A site serving a copy of the build where `file` holds `bytes`. */
async function tamperedSite(file, bytes) {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'tampered-'));
  copies.push(copy);
  cpSync(distDir, copy, { recursive: true });
  writeFileSync(path.join(copy, file), bytes);
  const site = await startSite(standIn.url, copy, E2E_PAGES);
  sites.push(site);
  return site;
}

before(async () => {
  standIn = await startStandIn();
  stand = control(standIn.url);
  browser = await startBrowser();
  page = new Page(browser.driver);
});

after(async () => {
  await browser?.stop();
  for (const site of sites) site.stop();
  standIn?.stop();
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
});

describe(`integrity in ${ENGINE}`, () => {
  const files = buildFiles();
  const other = (file) => readFileSync(path.join(distDir, file));

  test('a main wasm swapped for other wasm is refused before it runs', async () => {
    const site = await tamperedSite(files.wasm, other(files.otherChunk));
    await page.goto(site.url);
    await page.waitForText(LOAD_FAILED_START);
    await page.get('button', 'Reload');
    assert.equal(await page.find('field', 'API key'), null, 'nothing of the widget ran');
  });

  test('a glue or split loader with other bytes is refused before it runs', async () => {
    for (const file of [files.glue, files.split]) {
      const site = await tamperedSite(file, Buffer.concat([other(file), Buffer.from('\n// swapped\n')]));
      await page.goto(site.url);
      await page.waitForText(LOAD_FAILED_START);
      assert.equal(await page.find('field', 'API key'), null, `nothing ran with a swapped ${file}`);
    }
  });

  test('an embedding host is told the files could not be loaded, with a way to try again', async () => {
    const site = await tamperedSite(files.wasm, other(files.otherChunk));
    await page.goto(`${site.url}/e2e/blank.html`);
    await page.driver.executeScript(`
      document.getElementById('slot').innerHTML = '<ada-webhooks-admin base-url="/ada-proxy/api" auth="proxy"></ada-webhooks-admin>';
      import('/ada-webhooks-admin.js');
    `);
    await page.waitForText(LOAD_FAILED_START);
    await page.get('button', 'Try again');
  });

  test('a chunk swapped for another chunk is refused: its part says so, with a retry, and nothing crashes', async () => {
    await stand.reset();
    const site = await tamperedSite(files.dialogsChunk, other(files.otherChunk));
    await page.gotoWasmSignIn(site.url);
    await page.fill('API key', TOKEN);
    await page.click('button', 'Sign in');
    await page.waitForText(/(^| )30 webhooks\./);
    const [url] = await page.texts('td.ada-url');
    await page.click('button', `Rotate secret for ${url}`);
    await page.waitForText(CHUNK_UNAVAILABLE_START);
    await page.get('button', 'Try again');
    assert.doesNotMatch(await page.shownText(), /stopped because of an internal error/);
  });
});
