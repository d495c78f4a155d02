// The loader's and start.js's own words, and the language the page's widgets speak. Each message is
// its English sentence, which is also its key in the French catalog (locales/fr/, as the wasm's words
// are; src/i18n.rs fails when one of these has no French there): the loader speaks French once it has
// the catalog, which it asks for as soon as French is chosen. A French page whose catalog could not
// be fetched hears these in English.

/** Said when the widget's own files could not be fetched or failed their integrity check. */
export const LOAD_FAILED = "The widget's files could not be loaded: the connection failed, a new version was deployed meanwhile, or a file was not the one this version was built with. Nothing of it ran.";
/** Said when the widget's wasm trapped (loader/crash-guard.js); also the crash event's message. */
export const CRASHED = "The widget stopped because of an internal error. Reload to continue; nothing else was sent to Ada.";
/** The button under a crash or a failed load. */
export const RELOAD = "Reload";
/** The button under a widget that could not start. */
export const TRY_AGAIN = "Try again";
/** An element whose options were refused, or whose files did not load: {0} says why. */
export const CANNOT_START = "This widget cannot start: {0}";
/** Sign in pressed on the standalone page before the wasm has started. */
export const LOADING = "Loading…";
/** The standalone page's title. */
export const TITLE = "Ada webhook secrets";
/** The standalone page's language switch. */
export const LANGUAGE = "Language";
/** A base-url attribute that would send getToken's token to another origin: {0} is that origin. */
export const TOKEN_ORIGIN = "base-url: the token from getToken goes only to this page's origin, or to the origin the page's script names in the element's tokenOrigin; {0} is neither. Set tokenOrigin from your script, or use auth=\"proxy\".";

/** The languages the widget speaks. */
export const LANGUAGES = ['en', 'fr'];

/** English → French, once the French catalog is in; empty while the page speaks English. */
let translations = new Map();

/** The language of `tag` (`fr-CA` → `fr`) when the widget speaks it. */
export function spoken(tag) {
  const [language] = String(tag).trim().toLowerCase().split(/[-_]/);
  return LANGUAGES.includes(language) ? language : undefined;
}

/**
 * The first of `tags` (each a BCP 47 tag, or empty) in a language the widget speaks, kept whole for
 * dates and numbers (`fr-CA`); the browser's preferred languages after them; English last.
 */
export function chooseLanguage(...tags) {
  const candidates = [...tags, ...navigator.languages];
  return candidates.find(spoken)?.trim() ?? 'en';
}

/**
 * The French catalog's pairs (locales/fr/ as the build ships it: an English line, then `= ` and its
 * French), as src/i18n.rs reads them.
 */
export function parseCatalog(text) {
  const pairs = new Map();
  let english;
  for (const line of text.split('\n')) {
    if (line.startsWith('= ')) {
      if (english !== undefined) pairs.set(english, line.slice(2));
      english = undefined;
    } else if (line && !line.startsWith('#')) english = line;
  }
  return pairs;
}

/** Says the loader's words in `tag`'s language from now on: French with `frenchCatalog`'s text. */
export function speak(tag, frenchCatalog) {
  translations = spoken(tag) === 'fr' && frenchCatalog ? parseCatalog(frenchCatalog) : new Map();
}

/** `message` in the page's language, its `{0}` (a message has one at most) filled with `value`. */
export function say(message, value) {
  return (translations.get(message) ?? message).replace('{0}', () => value);
}
