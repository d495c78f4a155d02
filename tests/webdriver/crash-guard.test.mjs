// The crash guard (loader/crash-guard.js) in the engine ENGINE names: it must recognise the widget's
// trap and stack overflow however the engine writes them into a stack (WebKit gives wasm frames no
// URL, Firefox calls a stack overflow InternalError), whether uncaught from a timer, a promise or an
// event handler, and whether its wasm arrived at once or slowly, and leave every other failure to the
// page: a trap of another wasm module, a RangeError of the page's own script. The probe module is
// named by the build's own naming step (scripts/name-wasm.mjs), as the widget's files are.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nameWasm } from '../../scripts/name-wasm.mjs';
import { startSite } from '../e2e/harness.mjs';
import { ENGINE, Page, startBrowser } from './webdriver.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
let probeDir, site, browser, page;

before(async () => {
  probeDir = mkdtempSync(path.join(os.tmpdir(), 'crash-probe-'));
  const wasmAs = path.join(repoRoot, 'tools/node_modules/.bin/wasm-as');
  const widgetFile = path.join(probeDir, 'ada-webhooks-admin-0123456789abcdef_bg.wasm');
  execFileSync(wasmAs, [path.join(here, 'crash-probe.wat'), '-o', widgetFile]);
  nameWasm(widgetFile, './ada-webhooks-admin');
  execFileSync(wasmAs, [path.join(here, 'crash-probe.wat'), '-o', path.join(probeDir, 'host-app.wasm')]);
  site = await startSite(null, undefined, {
    '/webdriver/': path.join(here, 'pages'),
    '/loader/': path.join(repoRoot, 'loader'),
    '/probe/': probeDir,
    '/probe-slowly/': probeDir,
  }, { slowly: '/probe-slowly/' });
  browser = await startBrowser();
  page = new Page(browser.driver);
});

after(async () => {
  await browser?.stop();
  site?.stop();
  rmSync(probeDir, { recursive: true, force: true });
});

/** What the guard makes of each error the probe catches: the widget's trap and overflow only. */
const ONLY_THE_WIDGETS = {
  widgetTrap: true, widgetOverflow: true, hostTrap: false, hostOverflow: false, rangeError: false, fine: false,
};

/** Opens the probe with `query` (none: only the caught errors) and waits until it has run. */
async function probe(query) {
  await page.goto(`${site.url}/webdriver/crash-probe.html${query ? `?${query}` : ''}`);
  return page.until(() => page.driver.executeScript(
    'return document.getElementById("state")?.textContent === "ready" ? window.probe : null',
  ), 'the probe');
}

/** Opens the probe with `failure` (and `more` in its query) and waits until the failure has reached
 * the page. */
async function uncaught(failure, more = '') {
  await probe(`case=${failure}${more}`);
  return page.until(() => page.driver.executeScript(
    'return window.probe.uncaught.length > 0 || window.probe.crashed ? window.probe : null',
  ), `${failure} to fail`);
}

describe(`the crash guard in ${ENGINE}`, () => {
  test('tells the widget’s trap and stack overflow from another module’s and from the page’s', async () => {
    const { caught, stacks } = await probe();
    assert.deepEqual(caught, ONLY_THE_WIDGETS, JSON.stringify(stacks));
  });

  // WebKit 2.50 compiles a streamed module's functions while the rest of the file is on its way, and
  // a function compiled before the name section has arrived keeps no module name in its frames
  // (WebKit bug 318710): the build puts the name ahead of the code (scripts/name-wasm.mjs).
  // A 16-byte step every 20 ms: the probe's file (about 110 bytes) cannot arrive in less than 100 ms.
  const SLOW_ARRIVAL_MS = 100;

  test('tells the widget’s trap when its wasm arrives slowly', async () => {
    const { caught, stacks, widgetArrivalMs } = await probe('slowly');
    assert.ok(widgetArrivalMs >= SLOW_ARRIVAL_MS, `the wasm arrived in ${widgetArrivalMs} ms`);
    assert.deepEqual(caught, ONLY_THE_WIDGETS, JSON.stringify(stacks));
  });

  test('catches widget-trap-from-timer when its wasm arrives slowly', async () => {
    const result = await uncaught('widget-trap-from-timer', '&slowly');
    assert.ok(result.widgetArrivalMs >= SLOW_ARRIVAL_MS, `the wasm arrived in ${result.widgetArrivalMs} ms`);
    assert.equal(result.crashed, 'RuntimeError', JSON.stringify(result));
  });

  for (const failure of ['widget-trap-from-timer', 'widget-trap-in-promise', 'widget-trap-from-event']) {
    test(`catches ${failure}`, async () => {
      const result = await uncaught(failure);
      assert.equal(result.crashed, 'RuntimeError', JSON.stringify(result));
    });
  }

  test('catches a stack overflow in the widget', async () => {
    const { crashed } = await uncaught('widget-overflow-from-timer');
    assert.ok(['RangeError', 'InternalError'].includes(crashed), `crashed: ${crashed}`);
  });

  for (const failure of ['host-trap-from-timer', 'host-overflow-from-timer', 'host-range-error']) {
    test(`leaves ${failure} to the page`, async () => {
      const result = await uncaught(failure);
      assert.equal(result.crashed, null);
      assert.equal(result.uncaught.length, 1, 'the page still hears of it');
    });
  }
});
