// Tells a crash instead of freezing. Release builds turn a panic into a bare WebAssembly trap: the
// widget would stop answering with no word, its state half-changed. The first trap from the widget's
// own wasm (a WebAssembly.RuntimeError whose stack names one of its files), whether thrown from an
// event handler, a timer or a promise, stops every request the wasm would still send and replaces
// each widget with a short message and a reload button. Used by start.js and the loader.

export const CRASH_MESSAGE = 'The widget stopped because of an internal error. Reload to continue; nothing else was sent to Ada.';
/** The `ada-webhooks:error` detail hosts receive for a crash. */
export const CRASH_EVENT_DETAIL = Object.freeze({ status: null, code: 'internal_error', message: CRASH_MESSAGE });

/**
 * Calls `onCrash(error)` once, for the first trap whose stack mentions `wasmFilePrefix` (the widget's
 * hashed wasm name without its suffix, which its chunks share).
 */
export function watchForCrash(wasmFilePrefix, onCrash) {
  let crashed = false;
  const check = (error) => {
    if (crashed || !isWidgetTrap(error, wasmFilePrefix)) return false;
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

export function isWidgetTrap(error, wasmFilePrefix) {
  return error instanceof WebAssembly.RuntimeError && String(error.stack ?? '').includes(wasmFilePrefix);
}

/** Replaces `container`'s content with the crash message and a reload button. */
export function showCrash(container) {
  showMessage(container, CRASH_MESSAGE, { reload: true });
}

/**
 * Replaces `container`'s content with `text` in the widget's own styles (built from text nodes),
 * announced as an alert, with a reload button when `reload` is set.
 */
export function showMessage(container, text, { reload = false } = {}) {
  const root = document.createElement('div');
  root.className = 'ada-webhooks';
  const card = document.createElement('div');
  card.className = 'ada-card ada-stopped';
  card.setAttribute('role', 'alert');
  const message = document.createElement('p');
  message.textContent = text;
  card.append(message);
  if (reload) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'ada-button ada-primary';
    button.textContent = 'Reload';
    button.addEventListener('click', () => location.reload());
    card.append(button);
  }
  root.append(card);
  container.replaceChildren(root);
}
