// The standalone page's entry (index.html loads it; scripts/write-entry-points.sh fills in this
// build's file names and their integrity). Host pages use the loader instead and never run this.
// The glue is imported only once it has passed its integrity check (loader/widget-files.js).
import { showCrash, showMessage, watchForCrash } from './crash-guard.js';
import { requestFirstPage } from './early-first-page.js';
import { frenchCatalog, useLanguage } from './language.js';
import { LANGUAGE, LOADING, LOAD_FAILED, TITLE, chooseLanguage, say, spoken } from './messages.js';
import { handOver, pageFormIn, takePageForm } from './page-form.js';
import { checked, checkedModules } from './widget-files.js';

// Both as src/session.rs and src/settings.rs have them (a native test reads these lines).
const REMEMBERED_SESSION_KEY = 'ada-webhooks-admin:session';
const IDLE_TIMEOUT_MS = 15 * 60 * 1000;
/** Each file's integrity (a release build's; scripts/seal-build.mjs). */
const INTEGRITY = __INTEGRITY__;
/** The widget's JS modules: the glue, and in a split build the split loader it imports. */
const MODULES = __MODULES__;

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

/**
 * Holds a Sign in pressed on the page's HTML form (index.html) before the wasm has started: the form
 * says "Loading…", and the Leptos form that takes it over (loader/page-form.js) signs in with what was
 * typed. Nothing is sent, and nothing leaves the fields, before then.
 */
const held = new WeakSet();
function holdEarlySignIn(form) {
  if (!form || held.has(form)) return;
  held.add(form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    form.dataset.signInPressed = '';
    form.setAttribute('aria-busy', 'true');
    const button = form.querySelector('button[type=submit]');
    if (button) button.textContent = say(LOADING);
  });
}

/** Resolves once the page has been drawn (or soon, in a tab that draws nothing while hidden). */
function afterFirstPaint() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 100);
  });
}

/** The first page of a remembered session, asked for now; the key is not kept here afterwards. */
function requestRememberedFirstPage() {
  const remembered = rememberedSession();
  return remembered && requestFirstPage(remembered.base, remembered.key);
}

/**
 * Starts the widget in place of the page's form, in one task from reading the form to the Leptos
 * form holding what was typed (nothing typed in between), keeping nothing typed here afterwards.
 */
function startWidget(glue) {
  const typed = takePageForm(container);
  glue.standalone(container, earlyFirstPage);
  handOver(container, typed);
}

const french = () => frenchCatalog(new URL('./__FRENCH__', import.meta.url), INTEGRITY);

/**
 * The page in `tag`'s language at once, from the page alone: its `lang` (which the widget inherits),
 * the switch's value, and its sign-in form until the wasm has started (`glue`).
 */
function showLanguage(tag, glue) {
  if (!glue) {
    pageFormIn(container, spoken(tag));
    holdEarlySignIn(container.querySelector('form'));
  }
  document.documentElement.lang = tag;
  if (languageSwitch) languageSwitch.value = spoken(tag);
}

/**
 * The words that need the catalog in French: the page's title, the switch's label, the loader's
 * messages, and the widget's once it has started (`glue`).
 */
function speakLanguage(glue) {
  return useLanguage(glue, language, french).then(() => {
    document.title = say(TITLE);
    if (languageSwitch) languageSwitch.labels[0].textContent = say(LANGUAGE);
  });
}

const earlyFirstPage = requestRememberedFirstPage();
const container = document.getElementById('ada-webhooks-admin');
// The browser's language, until the person picks one with the page's switch (index.html).
const languageSwitch = document.getElementById('ada-page-language');
let language = chooseLanguage();
let started;
if (earlyFirstPage) {
  // A remembered session opens on the list: the page's sign-in form is not offered.
  const pageForm = container.querySelector('form');
  if (pageForm) pageForm.hidden = true;
}
showLanguage(language);
let languageSpoken;
languageSwitch?.addEventListener('change', () => {
  language = languageSwitch.value;
  showLanguage(language, started);
  languageSpoken = speakLanguage(started);
});
if (!earlyFirstPage) {
  // The form is drawn from the page alone (in either language); the widget's files, the French
  // catalog among them, come after, never sharing a slow link with the page's first drawing.
  await afterFirstPaint();
}
languageSpoken ??= speakLanguage();
let glue;
try {
  const wasm = fetch(new URL('./__WASM__', import.meta.url), checked(INTEGRITY, '__WASM__'));
  // Its failure is the glue's to report, below, not an unhandled rejection meanwhile.
  wasm.catch(() => {});
  await checkedModules(MODULES, INTEGRITY, import.meta.url);
  const imported = await import('./__GLUE__');
  await imported.default({ module_or_path: wasm });
  // Only a glue whose wasm started can start the widget.
  glue = imported;
} catch {
  // Nothing of the widget has run: say so (in the page's language once its words are in), and
  // offer to try again.
  await languageSpoken;
  showMessage(container, say(LOAD_FAILED), { reload: true });
}
if (glue) {
  watchForCrash(() => {
    try { glue.halt(); } catch { /* the wasm may be beyond answering; the page is replaced anyway */ }
    showCrash(container);
  });
  // A switch made while the language is applied applies its own (loader/language.js: the last wins).
  started = glue;
  await speakLanguage(glue);
  startWidget(glue);
}
