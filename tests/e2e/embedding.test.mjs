// The widget embedded in a host page, end to end on the release build: the example host dashboard
// (hostile global CSS, a strict Content-Security-Policy in a <meta> and a header) with one widget
// given a token by the page and one behind the page's proxy. Both rotate; no CSP violation; the
// host's CSS changes none of the widget's computed styles; the events carry their documented
// details and never a secret or the token; the proxied widget's browser sends no Authorization.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { STANDALONE_PAGE_HEADER_CSP, TOKEN, freshPage, listSettled, recordWasmStart, screenshotPath, shown, startEnvironment, wasmSignInForm } from './harness.mjs';

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
let environment, standIn, site, stand, context, page;

before(async () => {
  environment = await startEnvironment();
  ({ standIn, site, stand } = environment);
});

after(async () => environment?.stop());

beforeEach(async () => {
  await context?.close();
  ({ context, page } = await freshPage(environment));
  // Registered before any page script, so that no violation can slip by.
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
});

async function openHostDashboard() {
  await page.goto(`${site.url}/host-dashboard.html`);
  await page.getByLabel('Token this page hands to the widget').fill(TOKEN);
  await page.getByRole('button', { name: 'Connect the widget' }).click();
  for (const widget of ['#with-token', '#with-proxy']) {
    await page.locator(widget).getByText(/^30 webhooks\.$/).waitFor();
  }
  await listSettled(page, 2);
}

/** Rotates the first webhook in one widget and reveals the new secret; returns its id. */
async function rotateAndReveal(widgetSelector) {
  const widget = page.locator(widgetSelector);
  const row = widget.locator('tbody tr').first();
  const id = await row.locator('.ada-id').textContent();
  const url = await row.locator('td.ada-url').textContent();
  await widget.getByRole('button', { name: `Rotate secret for ${url}`, exact: true }).click();
  await widget.getByRole('dialog', { name: 'Rotate signing secret' }).getByRole('button', { name: 'Rotate secret' }).click();
  const panel = widget.getByRole('dialog', { name: 'New signing secret' });
  await panel.getByRole('button', { name: 'Reveal secret' }).click();
  await panel.locator('.ada-secret-plain').waitFor();
  await panel.getByRole('button', { name: 'Done' }).click();
  return id;
}

const hostEvents = () => page.evaluate(() => window.hostLog.events);

describe('embedded in a host page', () => {
  test('both widgets rotate under the strict CSP, with no violation', async () => {
    await openHostDashboard();
    await stand.clearRequests();
    const rotatedWithToken = await rotateAndReveal('#with-token');
    const rotatedByProxy = await rotateAndReveal('#with-proxy');
    await page.screenshot({ path: screenshotPath('host-dashboard.png'), fullPage: true });

    const rotations = (await stand.requests()).filter((r) => r.operation === 'rotate-webhook-secret');
    assert.deepEqual(
      rotations.map((r) => ({ path: r.path, status: r.status, authorization: r.authorization, viaProxy: r.via_proxy })),
      [
        { path: `/api/v2/webhooks/${rotatedWithToken}/secret/rotate/`, status: 200, authorization: 'bearer-valid', viaProxy: false },
        { path: `/api/v2/webhooks/${rotatedByProxy}/secret/rotate/`, status: 200, authorization: 'missing', viaProxy: true },
      ],
    );
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  });

  test('each widget asks for its first page once, the proxied one before the wasm has started', async () => {
    await recordWasmStart(page);
    await openHostDashboard();
    const lists = (await stand.requests())
      .filter((r) => r.operation === 'list-webhooks')
      .map((r) => ({ query: r.query, authorization: r.authorization, viaProxy: r.via_proxy, status: r.status }));
    // Asked for by the loader while the widget started (early-first-page.js), and adopted: the
    // widget's own request would have come second, and with gloo-net's trailing '&' on the query.
    assert.deepEqual(lists, [
      { query: 'limit=100', authorization: 'missing', viaProxy: true, status: 200 },
      { query: 'limit=100', authorization: 'bearer-valid', viaProxy: false, status: 200 },
    ]);
    const timing = await page.evaluate(() => ({
      proxied: performance.getEntriesByType('resource').find((entry) => entry.name.includes('/ada-proxy/api/v2/webhooks/?')).startTime,
      wasmStarted: window.wasmStartedAt,
    }));
    assert.ok(timing.proxied < timing.wasmStarted, `proxied list at ${timing.proxied} ms, wasm started at ${timing.wasmStarted} ms`);
  });

  test('the proxied widget never sends an Authorization header', async () => {
    await openHostDashboard();
    await rotateAndReveal('#with-proxy');
    const proxied = (await stand.requests()).filter((r) => r.via_proxy);
    assert.ok(proxied.length >= 3, 'list, rotate and get-secret went through the proxy');
    assert.deepEqual([...new Set(proxied.map((r) => r.authorization))], ['missing']);
  });

  test('events carry their documented details and never a secret or the token', async () => {
    await openHostDashboard();
    const rotated = await rotateAndReveal('#with-token');
    await page.locator('#with-token').getByRole('button', { name: 'Sign out' }).click();
    // The host supplies the token: signed out, the widget offers to ask it again, not a key form.
    await page.locator('#with-token').getByRole('button', { name: 'Sign in again' }).waitFor();
    assert.equal(await page.locator('#with-token').getByLabel('API key').count(), 0);

    const events = await hostEvents();
    const summary = events.map((e) => `${e.widget} ${e.type}`);
    for (const expected of ['with-token ada-webhooks:signed-in', 'with-proxy ada-webhooks:signed-in',
      'with-token ada-webhooks:rotated', 'with-token ada-webhooks:secret-revealed', 'with-token ada-webhooks:signed-out']) {
      assert.ok(summary.includes(expected), `${expected} in ${JSON.stringify(summary)}`);
    }
    const rotatedEvent = events.find((e) => e.type === 'ada-webhooks:rotated');
    assert.deepEqual(Object.keys(rotatedEvent.detail).sort(), ['at', 'webhookId']);
    assert.equal(rotatedEvent.detail.webhookId, rotated);
    assert.match(rotatedEvent.detail.at, ISO_TIME);
    assert.deepEqual(events.find((e) => e.type === 'ada-webhooks:secret-revealed').detail, { webhookId: rotated });

    const { current } = await stand.secrets(rotated);
    const everything = JSON.stringify(events) + (await page.locator('#event-log').innerText());
    assert.ok(!everything.includes(current), 'no secret in an event');
    assert.ok(!everything.includes(TOKEN), 'no token in an event');
    assert.ok(!(await page.content()).includes(TOKEN), 'no token in the page');
  });

  test('an API failure is reported as an error event with status and message', async () => {
    await page.goto(`${site.url}/host-dashboard.html`);
    await shown(page.locator('#with-proxy'), /^30 webhooks\.$/).waitFor();
    await fetch(`${standIn.url}/__stand-in/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'rotate-webhook-secret', kind: 'status', status: 500 }),
    });
    const widget = page.locator('#with-proxy');
    const url = await widget.locator('tbody tr').first().locator('td.ada-url').textContent();
    await widget.getByRole('button', { name: `Rotate secret for ${url}`, exact: true }).click();
    await widget.getByRole('dialog').getByRole('button', { name: 'Rotate secret' }).click();
    await page.waitForFunction(() => window.hostLog.events.some((e) => e.type === 'ada-webhooks:error'));
    const error = (await hostEvents()).find((e) => e.type === 'ada-webhooks:error');
    assert.equal(error.widget, 'with-proxy');
    assert.equal(error.detail.status, 500);
    assert.equal(typeof error.detail.message, 'string');
  });

  test("the host page's hostile CSS changes none of the widget's computed styles", async () => {
    const PROPERTIES = ['font-family', 'font-size', 'font-weight', 'color', 'background-color', 'letter-spacing',
      'text-transform', 'line-height', 'box-sizing', 'padding-top', 'padding-left', 'border-top-width',
      'border-top-style', 'border-top-color', 'height', 'text-decoration-line'];
    const SELECTORS = ['.ada-webhooks', 'h1', 'header .ada-button', 'table', 'th', 'tbody td', 'input[type="search"]'];
    const stylesIn = (root) => page.locator(root).evaluate((host, [selectors, properties]) => {
      const scope = host.shadowRoot ?? host;
      return Object.fromEntries(selectors.map((selector) => {
        const element = scope.querySelector(selector);
        if (!element) return [selector, null];
        const style = getComputedStyle(element);
        // The list's containers are as tall as the rows laid out so far (content-visibility skips row groups
        // out of view), which depends on scrolling, not on styles.
        const compared = selector === '.ada-webhooks' || selector === 'table'
          ? properties.filter((p) => p !== 'height') : properties;
        return [selector, Object.fromEntries(compared.map((p) => [p, style.getPropertyValue(p)]))];
      }));
    }, [SELECTORS, PROPERTIES]);

    await page.goto(site.url);
    await page.getByLabel('API key').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await shown(page, /^30 webhooks\.$/).waitFor();
    const standalone = await stylesIn('#ada-webhooks-admin');

    await openHostDashboard();
    const embedded = await stylesIn('#with-token');
    for (const selector of SELECTORS) assert.ok(standalone[selector], `${selector} exists`);
    assert.deepEqual(embedded, standalone);
  });

  test('theme attributes and custom properties on the element style the widget', async () => {
    await openHostDashboard();
    const background = (widget) => page.locator(`${widget} .ada-webhooks`)
      .evaluate((root) => getComputedStyle(root).backgroundColor);
    assert.equal(await background('#with-token'), 'rgb(255, 255, 255)', 'theme="light"');
    assert.equal(await background('#with-proxy'), 'rgb(21, 24, 29)', 'theme="dark"');

    // CSSOM, which the strict CSP allows: the host themes the element, not the widget's insides.
    await page.locator('#with-token').evaluate((host) => host.style.setProperty('--ada-bg', 'rgb(1, 2, 3)'));
    assert.equal(await background('#with-token'), 'rgb(1, 2, 3)');
    assert.equal(await background('#with-proxy'), 'rgb(21, 24, 29)', 'the other instance keeps its own');
  });

  test('the standalone page also runs under the strict CSP (its styles allowed by hash), with no violation', async () => {
    await page.route(`${site.url}/`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': STANDALONE_PAGE_HEADER_CSP } });
    });
    await page.goto(site.url);
    await wasmSignInForm(page);
    const pagePolicy = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
    assert.match(pagePolicy, /style-src 'sha256-[A-Za-z0-9+/]+=*' 'sha256-[A-Za-z0-9+/]+=*';/, 'exactly the page’s two stylesheets');
    assert.equal(await page.getByRole('button', { name: 'Sign in' }).evaluate((button) => getComputedStyle(button).backgroundColor), 'rgb(59, 91, 219)');
    await page.getByLabel('API key').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await shown(page, /^30 webhooks\.$/).waitFor();
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  });

  test('removing the element leaves an empty shadow root', async () => {
    await openHostDashboard();
    await page.evaluate(() => {
      window.removedWidget = document.getElementById('with-proxy');
      window.removedWidget.remove();
    });
    // The loader notices the removal (a MutationObserver) and empties the shadow root.
    await page.waitForFunction(() => window.removedWidget.shadowRoot.childNodes.length === 0);
    assert.equal(await page.locator('dialog').count(), 0);
  });

  test('a re-mount while the previous one still waits for its token keeps the later widget', async () => {
    await page.goto(`${site.url}/host-dashboard.html`);
    await page.locator('#with-token').getByLabel('API key').waitFor();
    await page.evaluate((token) => {
      const widget = document.getElementById('with-token');
      // A slow back end: each mount waits 300 ms for its token.
      widget.getToken = () => new Promise((resolve) => setTimeout(() => resolve(token), 300));
      // A change while that mount still waits re-mounts the widget; the first mount then finishes
      // into nodes already replaced, and is destroyed.
      setTimeout(() => widget.setAttribute('theme', 'dark'), 100);
    }, TOKEN);
    const widget = page.locator('#with-token');
    await shown(widget, /^30 webhooks\.$/).waitFor();
    await page.waitForTimeout(400);
    assert.equal(await widget.locator('tbody tr').count(), 30, 'the later mount is still shown');
    assert.equal(await widget.locator('.ada-webhooks[data-theme="dark"]').count(), 1);
  });
});
