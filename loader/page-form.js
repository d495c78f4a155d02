// The standalone page's HTML sign-in form (index.html), drawn before the wasm has started, handed to
// the Leptos form that replaces it (src/components/sign_in.rs) as a person would hand it over: what
// was typed goes into the new fields as input, the focus and the caret go where they were, and a Sign
// in pressed meanwhile is pressed again. So the wasm needs nothing of its own for it. The key passes
// from one field to the other and is kept nowhere else.

/** The form's fields, in the order both forms have them (tests/e2e/page-form.test.mjs). */
function fields(form) {
  const [baseUrl, apiKey, remember] = form.querySelectorAll('input');
  return { baseUrl, apiKey, remember };
}

/** The form's controls, whose order both forms share, for the focus. */
const controls = (form) => [...form.querySelectorAll('input, button')];

/**
 * Reads and removes the page's form from `container`: the typed base URL, key and "stay signed in",
 * whether Sign in was pressed (start.js's `holdEarlySignIn`), and the focused control with its
 * selection. Undefined when there was no form to take over (a remembered session hid it).
 */
export function takePageForm(container) {
  const form = container.querySelector('form');
  let taken;
  if (form && !form.hidden) {
    const { baseUrl, apiKey, remember } = fields(form);
    const focused = document.activeElement;
    taken = {
      baseUrl: baseUrl.value,
      apiKey: apiKey.value,
      remember: remember.checked,
      signInPressed: 'signInPressed' in form.dataset,
      focus: controls(form).indexOf(focused),
      selection: focused === baseUrl || focused === apiKey
        ? [focused.selectionStart, focused.selectionEnd, focused.selectionDirection] : undefined,
    };
    apiKey.value = '';
  }
  container.replaceChildren();
  return taken;
}

/** Sets `input`'s value as typing does: the input event the form listens to follows. */
function typeInto(input, value) {
  if (input.value === value) return;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Puts what `takePageForm` read into the wasm's sign-in form in `container`, once the new fields
 * hold their first values (Leptos sets them in a microtask just after drawing, before any keystroke
 * can arrive): the values, the focus and the caret, and a press of Sign in if there was one.
 */
export function handOver(container, taken) {
  const form = container.querySelector('form');
  if (!taken || !form) return;
  queueMicrotask(() => {
    const { baseUrl, apiKey, remember } = fields(form);
    typeInto(baseUrl, taken.baseUrl);
    typeInto(apiKey, taken.apiKey);
    if (remember && remember.checked !== taken.remember) remember.click();
    const focused = controls(form)[taken.focus];
    focused?.focus();
    if (taken.selection) focused.setSelectionRange(...taken.selection);
    if (taken.signInPressed) form.requestSubmit();
  });
}

/** The page's forms by language, once shown: the English one the page came with, kept for a switch back. */
const pageForms = {};
/** The language of the form shown: the page comes with its English one. */
let shownLanguage = 'en';

/**
 * Shows the page's form in `language` (index.html holds one per language: the English one in place,
 * the others in templates) instead of the one shown, with what was typed and the focus; nothing
 * when no form is offered (a remembered session hid it).
 */
export function pageFormIn(container, language) {
  const shown = container.firstElementChild;
  const form = shown?.querySelector('form');
  if (!form || form.hidden || language === shownLanguage) return;
  const twin = pageForms[language]
    ?? document.getElementById(`ada-page-form-${language}`)?.content.firstElementChild?.cloneNode(true);
  if (!twin) return;
  pageForms[shownLanguage] = shown;
  shownLanguage = language;
  const typed = takePageForm(container);
  container.replaceChildren(twin);
  handOver(container, typed);
}
