// End-to-end harness: the release build in dist/ served by a small static server that proxies
// /api/ to a real ada-stand-in (as a deployment's same-origin proxy would) and /ada-proxy/ to the
// stand-in's own stand-in for a key-adding proxy (--proxy-prefix), Debian's Chromium driven by
// playwright-core, the stand-in's control API, and an axe-core audit.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { chromium } = require(path.join(repoRoot, 'tools/node_modules/playwright-core'));
export const AXE_SCRIPT = path.join(repoRoot, 'tools/node_modules/axe-core/axe.min.js');
export const RESULTS_DIR = path.join(repoRoot, 'test-results');
export const TOKEN = 'e2e-token';
export const PROXY_PREFIX = '/ada-proxy/api/';
/** How the widget's two load failures begin: a chunk (src/components/lazy.rs), and its own files
 * before anything of them runs (loader/widget-files.js). */
export const CHUNK_UNAVAILABLE_START = 'This part of the widget could not be loaded';
export const LOAD_FAILED_START = "The widget's files could not be loaded";
/** The policy the example host page declares in its <meta>; the server also sends it as a header. */
export const STRICT_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";
const STRICT_CSP_PAGES = new Set(['/host-dashboard.html']);
/**
 * The policy deploy/'s nginx sends with the standalone page: the strict one, with inline styles left
 * to the page's own <meta> policy, which allows its two stylesheets by their SHA-256.
 */
export const STANDALONE_PAGE_HEADER_CSP = STRICT_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
};

/** Starts ada-stand-in on a free port; resolves with its URL once it says it is listening. With
 * `proxy`, it also plays the host's key-adding proxy under PROXY_PREFIX (--proxy-prefix). */
export function startStandIn(args = [], { proxy = true } = {}) {
  const binary = path.join(repoRoot, 'target/debug/ada-stand-in');
  const proxyArgs = proxy ? ['--proxy-prefix', PROXY_PREFIX, '--proxy-token', TOKEN] : [];
  const child = spawn(binary, ['--port', '0', '--token', TOKEN, '--no-rate-limit', ...proxyArgs, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.resume();
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const match = buffered.match(/listening on (http:\/\/\S+)/);
      if (match) resolve({ url: match[1], stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`ada-stand-in exited with ${code}`)));
    // A missing binary: say so, rather than leave every test waiting for a server that never came.
    child.on('error', (error) => reject(new Error(`ada-stand-in could not start (${error.message}); build it with cargo build -p ada-stand-in`)));
  });
}

/** Serves dist/ (the example host page with a CSP header) and forwards /api/ and the proxy prefix
 * to the stand-in (none when `standInUrl` is null); resolves with its URL. `overlays` maps URL
 * prefixes such as '/bench/' to other directories served beside dist/ (the benchmark's host page).
 * `deployed` serves files as deploy/'s nginx does: a file's `.br` (or `.gz`) beside it, and
 * content-hashed names cacheable forever, others revalidated. Files under the prefix `slowly` arrive
 * 16 bytes at a time, 20 ms apart, as over a slow network. */
export function startSite(standInUrl, distDir = path.join(repoRoot, 'dist'), overlays = {}, { deployed = false, slowly } = {}) {
  if (!existsSync(path.join(distDir, 'index.html'))) throw new Error(`no release build in ${distDir}`);
  const backend = standInUrl && new URL(standInUrl);
  const server = http.createServer((request, response) => {
    if (backend && (request.url.startsWith('/api/') || request.url.startsWith(PROXY_PREFIX))) {
      const upstream = http.request(
        { host: backend.hostname, port: backend.port, method: request.method, path: request.url, headers: request.headers },
        (answer) => {
          response.writeHead(answer.statusCode, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.on('error', () => response.destroy());
      request.pipe(upstream);
      return;
    }
    const pathname = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const overlay = Object.keys(overlays).find((prefix) => pathname.startsWith(prefix));
    const root = overlay ? overlays[overlay] : distDir;
    const relative = overlay ? pathname.slice(overlay.length) : pathname;
    const file = path.join(root, relative === '' || relative === '/' ? 'index.html' : relative);
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end('not found');
      return;
    }
    const accepted = String(request.headers['accept-encoding'] ?? '');
    const encoding = deployed
      ? [['br', '.br'], ['gzip', '.gz']].find(([name, suffix]) => accepted.includes(name) && existsSync(file + suffix))
      : undefined;
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      ...(STRICT_CSP_PAGES.has(pathname) ? { 'content-security-policy': STRICT_CSP } : {}),
      ...(encoding ? { 'content-encoding': encoding[0], vary: 'accept-encoding' } : {}),
      ...(deployed ? { 'cache-control': /-[0-9a-f]{16}[._]/.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache' } : {}),
    });
    const served = encoding ? file + encoding[1] : file;
    if (slowly && pathname.startsWith(slowly)) {
      trickle(readFileSync(served), response);
      return;
    }
    createReadStream(served).pipe(response);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}`, stop: () => server.close() });
    });
  });
}

/** Sends `bytes` 16 at a time, 20 ms apart. */
async function trickle(bytes, response) {
  for (let at = 0; at < bytes.length && !response.destroyed; at += 16) {
    response.write(bytes.subarray(at, at + 16));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  response.end();
}

/** Chromium; `*.evil.example` resolves to 127.0.0.1 (the attacker's server), and `gc()` is exposed. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-default-apps',
      '--host-resolver-rules=MAP *.evil.example 127.0.0.1', '--js-flags=--expose-gc'],
  });
}

/**
 * An attacker's server on another loopback port: it answers CORS preflights for anything, serves a
 * spoofed page of webhooks and a spoofed secret to whatever asks, and logs every request it gets
 * (method, path and the Authorization header, which is what an attacker is after).
 */
export function startAttacker() {
  const received = [];
  const server = http.createServer((request, response) => {
    received.push({ method: request.method, path: request.url, authorization: request.headers.authorization ?? null });
    const cors = {
      'access-control-allow-origin': request.headers.origin ?? '*',
      'access-control-allow-headers': 'authorization, content-type, accept',
      'access-control-allow-methods': 'GET, POST, PATCH, DELETE',
    };
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors).end();
      return;
    }
    const spoofed = request.url.includes('/secret/') ? { key: 'whsec_SpoofedSpoofedSpoofedSpoofed1234' }
      : { data: [{ id: 'ep_spoofed', url: 'https://spoofed.evil.example/hook', enabled: true }], meta: { next_page_url: null } };
    response.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify(spoofed));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ port: server.address().port, received, stop: () => server.close() });
    });
  });
}

/** Plain pages the e2e tests load beside dist/ (under /e2e/), with no policy of their own. */
export const E2E_PAGES = { '/e2e/': path.join(repoRoot, 'tests/e2e/pages') };

/** Starts the stand-in, the site and Chromium once for a test file; `stop()` ends all three. */
export async function startEnvironment() {
  const standIn = await startStandIn();
  const site = await startSite(standIn.url, path.join(repoRoot, 'dist'), E2E_PAGES);
  const browser = await launchBrowser();
  const stop = async () => {
    await browser.close();
    site.stop();
    standIn.stop();
  };
  return { standIn, site, browser, stand: control(standIn.url), stop };
}

/** Fresh seed data and a new 1280x900 page whose uncaught errors fail the test. */
export async function freshPage({ browser, stand }) {
  await stand.reset();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => { throw error; });
  return { context, page };
}

/** Signs in on the standalone page with the test key, optionally remembered in the tab, and waits
 * for the default 30 webhooks and the list to settle. */
export async function signInStandalone(page, siteUrl, { remember = false } = {}) {
  await page.goto(siteUrl);
  await page.getByLabel('API key').fill(TOKEN);
  if (remember) await page.getByLabel(/Stay signed in in this tab/).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await shown(page, /^30 webhooks\.$/).waitFor();
  await listSettled(page);
}

/** Whether the page has had `count` event-type catalogs answered (a browser adds a resource timing
 * entry once a response has arrived); run in the page. */
export function eventTypesAnswered(count) {
  return performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/webhooks/event-types/')).length >= count;
}

/**
 * Waits until each of `widgets` lists on the page has settled: the event types a list asks for
 * beside its first page have been answered, so that a test that clears the stand-in's log after it
 * sees only what it does next, not that request arriving late.
 */
export function listSettled(page, widgets = 1) {
  return page.waitForFunction(eventTypesAnswered, widgets);
}

/** Waits until the wasm's sign-in form has replaced the standalone page's HTML one (index.html, whose
 * fields have ids of their own; loader/page-form.js). */
export function wasmSignInForm(page) {
  return page.waitForFunction(() => !document.getElementById('ada-page-key')
    && document.querySelector('#ada-webhooks-admin input[type=password]'));
}

/** Records in `window.wasmStartedAt` (the page's clock) when a page of `target` (a page or a
 * context) first hands the widget's wasm to the browser. */
export function recordWasmStart(target) {
  return target.addInitScript(() => {
    const instantiate = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = (...args) => {
      window.wasmStartedAt ??= performance.now();
      return instantiate.apply(WebAssembly, args);
    };
  });
}

/** The stand-in's control API. */
export function control(standInUrl) {
  const call = async (method, route, body) => {
    const answer = await fetch(`${standInUrl}/__stand-in/${route}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!answer.ok) throw new Error(`control ${method} ${route}: HTTP ${answer.status}`);
    return answer.json();
  };
  return {
    /** Fresh seed data (optionally `{ seed_webhooks: N }`), no faults, no latency, an empty log. */
    reset: (body = {}) => call('POST', 'reset', body),
    requests: async () => (await call('GET', 'requests')).requests,
    clearRequests: () => call('DELETE', 'requests'),
    /** Arms a fault, e.g. { operation: 'list-webhooks', kind: 'status', status: 401, times: 1 }. */
    fault: (fault) => call('POST', 'faults', fault),
    secrets: (id) => call('GET', `webhooks/${encodeURIComponent(id)}/secrets`),
  };
}

/** Runs axe-core on the page; returns the violations with their nodes, for a readable failure. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    // Evaluated rather than added as a <script>, which a page's strict policy would refuse.
    await page.evaluate(readFileSync(AXE_SCRIPT, 'utf8'));
  }
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Fails with the violations listed when axe-core finds any on `page`; `screen` names it. */
export async function assertNoAxeViolations(page, screen) {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    throw new Error(`axe-core violations on ${screen}: ${JSON.stringify(violations, null, 2)}`);
  }
}

/**
 * Text as the page shows it: `scope.getByText(text)` without the polite live region, which repeats
 * what the page shows a moment later (so that a sentence found in both is not a strict-mode
 * collision whose outcome depends on timing). Announcements are checked with getByRole('status').
 */
export function shown(scope, text, options) {
  return scope.getByText(text, options).and(scope.locator(':not([aria-live])'));
}

/** The first row's URL and id as the table shows them. */
export async function firstRow(scope) {
  const row = scope.locator('tbody tr').first();
  return { url: await row.locator('td.ada-url').textContent(), id: await row.locator('.ada-id').textContent() };
}

/** Opens the row menu of the webhook at `url` and chooses `name`. */
export async function menuItem(scope, url, name) {
  await scope.getByRole('button', { name: `Actions for ${url}`, exact: true }).click();
  await scope.getByRole('menuitem', { name, exact: true }).click();
}

export function screenshotPath(name) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return path.join(RESULTS_DIR, name);
}

/**
 * A port no one listens on now (the OS's choice), for a server that cannot be told to pick one
 * itself (nginx, WebKitWebDriver).
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
