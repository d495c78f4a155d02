// The benchmark: first-load bytes per path; the three first screens (navigation → sign-in form,
// click Sign in → first row, embedded with a host token → first row) against a hand-written page,
// interleaved, on loopback and on Slow 4G (Chromium's network emulation), with one timeline of each
// path on Slow 4G; a click on "Rotate secret" to its dialog with the dialogs' chunk prefetched and
// not yet fetched; rotate → secret; and 10,000 webhooks in 100 pages. Files are served
// precompressed, as a deployment serves them. Prints one markdown report and writes it to
// bench/results/latest.md.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MARKS_SCRIPT, PATHS, compressedSizes, firstLoadFiles, sizeLimit, sizeTable, totals, wholeBuildFiles } from './first-load.mjs';
import { TOKEN, control, launchBrowser, listSettled, shown, startSite, startStandIn } from '../tests/e2e/harness.mjs';
import { brotli } from '../scripts/compression.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const distDir = path.resolve(here, '../dist');
const baselineDir = path.resolve(here, 'baseline');
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const SLOW_RUNS = Number(process.env.BENCH_SLOW_RUNS ?? 5);
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

/** A host-supplied key, the way the standalone page can take one: the tab's remembered session. */
function supplyKey(context) {
  const session = JSON.stringify({ base_url: '/api', api_key: TOKEN, last_active_ms: String(Date.now()) });
  return context.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [REMEMBERED_SESSION_KEY, session]);
}

/**
 * The networks the load timings run on: this machine's loopback, and Chromium's network emulation
 * (CDP) at the Slow 4G figures: 150 ms of latency per request, 1.6 Mbit/s down, 750 kbit/s up.
 */
const NETWORKS = {
  loopback: null,
  'Slow 4G': { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
};
/** How long the person takes to paste a key once the sign-in form is there. */
const PASTE_PAUSE_MS = 2000;

/** A fresh context (cold cache) and page on `network`, with the marks script and `setup` run first. */
async function freshPage(browser, network, setup = async () => {}) {
  const context = await browser.newContext();
  await context.addInitScript(MARKS_SCRIPT);
  await setup(context);
  const page = await context.newPage();
  if (NETWORKS[network]) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORKS[network]);
  }
  return { context, page };
}

/** Navigation → the mark `mark` (the page's clock), with the key from this tab or a host's token. */
async function timeLoad(browser, url, { withKey, embedded = false, network = 'loopback' }) {
  const { context, page } = await freshPage(browser, network, async (context) => {
    if (embedded) await context.addInitScript((token) => { window.benchHostToken = token; }, TOKEN);
    else if (withKey) await supplyKey(context);
  });
  await page.goto(url);
  const mark = withKey ? 'firstRow' : 'signIn';
  const value = await page.evaluate((name) => window.__marked[name], mark);
  await context.close();
  return value;
}

/**
 * Waits for the sign-in form, pauses as a person pasting a key does, types the key and clicks Sign
 * in; resolves with the page's time of the click.
 */
async function pasteKeyAndSignIn(page) {
  await page.evaluate(() => window.__marked.signIn);
  await page.waitForTimeout(PASTE_PAUSE_MS);
  await page.getByLabel('API key').fill(TOKEN);
  const signIn = page.getByRole('button', { name: 'Sign in' });
  await signIn.waitFor();
  const clicked = await page.evaluate(() => performance.now());
  await signIn.click();
  return clicked;
}

/** A click on Sign in, made a moment after the form appeared, → the first row visible. */
async function timeSignIn(browser, url, network) {
  const { context, page } = await freshPage(browser, network);
  await page.goto(url);
  const clicked = await pasteKeyAndSignIn(page);
  const shown = await page.evaluate(() => window.__marked.firstRow);
  await context.close();
  return shown - clicked;
}

/**
 * One load of `url` on `network` until `mark`, as a timeline: each request the page made (its start
 * and its end on the page's clock, and the bytes that crossed the network), in the order started.
 */
async function timeline(browser, url, network, { mark, embedded = false, signIn = false }) {
  const { context, page } = await freshPage(browser, network, async (context) => {
    if (embedded) await context.addInitScript((token) => { window.benchHostToken = token; }, TOKEN);
  });
  await page.goto(url);
  if (signIn) await pasteKeyAndSignIn(page);
  await page.evaluate((name) => window.__marked[name], mark);
  const entries = await page.evaluate(() => [
    ...performance.getEntriesByType('navigation').map((entry) => ({ name: entry.name, start: 0, end: entry.responseEnd, bytes: entry.transferSize })),
    ...performance.getEntriesByType('resource').map((entry) => ({ name: entry.name, start: entry.startTime, end: entry.responseEnd, bytes: entry.transferSize })),
    ...Object.entries(window.__marks).map(([name, at]) => ({ name: `mark: ${name}`, start: at, end: at, bytes: null })),
  ]);
  await context.close();
  const short = (name) => (name.startsWith('mark: ') ? `**${name}**`
    : new URL(name).pathname.replace(/-[0-9a-f]{1,16}(?=[._])/, '-…') + new URL(name).search);
  const rows = entries.sort((a, b) => a.start - b.start)
    .map((entry) => `| ${short(entry.name)} | ${entry.start.toFixed(0)} | ${entry.end.toFixed(0)} | ${entry.bytes ?? ''} |`);
  return ['| request | start (ms) | end (ms) | bytes transferred |', '|---|---:|---:|---:|', ...rows].join('\n');
}

/** The three first screens on `network`, ours against the baseline, interleaved over `runs` runs. */
async function firstScreens(browser, network, runs) {
  const pairs = {
    form: { what: 'navigation → sign-in form usable', ours: [], base: [] },
    signIn: { what: `click Sign in (${PASTE_PAUSE_MS / 1000} s after the form) → first row visible`, ours: [], base: [] },
    embedded: { what: 'embedded with a host token: navigation → first row visible', ours: [], base: [] },
  };
  await timeLoad(browser, ours.url, { withKey: true, network }); // warm the browser's process, not its cache
  for (let run = 0; run < runs; run++) {
    pairs.form.ours.push(await timeLoad(browser, ours.url, { withKey: false, network }));
    pairs.form.base.push(await timeLoad(browser, baseline.url, { withKey: false, network }));
    pairs.signIn.ours.push(await timeSignIn(browser, ours.url, network));
    pairs.signIn.base.push(await timeSignIn(browser, baseline.url, network));
    pairs.embedded.ours.push(await timeLoad(browser, `${ours.url}/bench/`, { withKey: true, embedded: true, network }));
    pairs.embedded.base.push(await timeLoad(browser, baseline.url, { withKey: true, network }));
  }
  const rows = Object.values(pairs).map(({ what, ours: o, base: b }) => {
    const [mine, theirs] = [stats(o), stats(b)];
    return `| ${what} | ${ms(mine.median)} | ${ms(theirs.median)} | ${(mine.median / theirs.median).toFixed(2)} | ${pairedRatio(o, b).toFixed(2)} |`;
  });
  return [`**${network}**${NETWORKS[network] ? ' (Chromium network emulation: 150 ms per request, 1.6 Mbit/s down, 750 kbit/s up)' : ''}, ${runs} interleaved runs, medians:`, '',
    '| path | widget | hand-written page | ratio of medians | median of paired ratios |', '|---|---:|---:|---:|---:|', ...rows].join('\n');
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
  await shown(page, /^\d+ webhooks\.$/).waitFor();
  await listSettled(page);
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
  // Each wasm file is named by a hash of its own bytes (scripts/seal-build.mjs): `NAME-HASH_<kind>.wasm`.
  const sealed = /^ada-webhooks-admin-[0-9a-f]{16}(_.*\.wasm)$/;
  const wasm = readdirSync(distDir).filter((file) => sealed.test(file));
  const rows = wasm.map((file) => {
    const sizes = compressedSizes(readFileSync(path.join(distDir, file)));
    const users = file.endsWith('_bg.wasm') ? 'main module: every first load'
      : Object.entries(parts).filter(([, files]) => files.includes(file)).map(([part]) => part).join(', ');
    return `| ${file.match(sealed)[1]} | ${sizes.raw} | ${sizes.brotli} | ${users} |`;
  });
  return ['| module | raw (B) | brotli (B) | loaded with |', '|---|---:|---:|---|', ...rows].join('\n');
}

const standIn = await startStandIn();
const stand = control(standIn.url);
const ours = await startSite(standIn.url, distDir, { '/bench/': path.resolve(here, 'host') }, { deployed: true });
// The hand-written page served as the widget is: with a brotli copy beside each file.
const baselineCopy = mkdtempSync(path.join(os.tmpdir(), 'bench-baseline-'));
cpSync(baselineDir, baselineCopy, { recursive: true });
for (const file of readdirSync(baselineCopy)) {
  writeFileSync(path.join(baselineCopy, `${file}.br`), brotli(readFileSync(path.join(baselineCopy, file))));
}
const baseline = await startSite(standIn.url, baselineCopy, {}, { deployed: true });
const browser = await launchBrowser();
try {
  const firstLoads = {};
  for (const pathName of Object.keys(PATHS)) {
    firstLoads[pathName] = await firstLoadFiles(browser, ours.url, distDir, pathName, TOKEN);
  }

  await postControl(standIn.url, 'latency', { ms: LATENCY_MS });
  const screens = [];
  for (const [network, runs] of [['loopback', RUNS], ['Slow 4G', SLOW_RUNS]]) {
    screens.push(await firstScreens(browser, network, runs));
  }
  const timelines = [
    ['standalone: navigation → sign-in form → (key pasted) first row', await timeline(browser, ours.url, 'Slow 4G', { mark: 'firstRow', signIn: true })],
    ['embedded with a host token: navigation → first row', await timeline(browser, `${ours.url}/bench/`, 'Slow 4G', { mark: 'firstRow', embedded: true })],
    ['hand-written page: navigation → form → (key pasted) first row', await timeline(browser, baseline.url, 'Slow 4G', { mark: 'firstRow', signIn: true })],
  ];
  const dialog = { prefetched: [], notFetched: [] };
  for (let run = 0; run < Math.max(5, Math.ceil(RUNS / 3)); run++) {
    dialog.prefetched.push(await clickToDialog(browser, ours.url, { prefetched: true }));
    dialog.notFetched.push(await clickToDialog(browser, ours.url, { prefetched: false }));
  }
  await postControl(standIn.url, 'latency', { ms: 0 });
  const rotation = await rotateToSecret(browser, ours.url, stand);
  const big = await tenThousand(browser, ours.url, standIn.url);

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
    `**First screens**, fresh browser context (cold cache) per load, files served as deploy/'s nginx serves them (precompressed brotli, hashed names cacheable forever), stand-in latency ${LATENCY_MS} ms:`,
    '',
    ...screens.flatMap((screen) => [screen, '']),
    '**Timelines**, one load each on Slow 4G (start and end on the page\'s clock; 0 is the navigation):',
    '',
    ...timelines.flatMap(([what, table]) => [`*${what}*`, '', table, '']),
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
  rmSync(baselineCopy, { recursive: true, force: true });
}
