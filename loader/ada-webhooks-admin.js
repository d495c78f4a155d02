// The loader host pages import (<script type="module" src=".../ada-webhooks-admin.js">). It defines
// <ada-webhooks-admin> once and exports mount(). The widget renders into an open shadow root that
// links the shipped stylesheet, so host CSS cannot reach in and no inline style or script is needed
// (it runs under script-src 'self' 'wasm-unsafe-eval'; style-src 'self').
// scripts/write-entry-points.sh fills in this build's hashed file names; they resolve next to this file.
import init, { mount as mountInto } from './__GLUE__';

const WASM_URL = new URL('./__WASM__', import.meta.url);
const STYLESHEET_URL = new URL('./__STYLESHEET__', import.meta.url);
let loading;

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
  loading ??= init({ module_or_path: WASM_URL });
  await loading;
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = STYLESHEET_URL.href;
  const container = document.createElement('div');
  shadow.replaceChildren(link, container);
  await stylesheetLoaded(link);
  let handle;
  try {
    handle = await mountInto(container, options);
  } catch (error) {
    shadow.replaceChildren();
    throw error;
  }
  return {
    destroy() {
      if (!handle) return;
      handle.destroy();
      handle.free();
      handle = undefined;
      shadow.replaceChildren();
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
