// What the browser fetches before the first interaction, and how large each file is raw, gzipped
// (level 9) and brotli-compressed (quality 11): the numbers behind the size budget.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotli, gzip } from '../scripts/compression.mjs';

export function compressedSizes(bytes) {
  return { raw: bytes.length, gzip: gzip(bytes).length, brotli: brotli(bytes).length };
}

/**
 * Loads `siteUrl` in `page`, waits until `ready` resolves (the sign-in form is usable), and returns
 * every same-origin file fetched until then with its sizes, read from `distDir`.
 */
export async function firstLoadFiles(page, siteUrl, distDir, ready) {
  const fetched = new Set();
  const origin = new URL(siteUrl).origin;
  const onRequest = (request) => {
    const url = new URL(request.url());
    if (url.origin === origin && !url.pathname.startsWith('/api/')) fetched.add(url.pathname);
  };
  page.on('request', onRequest);
  await page.goto(siteUrl);
  await ready(page);
  page.off('request', onRequest);
  return [...fetched].sort().map((pathname) => {
    const file = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\//, '');
    return { file, ...compressedSizes(readFileSync(path.join(distDir, file))) };
  });
}

export function totals(files) {
  return files.reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip, brotli: sum.brotli + f.brotli }),
    { raw: 0, gzip: 0, brotli: 0 });
}

/** A markdown table of the files and their total. */
export function sizeTable(files) {
  const kb = (bytes) => (bytes / 1024).toFixed(1);
  const rows = files.map((f) => `| ${f.file.replace(/-[0-9a-f]{16}(?=[._])/, '-…')} | ${f.raw} | ${f.gzip} | ${f.brotli} |`);
  const total = totals(files);
  return ['| file | raw (B) | gzip -9 (B) | brotli -q 11 (B) |', '|---|---:|---:|---:|', ...rows,
    `| **total** | **${total.raw}** (${kb(total.raw)} KB) | **${total.gzip}** (${kb(total.gzip)} KB) | **${total.brotli}** (${kb(total.brotli)} KB) |`].join('\n');
}

export const SIZE_LIMIT_FILE = new URL('./size-limit.json', import.meta.url);

export function sizeLimit() {
  return JSON.parse(readFileSync(SIZE_LIMIT_FILE, 'utf8'));
}
