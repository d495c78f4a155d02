// A session remembered in the tab ("stay signed in in this tab"), end to end on the release build.
// After a reload, start.js asks for the first page of webhooks before the widget's wasm has started;
// the widget shows that answer instead of asking again, signs out when Ada rejected it, and asks
// itself when the early request was not the one it would have made.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TOKEN, freshPage, recordWasmStart, shown, signInStandalone, startEnvironment, wasmSignInForm } from './harness.mjs';

const REMEMBERED_SESSION_KEY = 'ada-webhooks-admin:session';
let environment, site, stand, context, page;

before(async () => {
  environment = await startEnvironment();
  ({ site, stand } = environment);
});

after(async () => environment?.stop());

beforeEach(async () => {
  await context?.close();
  ({ context, page } = await freshPage(environment));
  await recordWasmStart(context);
});

const signInRemembered = () => signInStandalone(page, site.url, { remember: true });

async function listRequests() {
  return (await stand.requests())
    .filter((request) => request.operation === 'list-webhooks')
    .map((request) => ({ path: request.path, query: request.query, authorization: request.authorization, status: request.status }));
}

describe('a session remembered in the tab', () => {
  test('after a reload, the first page is requested once, before the wasm starts, and shown', async () => {
    await signInRemembered();
    await stand.clearRequests();
    await page.reload();
    await shown(page, /^30 webhooks\.$/).waitFor();

    assert.deepEqual(await listRequests(), [
      { path: '/api/v2/webhooks/', query: 'limit=100', authorization: 'bearer-valid', status: 200 },
    ]);
    const timing = await page.evaluate(() => ({
      requested: performance.getEntriesByType('resource').find((entry) => entry.name.includes('/api/v2/webhooks/?')).startTime,
      wasmStarted: window.wasmStartedAt,
    }));
    assert.ok(timing.requested < timing.wasmStarted, `requested at ${timing.requested} ms, wasm started at ${timing.wasmStarted} ms`);
    assert.equal(await page.locator('tbody tr').count(), 30);
  });

  test('an early answer Ada rejects signs out with the reason, without asking again', async () => {
    await signInRemembered();
    await stand.fault({ operation: 'list-webhooks', kind: 'status', status: 401, times: 1 });
    await stand.clearRequests();
    await page.reload();
    // The notice, not the live region, which announces the same words.
    await page.locator('p.ada-notice', { hasText: 'Ada rejected the API key (it may have been revoked). Sign in again.' }).waitFor();

    assert.deepEqual(await listRequests(), [
      { path: '/api/v2/webhooks/', query: 'limit=100', authorization: 'bearer-valid', status: 401 },
    ]);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate((key) => sessionStorage.getItem(key), REMEMBERED_SESSION_KEY), null);
  });

  test('start.js applies the widget\'s own base-URL rule, so a base written differently is asked for once', async () => {
    await signInRemembered();
    // '/api/' normalises to '/api' in both loader/base-url.js and src/base_url.rs.
    await page.evaluate(([key, token]) => sessionStorage.setItem(key, JSON.stringify({
      base_url: '/api/', api_key: token, last_active_ms: String(Date.now()),
    })), [REMEMBERED_SESSION_KEY, TOKEN]);
    await stand.clearRequests();
    await page.reload();
    await shown(page, /^30 webhooks\.$/).waitFor();
    assert.deepEqual(await listRequests(), [
      { path: '/api/v2/webhooks/', query: 'limit=100', authorization: 'bearer-valid', status: 200 },
    ]);
  });

  test('a remembered session idle past the timeout is refused by start.js and by the widget', async () => {
    await signInRemembered();
    await page.evaluate(([key, token]) => sessionStorage.setItem(key, JSON.stringify({
      base_url: '/api', api_key: token, last_active_ms: String(Date.now() - 16 * 60 * 1000),
    })), [REMEMBERED_SESSION_KEY, TOKEN]);
    await stand.clearRequests();
    await page.reload();
    await wasmSignInForm(page);
    assert.deepEqual(await listRequests(), [], 'no request with the stale key');
    assert.equal(await page.evaluate((key) => sessionStorage.getItem(key), REMEMBERED_SESSION_KEY), null);
  });
});
