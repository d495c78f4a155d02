// Tells a crash instead of freezing. Release builds turn a panic into a bare WebAssembly trap: the
// widget would stop answering with no word, its state half-changed. The first trap from the widget's
// own wasm (a WebAssembly.RuntimeError, or a stack overflow, whose stack names one of its files),
// whether thrown from an event handler, a timer or a promise, stops every request the wasm would
// still send and replaces each widget with a short message and a reload button. Used by start.js and
// the loader.
//
// The widget's files share the build's hash, which every engine writes into the stack of an error
// from them: Chromium and Firefox with each wasm frame's URL (NAME-HASH_bg.wasm, NAME-HASH_chunk_3.wasm),
// WebKit (which gives wasm frames no URL) with the module name the build gives each file, ./HASH
// (scripts/name-wasm.mjs).

export const CRASH_MESSAGE = 'The widget stopped because of an internal error. Reload to continue; nothing else was sent to Ada.';
/** The `ada-webhooks:error` detail hosts receive for a crash. */
export const CRASH_EVENT_DETAIL = Object.freeze({ status: null, code: 'internal_error', message: CRASH_MESSAGE });

/** The build's hash, from the URL of its main wasm file (NAME-HASH_bg.wasm). */
export function buildHash(wasmUrl) {
  return new URL(wasmUrl).pathname.match(/-([0-9a-f]{16})_bg\.wasm$/)?.[1] ?? new URL(wasmUrl).pathname;
}

/**
 * Calls `onCrash(error)` once, for the first trap whose stack mentions `build` (the build's hash,
 * which the main wasm, its chunks and its glue share).
 */
export function watchForCrash(build, onCrash) {
  let crashed = false;
  const check = (error) => {
    if (crashed || !isWidgetTrap(error, build)) return false;
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

export function isWidgetTrap(error, build) {
  return isWasmFailure(error) && String(error.stack ?? '').includes(build);
}

/** A trap, or the stack running out (Chromium and WebKit: a RangeError; Firefox: InternalError). */
function isWasmFailure(error) {
  return error instanceof WebAssembly.RuntimeError
    || (error instanceof RangeError && /call stack/i.test(error.message))
    || (error?.name === 'InternalError' && /recursion/i.test(error.message));
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
