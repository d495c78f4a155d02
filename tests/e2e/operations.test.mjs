// Rotation as operations, end to end on the release build: bulk rotation of four webhooks with a
// forced 500 on one, a 429 in the middle, Stop, and a retry of the failed only; one host event per
// rotated webhook; the delivery check with a delivery signed by the webhook's secret; axe-core on
// every new screen, at 1,280 px and at 360 px in the dark theme, keyboard only where it matters.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { assertNoAxeViolations, freshPage, screenshotPath, shown, signInStandalone, startEnvironment } from './harness.mjs';

let environment, site, stand, browser, context, page;

before(async () => {
  environment = await startEnvironment();
  ({ site, stand, browser } = environment);
});

after(async () => environment?.stop());

beforeEach(async () => {
  await context?.close();
  ({ context, page } = await freshPage(environment));
});

const assertNoViolations = (screen) => assertNoAxeViolations(page, screen);

/** The first `count` rows' URLs and ids. */
async function firstRows(count) {
  const rows = page.locator('tbody tr');
  return Promise.all([...Array(count).keys()].map(async (index) => ({
    url: await rows.nth(index).locator('td.ada-url').textContent(),
    id: await rows.nth(index).locator('.ada-id').textContent(),
  })));
}

/** Selects the first `count` rows and confirms "Rotate N secrets". */
async function rotateSelected(count, { screen } = {}) {
  const rows = await firstRows(count);
  for (const { url } of rows) await page.getByRole('checkbox', { name: `Select ${url}`, exact: true }).check();
  await page.getByRole('button', { name: `Rotate ${count} selected` }).click();
  const dialog = page.getByRole('dialog', { name: `Rotate ${count} secrets` });
  await dialog.waitFor();
  const confirm = dialog.getByRole('button', { name: `Rotate ${count} secrets` });
  assert.ok(await confirm.isDisabled(), 'disabled until N is typed');
  if (screen) await assertNoViolations(screen);
  await dialog.getByLabel(`Type ${count} to confirm`).fill(String(count));
  await confirm.click();
  return { rows, dialog };
}

const rotations = async () => (await stand.requests()).filter((r) => r.operation === 'rotate-webhook-secret');

describe('bulk rotation', () => {
  test('four webhooks, one failing with a 500, then a retry of the failed one only', async () => {
    await signInStandalone(page, site.url);
    await assertNoViolations('list with selection');
    await stand.clearRequests();
    await stand.fault({ operation: 'rotate-webhook-secret', kind: 'status', status: 500, times: 1, after: 2 });
    const { rows, dialog } = await rotateSelected(4, { screen: 'bulk confirmation' });
    await shown(dialog, '3 of 4 rotated, 1 failed').waitFor();
    assert.equal(await shown(dialog, 'Failed: ', { exact: false }).count() > 0, true);
    await page.screenshot({ path: screenshotPath('bulk-outcome.png') });
    await assertNoViolations('bulk outcome');
    for (const { id } of rows) {
      assert.equal((await rotations()).filter((r) => r.path.includes(id)).length, 1, `${id} rotated once`);
    }
    // Masked, revealed one at a time.
    const { current } = await stand.secrets(rows[0].id);
    assert.ok(!(await page.content()).includes(current), 'masked');
    await dialog.getByRole('button', { name: 'Reveal secret' }).first().click();
    assert.equal(await dialog.locator('.ada-secret-plain').count(), 1);

    await stand.clearRequests();
    await dialog.getByRole('button', { name: 'Retry failed (1)' }).click();
    await shown(dialog, '4 of 4 rotated').waitFor();
    assert.deepEqual((await rotations()).map((r) => r.path), [`/api/v2/webhooks/${rows[2].id}/secret/rotate/`]);
  });

  test('sends one ada-webhooks:rotated event per rotated webhook, never a secret', async () => {
    await page.goto(`${site.url}/host-dashboard.html`);
    const widget = page.locator('#with-proxy');
    await shown(widget, /^30 webhooks\.$/).waitFor();
    for (const index of [0, 1]) await widget.locator('tbody tr').nth(index).getByRole('checkbox').check();
    await widget.getByRole('button', { name: 'Rotate 2 selected' }).click();
    const dialog = widget.getByRole('dialog', { name: 'Rotate 2 secrets' });
    await dialog.getByLabel('Type 2 to confirm').fill('2');
    await dialog.getByRole('button', { name: 'Rotate 2 secrets' }).click();
    await shown(dialog, '2 of 2 rotated').waitFor();
    const events = await page.evaluate(() => window.hostLog.events.filter((e) => e.type === 'ada-webhooks:rotated'));
    assert.equal(events.length, 2);
    assert.deepEqual(Object.keys(events[0].detail).sort(), ['at', 'webhookId']);
  });

  test('works at 360 px in the dark theme with no axe violations', async () => {
    await context.close();
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, colorScheme: 'dark' });
    page = await context.newPage();
    await signInStandalone(page, site.url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling (overflow ${overflow}px)`);
    const { dialog } = await rotateSelected(2, { screen: 'bulk confirmation at 360 px' });
    await shown(dialog, '2 of 2 rotated').waitFor();
    await assertNoViolations('bulk outcome at 360 px');
    await page.screenshot({ path: screenshotPath('bulk-narrow-dark.png') });
  });
});

/** A delivery signed as Svix signs it, with `secret`, `secondsAgo` old. */
function signedDelivery(secret, body, secondsAgo = 0) {
  const id = `msg_${Date.now()}`;
  const timestamp = String(Math.floor(Date.now() / 1000) - secondsAgo);
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `svix-id: ${id}\nsvix-timestamp: ${timestamp}\nsvix-signature: v1,${signature}`;
}

describe('verify a delivery', () => {
  test('each outcome, from the row menu and keyboard only, with no axe violations', async () => {
    await signInStandalone(page, site.url);
    const [{ url, id }] = await firstRows(1);
    const { current } = await stand.secrets(id);
    const menuButton = page.getByRole('button', { name: `Actions for ${url}`, exact: true });
    await menuButton.focus();
    await page.keyboard.press('ArrowDown');
    const menu = page.getByRole('menu', { name: `Actions for ${url}` });
    await menu.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'menuitem');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    assert.ok(await menuButton.evaluate((b) => b === document.activeElement), 'focus back on the menu button');
    await menuButton.press('Enter');
    await menu.getByRole('menuitem', { name: 'Verify a delivery' }).click();
    const dialog = page.getByRole('dialog', { name: 'Verify a delivery' });
    await dialog.waitFor();
    await assertNoViolations('verify dialog');

    const body = '{"type":"v1.conversation.created","data":{"id":"c_1"}}';
    const check = async (headers, sentBody, expected) => {
      await dialog.getByLabel('Headers').fill(headers);
      await dialog.getByLabel('Body').fill(sentBody);
      await dialog.getByRole('button', { name: 'Verify' }).click();
      await shown(dialog, expected).waitFor();
    };
    await check(signedDelivery(current, body), body, 'Valid: signed with the current secret');
    await page.screenshot({ path: screenshotPath('verify-valid.png') });
    await assertNoViolations('verify result');
    const other = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    await dialog.getByLabel('Also try this secret').fill(other);
    await check(signedDelivery(other, body), body, 'Valid: signed with the other secret you entered');
    await dialog.getByLabel('Also try this secret').fill('');
    await check(signedDelivery(current, body), `${body} `, /Not valid: no signature matches/);
    // What the headers alone settle fetches no secret.
    await stand.clearRequests();
    await check(signedDelivery(current, body, 61 * 60), body, 'Not valid: timestamp is 61 minutes old');
    await check('svix-id: msg_1\nsvix-timestamp: 1', body, 'Missing header: svix-signature');
    assert.deepEqual((await stand.requests()).map((r) => r.operation), []);
    assert.ok(!(await page.content()).includes(current), 'the secret is never shown');
  });
});
