// The benchmark: first-load bytes, time to an interactive sign-in form and to the first page of
// webhooks (ours standalone and embedded in a host page, against a hand-written baseline, interleaved
// in one run), rotate → secret, and 10,000 webhooks in 100 pages. Prints one markdown table and writes it to bench/results/latest.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstLoadFiles, sizeLimit, sizeTable, totals } from './first-load.mjs';
import { TOKEN, control, launchBrowser, startSite, startStandIn } from '../tests/e2e/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const distDir = path.resolve(here, '../dist');
const baselineDir = path.resolve(here, 'baseline');
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const REMEMBERED_SESSION_KEY = 'ada-webhooks-admin:session';

// Marks, in the page's own clock (ms since navigation start), when a selector first matches, in the
// document or in a shadow root (the embedded widget renders into one). Each mark is also a promise the
// benchmark awaits: polling for it from outside would run script in the page while it loads, and
// cost the page being measured time of its own.
const MARKS_SCRIPT = `
  window.__marks = {};
  const watch = { signIn: 'input[type=password]', firstRow: 'tbody tr' };
  const settle = {};
  window.__marked = Object.fromEntries(Object.keys(watch).map((name) => [name, new Promise((resolve) => { settle[name] = resolve; })]));
  const roots = [document];
  const observer = new MutationObserver(() => {
    for (const [name, selector] of Object.entries(watch)) {
      if (!(name in window.__marks) && roots.some((root) => root.querySelector(selector))) {
        window.__marks[name] = performance.now();
        settle[name](window.__marks[name]);
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    roots.push(root);
    observer.observe(root, { childList: true, subtree: true });
    return root;
  };
`;

// Captures the widget's WebAssembly memory, so its size can be read after loading.
const MEMORY_SCRIPT = `
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    WebAssembly[name] = async (...args) => {
      const result = await original.apply(WebAssembly, args);
      const instance = result.instance ?? result;
      if (instance.exports?.memory) window.__wasmMemory = instance.exports.memory;
      return result;
    };
  }
`;

async function postControl(standInUrl, route, body) {
  const answer = await fetch(`${standInUrl}/__stand-in/${route}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!answer.ok) throw new Error(`control ${route}: HTTP ${answer.status}`);
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
};
const ms = (value) => `${value.toFixed(1)} ms`;
const pairedRatio = (ours, baseline) => stats(ours.map((value, run) => value / baseline[run])).median;
const row = (name, s) => `| ${name} | ${ms(s.median)} | ${ms(s.min)} | ${ms(s.max)} |`;

/** A host-supplied key, the way the standalone page can take one: the tab's remembered session. */
function supplyKey(context) {
  const session = JSON.stringify({ base_url: '/api', api_key: TOKEN });
  return context.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [REMEMBERED_SESSION_KEY, session]);
}

async function timeLoad(browser, url, { withKey, embedded = false }) {
  const context = await browser.newContext();
  await context.addInitScript(MARKS_SCRIPT);
  if (embedded) {
    await context.addInitScript((token) => { window.benchHostToken = token; }, TOKEN);
  } else if (withKey) {
    await supplyKey(context);
  }
  const page = await context.newPage();
  await page.goto(url);
  const mark = withKey ? 'firstRow' : 'signIn';
  const value = await page.evaluate((name) => window.__marked[name], mark);
  await context.close();
  return value;
}

async function rotateToSecret(browser, siteUrl, stand) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(siteUrl);
  await page.getByLabel('API key').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const rotate = page.locator('tbody tr').first().getByRole('button', { name: /^Rotate secret for / });
  await rotate.waitFor();
  await page.getByText(/^\d+ webhooks\.$/).waitFor();
  await stand.clearRequests();
  const started = await page.evaluate(() => performance.now());
  await rotate.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Rotate secret' }).click();
  await page.getByRole('button', { name: 'Reveal secret' }).waitFor();
  const elapsed = (await page.evaluate(() => performance.now())) - started;
  const requests = (await stand.requests()).map((r) => r.operation);
  await context.close();
  return { elapsed, requests };
}

async function tenThousand(browser, siteUrl, standInUrl) {
  await postControl(standInUrl, 'reset', { seed_webhooks: 10000 });
  const context = await browser.newContext();
  await context.addInitScript(MEMORY_SCRIPT);
  await supplyKey(context);
  await context.addInitScript(() => {
    // Per page: when its response body finished arriving, and when its rows were in the DOM. Rows
    // are counted from the mutation records (a page arrives as a row group), never by querying the
    // table, which would cost the page time proportional to the rows already listed.
    window.__appends = [];
    window.__rows = 0;
    window.__removals = 0;
    const rowsIn = (node) => (node.nodeName === 'TR' ? 1 : node.nodeName === 'TBODY' ? node.rows.length : 0);
    new MutationObserver((records) => {
      const before = window.__rows;
      for (const record of records) {
        if (!record.target.closest?.('table')) continue;
        for (const node of record.addedNodes) window.__rows += rowsIn(node);
        for (const node of record.removedNodes) {
          const rows = rowsIn(node);
          window.__rows -= rows;
          window.__removals += rows;
        }
      }
      if (window.__rows > before) window.__appends.push({ rows: window.__rows, at: performance.now() });
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  await page.goto(siteUrl);
  // A cheap check, rarely: a text locator polled over 300,000 nodes would itself slow the page.
  await page.waitForFunction(() => window.__rows === 10000, null, { polling: 1000, timeout: 300_000 });
  const result = await page.evaluate(() => {
    const responses = performance.getEntriesByType('resource')
      .filter((entry) => entry.name.includes('/api/v2/webhooks/?'))
      .map((entry) => entry.responseEnd);
    const renders = window.__appends.map((append, index) => append.at - responses[index]);
    return {
      pages: responses.length,
      renders,
      removals: window.__removals,
      wasmBytes: window.__wasmMemory?.buffer.byteLength ?? null,
      jsHeapBytes: performance.memory?.usedJSHeapSize ?? null,
    };
  });
  await context.close();
  await postControl(standInUrl, 'reset', {});
  return result;
}

const standIn = await startStandIn();
const stand = control(standIn.url);
const ours = await startSite(standIn.url, distDir, { '/bench/': path.resolve(here, 'host') });
const baseline = await startSite(standIn.url, baselineDir);
const browser = await launchBrowser();
try {
  const sizePage = await browser.newPage();
  const files = await firstLoadFiles(sizePage, ours.url, distDir, (p) => p.getByLabel('API key').waitFor());
  await sizePage.close();

  await postControl(standIn.url, 'latency', { ms: LATENCY_MS });
  const timings = { oursSignIn: [], baseSignIn: [], oursList: [], baseList: [], embeddedList: [] };
  await timeLoad(browser, ours.url, { withKey: true }); // warm the browser's process, not its cache
  for (let run = 0; run < RUNS; run++) {
    timings.oursSignIn.push(await timeLoad(browser, ours.url, { withKey: false }));
    timings.baseSignIn.push(await timeLoad(browser, baseline.url, { withKey: false }));
    timings.oursList.push(await timeLoad(browser, ours.url, { withKey: true }));
    timings.baseList.push(await timeLoad(browser, baseline.url, { withKey: true }));
    timings.embeddedList.push(await timeLoad(browser, `${ours.url}/bench/`, { withKey: true, embedded: true }));
  }
  await postControl(standIn.url, 'latency', { ms: 0 });
  const rotation = await rotateToSecret(browser, ours.url, stand);
  const big = await tenThousand(browser, ours.url, standIn.url);

  const s = Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, stats(v)]));
  const renders = stats(big.renders);
  const firstTen = stats(big.renders.slice(0, 10));
  const lastTen = stats(big.renders.slice(-10));
  const { limit_bytes: limit, budget_bytes: budget } = sizeLimit();
  const total = totals(files).brotli;
  const table = [
    `### Benchmark (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, headless Chromium)`,
    '',
    '**First load** (every file fetched before the sign-in form is usable):',
    '',
    sizeTable(files),
    '',
    `Budget ${budget} B brotli; CI size limit ${limit} B (bench/size-limit.json); now ${total} B (${total <= budget ? 'within' : 'over'} budget).`,
    '',
    `**Timings**, ${RUNS} interleaved runs each, fresh browser context per run, stand-in latency ${LATENCY_MS} ms:`,
    '',
    '| measure | median | min | max |',
    '|---|---:|---:|---:|',
    row('ours: navigation → sign-in form', s.oursSignIn),
    row('baseline: navigation → sign-in form', s.baseSignIn),
    row('ours: navigation → first page visible (host-supplied key)', s.oursList),
    row('baseline: navigation → first page visible', s.baseList),
    row('ours embedded: navigation → first page visible (host page: loader + getToken)', s.embeddedList),
    '',
    `Ratio ours/baseline (medians): sign-in form ${(s.oursSignIn.median / s.baseSignIn.median).toFixed(2)}, first page ${(s.oursList.median / s.baseList.median).toFixed(2)}, first page embedded ${(s.embeddedList.median / s.baseList.median).toFixed(2)}.`,
    `Median of the ratios within each run (ours and the baseline loaded back to back, so a slow spell of the machine slows both): sign-in form ${pairedRatio(timings.oursSignIn, timings.baseSignIn).toFixed(2)}, first page ${pairedRatio(timings.oursList, timings.baseList).toFixed(2)}, first page embedded ${pairedRatio(timings.embeddedList, timings.baseList).toFixed(2)}.`,
    '',
    `**Rotate → secret visible**: ${ms(rotation.elapsed)}, ${rotation.requests.length} API requests (${rotation.requests.join(', ')}).`,
    '',
    `**10,000 webhooks** (${big.pages} pages of 100): render per page after its response arrived — median ${ms(renders.median)}, worst ${ms(renders.max)}; pages 1-10 median ${ms(firstTen.median)}, pages 91-100 median ${ms(lastTen.median)}; rows removed from the table while appending: ${big.removals}. After all pages: wasm linear memory ${(big.wasmBytes / 1048576).toFixed(1)} MiB, JS heap ${(big.jsHeapBytes / 1048576).toFixed(1)} MiB (Chromium's performance.memory, coarse without --enable-precise-memory-info).`,
  ].join('\n');
  console.log(table);
  mkdirSync(path.join(here, 'results'), { recursive: true });
  writeFileSync(path.join(here, 'results', 'latest.md'), `${table}\n`);
} finally {
  await browser.close();
  ours.stop();
  baseline.stop();
  standIn.stop();
}
