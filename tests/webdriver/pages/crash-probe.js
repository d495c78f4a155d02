// Fails a wasm module the way `?case=` says, in this engine, with the widget's crash guard
// (loader/crash-guard.js) watching: the case's failure ends uncaught, as a widget's trap from an
// event handler, a timer or a promise would. `window.probe` says what the guard made of it.
import { isWidgetTrap, watchForCrash } from '/loader/crash-guard.js';

const params = new URLSearchParams(location.search);

// With `slowly`, the files arrive a few bytes at a time, as over a slow network.
const folder = params.has('slowly') ? '/probe-slowly/' : '/probe/';
const load = async (file) => (await WebAssembly.instantiateStreaming(fetch(`${folder}${file}`))).instance.exports;
// Named as the build names the widget's files (scripts/name-wasm.mjs); the host's is another module.
const widget = await load('ada-webhooks-admin-0123456789abcdef_bg.wasm');
const host = await load('host-app.wasm');

const CASES = {
  'widget-trap-from-timer': () => setTimeout(() => widget.trap()),
  'widget-overflow-from-timer': () => setTimeout(() => widget.recurse(0)),
  'widget-trap-in-promise': () => Promise.resolve().then(() => widget.trap()),
  'widget-trap-from-event': () => {
    const button = document.createElement('button');
    button.addEventListener('click', () => widget.trap());
    document.body.append(button);
    button.click();
  },
  'host-trap-from-timer': () => setTimeout(() => host.trap()),
  'host-overflow-from-timer': () => setTimeout(() => host.recurse(0)),
  'host-range-error': () => setTimeout(() => new Array(-1)),
};

const probe = { crashed: null, uncaught: [], stacks: [] };
// The start of the stack is enough to see how the engine names the frames (an overflow's has hundreds).
const described = (error) => `${error?.constructor?.name}: ${String(error?.stack).slice(0, 400)}`;
window.probe = probe;
// What reached the page at all, so that a case the guard ignores is known to have failed; each with
// its stack, for the report of a case the guard got wrong.
const heard = (error, fallback) => {
  probe.uncaught.push(String(error?.name ?? fallback));
  probe.stacks.push(`uncaught ${described(error)}`);
};
window.addEventListener('error', (event) => heard(event.error, event.message));
window.addEventListener('unhandledrejection', (event) => heard(event.reason, event.reason));
watchForCrash((error) => { probe.crashed = error.name; });

// The same errors caught where they are thrown, for isWidgetTrap alone.
const thrown = (run) => {
  try {
    run();
  } catch (error) {
    probe.stacks.push(`caught ${described(error)}`);
    return error;
  }
  return undefined;
};
probe.caught = {
  widgetTrap: isWidgetTrap(thrown(() => widget.trap())),
  widgetOverflow: isWidgetTrap(thrown(() => widget.recurse(0))),
  hostTrap: isWidgetTrap(thrown(() => host.trap())),
  hostOverflow: isWidgetTrap(thrown(() => host.recurse(0))),
  rangeError: isWidgetTrap(thrown(() => new Array(-1))),
  fine: isWidgetTrap(thrown(() => widget.fine())),
};

// How long the widget's file took to arrive, so that a test can tell it arrived slowly.
probe.widgetArrivalMs = performance.getEntriesByType('resource')
  .find((entry) => entry.name.endsWith('_bg.wasm'))?.duration ?? null;

const name = params.get('case');
if (name) CASES[name]();
document.getElementById('state').textContent = 'ready';
