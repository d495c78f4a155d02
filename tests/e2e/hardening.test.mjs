// The widget tried as an attacker would, end to end on the release build: an attacker's server on
// another loopback port logs what it receives (and answers CORS preflights), and each way the key
// or a secret could reach it is tried: base URLs that the URL parser reads as another origin, plain
// http to a host named 127.<anything>, a redirect from the API, a page global that offers to take
// the first page; plus a widget whose handle is garbage-collected, and a crash (a wasm trap).
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TOKEN, freshPage, listSettled, shown, signInStandalone, startAttacker, startEnvironment } from './harness.mjs';

const CRASH_MESSAGE = 'The widget stopped because of an internal error. Reload to continue; nothing else was sent to Ada.';
let environment, site, stand, browser, attacker, context, page;

before(async () => {
  environment = await startEnvironment();
  ({ site, stand, browser } = environment);
  attacker = await startAttacker();
});

after(async () => {
  attacker?.stop();
  await environment?.stop();
});

beforeEach(async () => {
  await context?.close();
  ({ context, page } = await freshPage(environment));
  attacker.received.length = 0;
});

/** Mounts the widget with `options` on a host page that has no Content-Security-Policy; resolves
 * with mount's rejection message, or null when it mounted. */
async function mountOnPlainPage(options) {
  await page.goto(`${site.url}/e2e/blank.html`);
  return page.evaluate(async (mountOptions) => {
    const { mount } = await import('/ada-webhooks-admin.js');
    try {
      await mount(document.getElementById('slot'), mountOptions);
      return null;
    } catch (error) {
      return String(error.message);
    }
  }, options);
}

async function signInWithBase(base) {
  await page.goto(site.url);
  await page.getByLabel('API base URL').fill(base);
  await page.getByLabel('API key').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Lets anything that would have left arrive first. */
const settle = () => page.waitForTimeout(500);

describe('the key and secrets stay with Ada', () => {
  test('a base URL with a backslash is refused in the form, and the attacker receives nothing', async () => {
    await signInWithBase(`/\\127.0.0.1:${attacker.port}/api`);
    await shown(page, /contains a backslash/).waitFor();
    await settle();
    assert.deepEqual(attacker.received, []);
  });

  test('mount() with a backslash base URL is refused on a page without a CSP', async () => {
    const refusal = await mountOnPlainPage({ baseUrl: `/\\127.0.0.1:${attacker.port}/api`, token: TOKEN });
    assert.match(refusal ?? '', /base-url: .*backslash/);
    await settle();
    assert.deepEqual(attacker.received, [], 'not even the early first page');
  });

  test('HTML injected before the real element cannot send it the host\'s token', async () => {
    await page.goto(`${site.url}/e2e/blank.html`);
    await page.evaluate(async ([attackerBase, token]) => {
      window.errors = [];
      document.addEventListener('ada-webhooks:error', (event) => window.errors.push(event.detail));
      // What an HTML-injection flaw can place in a page, no script needed: an element whose
      // base-url is another origin, before the host's own.
      document.getElementById('slot').insertAdjacentHTML('beforebegin',
        `<ada-webhooks-admin id="injected" base-url="${attackerBase}"></ada-webhooks-admin>`);
      document.getElementById('slot').innerHTML = '<ada-webhooks-admin id="real" base-url="/api"></ada-webhooks-admin>';
      await import('/ada-webhooks-admin.js');
      // The host's script hands its token to "the" element, as the docs' snippet once showed.
      document.querySelector('ada-webhooks-admin').getToken = async () => token;
      // An attribute changed on the real element later cannot redirect a token either.
      const real = document.getElementById('real');
      real.getToken = async () => token;
      real.setAttribute('base-url', attackerBase);
    }, [`http://127.0.0.1:${attacker.port}/api`, TOKEN]);
    for (const id of ['#injected', '#real']) {
      await page.locator(id).getByRole('alert').getByText(/cannot start.*tokenOrigin/).waitFor();
    }
    await settle();
    assert.deepEqual(attacker.received, [], 'neither the early first page nor the widget sent anything');
    const errors = await page.evaluate(() => window.errors);
    assert.ok(errors.length >= 2 && errors.every((detail) => detail.code === 'bad_option'), JSON.stringify(errors));
    assert.ok(errors.every((detail) => !JSON.stringify(detail).includes(TOKEN)));
  });

  test('the element shows a refused base-url and tells the host', async () => {
    await page.goto(`${site.url}/e2e/blank.html`);
    const detail = await page.evaluate(async (base) => {
      await import('/ada-webhooks-admin.js');
      const element = document.createElement('ada-webhooks-admin');
      element.setAttribute('base-url', base);
      const event = new Promise((resolve) => element.addEventListener('ada-webhooks:error', (e) => resolve(e.detail)));
      document.getElementById('slot').append(element);
      element.getToken = async () => 'a-host-token';
      return event;
    }, `/\\127.0.0.1:${attacker.port}/api`);
    assert.equal(detail.code, 'bad_option');
    assert.match(detail.message, /backslash/);
    await page.locator('ada-webhooks-admin').getByRole('alert').getByText(/cannot start.*backslash/).waitFor();
    await settle();
    assert.deepEqual(attacker.received, []);
  });

  test('plain http to a host named 127.<anything> is refused', async () => {
    const base = `http://127.evil.example:${attacker.port}/api`;
    await signInWithBase(base);
    await shown(page, /would send your API key unencrypted/).waitFor();
    const refusal = await mountOnPlainPage({ baseUrl: base, token: TOKEN });
    assert.match(refusal ?? '', /unencrypted/);
    await settle();
    assert.deepEqual(attacker.received, []);
  });

  test('a redirect from the API to another origin is never followed', async () => {
    const elsewhere = `http://127.0.0.1:${attacker.port}/api/v2/webhooks/?limit=100`;
    await stand.fault({ operation: 'list-webhooks', kind: 'redirect', location: elsewhere, times: 4 });
    await signInWithBase('/api');
    await shown(page, "Ada's API answered with a redirect; check the base URL.").first().waitFor();
    await settle();
    assert.deepEqual(attacker.received, [], 'no spoofed rows, no key');
    assert.equal(await page.getByText('spoofed.evil.example').count(), 0);
  });

  test('a page global offering to take the first page never sees a key, nor forges an answer', async () => {
    await context.addInitScript(() => {
      window.keysSeen = [];
      globalThis.adaWebhooksTakeEarlyResponse = (url, authorization) => {
        window.keysSeen.push(authorization);
        return Promise.resolve(new Response(JSON.stringify({
          data: [{ id: 'ep_forged', url: 'https://forged.evil.example/hook', enabled: true }], meta: { next_page_url: null },
        })));
      };
    });
    await signInStandalone(page, site.url, { remember: true });
    await page.reload();
    await shown(page, /^30 webhooks\.$/).waitFor();
    await page.goto(`${site.url}/host-dashboard.html`);
    await page.getByLabel('Token this page hands to the widget').fill(TOKEN);
    await page.getByRole('button', { name: 'Connect the widget' }).click();
    await shown(page.locator('#with-token'), /^30 webhooks\.$/).waitFor();
    assert.deepEqual(await page.evaluate(() => window.keysSeen), []);
    assert.equal(await page.getByText('forged.evil.example').count(), 0);
  });

  test('the element\'s getToken cannot be read back', async () => {
    await page.goto(`${site.url}/host-dashboard.html`);
    const readBack = await page.evaluate(() => {
      const element = document.getElementById('with-token');
      element.getToken = async () => 'a-host-token';
      return typeof element.getToken;
    });
    assert.equal(readBack, 'undefined');
  });

  test('an embedded sign-in offers no "stay signed in"', async () => {
    await page.goto(`${site.url}/host-dashboard.html`);
    await page.locator('#with-token').getByLabel('API key').waitFor();
    assert.equal(await page.locator('#with-token').getByText(/Stay signed in/).count(), 0);
  });
});

describe('capabilities at the request', () => {
  /** The widget in a page with `capabilities`, behind the stand-in's proxy, its rows listed. */
  async function widgetWith(capabilities) {
    await page.goto(`${site.url}/e2e/blank.html`);
    await page.evaluate((words) => {
      document.getElementById('slot').innerHTML =
        `<ada-webhooks-admin base-url="/ada-proxy/api" auth="proxy" capabilities="${words}"></ada-webhooks-admin>`;
      return import('/ada-webhooks-admin.js');
    }, capabilities);
    await shown(page.locator('#slot'), /^30 webhooks\.$/).waitFor();
    await listSettled(page);
  }

  test('a row button rewritten to show the secret sends no get-secret where reveal is off', async () => {
    await widgetWith('edit');
    await stand.clearRequests();
    // The shadow root is open: a script on the page (or an extension) can rewrite a control.
    await page.evaluate(() => {
      const button = document.querySelector('ada-webhooks-admin').shadowRoot.querySelector('button[data-action="menu"]');
      button.setAttribute('data-action', 'show-secret');
      button.click();
    });
    await settle();
    const operations = (await stand.requests()).map((r) => r.operation);
    assert.ok(!operations.includes('get-webhook-secret'), JSON.stringify(operations));
    assert.equal(await page.locator('#slot').getByRole('dialog').count(), 0, 'no secret dialog either');
  });

  test('a row button rewritten to toggle sends no PATCH where edit is off', async () => {
    await widgetWith('reveal');
    await stand.clearRequests();
    await page.evaluate(() => {
      const button = document.querySelector('ada-webhooks-admin').shadowRoot.querySelector('button[data-action="menu"]');
      button.setAttribute('data-action', 'toggle');
      button.click();
    });
    await settle();
    assert.deepEqual((await stand.requests()).map((r) => r.operation), []);
  });
});

describe('a mounted widget', () => {
  test('stays mounted when the host drops its handle and the garbage collector runs', async () => {
    await mountOnPlainPage({ baseUrl: '/api', token: TOKEN });
    const slot = page.locator('#slot');
    await shown(slot, /^30 webhooks\.$/).waitFor();
    for (let round = 0; round < 3; round++) {
      await page.evaluate(() => window.gc());
      await page.waitForTimeout(500);
    }
    assert.equal(await slot.locator('tbody tr').count(), 30, 'the rows are still there after 1.5 s and three collections');
    await page.evaluate(() => {
      window.removedSlot = document.getElementById('slot');
      window.removedSlot.remove();
    });
    await page.waitForFunction(() => window.removedSlot.shadowRoot.childNodes.length === 0);
    assert.equal(await page.evaluate(() => document.querySelectorAll('dialog').length), 0);
  });

  test('is removed with its host element even without destroy()', async () => {
    await mountOnPlainPage({ baseUrl: '/api', token: TOKEN });
    await shown(page.locator('#slot'), /^30 webhooks\.$/).waitFor();
    await page.evaluate(() => {
      window.removedSlot = document.getElementById('slot');
      window.removedSlot.remove();
    });
    await page.waitForFunction(() => window.removedSlot.shadowRoot.childNodes.length === 0);
  });
});

describe('a crash', () => {
  /** A page that records the widget's wasm exports and every uncaught error, without failing on them. */
  async function crashablePage() {
    await context.close();
    context = await browser.newContext();
    page = await context.newPage();
    await page.addInitScript(() => {
      const instantiate = WebAssembly.instantiateStreaming;
      WebAssembly.instantiateStreaming = async (...args) => {
        const result = await instantiate.apply(WebAssembly, args);
        window.widgetExports ??= result.instance.exports;
        return result;
      };
    });
  }

  /** A trap inside the widget's own wasm, from a timer: an allocation with an impossible alignment aborts. */
  const trap = () => page.evaluate(() => setTimeout(() => window.widgetExports.__wbindgen_malloc(8, 3)));

  test('replaces the standalone widget with a message and a reload button, and sends nothing more', async () => {
    await crashablePage();
    await stand.reset({ seed_webhooks: 1000 });
    await page.goto(site.url);
    await page.getByLabel('API key').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // 10 pages at 2 a second: the crash lands while the list is still paging.
    await shown(page, /^Loading… \d+ webhooks from [2-5] pages so far\.$/).waitFor();
    await trap();
    await page.getByRole('alert').getByText(CRASH_MESSAGE).waitFor();
    await page.getByRole('button', { name: 'Reload' }).waitFor();
    await stand.clearRequests();
    await page.waitForTimeout(2000);
    assert.deepEqual(await stand.requests(), [], 'no request after the crash');
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.getByLabel('API key').waitFor();
    await stand.reset();
  });

  test('replaces every embedded widget and tells the host with a fixed code', async () => {
    await crashablePage();
    await page.goto(`${site.url}/host-dashboard.html`);
    await shown(page.locator('#with-proxy'), /^30 webhooks\.$/).waitFor();
    await trap();
    for (const widget of ['#with-token', '#with-proxy']) {
      await page.locator(widget).getByRole('alert').getByText(CRASH_MESSAGE).waitFor();
    }
    const errors = await page.evaluate(() => window.hostLog.events.filter((e) => e.type === 'ada-webhooks:error'));
    assert.deepEqual(errors.map((e) => [e.widget, e.detail]).sort(), [
      ['with-proxy', { status: null, code: 'internal_error', message: CRASH_MESSAGE }],
      ['with-token', { status: null, code: 'internal_error', message: CRASH_MESSAGE }],
    ]);
  });
});
