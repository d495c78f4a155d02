// A classic script the crash test loads before the widget: it keeps the exports of the first wasm
// instance the page makes (the widget's), and its "Make the widget trap" button calls one of them
// so that it traps (an allocation with an impossible alignment aborts), from the page's own event
// handler: an error thrown by a WebDriver script would reach that script, not the page.
const instantiate = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = async (...args) => {
  const result = await instantiate.apply(WebAssembly, args);
  window.widgetExports ??= result.instance.exports;
  return result;
};
addEventListener('DOMContentLoaded', () => {
  document.getElementById('trap').addEventListener('click', () => window.widgetExports.__wbindgen_malloc(8, 3));
});
