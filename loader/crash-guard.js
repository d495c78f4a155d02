// Tells a crash instead of freezing. Release builds turn a panic into a bare WebAssembly trap: the
// widget would stop answering with no word, its state half-changed. The first trap from the widget's
// own wasm (a WebAssembly.RuntimeError, or a stack overflow, whose stack names one of its files),
// whether thrown from an event handler, a timer or a promise, stops every request the wasm would
// still send and replaces each widget with a short message and a reload button. Used by start.js and
// the loader.
//
// Every engine writes the widget's name into the stack of an error from its wasm: Chromium and
// Firefox with each wasm frame's URL (ada-webhooks-admin-<hash>_bg.wasm, …_chunk_3.wasm), WebKit
// (which gives wasm frames no URL) with the module name the build gives each file,
// ./ada-webhooks-admin (scripts/name-wasm.mjs).

import { CRASHED, RELOAD, TRY_AGAIN, say } from './messages.js';

/** The `ada-webhooks:error` detail hosts receive for a crash, its message in the page's language. */
export function crashEventDetail() {
  return { status: null, code: 'internal_error', message: say(CRASHED) };
}

/** What names the widget's wasm in an error's stack, in every engine. */
export const WIDGET_MARK = 'ada-webhooks-admin';

/** Calls `onCrash(error)` once, for the first trap or stack overflow of the widget's wasm. */
export function watchForCrash(onCrash) {
  let crashed = false;
  const check = (error) => {
    if (crashed || !isWidgetTrap(error)) return false;
    crashed = true;
    onCrash(error);
    return true;
  };
  const onError = (event) => { if (check(event.error)) event.preventDefault(); };
  const onRejection = (event) => { if (check(event.reason)) event.preventDefault(); };
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return check;
}

export function isWidgetTrap(error) {
  return isWasmFailure(error) && String(error?.stack ?? '').includes(WIDGET_MARK);
}

/** A trap, or the stack running out (Chromium and WebKit: a RangeError; Firefox: InternalError). */
function isWasmFailure(error) {
  return error instanceof WebAssembly.RuntimeError
    || (error instanceof RangeError && /call stack/i.test(error.message))
    || (error?.name === 'InternalError' && /recursion/i.test(error.message));
}

/** Replaces `container`'s content with the crash message and a reload button. */
export function showCrash(container) {
  showMessage(container, say(CRASHED), { reload: true });
}

/**
 * Replaces `container`'s content with `text` in the widget's own styles (built from text nodes),
 * announced as an alert, with a reload button when `reload` is set, or a "Try again" button that
 * calls `retry`.
 */
export function showMessage(container, text, { reload = false, retry } = {}) {
  const root = document.createElement('div');
  root.className = 'ada-webhooks';
  const card = document.createElement('div');
  card.className = 'ada-card ada-stopped';
  card.setAttribute('role', 'alert');
  const message = document.createElement('p');
  message.textContent = text;
  card.append(message);
  if (reload || retry) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'ada-button ada-primary';
    button.textContent = say(retry ? TRY_AGAIN : RELOAD);
    button.addEventListener('click', () => (retry ? retry() : location.reload()));
    card.append(button);
  }
  root.append(card);
  container.replaceChildren(root);
}
