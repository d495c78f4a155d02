// The loader host pages import (<script type="module" src=".../ada-webhooks-admin.js">). It defines
// <ada-webhooks-admin> once and exports mount(). The widget renders into an open shadow root that
// links the shipped stylesheet, so host CSS cannot reach in and no inline style or script is needed
// (it runs under script-src 'self' 'wasm-unsafe-eval'; style-src 'self').
// scripts/write-entry-points.sh fills in this build's hashed file names; they resolve next to this file.
import { isSameOriginBase, requestFirstPage } from './early-first-page.js';

const WASM_URL = new URL('./__WASM__', import.meta.url);
const STYLESHEET_URL = new URL('./__STYLESHEET__', import.meta.url);
/** The wasm-bindgen glue once the widget's wasm is instantiated; started by the first mount. */
let loading;

/**
 * Fetches the glue and the wasm side by side: a host page names only this file, so a static import
 * of the glue would have the wasm wait a round trip for it.
 */
function load() {
  const wasm = fetch(WASM_URL);
  return import('./__GLUE__').then(async (glue) => {
    await glue.default({ module_or_path: wasm });
    return glue;
  });
}

function stylesheetLoaded(link) {
  return new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    // A missing stylesheet leaves the widget unstyled but usable.
    link.addEventListener('error', resolve, { once: true });
  });
}

/**
 * Renders the widget into a shadow root of `host`. Options: baseUrl, auth ("token" | "proxy"),
 * token or getToken (async () => string), theme ("auto" | "light" | "dark").
 * Resolves with { destroy() }, which removes everything the widget added.
 */
export async function mount(host, options = {}) {
  options = requestFirstPageEarly(options);
  loading ??= load();
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = STYLESHEET_URL.href;
  const container = document.createElement('div');
  shadow.replaceChildren(link, container);
  // A later mount on the same host may have replaced this one's nodes already; leave those alone.
  const clearUnlessReplaced = () => container.parentNode === shadow && shadow.replaceChildren();
  let handle;
  try {
    // The stylesheet loads while the wasm does, not after it.
    const [glue] = await Promise.all([loading, stylesheetLoaded(link)]);
    handle = await glue.mount(container, options);
  } catch (error) {
    clearUnlessReplaced();
    throw error;
  }
  return {
    destroy() {
      if (!handle) return;
      handle.destroy();
      handle.free();
      handle = undefined;
      clearUnlessReplaced();
    },
  };
}

/**
 * For a host that supplies a token (or a proxy) and a same-origin base URL, requests the first page
 * of webhooks now, while the wasm loads, instead of once the widget has mounted. Returns the options
 * to mount with: a `getToken` there hands the widget the token already asked for on its first call,
 * so the host's `getToken` is still called once at mount (and again only after a 401).
 */
function requestFirstPageEarly(options) {
  const base = options.baseUrl ?? '/api';
  if (!isSameOriginBase(base)) return options;
  if (options.auth === 'proxy') {
    requestFirstPage(base);
    return options;
  }
  if (options.auth !== undefined && options.auth !== 'token') return options;
  const usable = (token) => (typeof token === 'string' && token.trim()) || undefined;
  const requestWith = (token) => {
    const key = usable(token);
    if (key) requestFirstPage(base, key);
  };
  if (typeof options.getToken !== 'function') {
    requestWith(options.token);
    return options;
  }
  const { getToken } = options;
  let first = Promise.resolve().then(() => getToken());
  first.then(requestWith, () => {});
  return {
    ...options,
    getToken() {
      const answer = first ?? getToken();
      first = undefined;
      return answer;
    },
  };
}

/** <ada-webhooks-admin base-url="/api" auth="token|proxy" theme="auto|light|dark">; set .getToken. */
class AdaWebhooksAdmin extends HTMLElement {
  static observedAttributes = ['base-url', 'auth', 'theme'];
  #getToken;
  #mounted;
  #generation = 0;

  get getToken() {
    return this.#getToken;
  }

  set getToken(getToken) {
    this.#getToken = getToken;
    this.#remount();
  }

  connectedCallback() {
    this.#remount();
  }

  disconnectedCallback() {
    this.#remount();
  }

  attributeChangedCallback() {
    this.#remount();
  }

  // Batched to a microtask, so that attributes and getToken set together mount once.
  #remount() {
    const generation = ++this.#generation;
    queueMicrotask(async () => {
      if (generation !== this.#generation) return;
      this.#mounted?.destroy();
      this.#mounted = undefined;
      if (!this.isConnected) return;
      try {
        const mounted = await mount(this, {
          baseUrl: this.getAttribute('base-url') ?? undefined,
          auth: this.getAttribute('auth') ?? undefined,
          theme: this.getAttribute('theme') ?? undefined,
          getToken: this.#getToken,
        });
        if (generation === this.#generation) this.#mounted = mounted;
        else mounted.destroy();
      } catch (error) {
        this.dispatchEvent(new CustomEvent('ada-webhooks:error', {
          bubbles: true,
          composed: true,
          detail: { status: null, message: String(error?.message ?? error) },
        }));
      }
    });
  }
}

if (!customElements.get('ada-webhooks-admin')) customElements.define('ada-webhooks-admin', AdaWebhooksAdmin);
