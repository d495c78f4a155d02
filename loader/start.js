// The standalone page's entry (index.html loads it; scripts/write-entry-points.sh fills in this
// build's hashed file names). Host pages use the loader instead and never run this.
//
// When this tab remembers a session ("stay signed in in this tab"), the first page of webhooks is
// requested here, before the widget's wasm has downloaded and compiled, rather than after it has
// mounted. The client (src/api/client.rs) adopts the answer for its first GET only when it asks for
// the same URL with the same Authorization header, and drops it otherwise; it is offered once, and
// dropped unclaimed after UNCLAIMED_FOR_MS so that the key is not held here past the widget's start.
import init from './__GLUE__';

const REMEMBERED_SESSION_KEY = 'ada-webhooks-admin:session';
// What the list asks for first: PAGE_SIZE in src/components/webhook_list.rs.
const FIRST_PAGE_PATH = '/v2/webhooks/?limit=100';
const UNCLAIMED_FOR_MS = 30_000;

function requestFirstPage() {
  let remembered;
  try {
    remembered = JSON.parse(sessionStorage.getItem(REMEMBERED_SESSION_KEY));
  } catch {
    return undefined;
  }
  const base = remembered?.base_url;
  const key = typeof remembered?.api_key === 'string' ? remembered.api_key.trim() : '';
  // The widget stores only a base URL it has checked; anything but a same-origin path or https is
  // left for it to judge once it runs.
  if (!key || typeof base !== 'string' || !(/^\/(?!\/)/.test(base) || base.startsWith('https://'))) {
    return undefined;
  }
  const url = base + FIRST_PAGE_PATH;
  const authorization = `Bearer ${key}`;
  // Read to the end here, so that the widget finds the body in memory when it takes the answer. A
  // Response built with an empty body would refuse a null-body status such as 204, hence `|| null`.
  const response = fetch(url, { headers: { Accept: 'application/json', Authorization: authorization } })
    .then(async (answer) => new Response((await answer.text()) || null, answer));
  // Adopted or dropped, a failed request must not surface as an unhandled rejection.
  response.catch(() => {});
  return { url, authorization, response };
}

let early = requestFirstPage();
if (early) setTimeout(() => { early = undefined; }, UNCLAIMED_FOR_MS);

/** The early answer (a Promise of a Response) to the client's first GET, if it matches; else undefined. */
globalThis.adaWebhooksTakeEarlyResponse = (url, authorization) => {
  const offered = early;
  early = undefined;
  return offered && offered.url === url && offered.authorization === authorization ? offered.response : undefined;
};

await init({ module_or_path: new URL('./__WASM__', import.meta.url) });
