// One-off A/B (not committed): 10,000 rows, rows skipped one by one (A) or only row groups (B).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOKEN, launchBrowser, startSite, startStandIn } from '../tests/e2e/harness.mjs';
const here = path.dirname(fileURLToPath(import.meta.url));
const distDir = path.resolve(here, '../dist');
const ROW_RULE = '.ada-table tbody tr { content-visibility: auto; contain-intrinsic-block-size: auto 6.5rem; }';
async function postControl(standInUrl, route, body) {
  const answer = await fetch(`${standInUrl}/__stand-in/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!answer.ok) throw new Error(`control ${route}: HTTP ${answer.status}`);
}
const median = (v) => { const s = [...v].sort((a, b) => a - b); const m = Math.floor(s.length / 2); return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const standIn = await startStandIn();
const site = await startSite(standIn.url, distDir, {}, { deployed: true });
const browser = await launchBrowser();
await postControl(standIn.url, 'reset', { seed_webhooks: 10000 });
const results = { A: [], B: [] };
for (let run = 0; run < Number(process.argv[2] ?? 3); run++) {
  for (const variant of ['A', 'B']) {
    const context = await browser.newContext({ bypassCSP: true });
    const session = JSON.stringify({ base_url: '/api', api_key: TOKEN, last_active_ms: String(Date.now()) });
    await context.addInitScript(([key, value]) => sessionStorage.setItem(key, value), ['ada-webhooks-admin:session', session]);
    await context.addInitScript(([rule, on]) => {
      if (on) document.addEventListener('DOMContentLoaded', () => { const s = document.createElement('style'); s.textContent = rule; document.head.append(s); });
      window.__appends = []; window.__rows = 0;
      const rowsIn = (node) => (node.nodeName === 'TR' ? 1 : node.nodeName === 'TBODY' ? node.rows.length : 0);
      new MutationObserver((records) => {
        const before = window.__rows;
        for (const record of records) {
          if (!record.target.closest?.('table')) continue;
          for (const node of record.addedNodes) window.__rows += rowsIn(node);
        }
        if (window.__rows > before) window.__appends.push({ rows: window.__rows, at: performance.now() });
      }).observe(document, { childList: true, subtree: true });
    }, [ROW_RULE, variant === 'A']);
    const page = await context.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => window.__rows === 10000, null, { polling: 1000, timeout: 300_000 });
    const r = await page.evaluate(() => {
      const responses = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v2/webhooks/?')).map((e) => e.responseEnd);
      const renders = window.__appends.map((a, i) => a.at - responses[i]);
      const firstRow = window.__appends[0].at;
      const styled = [...document.querySelectorAll('style')].some((s) => s.textContent.includes('tbody tr { content-visibility'));
      return { renders, firstRow, styled };
    });
    results[variant].push({ all: median(r.renders), first10: median(r.renders.slice(0, 10)), last10: median(r.renders.slice(-10)), max: Math.max(...r.renders), firstRow: r.firstRow, styled: r.styled });
    console.log(variant, JSON.stringify(results[variant].at(-1)));
    await context.close();
  }
}
for (const v of ['A', 'B']) {
  const k = (f) => median(results[v].map((x) => x[f])).toFixed(1);
  console.log(`${v}: median per page ${k('all')} ms, pages 1-10 ${k('first10')}, pages 91-100 ${k('last10')}, worst ${k('max')}, first rows at ${k('firstRow')} ms`);
}
await browser.close(); site.stop(); standIn.stop();
