// The webhook lifecycle end to end on the release build: create (with Ada's 422 details for `url`
// beside the field), edit (one PATCH of what changed), disable with a refusal put back, delete (with
// a 404), each dialog with axe-core at 1,280 px and at 360 px in the dark theme; the list at 1,024 px
// without sideways scrolling; the event-type filter in the count; an embedded widget's
// `ada-webhooks:created|updated|deleted` events, and a host with capabilities="rotate reveal" that
// gets no lifecycle control and loads no lifecycle chunk; an unknown capability refused in the
// console and in an `ada-webhooks:error` event, by the element and by mount().
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOKEN, assertNoAxeViolations, firstRow, freshPage, menuItem, screenshotPath, shown, signInStandalone, startEnvironment } from './harness.mjs';

const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
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

const requestsOf = async (operation) => (await stand.requests()).filter((r) => r.operation === operation);


/** The element on a page without a policy, with a token, `capabilities` and an event log. */
async function embedded(capabilities) {
  await page.goto(`${site.url}/e2e/blank.html`);
  await page.evaluate(async ([token, capabilities]) => {
    window.events = [];
    window.consoleErrors = [];
    const log = console.error;
    console.error = (...args) => { window.consoleErrors.push(args.join(' ')); log(...args); };
    for (const type of ['created', 'updated', 'deleted', 'error']) {
      document.addEventListener(`ada-webhooks:${type}`, (event) => window.events.push({ type: event.type, detail: event.detail }));
    }
    await import('/ada-webhooks-admin.js');
    const element = document.createElement('ada-webhooks-admin');
    if (capabilities !== null) element.setAttribute('capabilities', capabilities);
    element.getToken = async () => token;
    document.getElementById('slot').append(element);
  }, [TOKEN, capabilities]);
}

describe('create, edit, disable, delete', () => {
  test('create checks the URL, shows a 422 url detail beside the field, and adds the row with its secret', async () => {
    await signInStandalone(page, site.url);
    await stand.clearRequests();
    await page.getByRole('button', { name: 'New webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'New webhook' });
    await dialog.getByLabel('URL', { exact: true }).fill('http://hooks.example.com/new');
    await shown(dialog, /https/).first().waitFor();
    assert.equal(await dialog.getByLabel('URL', { exact: true }).getAttribute('aria-invalid'), 'true');
    await dialog.getByLabel('URL', { exact: true }).fill('https://hooks.example.com/e2e');
    await dialog.getByLabel('Description').fill('End to end');
    await dialog.getByRole('checkbox', { name: 'All events' }).uncheck();
    await dialog.getByRole('checkbox', { name: 'v1.conversation.ended' }).check();
    await assertNoViolations('create dialog');
    await stand.fault({
      operation: 'create-webhook', kind: 'body', status: 422, times: 1,
      body: { errors: [{ type: 'validation_error', message: 'Invalid request', details: [
        { parameter: 'url', location: 'body', message: 'must answer on port 443' },
      ] }] },
    });
    await dialog.getByRole('button', { name: 'Create webhook' }).click();
    const url = dialog.getByLabel('URL', { exact: true });
    await shown(dialog, 'must answer on port 443').waitFor();
    const describedBy = (await url.getAttribute('aria-describedby')).split(' ')[0];
    assert.equal(await page.locator(`[id="${describedBy}"]`).textContent(), 'must answer on port 443');
    assert.equal(await url.inputValue(), 'https://hooks.example.com/e2e', 'what was typed is kept');
    await assertNoViolations('create dialog with Ada\'s details');

    await dialog.getByRole('button', { name: 'Create webhook' }).click();
    const created = page.getByRole('dialog', { name: 'Webhook created' });
    await created.getByRole('button', { name: 'Reveal secret' }).waitFor();
    const creates = await requestsOf('create-webhook');
    assert.equal(creates.length, 2, 'one POST per click');
    assert.deepEqual(creates[1].body, {
      url: 'https://hooks.example.com/e2e', description: 'End to end', event_filters: ['v1.conversation.ended'], enabled: true,
    });
    assert.equal(creates[1].path, '/api/v2/webhooks/');
    const row = await firstRow(page);
    assert.equal(row.url, 'https://hooks.example.com/e2e');
    assert.equal((await requestsOf('list-webhooks')).length, 0, 'no page reloaded');
    assert.ok(!(await page.content()).includes((await stand.secrets(row.id)).current), 'masked');
    await assertNoViolations('created webhook');
    await shown(page, /^31 webhooks\.$/).waitFor();
  });

  test('disable shows at once, and a refusal puts the row back with the reason', async () => {
    await signInStandalone(page, site.url);
    const { url } = await firstRow(page);
    const state = page.locator('tbody tr').first().locator('.ada-col-state');
    await stand.clearRequests();
    await stand.fault({ operation: 'update-webhook', kind: 'status', status: 409, times: 1 });
    await menuItem(page, url, 'Disable');
    await shown(page, `Ada refused to disable ${url}; it is enabled again.`).waitFor();
    assert.equal(await state.textContent(), 'Enabled');
    assert.deepEqual((await requestsOf('update-webhook')).map((r) => r.body), [{ enabled: false }]);
    await assertNoViolations('list with a refused disable');
    await menuItem(page, url, 'Disable');
    await page.getByRole('status').getByText(`Disabled ${url}.`).waitFor();
    assert.equal(await state.textContent(), 'Disabled');
  });

  test('delete waits for the typed URL, removes the row, and tells a 404 as already gone', async () => {
    await signInStandalone(page, site.url);
    let { url } = await firstRow(page);
    await stand.clearRequests();
    await menuItem(page, url, 'Delete');
    let dialog = page.getByRole('dialog', { name: 'Delete webhook' });
    await shown(dialog, 'Ada stops sending deliveries').waitFor();
    const confirm = dialog.getByRole('button', { name: 'Delete webhook' });
    assert.ok(await confirm.isDisabled());
    await assertNoViolations('delete dialog');
    await dialog.getByLabel(`Type ${url} to confirm`).fill(url);
    await confirm.click();
    await dialog.waitFor({ state: 'detached' });
    await shown(page, /^29 webhooks\.$/).waitFor();
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    assert.ok(['Webhooks', 'Actions'].includes(focused),
      `focus on the list heading or the next row's Actions, not lost with the deleted row (${focused?.slice(0, 40)})`);
    assert.notEqual((await firstRow(page)).url, url);
    assert.equal((await requestsOf('delete-webhook')).length, 1);

    ({ url } = await firstRow(page));
    await stand.fault({ operation: 'delete-webhook', kind: 'status', status: 404, times: 1 });
    await menuItem(page, url, 'Delete');
    dialog = page.getByRole('dialog', { name: 'Delete webhook' });
    await dialog.getByLabel(`Type ${url} to confirm`).fill(url);
    await dialog.getByRole('button', { name: 'Delete webhook' }).click();
    await shown(dialog, /already deleted/).first().waitFor();
    await shown(page, /^28 webhooks\.$/).waitFor();
    await assertNoViolations('already deleted');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  test('the whole flow from the keyboard: New webhook, the form, Escape', async () => {
    await signInStandalone(page, site.url);
    await page.getByRole('button', { name: 'New webhook' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New webhook' });
    await dialog.waitFor();
    await page.keyboard.type('https://hooks.example.com/keys');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Webhook created' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'New webhook', 'focus back on the opener');
  });
});

describe('the list with every action', () => {
  test('fits 1,024 px without sideways scrolling, URL and primary action visible', async () => {
    await context.close();
    context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    page = await context.newPage();
    await signInStandalone(page, site.url);
    const overflow = await page.evaluate(() => {
      const wrap = document.querySelector('.ada-table-wrap');
      return Math.max(document.documentElement.scrollWidth - document.documentElement.clientWidth, wrap.scrollWidth - wrap.clientWidth);
    });
    assert.ok(overflow <= 0, `no sideways scrolling (overflow ${overflow}px)`);
    const { url } = await firstRow(page);
    for (const locator of [page.locator('tbody tr').first().locator('td.ada-url'),
      page.getByRole('button', { name: `Rotate secret for ${url}`, exact: true })]) {
      const box = await locator.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 1024, `visible: ${JSON.stringify(box)}`);
    }
    await page.screenshot({ path: screenshotPath('list-1024.png') });
    // Every width down to the narrow card layout fits too.
    for (const width of [960, 860, 769, 700, 600, 480, 360]) {
      await page.setViewportSize({ width, height: 800 });
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(sideways <= 0, `no sideways scrolling at ${width} px (overflow ${sideways}px)`);
      const rotate = await page.getByRole('button', { name: `Rotate secret for ${url}`, exact: true }).boundingBox();
      assert.ok(rotate && rotate.x + rotate.width <= width, `Rotate visible at ${width} px`);
    }
  });

  test('the event-type filter narrows the count; a webhook with every event matches each type', async () => {
    await signInStandalone(page, site.url);
    const select = page.getByRole('combobox', { name: 'Event type' });
    await select.locator('option', { hasText: 'v1.audit_log.emitted' }).waitFor({ state: 'attached' });
    await select.selectOption('v1.audit_log.emitted');
    const line = await page.locator('.ada-status-line').textContent();
    const shown = Number(line.match(/(\d+) of 30/)?.[1] ?? line.match(/^(\d+) webhooks?/)?.[1]);
    assert.ok(shown > 0 && shown < 30, line);
    const rows = page.locator('tbody tr:not([hidden])');
    for (let index = 0; index < await rows.count(); index += 1) {
      const chips = await rows.nth(index).locator('.ada-chip').allTextContents();
      assert.ok(chips.includes('All events') || chips.includes('v1.audit_log.emitted'), chips.join(','));
    }
    await page.getByLabel('Search URL or description').fill('crm');
    const combined = await page.locator('.ada-status-line').textContent();
    assert.notEqual(combined, line, 'combined with the search');
  });

  test('the new dialogs at 360 px in the dark theme have no axe violations', async () => {
    await context.close();
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, colorScheme: 'dark' });
    page = await context.newPage();
    await signInStandalone(page, site.url);
    await page.getByRole('button', { name: 'New webhook' }).click();
    await page.getByRole('dialog', { name: 'New webhook' }).getByRole('checkbox', { name: 'All events' }).waitFor();
    const overflow = await page.evaluate(() => {
      const dialog = document.querySelector('dialog[open]');
      return dialog.scrollWidth - dialog.clientWidth;
    });
    assert.ok(overflow <= 0, `the form fits (overflow ${overflow}px)`);
    await assertNoViolations('create dialog at 360 px');
    await page.screenshot({ path: screenshotPath('create-narrow-dark.png') });
    await page.keyboard.press('Escape');
    const { url } = await firstRow(page);
    await menuItem(page, url, 'Edit');
    await page.getByRole('dialog', { name: 'Edit webhook' }).getByLabel('URL', { exact: true }).waitFor();
    await assertNoViolations('edit dialog at 360 px');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await menuItem(page, url, 'Delete');
    await page.getByRole('dialog', { name: 'Delete webhook' }).waitFor();
    await assertNoViolations('delete dialog at 360 px');
  });
});

describe('a host page', () => {
  test('gets ada-webhooks:created, updated and deleted with the webhook id only', async () => {
    await embedded(null);
    const widget = page.locator('ada-webhooks-admin');
    await shown(widget, /^30 webhooks\.$/).waitFor();
    await widget.getByRole('button', { name: 'New webhook' }).click();
    const dialog = widget.getByRole('dialog', { name: 'New webhook' });
    await dialog.getByLabel('URL', { exact: true }).fill('https://hooks.example.com/hosted');
    await dialog.getByRole('button', { name: 'Create webhook' }).click();
    await widget.getByRole('dialog', { name: 'Webhook created' }).getByRole('button', { name: 'Done' }).click();
    const { url, id } = await firstRow(widget);
    assert.equal(url, 'https://hooks.example.com/hosted');
    await menuItem(widget, url, 'Disable');
    await widget.getByRole('status').getByText(`Disabled ${url}.`).waitFor();
    await menuItem(widget, url, 'Delete');
    const deleting = widget.getByRole('dialog', { name: 'Delete webhook' });
    await deleting.getByLabel(`Type ${url} to confirm`).fill(url);
    await deleting.getByRole('button', { name: 'Delete webhook' }).click();
    await shown(widget, /^30 webhooks\.$/).waitFor();
    const events = await page.evaluate(() => window.events);
    assert.deepEqual(events, [
      { type: 'ada-webhooks:created', detail: { webhookId: id } },
      { type: 'ada-webhooks:updated', detail: { webhookId: id } },
      { type: 'ada-webhooks:deleted', detail: { webhookId: id } },
    ]);
  });

  test('capabilities="rotate reveal" shows no lifecycle control and loads no lifecycle chunk', async () => {
    await embedded('rotate reveal');
    const widget = page.locator('ada-webhooks-admin');
    await shown(widget, /^30 webhooks\.$/).waitFor();
    const { url } = await firstRow(widget);
    assert.equal(await widget.getByRole('button', { name: 'New webhook' }).count(), 0);
    await widget.getByRole('button', { name: `Rotate secret for ${url}`, exact: true }).waitFor();
    await widget.getByRole('button', { name: `Actions for ${url}`, exact: true }).click();
    assert.deepEqual(await widget.getByRole('menuitem').allTextContents(), ['Show current secret']);
    await page.keyboard.press('Escape');
    const manifest = readdirSync(distDir).find((file) => file.endsWith('_chunks.json'));
    const parts = JSON.parse(readFileSync(path.join(distDir, manifest), 'utf8'));
    // The idle prefetch asks for the allowed chunks one after another: once the dialogs' chunk (the
    // first) has arrived, any other it would fetch has been asked for.
    await page.waitForFunction((file) => performance.getEntriesByType('resource')
      .some((entry) => entry.name.endsWith(`/${file}`) && entry.responseEnd > 0), parts.dialogs[0]);
    const requested = await page.evaluate(() => performance.getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname.slice(1)).filter((file) => file.endsWith('.wasm')));
    for (const part of ['lifecycle', 'verify']) {
      assert.ok(parts[part], `the build has a ${part} part`);
      assert.ok(!requested.includes(parts[part][0]), `${part}'s chunk not loaded: ${requested}`);
    }
  });

  test('an unknown capability is refused in the console and in an ada-webhooks:error event', async () => {
    await embedded('rotate launch');
    const widget = page.locator('ada-webhooks-admin');
    await widget.getByRole('alert').getByText(/cannot start.*“launch” is not a capability/).waitFor();
    const { events, consoleErrors } = await page.evaluate(() => ({ events: window.events, consoleErrors: window.consoleErrors }));
    assert.equal(events.length, 1, JSON.stringify(events));
    assert.equal(events[0].type, 'ada-webhooks:error');
    assert.equal(events[0].detail.code, 'bad_option');
    assert.match(events[0].detail.message, /capabilities: “launch” is not a capability/);
    assert.equal(consoleErrors.filter((line) => line.includes('launch')).length, 1);

    const refusal = await page.evaluate(async (token) => {
      const { mount } = await import('/ada-webhooks-admin.js');
      const host = document.createElement('div');
      document.body.append(host);
      window.mountEvents = [];
      host.addEventListener('ada-webhooks:error', (event) => window.mountEvents.push(event.detail));
      return mount(host, { token, capabilities: ['rotate', 'Reveal', 'teleport'] }).then(() => null, (error) => error.message);
    }, TOKEN);
    assert.match(refusal ?? '', /“teleport” is not a capability/);
    const hostEvents = await page.evaluate(() => window.mountEvents);
    assert.equal(hostEvents.length, 1);
    assert.match(hostEvents[0].message, /teleport/);
  });
});
