// The admin flow end to end on the release build: sign in, list every page, rotate without and with
// a custom key (checked against what the stand-in received and stores), copy, sign out leaving
// nothing behind, and an axe-core audit of each screen.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TOKEN, assertNoAxeViolations, freshPage, screenshotPath, shown, signInStandalone, startEnvironment, wasmSignInForm } from './harness.mjs';

const CUSTOM_KEY = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let environment, site, browser, stand, context, page;

before(async () => {
  environment = await startEnvironment();
  ({ site, browser, stand } = environment);
});

after(async () => environment?.stop());

beforeEach(async () => {
  await context?.close();
  ({ context, page } = await freshPage(environment));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
});

const signIn = (options) => signInStandalone(page, site.url, options);

const assertNoViolations = (screen) => assertNoAxeViolations(page, screen);

/** The first row's id and URL as the table shows them. */
async function firstWebhook() {
  const row = page.locator('tbody tr').first();
  return { id: await row.locator('.ada-id').textContent(), url: await row.locator('td.ada-url').textContent() };
}

async function rotate(key) {
  const webhook = await firstWebhook();
  await stand.clearRequests();
  await page.getByRole('button', { name: `Rotate secret for ${webhook.url}`, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Rotate signing secret' });
  await dialog.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Cancel');
  if (key) await dialog.getByLabel('Custom key (optional)').fill(key);
  await dialog.getByRole('button', { name: 'Rotate secret' }).click();
  const panel = page.getByRole('dialog', { name: 'New signing secret' });
  await panel.getByRole('button', { name: 'Reveal secret' }).waitFor();
  return { webhook, panel };
}

async function assertRotateThenGet(webhookId, expectedBody) {
  const requests = (await stand.requests()).map((r) => ({ op: r.operation, method: r.method, path: r.path, body: r.body }));
  assert.deepEqual(requests, [
    { op: 'rotate-webhook-secret', method: 'POST', path: `/api/v2/webhooks/${webhookId}/secret/rotate/`, body: expectedBody },
    { op: 'get-webhook-secret', method: 'GET', path: `/api/v2/webhooks/${webhookId}/secret/`, body: null },
  ]);
}

describe('admin flow on the release build', () => {
  test('sign-in screen is accessible and says what an Ada key can do', async () => {
    await page.goto(site.url);
    await wasmSignInForm(page);
    assert.equal(await page.getByLabel('API base URL').inputValue(), '/api');
    assert.match(await page.locator('body').innerText(), /full access/);
    await assertNoViolations('sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await shown(page, 'Enter an API key').waitFor();
    await assertNoViolations('sign-in with errors');
  });

  test('lists every page, keyboard only, with the XSS payload as text', async () => {
    await page.goto(site.url);
    await page.getByLabel('API key').focus();
    await page.keyboard.type(TOKEN);
    await page.keyboard.press('Enter');
    await shown(page, /^30 webhooks\.$/).waitFor();
    assert.equal(await page.locator('tbody tr').count(), 30);
    assert.equal(await page.locator('tbody script, tbody img').count(), 0);
    assert.ok(await shown(page, '<img src=x onerror=alert(1)><script>alert("xss")</script>').count() > 0);
    await page.screenshot({ path: screenshotPath('list.png'), fullPage: false });
    await assertNoViolations('list');

    // The search hides the rows it leaves out (they stay in the table, not displayed).
    await page.getByLabel('Search URL or description').fill('zendesk');
    await shown(page, /^Showing \d+ of 30 webhooks\.$/).waitFor();
    const visible = await page.locator('tbody tr').evaluateAll((rows) => rows.filter((row) => row.offsetParent !== null).length);
    assert.ok(visible > 0 && visible < 30, `${visible} rows displayed for the search`);
    assert.equal(visible, await page.locator('tbody tr:not([hidden])').count());
    await page.getByLabel('Search URL or description').fill('');
    await shown(page, /^30 webhooks\.$/).waitFor();

    // Keyboard: Tab reaches the first row's rotate button and Enter opens the dialog.
    const { url } = await firstWebhook();
    const rotateButton = page.getByRole('button', { name: `Rotate secret for ${url}`, exact: true });
    for (let step = 0; step < 40 && !(await rotateButton.evaluate((b) => b === document.activeElement)); step++) {
      await page.keyboard.press('Tab');
    }
    assert.ok(await rotateButton.evaluate((b) => b === document.activeElement), 'Tab reaches the rotate button');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Rotate signing secret' }).waitFor();
    await assertNoViolations('rotate dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.ok(await rotateButton.evaluate((b) => b === document.activeElement), 'focus returns to the rotate button');
  });

  test('rotates without a key: exactly rotate {} then get-secret, and reveals the stored secret', async () => {
    await signIn();
    const { webhook, panel } = await rotate(null);
    await assertRotateThenGet(webhook.id, {});
    const { current } = await stand.secrets(webhook.id);
    assert.equal(await page.locator('.ada-secret-plain').count(), 0, 'masked by default');
    assert.ok(!(await page.content()).includes(current), 'the plaintext is not in the DOM while masked');
    await assertNoViolations('secret panel (masked)');
    await panel.getByRole('button', { name: 'Reveal secret' }).click();
    assert.equal(await page.locator('.ada-secret-plain').innerText(), current);
    await page.screenshot({ path: screenshotPath('revealed-secret.png') });
    await assertNoViolations('secret panel (revealed)');

    await panel.getByRole('button', { name: 'Copy secret' }).click();
    await shown(panel, 'Copied').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), current, 'the clipboard holds the secret');
    assert.equal(await page.locator('.ada-secret-plain').count(), 0, 'copy hides the secret again');
  });

  test('rotates with a custom key: sends it and shows exactly it', async () => {
    await signIn();
    const { webhook, panel } = await rotate(CUSTOM_KEY);
    await assertRotateThenGet(webhook.id, { key: CUSTOM_KEY });
    assert.equal((await stand.secrets(webhook.id)).current, CUSTOM_KEY);
    await panel.getByRole('button', { name: 'Reveal secret' }).click();
    assert.equal(await page.locator('.ada-secret-plain').innerText(), CUSTOM_KEY);
  });

  test('works at 360 px wide and in dark mode, with no axe violations', async () => {
    await context.close();
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, colorScheme: 'dark' });
    page = await context.newPage();
    await signIn();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at 360 px (overflow ${overflow}px)`);
    const background = await page.locator('.ada-webhooks').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(background, 'rgb(255, 255, 255)', 'the dark theme applies');
    await page.screenshot({ path: screenshotPath('narrow-dark.png') });
    await assertNoViolations('list at 360 px, dark');
    const { url } = await firstWebhook();
    await page.getByRole('button', { name: `Rotate secret for ${url}`, exact: true }).click();
    await page.getByRole('dialog', { name: 'Rotate signing secret' }).waitFor();
    await assertNoViolations('rotate dialog at 360 px, dark');
  });

  test('sign-out leaves no key or secret in storage, the URL or the DOM', async () => {
    await signIn({ remember: true });
    const { panel, webhook } = await rotate(null);
    await panel.getByRole('button', { name: 'Reveal secret' }).click();
    const { current } = await stand.secrets(webhook.id);
    await panel.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    const leftovers = await page.evaluate(() => ({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      url: location.href,
      dom: document.documentElement.outerHTML,
      cookies: document.cookie,
    }));
    for (const [where, value] of Object.entries(leftovers)) {
      assert.ok(!value.includes(TOKEN), `the token is not in ${where}`);
      assert.ok(!value.includes(current), `the secret is not in ${where}`);
    }
    assert.equal(leftovers.local, '{}');
    assert.equal(leftovers.session, '{}');
  });
});
