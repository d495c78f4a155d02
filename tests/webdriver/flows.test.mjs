// The core flows of the release build in the engine ENGINE names (WebKit, Safari's engine; Firefox),
// through WebDriver: sign in, the list, rotate with a custom key, reveal and copy, bulk rotation,
// verify a delivery (WebCrypto), create, edit and delete, a host page under the strict policy that
// mounts the widget with mount(), and a trap in the widget's wasm told as a crash. Chromium runs
// these and more in tests/e2e/ (Playwright).
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CRASHED as CRASH_MESSAGE } from '../../loader/messages.js';
import { E2E_PAGES, TOKEN, eventTypesAnswered, control, startSite, startStandIn } from '../e2e/harness.mjs';
import { ENGINE, Page, startBrowser } from './webdriver.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const CUSTOM_KEY = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let standIn, stand, site, browser, page;

before(async () => {
  standIn = await startStandIn();
  stand = control(standIn.url);
  site = await startSite(standIn.url, undefined, { ...E2E_PAGES, '/webdriver/': path.join(here, 'pages') });
  browser = await startBrowser();
  page = new Page(browser.driver);
});

after(async () => {
  await browser?.stop();
  site?.stop();
  standIn?.stop();
});

beforeEach(async () => {
  await stand.reset();
  // A blank page of the site first: nothing remembered from the test before.
  await page.goto(`${site.url}/e2e/blank.html`);
  await page.driver.executeScript('sessionStorage.clear()');
});

async function signIn() {
  await page.gotoWasmSignIn(site.url);
  await page.fill('API key', TOKEN);
  await page.click('button', 'Sign in');
  await listShown();
}

/** Waits for the default 30 webhooks and the list to settle (harness.mjs's `listSettled`). */
async function listShown() {
  await page.waitForText(/(^| )30 webhooks\./);
  await page.until(() => page.driver.executeScript(`return (${eventTypesAnswered})(1)`), 'the event types answered');
}

/** The first `count` rows' URLs and ids, as the table shows them. */
async function firstRows(count) {
  const [urls, ids] = [await page.texts('td.ada-url'), await page.texts('.ada-id')];
  return urls.slice(0, count).map((url, index) => ({ url, id: ids[index] }));
}

const requestsOf = async (operation) => (await stand.requests()).filter((r) => r.operation === operation);

/** What the X clipboard holds (WebKit's MiniBrowser runs on the Xvfb in DISPLAY). */
const xClipboard = () => execFileSync('xclip', ['-o', '-selection', 'clipboard'], { encoding: 'utf8' });

/** A delivery signed as Svix signs it, with `secret`. */
function signedDelivery(secret, body) {
  const id = `msg_${Date.now()}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `svix-id: ${id}\nsvix-timestamp: ${timestamp}\nsvix-signature: v1,${signature}`;
}

describe(`core flows in ${ENGINE}`, () => {
  test('signs in, lists every webhook, rotates with a custom key, reveals and copies the secret', async () => {
    await signIn();
    assert.equal((await page.texts('tbody tr')).length, 30);
    const [{ url, id }] = await firstRows(1);
    await stand.clearRequests();
    await page.click('button', `Rotate secret for ${url}`);
    await page.fill('Custom key (optional)', CUSTOM_KEY, { within: 'Rotate signing secret' });
    await page.click('button', 'Rotate secret', { within: 'Rotate signing secret' });
    await page.click('button', 'Reveal secret', { within: 'New signing secret' });
    await page.until(async () => (await page.texts('.ada-secret-plain'))[0] === CUSTOM_KEY, 'the revealed secret');
    assert.equal((await stand.secrets(id)).current, CUSTOM_KEY);
    assert.deepEqual((await stand.requests()).map((r) => [r.operation, r.body]), [
      ['rotate-webhook-secret', { key: CUSTOM_KEY }],
      ['get-webhook-secret', null],
    ]);
    await page.click('button', 'Copy secret', { within: 'New signing secret' });
    await page.waitForText('Copied');
    if (ENGINE === 'webkit') assert.equal(xClipboard(), CUSTOM_KEY, 'the clipboard holds the secret');
    assert.equal((await page.texts('.ada-secret-plain')).length, 0, 'copying hides the secret again');
  });

  test('rotates three selected webhooks one after another', async () => {
    await signIn();
    const rows = await firstRows(3);
    for (const { url } of rows) await page.click('checkbox', `Select ${url}`);
    await page.click('button', 'Rotate 3 selected');
    await page.fill('Type 3 to confirm', '3', { within: 'Rotate 3 secrets' });
    await stand.clearRequests();
    await page.click('button', 'Rotate 3 secrets', { within: 'Rotate 3 secrets' });
    await page.waitForText('3 of 3 rotated');
    assert.deepEqual((await requestsOf('rotate-webhook-secret')).map((r) => r.path),
      rows.map(({ id }) => `/api/v2/webhooks/${id}/secret/rotate/`));
  });

  test('verifies a delivery signed with the current secret, with WebCrypto', async () => {
    await signIn();
    const [{ url, id }] = await firstRows(1);
    const { current } = await stand.secrets(id);
    await page.click('button', `Actions for ${url}`);
    await page.click('menuitem', 'Verify a delivery');
    const body = '{"type":"v1.conversation.created","data":{"id":"c_1"}}';
    await page.fill('Headers', signedDelivery(current, body), { within: 'Verify a delivery' });
    await page.fill('Body', body, { within: 'Verify a delivery' });
    await page.click('button', 'Verify', { within: 'Verify a delivery' });
    await page.waitForText('Valid: signed with the current secret');
  });

  test('creates, edits and deletes a webhook', async () => {
    await signIn();
    const url = `https://hooks.example.com/${ENGINE}`;
    await page.click('button', 'New webhook');
    await page.fill('URL', url, { within: 'New webhook' });
    await page.click('button', 'Create webhook', { within: 'New webhook' });
    await page.click('button', 'Done', { within: 'Webhook created' });
    await page.waitForNoDialog();
    await page.waitForText(/(^| )31 webhooks\./);
    await page.click('button', `Actions for ${url}`);
    await page.click('menuitem', 'Edit');
    await page.fill('Description', `Made in ${ENGINE}`, { within: 'Edit webhook' });
    await page.click('button', 'Save changes', { within: 'Edit webhook' });
    await page.waitForNoDialog();
    await page.waitForText(`Made in ${ENGINE}`);
    await page.click('button', `Actions for ${url}`);
    await page.click('menuitem', 'Delete');
    await page.fill(`Type ${url} to confirm`, url, { within: 'Delete webhook' });
    await page.click('button', 'Delete webhook', { within: 'Delete webhook' });
    await page.waitForText(/(^| )30 webhooks\./);
    assert.deepEqual(
      (await stand.requests()).filter((r) => r.method !== 'GET').map((r) => [r.operation, r.body]),
      [
        ['create-webhook', { url, description: '', event_filters: [], enabled: true }],
        ['update-webhook', { description: `Made in ${ENGINE}` }],
        ['delete-webhook', null],
      ],
    );
  });

  test('a host page under the strict policy mounts the widget with mount(), behind its proxy', async () => {
    await page.goto(`${site.url}/webdriver/mount-host.html`);
    await page.waitForText(/(^| )30 webhooks\./);
    const [{ url }] = await firstRows(1);
    await page.click('button', `Rotate secret for ${url}`);
    await page.click('button', 'Rotate secret', { within: 'Rotate signing secret' });
    await page.click('button', 'Reveal secret', { within: 'New signing secret' });
    const log = await page.until(() => page.driver.executeScript(
      'return window.hostLog.events.some((e) => e.type === "ada-webhooks:secret-revealed") ? window.hostLog : null',
    ), 'the secret-revealed event');
    assert.deepEqual(log.cspViolations, []);
    assert.deepEqual(log.events.map((e) => e.type), ['ada-webhooks:signed-in', 'ada-webhooks:rotated', 'ada-webhooks:secret-revealed']);
    assert.ok((await stand.requests()).every((r) => r.via_proxy && r.authorization === 'missing'), 'no key in the browser');
  });

  test('a trap in the widget’s wasm replaces it with the crash message, and nothing more is sent', async () => {
    await page.goto(`${site.url}/webdriver/crash-host.html`);
    await listShown();
    await stand.clearRequests();
    await page.click('button', 'Make the widget trap');
    await page.waitForText(CRASH_MESSAGE);
    await page.get('button', 'Reload');
    assert.deepEqual(await stand.requests(), []);
  });
});
