// What the browser fetches before the first interaction on each path, and how large each file is raw,
// gzipped (level 9) and brotli-compressed (quality 11): the numbers behind the size budgets.
// A file counts when its request started before the path's ready mark (the page's own clock): the
// standalone page's sign-in form, or an embedded widget's first "Rotate secret" button. Chunks the
// widget prefetches when the browser is idle afterwards do not count.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { brotli, gzip } from '../scripts/compression.mjs';

export function compressedSizes(bytes) {
  return { raw: bytes.length, gzip: gzip(bytes).length, brotli: brotli(bytes).length };
}

/** Records in window.__marks the page's time when what each selector matches is first drawn (the
 * animation frame after it first matches, in the document or a shadow root: a page's stylesheets and
 * a busy main thread hold that frame back, as they hold back what a person sees);
 * window.__marked[name] is a promise of it. */
export const MARKS_SCRIPT = `
  window.__marks = {};
  const watch = {
    signIn: 'input[type=password]',
    // The page's French form: start.js puts it in place and sets the page's lang together.
    signInFrench: 'input[type=password]:lang(fr)',
    firstRow: 'tbody tr',
    rotateButton: 'button[aria-label^="Rotate secret for "]',
    rotateButtonFrench: 'button[aria-label^="Renouveler le secret de "]',
    rotateDialog: 'dialog[open] .ada-consequences',
  };
  const settle = {};
  window.__marked = Object.fromEntries(Object.keys(watch).map((name) => [name, new Promise((resolve) => { settle[name] = resolve; })]));
  const roots = [document];
  const matched = new Set();
  const check = () => {
    for (const [name, selector] of Object.entries(watch)) {
      if (!matched.has(name) && roots.some((root) => root.querySelector(selector))) {
        matched.add(name);
        requestAnimationFrame(() => {
          window.__marks[name] = performance.now();
          settle[name](window.__marks[name]);
        });
      }
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    roots.push(root);
    observer.observe(root, { childList: true, subtree: true, attributes: true });
    return root;
  };
`;

/**
 * The first-load paths the budgets hold: where each starts, what it waits for, and its budget; each
 * in English and in French (the browser's language for the page, the `lang` option for a host).
 */
export const PATHS = {
  // The page's own HTML form: none of the widget's wasm comes before it.
  standalone: { url: '/', mark: 'signIn', what: 'standalone, until the sign-in form is usable', wasm: false },
  embedded: {
    url: '/bench/',
    mark: 'rotateButton',
    what: 'embedded with a host token, until the first rotate button is usable',
    hostToken: true,
    wasm: true,
  },
  standalone_fr: { url: '/', mark: 'signInFrench', what: 'standalone in French, until the French sign-in form is usable', locale: 'fr-FR', wasm: false },
  embedded_fr: {
    url: '/bench/?lang=fr',
    mark: 'rotateButtonFrench',
    what: 'embedded in French with a host token, until the first rotate button is usable',
    hostToken: true,
    wasm: true,
  },
};

/**
 * Loads `path` of `siteUrl` in a fresh context of `browser` and returns every file of `distDir` it
 * requested before its ready mark, with its sizes. `token` is the host's token for the embedded path.
 */
export async function firstLoadFiles(browser, siteUrl, distDir, pathName, token) {
  const { url, mark, hostToken, locale } = PATHS[pathName];
  const context = await browser.newContext({ locale });
  await context.addInitScript(MARKS_SCRIPT);
  if (hostToken) await context.addInitScript((value) => { window.benchHostToken = value; }, token);
  const page = await context.newPage();
  await page.goto(new URL(url, siteUrl).href);
  await page.evaluate((name) => window.__marked[name], mark);
  const requested = await page.evaluate((name) => {
    const ready = window.__marks[name];
    return performance.getEntriesByType('resource')
      .filter((entry) => entry.startTime <= ready)
      .map((entry) => new URL(entry.name).pathname);
  }, mark);
  await context.close();
  const files = new Set(readdirSync(distDir));
  // The page itself (the navigation), and each widget file it asked for; the host page's own files
  // (under /bench/) and the API are not the widget's.
  const fetched = new Set(new URL(url, siteUrl).pathname === '/' ? ['index.html'] : []);
  for (const pathname of requested) {
    const file = decodeURIComponent(pathname).replace(/^\//, '');
    if (files.has(file)) fetched.add(file);
  }
  return [...fetched].sort().map((file) => ({ file, ...compressedSizes(readFileSync(path.join(distDir, file))) }));
}

/** Every file of the build the widget ships (html, js, css, wasm; not the example host page). */
export function wholeBuildFiles(distDir) {
  return readdirSync(distDir)
    .filter((file) => /\.(html|js|css|wasm)$/.test(file) && !file.startsWith('host-dashboard.'))
    .sort()
    .map((file) => ({ file, ...compressedSizes(readFileSync(path.join(distDir, file))) }));
}

export function totals(files) {
  return files.reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip, brotli: sum.brotli + f.brotli }),
    { raw: 0, gzip: 0, brotli: 0 });
}

/** A markdown table of the files and their total. */
export function sizeTable(files) {
  const kb = (bytes) => (bytes / 1024).toFixed(1);
  const rows = files.map((f) => `| ${f.file.replace(/-[0-9a-f]{1,16}(?=[._])/, '-…')} | ${f.raw} | ${f.gzip} | ${f.brotli} |`);
  const total = totals(files);
  return ['| file | raw (B) | gzip -9 (B) | brotli -q 11 (B) |', '|---|---:|---:|---:|', ...rows,
    `| **total** | **${total.raw}** (${kb(total.raw)} KB) | **${total.gzip}** (${kb(total.gzip)} KB) | **${total.brotli}** (${kb(total.brotli)} KB) |`].join('\n');
}

export const SIZE_LIMIT_FILE = new URL('./size-limit.json', import.meta.url);

export function sizeLimit() {
  return JSON.parse(readFileSync(SIZE_LIMIT_FILE, 'utf8'));
}
