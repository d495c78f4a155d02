// The standalone page's entry (index.html loads it; scripts/write-entry-points.sh fills in this
// build's hashed file names). Host pages use the loader instead and never run this.
import init from './__GLUE__';
import { requestFirstPage } from './early-first-page.js';

const REMEMBERED_SESSION_KEY = 'ada-webhooks-admin:session';

/** The session this tab remembers ("stay signed in in this tab"), as the widget stored it, if any. */
function rememberedSession() {
  try {
    const remembered = JSON.parse(sessionStorage.getItem(REMEMBERED_SESSION_KEY));
    const key = typeof remembered?.api_key === 'string' ? remembered.api_key.trim() : '';
    return key && typeof remembered.base_url === 'string' ? { base: remembered.base_url, key } : undefined;
  } catch {
    return undefined;
  }
}

// The widget stores only a base URL it has checked; anything but a same-origin path or https is left
// for it to judge once it runs.
const remembered = rememberedSession();
if (remembered && (/^\/(?!\/)/.test(remembered.base) || remembered.base.startsWith('https://'))) {
  requestFirstPage(remembered.base, remembered.key);
}

await init({ module_or_path: new URL('./__WASM__', import.meta.url) });
