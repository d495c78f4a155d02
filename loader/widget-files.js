// The widget's own files, fetched only with their Subresource Integrity (scripts/seal-build.mjs
// names each by a hash of its bytes and records its integrity; scripts/write-entry-points.sh puts
// the record into the loader and start.js): the main wasm, the wasm-bindgen glue and the split
// loader it imports (which fetches the chunks with theirs). A file whose bytes are not the build's is refused by the
// browser before anything in it runs, and the widget says it could not be loaded (loader/messages.js:
// loadFailed). The French catalog is fetched the same way (loader/language.js). Debug builds
// record nothing, and fetch plainly.

/** The `fetch` options for `file`: its integrity, when the build recorded one. */
export function checked(integrity, file) {
  return integrity[file] ? { integrity: integrity[file] } : {};
}

/**
 * Resolves once each JS module in `files` (next to `base`) is in the page's module map, fetched with
 * its integrity, so that importing it afterwards runs exactly those bytes: an import can carry no
 * integrity of its own. Rejects, and nothing is imported, when one fails its check or its fetch.
 * WebKit ignores a module preload's integrity, so each module is also fetched with its integrity,
 * which every engine enforces; the module loader then finds the same response in the HTTP cache.
 */
export function checkedModules(files, integrity, base) {
  return Promise.all(files.flatMap((file) => {
    const url = new URL(`./${file}`, base).href;
    const preloaded = new Promise((resolve, reject) => {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      if (integrity[file]) link.integrity = integrity[file];
      link.href = url;
      link.addEventListener('load', resolve, { once: true });
      link.addEventListener('error', () => reject(new Error(`${file} was refused or could not be fetched`)), { once: true });
      document.head.append(link);
    });
    if (!integrity[file]) return [preloaded];
    const fetched = fetch(url, { integrity: integrity[file] }).then((response) => {
      if (!response.ok) throw new Error(`${file} could not be fetched`);
    });
    return [preloaded, fetched];
  }));
}
