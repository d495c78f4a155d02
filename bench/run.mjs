// The benchmark: first-load bytes per path, time to an interactive sign-in form and to the first
// page of webhooks (ours standalone with a remembered key and embedded in a host page with a token,
// against a hand-written baseline, interleaved in one run), a click on "Rotate secret" to its dialog
// with the dialogs' chunk prefetched and not yet fetched, rotate → secret, and 10,000 webhooks in 100
// pages. Prints one markdown table and writes it to bench/results/latest.md.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MARKS_SCRIPT, PATHS, compressedSizes, firstLoadFiles, sizeLimit, sizeTable, totals, wholeBuildFiles } from './first-load.mjs';
import { TOKEN, control, launchBrowser, startSite, startStandIn } from '../tests/e2e/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const distDir = path.resolve(here, '../dist');
const baselineDir = path.resolve(here, 'baseline');
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const REMEMBERED_SESSION_KEY = 'ada-webhooks-admin:session';

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
  const session = JSON.stringify({ base_url: '/api', api_key: TOKEN, last_active_ms: String(Date.now()) });
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

/** A click on "Rotate secret" until its dialog shows, with the dialogs' chunk fetched first (by the
 * widget's own idle prefetch) or not (its prefetch held back until the click). */
async function clickToDialog(browser, siteUrl, { prefetched }) {
  const context = await browser.newContext();
  await context.addInitScript(MARKS_SCRIPT);
  await supplyKey(context);
  const page = await context.newPage();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  if (!prefetched) {
    await page.route('**/*_split_dialogs.wasm', async (route) => { await held; await route.continue(); });
  }
  await page.goto(siteUrl);
  const rotate = page.locator('tbody tr').first().getByRole('button', { name: /^Rotate secret for / });
  await rotate.waitFor();
  if (prefetched) {
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('_split_dialogs.wasm') && e.responseEnd > 0));
  }
  const started = await page.evaluate(() => performance.now());
  await rotate.click();
  release();
  const shown = await page.evaluate(() => window.__marked.rotateDialog);
  await context.close();
  return shown - started;
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

/** Each wasm module of the build with its size and the parts (first uses) that load it. */
function chunkSizes() {
  const manifestFile = readdirSync(distDir).find((file) => file.endsWith('_chunks.json'));
  const parts = JSON.parse(readFileSync(path.join(distDir, manifestFile), 'utf8'));
  const base = manifestFile.replace(/_chunks\.json$/, '');
  const wasm = readdirSync(distDir).filter((file) => file.startsWith(base) && file.endsWith('.wasm'));
  const rows = wasm.map((file) => {
    const sizes = compressedSizes(readFileSync(path.join(distDir, file)));
    const users = file.endsWith('_bg.wasm') ? 'main module: every first load'
      : Object.entries(parts).filter(([, files]) => files.includes(file)).map(([part]) => part).join(', ');
    return `| ${file.slice(base.length)} | ${sizes.raw} | ${sizes.brotli} | ${users} |`;
  });
  return ['| module | raw (B) | brotli (B) | loaded with |', '|---|---:|---:|---|', ...rows].join('\n');
}

const standIn = await startStandIn();
const stand = control(standIn.url);
const ours = await startSite(standIn.url, distDir, { '/bench/': path.resolve(here, 'host') });
const baseline = await startSite(standIn.url, baselineDir);
const browser = await launchBrowser();
try {
  const firstLoads = {};
  for (const pathName of Object.keys(PATHS)) {
    firstLoads[pathName] = await firstLoadFiles(browser, ours.url, distDir, pathName, TOKEN);
  }

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
  const dialog = { prefetched: [], notFetched: [] };
  for (let run = 0; run < Math.max(5, Math.ceil(RUNS / 3)); run++) {
    dialog.prefetched.push(await clickToDialog(browser, ours.url, { prefetched: true }));
    dialog.notFetched.push(await clickToDialog(browser, ours.url, { prefetched: false }));
  }
  await postControl(standIn.url, 'latency', { ms: 0 });
  const rotation = await rotateToSecret(browser, ours.url, stand);
  const big = await tenThousand(browser, ours.url, standIn.url);

  const s = Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, stats(v)]));
  const dialogStats = { prefetched: stats(dialog.prefetched), notFetched: stats(dialog.notFetched) };
  const chunkTable = chunkSizes();
  const renders = stats(big.renders);
  const firstTen = stats(big.renders.slice(0, 10));
  const lastTen = stats(big.renders.slice(-10));
  const limits = sizeLimit();
  const firstLoadSections = Object.entries(firstLoads).flatMap(([pathName, files]) => {
    const total = totals(files).brotli;
    const { limit_bytes: limit, budget_bytes: budget } = limits[pathName];
    return [`**First load, ${PATHS[pathName].what}** (files requested before it):`, '', sizeTable(files), '',
      `Budget ${budget} B brotli; CI size limit ${limit} B (bench/size-limit.json); now ${total} B (${total <= budget ? 'within' : 'over'} budget).`, ''];
  });
  const whole = totals(wholeBuildFiles(distDir)).brotli;
  const table = [
    `### Benchmark (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, headless Chromium)`,
    '',
    ...firstLoadSections,
    `**Whole build**: ${whole} B brotli (limit ${limits.whole_build.limit_bytes} B). Each wasm module, and when it loads:`,
    '',
    chunkTable,
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
    `**Click "Rotate secret" → dialog visible** (${dialog.prefetched.length} runs each): with the dialogs' chunk prefetched median ${ms(dialogStats.prefetched.median)} (min ${ms(dialogStats.prefetched.min)}, max ${ms(dialogStats.prefetched.max)}); not yet fetched median ${ms(dialogStats.notFetched.median)} (min ${ms(dialogStats.notFetched.min)}, max ${ms(dialogStats.notFetched.max)}).`,
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
