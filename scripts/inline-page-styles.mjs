// Run by scripts/write-entry-points.sh on trunk's staging directory: puts the standalone page's
// stylesheets (main.css and page.css, which trunk linked) into index.html as <style> elements, and
// allows exactly those in the page's Content-Security-Policy by their SHA-256. The page's sign-in
// form is HTML (index.html), so it is drawn as soon as the page arrives, with no round trip for a
// stylesheet first. main.css stays a file too: the loader gives it to embedded widgets.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const out = process.argv[2];
const pagePath = path.join(out, 'index.html');
let page = readFileSync(pagePath, 'utf8');
const hashes = [];
page = page.replace(/<link rel="stylesheet" href="([^"]+\.css)"[^>]*>/g, (_, href) => {
  const css = readFileSync(path.join(out, path.basename(href)), 'utf8');
  if (/<\/style/i.test(css)) throw new Error(`inline-page-styles: ${href} holds </style`);
  hashes.push(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
  return `<style>${css}</style>`;
});
if (hashes.length !== 2) throw new Error(`inline-page-styles: expected the page's two stylesheets, found ${hashes.length}`);
const policy = /(http-equiv="Content-Security-Policy"\s+content="[^"]*style-src )'self'/;
if (!policy.test(page)) throw new Error("inline-page-styles: no style-src 'self' in the page's policy");
page = page.replace(policy, `$1${hashes.join(' ')}`);
writeFileSync(pagePath, page);
