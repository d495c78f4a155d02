// The widget in French, end to end on the release build: chosen by the element's `lang`, by the
// host page's `<html lang>`, and by the standalone page's switch; the main flow (list, rotate with a
// custom key, reveal, verify, create, delete, bulk rotation) walked at 360 px and 1,024 px with axe at
// 0 violations, no sideways scrolling and no English sentence of the catalog left on any screen; a
// change of `lang` on a mounted widget re-renders its words keeping the session and what is typed; an
// English page never fetches the French catalog.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseCatalog } from '../../loader/messages.js';
import { TOKEN, assertNoAxeViolations, freshPage, listSettled, screenshotPath, startEnvironment, wasmSignInForm } from './harness.mjs';

const LOCALES = new URL('../../locales/fr/', import.meta.url).pathname;

/** The French catalog's pairs, English → French, read as the loader and src/i18n.rs read the file the
 * build ships (locales/fr/*.txt one after the other). */
const CATALOG = parseCatalog(readdirSync(LOCALES).sort().map((file) => readFileSync(path.join(LOCALES, file), 'utf8')).join('\n'));

/** `english`'s French, with `{0}`… filled and the plural form that fits `count` (French: 0 and 1 are one). */
function fr(english, ...values) {
  const french = CATALOG.get(english);
  assert.ok(french, `not in the catalog: ${english}`);
  const [one, other = one] = french.split('|');
  const form = values.length && typeof values[0] === 'number' && values[0] >= 2 ? other : one;
  return form.replace(/\{(\d)\}/g, (_, index) => String(values[index]));
}

/**
 * The English pieces no French screen may show: each catalog sentence's text between its slots,
 * where the French differs, long enough to be a sentence rather than a shared word (URL, HTTP…).
 */
const ENGLISH_PIECES = [...CATALOG]
  .filter(([english, french]) => english !== french)
  .flatMap(([english]) => english.split(/\{\d\}|\|/))
  .map((piece) => piece.trim())
  .filter((piece) => piece.length >= 12 && /\s/.test(piece) && ![...CATALOG.values()].some((french) => french.includes(piece)));

/** Every word the widget shows or names (text, accessible names, placeholders, titles) in `root`. */
function widgetWords(root) {
  return root.evaluate((element) => {
    const scope = element.shadowRoot ?? element;
    const words = [scope.querySelector('.ada-webhooks')?.innerText ?? ''];
    for (const node of scope.querySelectorAll('*')) {
      for (const name of ['aria-label', 'placeholder', 'title', 'aria-description']) {
        if (node.getAttribute(name)) words.push(node.getAttribute(name));
      }
    }
    return words.join('\n');
  });
}

async function assertFrench(root, screen) {
  const words = await widgetWords(root);
  const english = ENGLISH_PIECES.filter((piece) => words.includes(piece));
  assert.deepEqual(english, [], `English on the French ${screen}:\n${words}`);
}

let environment, site, stand, context, page;

before(async () => {
  environment = await startEnvironment();
  ({ site, stand } = environment);
});

after(async () => environment?.stop());

beforeEach(async () => {
  await context?.close();
  ({ context, page } = await freshPage(environment));
});

/** A blank host page (its `<html lang>` set to `pageLang`) with one widget given the test token. */
async function hostWidget({ lang, pageLang } = {}) {
  await page.goto(`${site.url}/e2e/blank.html`);
  await page.evaluate(async ([token, elementLang, documentLang]) => {
    if (documentLang) document.documentElement.lang = documentLang;
    window.catalogRequests = () => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('_fr.txt')).length;
    await import('/ada-webhooks-admin.js');
    const element = document.createElement('ada-webhooks-admin');
    if (elementLang) element.setAttribute('lang', elementLang);
    element.getToken = async () => token;
    document.getElementById('slot').append(element);
  }, [TOKEN, lang, pageLang]);
  const widget = page.locator('ada-webhooks-admin');
  return widget;
}

const rowCount = (count) => new RegExp(`^${fr('{0} webhook|{0} webhooks', count)}\\.?$`);

describe('the widget in French', () => {
  test('lang="fr" on the element: every screen of the main flow in French at 360 and 1,024 px, axe clean, nothing sideways', async () => {
    for (const width of [360, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      await stand.reset();
      const widget = await hostWidget({ lang: 'fr' });
      const host = page.locator('ada-webhooks-admin');
      await widget.locator('tbody tr').first().waitFor();
      await listSettled(page);
      const screen = async (name) => {
        await assertFrench(host, `${name} at ${width} px`);
        await assertNoAxeViolations(page, `${name} in French at ${width} px`);
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(sideways <= 0, `${name} at ${width} px scrolls sideways by ${sideways} px`);
      };
      await screen('list');
      // Dates in French: a month in French words, no English month.
      const date = await widget.locator('tbody tr').first().locator('time').first().textContent();
      assert.match(date, /\d{1,2} (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)/, date);
      if (width === 1024) await page.screenshot({ path: screenshotPath('list-fr.png') });

      const row = widget.locator('tbody tr').first();
      const url = await row.locator('td.ada-url').textContent();
      await widget.getByRole('button', { name: fr('Rotate secret for {0}', url), exact: true }).click();
      const dialog = widget.getByRole('dialog', { name: fr('Rotate signing secret') });
      await dialog.getByLabel(fr('Custom key (optional)')).fill('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
      await screen('rotate dialog');
      await dialog.getByRole('button', { name: fr('Rotate secret'), exact: true }).click();
      const panel = widget.getByRole('dialog', { name: fr('New signing secret') });
      await panel.getByRole('button', { name: fr('Reveal secret') }).click();
      await panel.locator('.ada-secret-plain').waitFor();
      await screen('revealed secret');
      await panel.getByRole('button', { name: fr('Done') }).click();
      await widget.getByRole('dialog').waitFor({ state: 'detached' });

      await widget.getByRole('button', { name: fr('Actions for {0}', url), exact: true }).click();
      await screen('row menu');
      await widget.getByRole('menuitem', { name: fr('Verify a delivery') }).click();
      const verify = widget.getByRole('dialog', { name: fr('Verify a delivery') });
      await verify.getByLabel(fr('Headers')).fill('svix-id: msg_1\nsvix-timestamp: 1');
      await verify.getByLabel(fr('Body')).fill('{}');
      await verify.getByRole('button', { name: fr('Verify'), exact: true }).click();
      await verify.getByText(fr('Missing header: {0}', 'svix-signature')).first().waitFor();
      await screen('verify result');
      await verify.getByRole('button', { name: fr('Close') }).first().click();
      await widget.getByRole('dialog').waitFor({ state: 'detached' });

      await widget.getByRole('button', { name: fr('New webhook') }).click();
      const form = widget.getByRole('dialog', { name: fr('New webhook') });
      await form.getByLabel(fr('URL'), { exact: true }).fill('http://example.com/hook');
      await form.locator('.ada-field-error').first().waitFor();
      await screen('new webhook form with its errors');
      await form.getByRole('button', { name: fr('Cancel') }).click();
      await widget.getByRole('dialog').waitFor({ state: 'detached' });

      await widget.getByRole('button', { name: fr('Actions for {0}', url), exact: true }).click();
      await widget.getByRole('menuitem', { name: fr('Delete'), exact: true }).click();
      await widget.getByRole('dialog', { name: fr('Delete webhook') }).waitFor();
      await screen('delete dialog');
      await widget.getByRole('dialog').getByRole('button', { name: fr('Cancel') }).click();
      await widget.getByRole('dialog').waitFor({ state: 'detached' });

      for (const index of [0, 1]) await widget.locator('tbody tr').nth(index).getByRole('checkbox').check();
      await screen('selection');
      await widget.getByRole('button', { name: fr('Rotate {0} selected|Rotate {0} selected', 2) }).click();
      const bulk = widget.getByRole('dialog', { name: fr('Rotate {0} secret|Rotate {0} secrets', 2) });
      await bulk.getByLabel(fr('Type {0} to confirm', 2)).fill('2');
      await screen('bulk confirmation');
      await bulk.getByRole('button', { name: fr('Rotate {0} secret|Rotate {0} secrets', 2) }).click();
      await bulk.getByText(fr('{0} of {1} rotated', 2, 2)).first().waitFor();
      await screen('bulk outcome');
      await bulk.getByRole('button', { name: fr('Done') }).first().click();
      await widget.getByRole('dialog').waitFor({ state: 'detached' });
    }
  });

  test('<html lang="fr"> and no attribute: French; an English page never fetches the catalog', async () => {
    const french = await hostWidget({ pageLang: 'fr-CA' });
    await french.locator('tbody tr').first().waitFor();
    await assertFrench(page.locator('ada-webhooks-admin'), 'list');
    assert.equal(await page.evaluate(() => window.catalogRequests()), 1);
    assert.equal(await page.evaluate(() => document.querySelector('ada-webhooks-admin').shadowRoot.lastElementChild.lang), 'fr-CA',
      'the widget\'s words say their language, for screen readers');

    const english = await hostWidget({ pageLang: 'en' });
    await english.locator('tbody tr').first().waitFor();
    await listSettled(page);
    assert.equal(await page.evaluate(() => window.catalogRequests()), 0, 'an English page asked for the French catalog');
  });

  test('a change of lang on a mounted widget re-renders its words, keeping the session and a dialog\'s input', async () => {
    const widget = await hostWidget({ lang: 'en' });
    await widget.locator('tbody tr').first().waitFor();
    await listSettled(page);
    const url = await widget.locator('tbody tr').first().locator('td.ada-url').textContent();
    await widget.getByRole('button', { name: `Rotate secret for ${url}`, exact: true }).click();
    const dialog = widget.getByRole('dialog', { name: 'Rotate signing secret' });
    await dialog.getByLabel('Custom key (optional)').fill('typed-before-the-change');
    await stand.clearRequests();

    await page.evaluate(() => document.querySelector('ada-webhooks-admin').setAttribute('lang', 'fr'));
    const frenchDialog = widget.getByRole('dialog', { name: fr('Rotate signing secret') });
    await frenchDialog.waitFor();
    assert.equal(await frenchDialog.getByLabel(fr('Custom key (optional)')).inputValue(), 'typed-before-the-change');
    await assertFrench(page.locator('ada-webhooks-admin'), 'list behind the open dialog');
    const requests = (await stand.requests()).map((request) => request.operation);
    assert.deepEqual(requests, [], 'the change sent nothing to Ada (no new sign-in, no reload of the list)');

    await page.evaluate(() => document.querySelector('ada-webhooks-admin').setAttribute('lang', 'en'));
    await widget.getByRole('dialog', { name: 'Rotate signing secret' }).waitFor();
  });

  test('a refused option is said in French to the person, while the host event keeps its code', async () => {
    await page.goto(`${site.url}/e2e/blank.html`);
    await page.evaluate(async () => {
      window.errors = [];
      document.addEventListener('ada-webhooks:error', (event) => window.errors.push(event.detail));
      await import('/ada-webhooks-admin.js');
      const element = document.createElement('ada-webhooks-admin');
      element.setAttribute('lang', 'fr');
      element.setAttribute('capabilities', 'launch');
      document.getElementById('slot').append(element);
    });
    const refusal = fr('capabilities: “{0}” is not a capability; use any of “rotate reveal verify create edit delete”, or “none”.', 'launch');
    await page.locator('ada-webhooks-admin').getByRole('alert').getByText(refusal, { exact: false }).waitFor();
    assert.deepEqual(await page.evaluate(() => window.errors), [{ status: null, code: 'bad_option', message: refusal }]);
  });

  test('the standalone page: the switch turns the page French, keeping what was typed', async () => {
    await page.goto(site.url);
    await wasmSignInForm(page);
    await page.getByLabel('API key').fill('not-the-key');
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: fr('Sign in to Ada') }).waitFor();
    assert.equal(await page.getByLabel(fr('API key')).inputValue(), 'not-the-key');
    // A rejected key: the error and its next step in French, what was typed kept.
    await page.getByRole('button', { name: fr('Sign in') }).click();
    await page.getByText(fr('Ada rejected this token.')).waitFor();
    await assertFrench(page.locator('#ada-webhooks-admin'), 'sign-in with an error');
    await page.getByLabel(fr('API key')).fill(TOKEN);
    await page.waitForFunction(() => document.title === 'Secrets des webhooks Ada');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    await assertFrench(page.locator('#ada-webhooks-admin'), 'sign-in');
    await assertNoAxeViolations(page, 'the French sign-in form');
    await page.getByRole('button', { name: fr('Sign in') }).click();
    await page.locator('tbody tr').first().waitFor();
    await assertFrench(page.locator('#ada-webhooks-admin'), 'list');
    await page.screenshot({ path: screenshotPath('standalone-fr.png') });
  });
});
