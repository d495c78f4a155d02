// The standalone page's sign-in form as HTML (index.html), end to end on the release build: drawn and
// usable before any of the widget's files arrive, the same form the wasm draws, in English and in
// French (one source: this file fails when the two differ), and taken over by the wasm with what was typed, the focus and the caret;
// a Sign in pressed early waits with "Loading…" and then signs in, never putting the key in the URL.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TOKEN, assertNoAxeViolations, freshPage, recordWasmStart, shown, startEnvironment, wasmSignInForm } from './harness.mjs';

let environment, site, stand, context, page, releaseWasm;

before(async () => {
  environment = await startEnvironment();
  ({ site, stand } = environment);
});

after(async () => environment?.stop());

beforeEach(async () => {
  await context?.close();
  ({ context, page } = await freshPage(environment));
  await recordWasmStart(context);
  // The main wasm is held until a test lets it through: until then only the page's HTML can answer.
  const held = new Promise((resolve) => { releaseWasm = resolve; });
  await context.route('**/*_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
});

/**
 * The sign-in screen as structure: each element's tag, its attributes (ids replaced by their order
 * of appearance, so that `for` and `aria-describedby` compare by what they point at), an input's
 * value and checked state, and its text; comments (Leptos's markers) left out.
 */
function screenStructure() {
  return page.evaluate(() => {
    const ids = new Map();
    const idOf = (id) => {
      if (!ids.has(id)) ids.set(id, `id-${ids.size + 1}`);
      return ids.get(id);
    };
    const walk = (element) => {
      const attributes = [...element.attributes]
        .filter((attribute) => attribute.name !== 'value')
        .map(({ name, value }) => [name, ['id', 'for', 'aria-describedby'].includes(name)
          ? value.split(' ').map(idOf).join(' ') : value])
        .sort(([a], [b]) => a.localeCompare(b));
      const children = [];
      for (const node of element.childNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) children.push(walk(node));
        // Adjacent text nodes read as one text, as a person sees it.
        else if (node.nodeType === Node.TEXT_NODE && typeof children.at(-1) === 'string') children[children.length - 1] += node.textContent;
        else if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) children.push(node.textContent);
      }
      const state = element instanceof HTMLInputElement ? { value: element.value, checked: element.checked } : {};
      return { tag: element.localName, attributes, ...state, children };
    };
    return walk(document.getElementById('ada-webhooks-admin'));
  });
}

describe("the standalone page's own sign-in form", () => {
  test('is the form the wasm draws: same elements, attributes, words and values', async () => {
    await page.goto(site.url);
    const fromPage = await screenStructure();
    releaseWasm();
    await wasmSignInForm(page);
    assert.deepEqual(await screenStructure(), fromPage);
  });

  test('in French (the browser\'s language), is the French form the wasm draws, and the switch keeps what was typed', async () => {
    await context.close();
    context = await environment.browser.newContext({ locale: 'fr-CA' });
    page = await context.newPage();
    const held = new Promise((resolve) => { releaseWasm = resolve; });
    await context.route('**/*_bg.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(site.url);
    await page.getByRole('heading', { name: 'Connexion à Ada' }).waitFor();
    const fromPage = await screenStructure();
    // The title is in the catalog, which comes after the page's first drawing.
    await page.waitForFunction(() => document.title === 'Secrets des webhooks Ada');
    await assertNoAxeViolations(page, "the page's French sign-in form");

    // Back to English and to French again before the wasm: what was typed stays.
    await page.getByLabel('Clé d’API').fill(TOKEN);
    await page.getByLabel('Langue').selectOption('en');
    assert.equal(await page.getByLabel('API key').inputValue(), TOKEN);
    await page.getByLabel('Language').selectOption('fr');
    assert.equal(await page.getByLabel('Clé d’API').inputValue(), TOKEN);
    await page.getByLabel('Clé d’API').fill('');

    releaseWasm();
    await wasmSignInForm(page);
    assert.deepEqual(await screenStructure(), fromPage);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr', 'the widget\'s words inherit the page\'s language');
  });

  test('is drawn, styled and usable before the wasm, which takes over what was typed and the caret', async () => {
    await page.goto(site.url);
    const key = page.getByLabel('API key');
    await key.fill(TOKEN);
    await page.getByLabel('Stay signed in in this tab').check();
    await key.focus();
    await key.evaluate((input) => input.setSelectionRange(2, 5));
    assert.equal(await page.evaluate(() => window.wasmStartedAt), undefined, 'nothing of the wasm has started');
    // Styled by the page's own CSS, with no stylesheet to wait for.
    assert.equal(await page.getByRole('button', { name: 'Sign in' }).evaluate((button) => getComputedStyle(button).backgroundColor), 'rgb(59, 91, 219)');
    await assertNoAxeViolations(page, "the page's sign-in form");

    releaseWasm();
    await wasmSignInForm(page);
    const after = await page.evaluate(() => ({
      focused: document.activeElement.labels?.[0]?.textContent,
      selection: [document.activeElement.selectionStart, document.activeElement.selectionEnd],
    }));
    assert.deepEqual(after, { focused: 'API key', selection: [2, 5] });
    assert.equal(await key.inputValue(), TOKEN);
    assert.equal(await page.getByLabel('Stay signed in in this tab').isChecked(), true);
    assert.equal(await page.getByLabel('API base URL').inputValue(), '/api');

    await page.keyboard.press('Enter');
    await shown(page, /^30 webhooks\.$/).waitFor();
    assert.ok(await page.evaluate(() => sessionStorage.getItem('ada-webhooks-admin:session')), 'remembered in the tab, as ticked');
  });

  test('a Sign in pressed before the wasm says Loading…, sends nothing, then signs in', async () => {
    await page.goto(site.url);
    await page.getByLabel('API base URL').fill('/api/');
    await page.getByLabel('API key').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Loading…' }).waitFor();
    assert.equal(await page.locator('form[aria-busy=true]').count(), 1);
    assert.equal(page.url(), `${site.url}/`, 'the key never goes into the URL');
    assert.deepEqual((await stand.requests()).map((request) => request.operation), []);

    releaseWasm();
    await shown(page, /^30 webhooks\.$/).waitFor();
    assert.equal(page.url(), `${site.url}/`);
    const sent = await stand.requests();
    assert.equal(sent[0].operation, 'list-webhooks', 'signing in asks for the first page first');
    assert.deepEqual([...new Set(sent.map((request) => request.authorization))], ['bearer-valid'], 'with the key typed early');
    assert.equal(await page.locator('input[type=password]').count(), 0, 'no key field left behind');
  });

  test('with no script running, the form is still drawn, and submitting it sends nothing anywhere', async () => {
    releaseWasm();
    const noScript = await environment.browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    const requests = [];
    plain.on('request', (request) => requests.push(new URL(request.url()).pathname + new URL(request.url()).search));
    await plain.goto(site.url);
    await plain.getByLabel('API key').fill(TOKEN);
    // The browser's own log says when the policy refused the submission (the page runs no script).
    const log = await noScript.newCDPSession(plain);
    await log.send('Log.enable');
    const refused = new Promise((resolve) => log.on('Log.entryAdded', ({ entry }) => {
      if (entry.text.includes("form-action 'none'")) resolve();
    }));
    await plain.keyboard.press('Enter');
    await refused;
    assert.equal(plain.url(), `${site.url}/`);
    assert.deepEqual(requests, ['/'], 'the form submitted nowhere (form-action none, and its fields have no names)');
    await noScript.close();
  });
});
