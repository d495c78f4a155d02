// The nginx configuration users deploy (deploy/), run for real: Debian's nginx with the files
// deploy/render.sh renders, serving the release build, its upstream ada-stand-in in Ada's place.
// Token mode: the standalone page signs in through the /api/ pass-through. Proxy mode: a host page
// under a strict policy embeds the widget with auth="proxy"; the browser never sends Authorization,
// and Ada still gets the key, for the widget's own requests only. What the widget never sends (a
// switched-off capability, another API, a path trick, a cross-site request, a request without the
// host's session) gets 403 and never reaches Ada.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STANDALONE_PAGE_HEADER_CSP, TOKEN, assertNoAxeViolations, control, firstRow, launchBrowser, menuItem, shown, signInStandalone, startStandIn, wasmSignInForm } from '../e2e/harness.mjs';
import { HOST_SESSION_COOKIE, startNginx } from './nginx.mjs';

const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
const CUSTOM_KEY = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let standIn, nginx, browser, stand, context, page;

before(async () => {
  standIn = await startStandIn([], { proxy: false });
  stand = control(standIn.url);
  nginx = await startNginx({
    ADA_ORIGIN: standIn.url,
    ADA_API_KEY: TOKEN,
    // Everything but delete, so that a switched-off capability can be tried.
    ADA_CAPABILITIES: 'rotate reveal verify create edit',
    ADA_SESSION_CHECK: '/auth/ada-admin',
    ADA_WIDGET_DIR: distDir,
    ADA_WIDGET_PATH: '/',
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await nginx?.stop();
  standIn?.stop();
});

beforeEach(async () => {
  await context?.close();
  await stand.reset();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => { throw error; });
});

/** Every request the page sends, with its headers. */
function recordRequests() {
  const sent = [];
  page.on('request', (request) => sent.push({ url: request.url(), headers: request.headers() }));
  return sent;
}

/** Rotates the first row's secret with CUSTOM_KEY and reveals it; returns that row. */
async function rotateFirstWithCustomKey() {
  const row = await firstRow(page);
  await page.getByRole('button', { name: `Rotate secret for ${row.url}`, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Rotate signing secret' });
  await dialog.getByLabel('Custom key (optional)').fill(CUSTOM_KEY);
  await dialog.getByRole('button', { name: 'Rotate secret' }).click();
  const panel = page.getByRole('dialog', { name: 'New signing secret' });
  await panel.getByRole('button', { name: 'Reveal secret' }).click();
  assert.equal(await panel.locator('.ada-secret-plain').innerText(), CUSTOM_KEY);
  await panel.getByRole('button', { name: 'Done' }).click();
  return row;
}

/** Creates a webhook for `url`, then edits its description. */
async function createThenEdit(url) {
  await page.getByRole('button', { name: 'New webhook' }).click();
  const form = page.getByRole('dialog', { name: 'New webhook' });
  await form.getByLabel('URL', { exact: true }).fill(url);
  await form.getByRole('button', { name: 'Create webhook' }).click();
  await page.getByRole('dialog', { name: 'Webhook created' }).getByRole('button', { name: 'Done' }).click();
  await shown(page, /^31 webhooks\.$/).waitFor();
  await menuItem(page, url, 'Edit');
  const edit = page.getByRole('dialog', { name: 'Edit webhook' });
  await edit.getByLabel('Description').fill('Through nginx');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await edit.waitFor({ state: 'detached' });
}

/** What reached the stand-in: operation, method, path, how it authenticated, its Origin. */
async function reachedAda() {
  return (await stand.requests()).map((r) => ({ operation: r.operation, method: r.method, path: r.path, authorization: r.authorization, origin: r.origin }));
}

describe('token mode: the /api/ pass-through', () => {
  test('the standalone page signs in, rotates with a custom key, reveals it, creates, edits and deletes', async () => {
    await signInStandalone(page, nginx.url);
    const rotated = await rotateFirstWithCustomKey();
    assert.equal((await stand.secrets(rotated.id)).current, CUSTOM_KEY);
    await createThenEdit('https://hooks.example.com/token-mode');
    await menuItem(page, 'https://hooks.example.com/token-mode', 'Delete');
    const dialog = page.getByRole('dialog', { name: 'Delete webhook' });
    await dialog.getByLabel('Type https://hooks.example.com/token-mode to confirm').fill('https://hooks.example.com/token-mode');
    await dialog.getByRole('button', { name: 'Delete webhook' }).click();
    await shown(page, /^30 webhooks\.$/).waitFor();
    const reached = await reachedAda();
    assert.deepEqual([...new Set(reached.map((r) => r.operation))].sort(), [
      'create-webhook', 'delete-webhook', 'get-webhook-secret', 'list-webhook-event-types', 'list-webhooks',
      'rotate-webhook-secret', 'update-webhook',
    ]);
    for (const request of reached) {
      assert.ok(request.path.startsWith('/api/v2/webhooks'), request.path);
      assert.equal(request.authorization, 'bearer-valid', 'the key the person typed');
      assert.equal(request.origin, null, 'the page’s Origin stays with nginx');
    }
  });

  test('serves the build as deployed: hashed files cached for good, the rest revalidated, gzip as built', async () => {
    const files = new Map();
    page.on('response', (response) => files.set(new URL(response.url()).pathname, response.headers()));
    await page.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(event.violatedDirective));
    });
    await page.goto(nginx.url);
    await wasmSignInForm(page);
    // The page's own styles pass both the header's policy and the page's.
    assert.equal(await page.getByRole('button', { name: 'Sign in' }).evaluate((button) => getComputedStyle(button).backgroundColor), 'rgb(59, 91, 219)');
    const wasm = [...files.keys()].find((name) => name.endsWith('_bg.wasm'));
    assert.ok(wasm, 'the main wasm was loaded');
    assert.match(files.get(wasm)['cache-control'], /immutable/);
    assert.equal(files.get(wasm)['content-type'], 'application/wasm');
    assert.equal(files.get(wasm)['content-encoding'], 'gzip');
    assert.equal(files.get('/start.js')['cache-control'], 'no-cache');
    assert.equal(files.get('/')['content-security-policy'], `${STANDALONE_PAGE_HEADER_CSP}; frame-ancestors 'none'`);
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  });
});

describe('proxy mode: the key added by nginx', () => {
  test('the host page lists, rotates, reveals, creates and edits; the browser never sends Authorization', async () => {
    await context.addCookies([{ ...HOST_SESSION_COOKIE, url: nginx.url }]);
    const sent = recordRequests();
    await page.goto(`${nginx.url}/e2e/proxy-host.html`);
    await shown(page, /^30 webhooks\.$/).waitFor();
    const rotated = await rotateFirstWithCustomKey();
    assert.equal((await stand.secrets(rotated.id)).current, CUSTOM_KEY);
    await createThenEdit('https://hooks.example.com/proxy-mode');
    await page.getByRole('button', { name: 'Actions for https://hooks.example.com/proxy-mode', exact: true }).click();
    assert.equal(await page.getByRole('menuitem', { name: 'Delete', exact: true }).count(), 0, 'delete is off');
    await page.keyboard.press('Escape');
    await assertNoAxeViolations(page, 'the widget in proxy mode behind nginx');

    const apiCalls = sent.filter((request) => new URL(request.url).pathname.startsWith('/ada-proxy/'));
    assert.ok(apiCalls.length >= 6, `${apiCalls.length} API requests`);
    for (const request of sent) {
      assert.equal(request.headers.authorization, undefined, `no Authorization from the browser: ${request.url}`);
    }
    const reached = await reachedAda();
    assert.ok(reached.length >= apiCalls.length);
    for (const request of reached) {
      assert.ok(request.path.startsWith('/api/v2/webhooks'), request.path);
      assert.equal(request.authorization, 'bearer-valid', `nginx added the key: ${request.method} ${request.path}`);
      assert.equal(request.origin, null);
    }
  });

  test('without the host app’s session nothing reaches Ada, and the widget says why', async () => {
    await page.goto(`${nginx.url}/e2e/proxy-host.html`);
    await shown(page, 'This page\'s proxy refused the request; its session may have ended. Reload the page to continue.').waitFor();
    assert.deepEqual(await reachedAda(), []);
  });
});

/** One request exactly as written (no URL parser in between), as the host's own page would send it
 * unless `headers` say otherwise; resolves with the status. */
function raw(method, requestPath, headers = {}) {
  const url = new URL(nginx.url);
  const body = ['POST', 'PATCH'].includes(method) ? '{}' : undefined;
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: url.hostname,
      port: url.port,
      method,
      path: requestPath,
      headers: {
        cookie: `${HOST_SESSION_COOKIE.name}=${HOST_SESSION_COOKIE.value}`,
        'sec-fetch-site': 'same-origin',
        ...(body ? { 'content-type': 'application/json', 'content-length': body.length } : {}),
        ...headers,
      },
    }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('proxy mode: what the widget never sends', () => {
  test('a pair of a capability switched off, another API, a path trick: 403, and Ada never sees it', async () => {
    const { data: [{ id }] } = await (await fetch(`${standIn.url}/api/v2/webhooks/?limit=1`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
    await stand.clearRequests();
    const refused = [
      ['DELETE', `/ada-proxy/api/v2/webhooks/${id}`],
      ['PUT', `/ada-proxy/api/v2/webhooks/${id}`],
      ['GET', '/ada-proxy/api/v2/knowledge/articles/'],
      ['GET', '/ada-proxy/api/v1/webhooks/'],
      ['OPTIONS', '/ada-proxy/api/v2/webhooks/'],
      ['POST', `/ada-proxy/api/v2/webhooks/${id}/secret/rotate/%2e%2e/`],
      ['POST', `/ada-proxy/api/v2/webhooks/%2e%2e/webhooks/${id}/secret/rotate/`],
      ['POST', `/ada-proxy/api/v2/webhooks/${id}//secret/rotate/`],
      ['POST', `/ada-proxy/api//v2/webhooks/${id}/secret/rotate/`],
      ['POST', `/ada-proxy/api/v2/webhooks/./${id}/secret/rotate/`],
      ['POST', `/ada-proxy/api/v2/webhooks/${id}%2Fsecret/rotate/`],
      ['POST', `/ada-proxy/api/v2/webhooks/${id}/secret/rotate/?key=x`],
      ['GET', `/ada-proxy/api/v2/webhooks/${id}/secret/../../../knowledge/articles/`],
      ['GET', '/ada-proxy/api/v2/webhooks/?limit=1/../../knowledge'],
    ];
    for (const [method, requestPath] of refused) {
      assert.equal(await raw(method, requestPath), 403, `${method} ${requestPath}`);
    }
    assert.deepEqual(await reachedAda(), [], 'none of them reached Ada');

    // The same headers on the widget's own pairs pass: the refusals above are the allow-list's.
    assert.equal(await raw('GET', '/ada-proxy/api/v2/webhooks/?limit=5'), 200);
    assert.equal(await raw('POST', `/ada-proxy/api/v2/webhooks/${id}/secret/rotate/`), 200);
    assert.deepEqual((await reachedAda()).map((r) => [r.method, r.path, r.authorization]), [
      ['GET', '/api/v2/webhooks/', 'bearer-valid'],
      ['POST', `/api/v2/webhooks/${id}/secret/rotate/`, 'bearer-valid'],
    ]);
  });

  test('a request another site makes the browser send (CSRF) is refused', async () => {
    const { data: [{ id }] } = await (await fetch(`${standIn.url}/api/v2/webhooks/?limit=1`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
    await stand.clearRequests();
    const rotatePath = `/ada-proxy/api/v2/webhooks/${id}/secret/rotate/`;
    assert.equal(await raw('POST', rotatePath, { 'sec-fetch-site': 'cross-site' }), 403);
    assert.equal(await raw('POST', rotatePath, { 'sec-fetch-site': 'same-site' }), 403);
    assert.equal(await raw('POST', rotatePath, { 'sec-fetch-site': '', origin: 'https://evil.example' }), 403);
    assert.equal(await raw('POST', rotatePath, { cookie: '' }), 401, 'and the host session check still applies');
    assert.deepEqual(await reachedAda(), []);
  });
});
