// The loader host pages import (<script type="module" src=".../ada-webhooks-admin.js">). It defines
// <ada-webhooks-admin> once and exports mount(). The widget renders into an open shadow root that
// links the shipped stylesheet, so host CSS cannot reach in and no inline style or script is needed
// (it runs under script-src 'self' 'wasm-unsafe-eval'; style-src 'self').
// scripts/write-entry-points.sh fills in this build's hashed file names; they resolve next to this file.
import { crashEventDetail, isWidgetTrap, showCrash, showMessage, watchForCrash } from './crash-guard.js';
import { tokenRefusedOrigin } from './base-url.js';
import { requestFirstPage } from './early-first-page.js';
import { frenchCatalog, useLanguage } from './language.js';
import { CANNOT_START, LOAD_FAILED, TOKEN_ORIGIN, chooseLanguage, say } from './messages.js';
import { checked, checkedModules } from './widget-files.js';

const WASM_URL = new URL('./__WASM__', import.meta.url);
const STYLESHEET_URL = new URL('./__STYLESHEET__', import.meta.url);
const FRENCH_URL = new URL('./__FRENCH__', import.meta.url);
/** Each file's integrity (a release build's; scripts/seal-build.mjs). */
const INTEGRITY = __INTEGRITY__;
/** The widget's JS modules: the glue, and in a split build the split loader it imports. */
const MODULES = __MODULES__;
/** The wasm-bindgen glue once the widget's wasm is instantiated; started by the first mount. */
let loading;
/** Every widget on the page, so that a crash can replace them all: they share one wasm instance. */
const mounted = new Set();

watchForCrash(() => {
  loading?.then((glue) => glue.halt()).catch(() => {});
  for (const widget of mounted) widget.crash();
});

/**
 * Fetches the glue and the wasm side by side, each with its integrity (a host page names only this
 * file, so a static import of the glue would have the wasm wait a round trip for it). A failure
 * leaves nothing cached: the next mount tries again.
 */
function load() {
  const wasm = fetch(WASM_URL, checked(INTEGRITY, '__WASM__'));
  wasm.catch(() => {});
  const loaded = checkedModules(MODULES, INTEGRITY, import.meta.url)
    .then(() => import('./__GLUE__'))
    .then(async (glue) => {
      await glue.default({ module_or_path: wasm });
      return glue;
    });
  loaded.catch(() => { if (loading === loaded) loading = undefined; });
  return loaded;
}

function stylesheetLoaded(link) {
  return new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    // A missing stylesheet leaves the widget unstyled but usable.
    link.addEventListener('error', resolve, { once: true });
  });
}

/** Destroys a widget whose host element left the document, whether or not its handle was kept. */
const removals = new MutationObserver(() => {
  for (const widget of mounted) if (!widget.host.isConnected) widget.destroy();
});

const french = () => frenchCatalog(FRENCH_URL, INTEGRITY);

/**
 * The language a widget speaks: its `lang` option (the element's `lang` attribute), else the
 * host page's `<html lang>`, else the browser's languages, else English; one the widget speaks.
 */
const languageFor = (lang) => chooseLanguage(lang, document.documentElement.lang);

/**
 * Renders the widget into a shadow root of `host`. Options: baseUrl, auth ("token" | "proxy"),
 * token or getToken (async () => string), theme ("auto" | "light" | "dark"), capabilities
 * ("rotate reveal verify create edit delete" or any of them, or "none"; a string or an array;
 * everything by default), lang ("en", "fr", "fr-CA"…; else the page's `<html lang>`, else the
 * browser's). A bad option rejects, is logged to the console and is sent to the host
 * as an `ada-webhooks:error` event.
 * Resolves with { destroy(), setLang(lang) }: destroy() removes everything the widget added;
 * setLang() changes the language of the page's widgets in place. The widget stays until
 * destroy() or the host element's removal from the document, whether or not the result is kept.
 */
export async function mount(host, options = {}) {
  return mountWidget(host, options);
}

/**
 * mount(), for the host's script or for the element. An element's base URL comes from an attribute,
 * which HTML injected into the host page can write: a token from the host's `getToken` then goes
 * only to this page's origin or the one the host's script named in `tokenOrigin`.
 */
async function mountWidget(host, allOptions, { fromAttributes = false, tokenOrigin } = {}) {
  // The language is the loader's to set, for every widget of the page; the wasm's mount never sees it.
  // A `lang` that is not a tag the widget speaks is passed over, as an unknown `<html lang>` is.
  const { lang, ...options } = allOptions;
  const tag = languageFor(lang);
  // French known in advance: its catalog comes beside the wasm rather than after it, and the loader
  // speaks French as soon as it is in.
  const wordsReady = useLanguage(undefined, tag, french);
  const refusedOrigin = fromAttributes && options.auth !== 'proxy' && typeof options.getToken === 'function'
    && tokenRefusedOrigin(options.baseUrl, tokenOrigin);
  if (refusedOrigin) {
    throw Object.assign(new Error(say(TOKEN_ORIGIN, refusedOrigin)), { code: 'bad_option' });
  }
  const { options: mountOptions, earlyFirstPage } = requestFirstPageEarly(options);
  loading ??= load();
  const { shadow, link, container } = freshShadowRoot(host);
  // A later mount on the same host may have replaced this one's nodes already; leave those alone.
  const clearUnlessReplaced = () => container.parentNode === shadow && shadow.replaceChildren();
  let handle;
  // The widget's words inherit their language from here (screen readers pronounce them by it).
  container.lang = tag;
  const widget = {
    host,
    container,
    destroy() {
      mounted.delete(widget);
      if (!handle) return;
      handle.destroy();
      handle.free();
      handle = undefined;
      clearUnlessReplaced();
    },
    crash() {
      mounted.delete(widget);
      handle = undefined;
      if (container.parentNode === shadow) showCrash(container);
      host.dispatchEvent(new CustomEvent('ada-webhooks:error', { bubbles: true, composed: true, detail: crashEventDetail() }));
    },
    /** Speaks the language `newLang` asks for now (the element's `lang` changed, or setLang): every
     * widget of the page, which share one wasm. */
    setLang(newLang) {
      const newTag = languageFor(newLang);
      for (const other of mounted) other.container.lang = newTag;
      return loading?.then((started) => useLanguage(started, newTag, french));
    },
  };
  let glue;
  let offer;
  try {
    // The stylesheet loads while the wasm does, not after it.
    [glue, , offer] = await Promise.all([loading, stylesheetLoaded(link), earlyFirstPage]);
  } catch {
    clearUnlessReplaced();
    await wordsReady;
    throw Object.assign(new Error(say(LOAD_FAILED)), { code: 'load_failed' });
  }
  try {
    await useLanguage(glue, tag, french);
    handle = await glue.mount(container, mountOptions, offer);
  } catch (error) {
    if (isWidgetTrap(error)) {
      widget.crash();
      return { destroy() {} };
    }
    clearUnlessReplaced();
    // glue.mount refuses an option by name: the host hears of it however it mounted.
    const refused = Object.assign(error, { code: 'bad_option' });
    reportToHost(host, refused);
    throw refused;
  }
  mounted.add(widget);
  removals.observe(document, { childList: true, subtree: true });
  return { destroy: widget.destroy, setLang: widget.setLang };
}

/** Errors already logged and sent to the host, so that the element does not say them twice. */
const reported = new WeakSet();

/** Logs `error` to the console and sends it to the host page as an `ada-webhooks:error` event. */
function reportToHost(host, error) {
  if (reported.has(error)) return;
  reported.add(error);
  const message = String(error?.message ?? error);
  console.error(`ada-webhooks-admin: ${message}`);
  host.dispatchEvent(new CustomEvent('ada-webhooks:error', {
    bubbles: true,
    composed: true,
    detail: { status: null, code: error?.code ?? 'bad_option', message },
  }));
}

/** The host's shadow root emptied but for the widget's stylesheet and a container to render into. */
function freshShadowRoot(host) {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  if (INTEGRITY['__STYLESHEET__']) {
    link.integrity = INTEGRITY['__STYLESHEET__'];
    link.crossOrigin = 'anonymous';
  }
  link.href = STYLESHEET_URL.href;
  const container = document.createElement('div');
  shadow.replaceChildren(link, container);
  return { shadow, link, container };
}

/**
 * For a host that supplies a token (or a proxy), requests the first page of webhooks now, while the
 * wasm loads, instead of once the widget has mounted. Returns the options to mount with (a
 * `getToken` there hands the widget the token already asked for on its first call, so the host's
 * `getToken` is still called once at mount, and again only after a 401) and the early request.
 */
function requestFirstPageEarly(options) {
  const base = options.baseUrl;
  if (options.auth === 'proxy') return { options, earlyFirstPage: requestFirstPage(base) };
  if (options.auth !== undefined && options.auth !== 'token') return { options };
  const usable = (token) => (typeof token === 'string' && token.trim()) || undefined;
  if (typeof options.getToken !== 'function') {
    const key = usable(options.token);
    return { options, earlyFirstPage: key && requestFirstPage(base, key) };
  }
  const { getToken } = options;
  let first = Promise.resolve().then(() => getToken());
  // The offer resolves to the early request once the token is known, or to nothing.
  const earlyFirstPage = first.then((token) => {
    const key = usable(token);
    return key && requestFirstPage(base, key);
  }, () => undefined);
  return {
    options: {
      ...options,
      getToken() {
        const answer = first ?? getToken();
        first = undefined;
        return answer;
      },
    },
    earlyFirstPage,
  };
}

/**
 * <ada-webhooks-admin base-url="/api" auth="token|proxy" theme="auto|light|dark"
 * capabilities="rotate reveal verify create edit delete" lang="fr">. Set `getToken`
 * (an async function returning the token); it is write-only, so no other script can read the
 * host's token minter back from the element. Its token goes only to this page's origin unless the
 * script also sets `tokenOrigin` to the API's origin: attributes can come from injected HTML.
 */
class AdaWebhooksAdmin extends HTMLElement {
  static observedAttributes = ['base-url', 'auth', 'theme', 'capabilities', 'lang'];
  #getToken;
  #tokenOrigin;
  #mounted;
  #generation = 0;

  set getToken(getToken) {
    this.#getToken = getToken;
    this.#remount();
  }

  /** The API origin a token from getToken may go to besides this page's, e.g. https://acme.ada.support.
   * A property, never an attribute: only the host's script can name it. */
  set tokenOrigin(origin) {
    this.#tokenOrigin = origin;
    this.#remount();
  }

  get tokenOrigin() {
    return this.#tokenOrigin;
  }

  connectedCallback() {
    this.#remount();
  }

  disconnectedCallback() {
    this.#remount();
  }

  attributeChangedCallback(name) {
    // A new language re-renders the words of the widget in place: nothing typed or open is lost.
    if (name === 'lang' && this.#mounted) this.#mounted.setLang(this.getAttribute('lang') ?? undefined);
    else this.#remount();
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
        const mountedWidget = await mountWidget(this, {
          baseUrl: this.getAttribute('base-url') ?? undefined,
          auth: this.getAttribute('auth') ?? undefined,
          theme: this.getAttribute('theme') ?? undefined,
          capabilities: this.getAttribute('capabilities') ?? undefined,
          lang: this.getAttribute('lang') ?? undefined,
          getToken: this.#getToken,
        }, { fromAttributes: true, tokenOrigin: this.#tokenOrigin });
        if (generation === this.#generation) this.#mounted = mountedWidget;
        else mountedWidget.destroy();
      } catch (error) {
        if (generation !== this.#generation) return;
        // The element's own attributes, refused by name, or its files not loaded (which a second try
        // may mend): said in the element and to the host.
        const message = String(error?.message ?? error);
        const retry = error?.code === 'load_failed' ? () => this.#remount() : undefined;
        showMessage(freshShadowRoot(this).container, say(CANNOT_START, message), { retry });
        reportToHost(this, error);
      }
    });
  }
}

if (!customElements.get('ada-webhooks-admin')) customElements.define('ada-webhooks-admin', AdaWebhooksAdmin);
