// The loader's own words (loader/messages.js): English in the code, French from the same catalog as
// the wasm's (src/i18n.rs checks every message has its French there), and the choice of language from
// the element, the page and the browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { CANNOT_START, LANGUAGES, chooseLanguage, parseCatalog, say, speak, spoken } from '../../loader/messages.js';

const LOCALES = new URL('../../locales/fr/', import.meta.url);
/** The French catalog as the build ships it (scripts/post-build.sh): the files one after the other. */
const catalog = readdirSync(LOCALES).sort().map((file) => readFileSync(new URL(file, LOCALES), 'utf8')).join('');

/** Runs `check` in a browser whose preferred languages are `languages`. */
function inBrowser(languages, check) {
  const before = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: { languages }, configurable: true });
  try {
    check();
  } finally {
    if (before) Object.defineProperty(globalThis, 'navigator', before);
    else delete globalThis.navigator;
  }
}

test('the language is the first one asked for that the widget speaks, kept whole for dates', () => inBrowser([], () => {
  assert.deepEqual(LANGUAGES, ['en', 'fr']);
  assert.equal(chooseLanguage('fr-CA', 'en'), 'fr-CA');
  assert.equal(chooseLanguage(undefined, 'FR'), 'FR');
  assert.equal(chooseLanguage('de', '', 'en-GB'), 'en-GB');
  assert.equal(spoken('fr_BE'), 'fr');
  assert.equal(spoken('de'), undefined);
  assert.equal(spoken(42), undefined);
}));

test('the browser\'s languages come after the element\'s and the page\'s, English last', () => {
  inBrowser(['de-DE', 'fr-FR'], () => {
    assert.equal(chooseLanguage(undefined, ''), 'fr-FR');
    assert.equal(chooseLanguage('en'), 'en');
  });
  inBrowser(['de-DE'], () => assert.equal(chooseLanguage(), 'en'));
});

test('the catalog reads as the wasm reads it: an English line, then its French', () => {
  const pairs = parseCatalog('# a comment\nSign in\n= Se connecter\n\nOrphan\nTry again\n= Réessayer\n');
  assert.deepEqual([...pairs], [['Sign in', 'Se connecter'], ['Try again', 'Réessayer']]);
  assert.ok(parseCatalog(catalog).size > 250);
});

test('messages follow the language spoken, with their values; English without a catalog', () => {
  speak('fr-CA', catalog);
  assert.equal(say(CANNOT_START, 'x'), 'Ce widget ne peut pas démarrer\u00a0: x');
  speak('fr');
  assert.equal(say(CANNOT_START, 'x'), 'This widget cannot start: x');
  speak('de', catalog);
  assert.equal(say(CANNOT_START, 'x'), 'This widget cannot start: x');
});

test('each message has one slot at most, which say() fills', async () => {
  const messages = Object.entries(await import('../../loader/messages.js')).filter(([, value]) => typeof value === 'string');
  assert.ok(messages.length >= 8);
  for (const [name, text] of messages) assert.doesNotMatch(text, /\{[1-9]\}/, name);
});
