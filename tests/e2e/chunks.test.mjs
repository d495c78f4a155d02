// The split wasm end to end on the release build: every file carries the build's hash; the first
// screens (the sign-in form, the list) need the main module only, and the features' chunks come
// later; a chunk that fails to load shows a message with a retry in place of its dialog, never a
// trap, and keeps what was typed.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOKEN, freshPage, shown, signInStandalone, startEnvironment, wasmSignInForm } from './harness.mjs';

const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
const CHUNK_UNAVAILABLE = /This part of the widget could not be loaded/;
let environment, site, context, page;

before(async () => {
  environment = await startEnvironment();
  ({ site } = environment);
});

after(async () => environment?.stop());

beforeEach(async () => {
  await context?.close();
  ({ context, page } = await freshPage(environment));
});

/** The build's parts and their files, as scripts/split-wasm.sh recorded them. */
function parts() {
  const manifest = readdirSync(distDir).find((file) => file.endsWith('_chunks.json'));
  return JSON.parse(readFileSync(path.join(distDir, manifest), 'utf8'));
}

/** A chunk's file: a part's own (`…_split_<part>.wasm`) or a shared one (`…_chunk_<n>.wasm`). */
const CHUNK_FILE = /_(split_[a-z]+|chunk_\d+)\.wasm$/;

/** The chunk files the page asks for from now on, recorded as each request starts. */
function chunkRequests() {
  const asked = [];
  page.on('request', (request) => {
    if (CHUNK_FILE.test(request.url())) asked.push(path.basename(new URL(request.url()).pathname));
  });
  return asked;
}

/** Refuses every chunk the page asks for from now on, recording whether a list's rows were already
 * drawn when it was asked for (`null` when the page had gone: the prefetch goes on after a test has
 * what it needs, and its context is closed under it); `first` settles at the first refusal. */
async function refuseChunks() {
  const refused = [];
  let refusedOne;
  const first = new Promise((resolve) => { refusedOne = resolve; });
  await context.route(CHUNK_FILE, async (route) => {
    const rowsDrawn = await page.locator('tbody tr').count().then((rows) => rows > 0, () => null);
    refused.push({ file: path.basename(new URL(route.request().url()).pathname), rowsDrawn });
    await route.abort().catch(() => {});
    refusedOne();
  });
  return { refused, first };
}

/** Resolves once the browser has been idle twice: an idle prefetch would have started by then. */
const idleTwice = () => page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => requestIdleCallback(resolve))));

describe('the split build', () => {
  test('every wasm and JS file but the two entry points carries the build hash', () => {
    const files = readdirSync(distDir).filter((file) => /\.(wasm|js)$/.test(file) && !file.startsWith('host-dashboard'));
    const hashed = files.filter((file) => /-[0-9a-f]{16}[._]/.test(file));
    assert.deepEqual(files.filter((file) => !hashed.includes(file)).sort(), ['ada-webhooks-admin.js', 'start.js']);
    assert.ok(hashed.filter((file) => file.endsWith('.wasm')).length >= 3, `chunks: ${hashed}`);
    assert.deepEqual(Object.keys(parts()).sort(), ['dialogs', 'lifecycle', 'verify'],
      'the list is in the main module; each feature is a part');
  });

  test('every chunk file of the build is one the tests below recognise', () => {
    const files = Object.values(parts()).flat();
    assert.ok(files.length >= 3, `the build has chunks: ${files}`);
    for (const file of files) assert.match(file, CHUNK_FILE);
  });

  test("the wasm's sign-in form needs the main module only, and no chunk comes before signing in", async () => {
    const asked = chunkRequests();
    await page.goto(site.url);
    await wasmSignInForm(page);
    await idleTwice();
    assert.deepEqual(asked, [], 'only the main module');
  });

  test('a remembered session draws its rows with every chunk refused, and asks for chunks only after them', async () => {
    await signInStandalone(page, site.url, { remember: true });
    // The first page's prefetch over before the refusals start, so that none of its requests is
    // refused while the page reloads.
    const files = [...new Set(Object.values(parts()).flat())];
    await page.waitForFunction((names) => names.every((name) => performance.getEntriesByType('resource')
      .some((entry) => entry.name.endsWith(`/${name}`) && entry.responseEnd > 0)), files);
    const { refused, first } = await refuseChunks();
    await page.reload();
    await shown(page, /^30 webhooks\.$/).waitFor();
    await first;
    assert.deepEqual(refused.filter((request) => request.rowsDrawn === false), [], 'no chunk before the rows');
  });

  test('an embedded widget with a token draws its rows with every chunk refused, and asks for chunks only after them', async () => {
    const { refused, first } = await refuseChunks();
    await page.goto(`${site.url}/host-dashboard.html`);
    await shown(page.locator('#with-proxy'), /^30 webhooks\.$/).waitFor();
    await first;
    assert.deepEqual(refused.filter((request) => request.rowsDrawn === false), [], 'no chunk before the rows');
  });

  test('the dialogs chunk is fetched after the first rows, before the first click', async () => {
    await signInStandalone(page, site.url);
    const { dialogs } = parts();
    await page.waitForFunction((file) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(file)), dialogs[0]);
    const url = await page.locator('tbody tr').first().locator('td.ada-url').textContent();
    await page.getByRole('button', { name: `Rotate secret for ${url}`, exact: true }).click();
    await page.getByRole('dialog', { name: 'Rotate signing secret' }).waitFor();
  });

  test("the features' chunks wait for the first rows and a quiet network", async () => {
    const [dialogsOnly] = parts().dialogs;
    const asked = chunkRequests();
    let releaseEventTypes;
    const eventTypesHeld = new Promise((resolve) => { releaseEventTypes = resolve; });
    await page.route('**/api/v2/webhooks/event-types/', async (route) => {
      await eventTypesHeld;
      await route.continue();
    });
    await page.goto(site.url);
    await page.getByLabel('API key').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await shown(page, /^30 webhooks\.$/).waitFor();
    // Rows drawn, the browser idle twice since: the prefetch would have started by now.
    await idleTwice();
    assert.deepEqual(asked, [], 'nothing prefetched while the event types are on their way');
    const requested = (file) => page.evaluate((name) => performance.getEntriesByType('resource').find((e) => e.name.endsWith(name))?.startTime, file);

    releaseEventTypes();
    await page.waitForFunction((file) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(file)), dialogsOnly);
    const eventTypesEnd = await page.evaluate(() => performance.getEntriesByType('resource').find((e) => e.name.includes('/event-types/')).responseEnd);
    assert.ok(await requested(dialogsOnly) > eventTypesEnd, 'the dialogs chunk after the event types');
  });
});

describe('a chunk that fails to load', () => {
  test('shows a message with a retry in place of the dialog, keeping what was typed', async () => {
    const { dialogs } = parts();
    let blocked = true;
    await page.route(`**/${dialogs[0]}`, (route) => (blocked ? route.abort() : route.continue()));
    await signInStandalone(page, site.url);
    await page.getByLabel('Search URL or description').fill('hooks');
    const url = await page.locator('tbody tr').first().locator('td.ada-url').textContent();
    await page.getByRole('button', { name: `Rotate secret for ${url}`, exact: true }).click();
    const failed = page.getByRole('dialog', { name: 'Rotate signing secret' });
    await shown(failed, CHUNK_UNAVAILABLE).waitFor();
    assert.equal(await page.getByText(/stopped because of an internal error/).count(), 0, 'not a crash');
    blocked = false;
    await failed.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('dialog', { name: 'Rotate signing secret' }).getByRole('button', { name: 'Rotate secret' }).waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await page.getByLabel('Search URL or description').inputValue(), 'hooks', 'the search is kept');
  });
});
