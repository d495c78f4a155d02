// Sets the language the page's widgets speak (loader/messages.js says how it is chosen): the wasm's
// words through its useLanguage export and the loader's own, with the French catalog for French.
// The catalog is fetched once per page, with its integrity (a swapped catalog could put any words in
// the widget's mouth), and only when French is wanted; English pages never ask for it.
import { speak, spoken } from './messages.js';
import { checked } from './widget-files.js';

let french;
let latest = 0;

/** The French catalog's text, fetched once (again after a failure), with its integrity when built. */
export function frenchCatalog(url, integrity) {
  french ??= fetch(url, checked(integrity, url.pathname.split('/').pop()))
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.text();
    });
  french.catch(() => { french = undefined; });
  return french;
}

/**
 * Makes the loader and the wasm (`glue`, once started) speak `tag`'s language; `catalog()` gives the
 * French catalog's text. When several changes overlap, the last one wins. A catalog that cannot be
 * fetched leaves the language as it was, and says why in the console. Never rejects.
 */
export async function useLanguage(glue, tag, catalog) {
  const change = ++latest;
  try {
    const text = spoken(tag) === 'fr' ? await catalog() : undefined;
    if (change !== latest) return;
    glue?.useLanguage(tag, text);
    speak(tag, text);
  } catch (error) {
    console.warn('ada-webhooks-admin: no French catalog', error);
  }
}
