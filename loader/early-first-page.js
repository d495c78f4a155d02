// The first page of webhooks, requested before the widget's wasm has downloaded and compiled rather
// than after it has mounted: start.js does so for a session remembered in the tab, and the loader's
// mount() for a host that supplies a token or a proxy. The client (src/api/client.rs) calls
// adaWebhooksTakeEarlyResponse(url, authorization) for every GET and adopts an answer only when both
// are exactly what it would have sent; each answer is taken once, and dropped unclaimed after
// UNCLAIMED_FOR_MS so that a key is not held here past the widget's start.
// Release builds bundle this module into start.js and the loader (scripts/post-build.sh).

// What the list asks for first: PAGE_SIZE in src/components/webhook_list.rs.
const FIRST_PAGE_PATH = '/v2/webhooks/?limit=100';
const UNCLAIMED_FOR_MS = 10_000;
const offers = new Set();

/**
 * Requests the first page from `base` (a base URL exactly as the widget will use it), with `token`
 * as a bearer key, or with no Authorization behind a host's proxy (`token` undefined).
 */
export function requestFirstPage(base, token) {
  const authorization = token === undefined ? undefined : `Bearer ${token}`;
  const url = base + FIRST_PAGE_PATH;
  const headers = { Accept: 'application/json' };
  if (authorization) headers.Authorization = authorization;
  // Read to the end here, so that the widget finds the body in memory when it takes the answer. A
  // Response built with an empty body would refuse a null-body status such as 204, hence `|| null`.
  const response = fetch(url, { headers }).then(async (answer) => new Response((await answer.text()) || null, answer));
  // Adopted or dropped, a failed request must not surface as an unhandled rejection.
  response.catch(() => {});
  const offer = { url, authorization, response };
  offers.add(offer);
  setTimeout(() => offers.delete(offer), UNCLAIMED_FOR_MS);
}

/** A base URL the widget uses as written: a same-origin path with no trailing slash, query or space. */
export function isSameOriginBase(base) {
  return typeof base === 'string' && /^\/(?!\/)[^\s?#]*[^\s?#/]$/.test(base);
}

/** The early answer (a Promise of a Response) to the client's GET of `url`, if there is one; else undefined. */
globalThis.adaWebhooksTakeEarlyResponse = (url, authorization) => {
  for (const offer of offers) {
    if (offer.url === url && offer.authorization === authorization) {
      offers.delete(offer);
      return offer.response;
    }
  }
  return undefined;
};
