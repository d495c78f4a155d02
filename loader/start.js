// The standalone page's entry (index.html loads it; scripts/write-entry-points.sh fills in this
// build's hashed file names). Host pages use the loader instead and never run this.
import init, { halt, standalone } from './__GLUE__';
import { buildHash, showCrash, watchForCrash } from './crash-guard.js';
import { preloadFiles, requestFirstPage } from './early-first-page.js';

// Both as src/session.rs and src/settings.rs have them (a native test reads these lines).
const REMEMBERED_SESSION_KEY = 'ada-webhooks-admin:session';
const IDLE_TIMEOUT_MS = 15 * 60 * 1000;
/** The list's wasm chunks (a split build's; scripts/write-entry-points.sh fills them in). */
const LIST_CHUNKS = __LIST_CHUNKS__;

/**
 * The session this tab remembers ("stay signed in in this tab"), as the widget stored it, if it has
 * been active within the idle timeout; an idle one is removed, as the widget would.
 */
function rememberedSession() {
  try {
    const remembered = JSON.parse(sessionStorage.getItem(REMEMBERED_SESSION_KEY));
    if (remembered === null) return undefined;
    const idle = Date.now() - Number(remembered.last_active_ms);
    const key = typeof remembered.api_key === 'string' ? remembered.api_key.trim() : '';
    if (idle >= 0 && idle < IDLE_TIMEOUT_MS && key && typeof remembered.base_url === 'string') {
      return { base: remembered.base_url, key };
    }
    sessionStorage.removeItem(REMEMBERED_SESSION_KEY);
  } catch {
    // Unreadable storage is no remembered session.
  }
  return undefined;
}

const remembered = rememberedSession();
const earlyFirstPage = remembered && requestFirstPage(remembered.base, remembered.key);
// A remembered session opens on the list: its chunks come beside the main wasm. (The sign-in form is
// in the main module.)
if (earlyFirstPage) preloadFiles(LIST_CHUNKS.map((file) => new URL(`./${file}`, import.meta.url)));
const container = document.getElementById('ada-webhooks-admin');
const wasmUrl = new URL('./__WASM__', import.meta.url);
watchForCrash(buildHash(wasmUrl), () => {
  try { halt(); } catch { /* the wasm may be beyond answering; the page is replaced anyway */ }
  showCrash(container);
});
await init({ module_or_path: wasmUrl });
standalone(container, earlyFirstPage);
