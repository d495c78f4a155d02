// The first page of webhooks, requested before the widget's wasm has downloaded and compiled rather
// than after it has mounted: start.js does so for a session remembered in the tab, and the loader's
// mount() for a host that supplies a token or a proxy. The caller hands the returned offer to the
// wasm once (mount's third argument, or standalone's second), which adopts it only for exactly the
// GET it would have sent itself: nothing is left on a page global for another script to replace or
// to read keys from. Release builds bundle this module into start.js and the loader.
import { checkBaseUrl } from './base-url.js';

// What the list asks for first: PAGE_SIZE in src/settings.rs (a native test reads this line).
const FIRST_PAGE_LIMIT = 100;
/** The options every request of the widget carries (src/api/client.rs): no cookies with a key, the
 * page's own cookies behind the host's proxy (its check of the host's session needs them). */
export const FETCH_OPTIONS = Object.freeze({ redirect: 'error', cache: 'no-store', credentials: 'omit' });
export const PROXY_FETCH_OPTIONS = Object.freeze({ ...FETCH_OPTIONS, credentials: 'same-origin' });

/**
 * Requests the first page under `base` (checked by the widget's own base-URL rule) with `token` as a
 * bearer key, or with no Authorization behind a host's proxy (`token` undefined). Returns
 * `{ url, response }` (a Promise of the Response, its body read to the end) to hand to the wasm, or
 * undefined when the base URL is not one the widget would use.
 */
export function requestFirstPage(base, token) {
  const { root } = checkBaseUrl(base);
  if (!root) return undefined;
  const url = `${root}/v2/webhooks/?limit=${FIRST_PAGE_LIMIT}`;
  const headers = { Accept: 'application/json' };
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  // Read to the end here, so that the widget finds the body in memory when it takes the answer. A
  // Response built with an empty body would refuse a null-body status such as 204, hence `|| null`.
  const options = token === undefined ? PROXY_FETCH_OPTIONS : FETCH_OPTIONS;
  const response = fetch(url, { ...options, headers })
    .then(async (answer) => new Response((await answer.text()) || null, answer));
  // Adopted or dropped, a failed request must not surface as an unhandled rejection.
  response.catch(() => {});
  return { url, response };
}
