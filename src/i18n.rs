//! The words the widget says, in the reader's language. English is the code's own text: every
//! sentence a person sees or hears is written in English where it is used and goes through [`tr`]
//! ([`t`] for text that stays in a view, [`fill`] for a sentence with values in it, [`plural`] for
//! a count), and the French catalog (`locales/fr/*.txt`, one file per screen, shipped as one file
//! that the loader fetches only when French is chosen, so English pages never download it) gives
//! each English sentence its French.
//!
//! A catalog entry is two lines, the English sentence then `= ` and its translation; `{0}`, `{1}`
//! stand for values, and a plural holds its forms as `one|other`. The tests here fail when the code
//! says a sentence the catalog lacks, or the catalog holds one the code no longer says.
//!
//! One language per page: every widget on a page speaks the one chosen last. Dates and numbers are
//! written by the browser's `Intl` in the chosen language tag (`fr-CA`, `en-GB`), so no month
//! names or digit rules live in the wasm.

use std::cell::RefCell;
use std::fmt::Display;

/// A language the widget speaks: its catalog, and the tag dates and numbers are written in.
struct Language {
    /// English → French, in the catalog's order; empty for English.
    french: Vec<(&'static str, &'static str)>,
    /// As chosen (`fr-CA`), for `Intl`.
    tag: String,
}

thread_local! {
    static LANGUAGE: RefCell<Language> = RefCell::new(Language { french: Vec::new(), tag: "en".into() });
    /// Text that reads the language re-renders when it changes.
    #[cfg(target_arch = "wasm32")]
    static CHANGED: leptos::prelude::ArcTrigger = leptos::prelude::ArcTrigger::new();
}

/// Speaks French from now on with `french_catalog` (the text of the build's French catalog), else
/// English, writing dates and numbers as `tag` (`fr-CA`, `en-GB`) does; the loader, which chose the
/// language, gives the catalog exactly when it is French. Text already shown follows.
pub fn use_language(tag: &str, french_catalog: Option<&str>) {
    let french = french_catalog.map(parse_catalog).unwrap_or_default();
    LANGUAGE.with(|language| {
        *language.borrow_mut() = Language {
            french,
            tag: tag.to_owned(),
        }
    });
    #[cfg(target_arch = "wasm32")]
    CHANGED.with(leptos::prelude::Notify::notify);
}

/// The chosen language's tag, for `Intl`.
pub fn language_tag() -> String {
    track();
    LANGUAGE.with(|language| language.borrow().tag.clone())
}

fn track() {
    #[cfg(target_arch = "wasm32")]
    CHANGED.with(leptos::prelude::Track::track);
}

/// `english` in the chosen language.
pub fn tr(english: &'static str) -> &'static str {
    // A search in order, not a sorted table's: a few hundred short comparisons per lookup cost
    // less than a sort's code costs the first load.
    track();
    LANGUAGE.with(|language| {
        language
            .borrow()
            .french
            .iter()
            .find(|(key, _)| *key == english)
            .map_or(english, |(_, french)| french)
    })
}

/// Marks `english` as a sentence of the catalog that a [`tr`] or [`fill`] elsewhere says: a
/// `match` whose arms each name a sentence says the one chosen once (`tr(match kind { A =>
/// en(…), … })`), which is less code than a `tr` in every arm.
pub const fn en(english: &'static str) -> &'static str {
    english
}

/// `english` in the chosen language with `{0}`, `{1}`… replaced by `values`.
pub fn fill(english: &'static str, values: &[&dyn Display]) -> String {
    substitute(tr(english), values)
}

/// `forms` (`"{0} webhook|{0} webhooks"`) in the chosen language, the form that fits `count`
/// (French counts 0 and 1 as one, English only 1), with `{0}` the count as the language writes it.
pub fn plural(forms: &'static str, count: usize) -> String {
    let forms = tr(forms);
    let one = if LANGUAGE.with(|language| !language.borrow().french.is_empty()) {
        count < 2
    } else {
        count == 1
    };
    let (singular, other) = forms.split_once('|').unwrap_or((forms, forms));
    substitute(if one { singular } else { other }, &[&number(count)])
}

fn substitute(template: &str, values: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let slot = after
            .split_once('}')
            .and_then(|(index, tail)| Some((values.get(index.parse::<usize>().ok()?)?, tail)));
        match slot {
            Some((value, tail)) => {
                out.push_str(&value.to_string());
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `count` as the chosen language writes numbers (`1,234`, `1 234`).
pub fn number(count: usize) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::Number::from(count as f64).to_locale_string(&language_tag()))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        count.to_string()
    }
}

/// An ISO 8601 timestamp as the chosen language writes a date and time, in the reader's time zone
/// with its name (`12 mars 2026, 10:00 UTC`); anything the browser cannot read as a date is returned
/// unchanged, so nothing Ada sends is hidden. Outside a browser, always unchanged.
pub fn date_time(iso: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let date = js_sys::Date::new(&iso.into());
        if date.get_time().is_nan() {
            return iso.to_owned();
        }
        let options = js_sys::JSON::parse(
            r#"{"day":"numeric","month":"short","year":"numeric","hour":"2-digit","minute":"2-digit","timeZoneName":"short"}"#,
        )
        .unwrap_or_default();
        String::from(date.to_locale_string(&language_tag(), &options))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        iso.to_owned()
    }
}

/// Text that stays in a view (as a child, an attribute or a component's label) and follows the
/// language. A `Signal<String>`, like every other text a view derives, so that all of them share
/// one rendering code.
#[cfg(target_arch = "wasm32")]
pub fn t(english: &'static str) -> leptos::prelude::Signal<String> {
    leptos::prelude::Signal::derive(move || tr(english).to_owned())
}

/// The catalog's pairs, in its order. Its text lives as long as the page: a page loads it once.
fn parse_catalog(text: &str) -> Vec<(&'static str, &'static str)> {
    let text: &'static str = Box::leak(text.into());
    let mut pairs = Vec::new();
    let mut english = None;
    for line in text.split('\n') {
        if let Some(french) = line.strip_prefix("= ") {
            if let Some(english) = english.take() {
                pairs.push((english, french));
            }
        } else if !line.is_empty() && !line.starts_with('#') {
            english = Some(line);
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    /// The French catalog as the build ships it: `locales/fr/*.txt` one after the other, by name.
    fn french() -> &'static str {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/fr");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        files.sort();
        let text: String = files
            .iter()
            .map(|file| std::fs::read_to_string(file).unwrap() + "\n")
            .collect();
        Box::leak(text.into_boxed_str())
    }

    /// Every sentence the code passes to `tr`, `t`, `fill`, `plural` or marks with `en`, read from
    /// the source, and
    /// the loader's own messages (`export const NAME = "…";` in loader/messages.js).
    fn sentences_in_code() -> BTreeSet<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let loader = std::fs::read_to_string(root.join("loader/messages.js")).unwrap();
        let mut found: BTreeSet<String> = loader
            .lines()
            .filter(|line| line.starts_with("export const ") && line.ends_with("\";"))
            .filter_map(|line| Some(rust_string(line.split_once(" = \"")?.1)))
            .collect();
        assert!(found.len() >= 8, "the loader's messages were not found");
        for (_, code) in crate::source_rules::rust_sources("") {
            found.extend(catalog_calls(&code));
        }
        found
    }

    /// The string literals that open a call to one of the catalog's functions.
    fn catalog_calls(source: &str) -> Vec<String> {
        let mut found = Vec::new();
        for name in ["tr(", "t(", "fill(", "plural(", "en("] {
            for (at, _) in source.match_indices(name) {
                let before = source[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                    continue;
                }
                if let Some(literal) = source[at + name.len()..].trim_start().strip_prefix('"') {
                    found.push(rust_string(literal));
                }
            }
        }
        found
    }

    /// The value of a Rust string literal whose opening quote is just before `literal`.
    fn rust_string(literal: &str) -> String {
        let mut value = String::new();
        let mut chars = literal.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => return value,
                '\\' => match chars.next() {
                    Some('\n') => {
                        while chars.peek().is_some_and(|c| c.is_whitespace()) {
                            chars.next();
                        }
                    }
                    Some('n') => value.push('\n'),
                    Some(other) => value.push(other),
                    None => break,
                },
                c => value.push(c),
            }
        }
        panic!("unterminated string literal: {value}");
    }

    fn catalog_pairs() -> Vec<(&'static str, &'static str)> {
        parse_catalog(french())
    }

    fn slots(text: &str) -> BTreeSet<&str> {
        text.match_indices('{')
            .filter_map(|(at, _)| Some(&text[at..=at + text[at..].find('}')?]))
            .collect()
    }

    #[test]
    fn every_sentence_in_the_code_is_in_the_french_catalog_and_no_other() {
        let in_code = sentences_in_code();
        assert!(
            in_code.len() > 50,
            "the scan found only {} sentences",
            in_code.len()
        );
        let in_catalog: BTreeSet<String> = catalog_pairs()
            .iter()
            .map(|(english, _)| (*english).to_owned())
            .collect();
        let missing: Vec<_> = in_code.difference(&in_catalog).collect();
        let unused: Vec<_> = in_catalog.difference(&in_code).collect();
        assert!(missing.is_empty(), "not in locales/fr/: {missing:#?}");
        assert!(
            unused.is_empty(),
            "in locales/fr/ but said nowhere: {unused:#?}"
        );
    }

    #[test]
    fn the_catalog_holds_each_sentence_once() {
        let mut pairs = catalog_pairs();
        pairs.sort_unstable();
        let repeated: Vec<_> = pairs
            .windows(2)
            .filter(|pair| pair[0].0 == pair[1].0)
            .collect();
        assert!(repeated.is_empty(), "{repeated:?}");
        let lines = french()
            .lines()
            .filter(|line| line.starts_with("= "))
            .count();
        assert_eq!(lines, pairs.len(), "a translation without its English line");
    }

    #[test]
    fn translations_keep_their_values_and_plural_forms() {
        for (english, french) in catalog_pairs() {
            assert_eq!(slots(english), slots(french), "{english} → {french}");
            assert_eq!(
                english.matches('|').count(),
                french.matches('|').count(),
                "{english} → {french}"
            );
            assert!(!french.trim().is_empty(), "{english} has no French");
            assert_eq!(french.trim(), french, "spaces around {french:?}");
        }
    }

    /// French sets « ; : ! ? » and the inside of « » apart with a no-break space (narrow or not),
    /// so that they never start a line.
    #[test]
    fn french_punctuation_has_its_no_break_spaces() {
        for (_, french) in catalog_pairs() {
            let chars: Vec<char> = french.chars().collect();
            for (at, &c) in chars.iter().enumerate() {
                let before = at.checked_sub(1).map(|at| chars[at]);
                let after = chars.get(at + 1).copied();
                let needs_space = match c {
                    ';' | '!' | '?' | '»' => true,
                    // Not the colon of a URL or a time.
                    ':' => after.is_none_or(char::is_whitespace),
                    _ => false,
                };
                if needs_space {
                    assert!(
                        matches!(before, Some('\u{202F}' | '\u{A0}')),
                        "no no-break space before {c:?} in {french:?}"
                    );
                }
                if c == '«' {
                    assert!(
                        matches!(after, Some('\u{202F}' | '\u{A0}')),
                        "no no-break space after « in {french:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn english_is_the_code_itself_and_french_comes_from_the_catalog() {
        use_language("en-GB", None);
        assert_eq!(tr("Sign in"), "Sign in");
        assert_eq!(language_tag(), "en-GB");
        use_language("fr-CA", Some(french()));
        assert_eq!(tr("Sign in"), "Se connecter");
        assert_eq!(language_tag(), "fr-CA");
        use_language("en", None);
        assert_eq!(tr("Sign in"), "Sign in");
    }

    #[test]
    fn values_fill_their_slots_in_the_translations_order() {
        assert_eq!(substitute("{1} of {0}", &[&3, &"ten"]), "ten of 3");
        assert_eq!(substitute("{x} {9} {", &[&1]), "{x} {9} {");
    }

    #[test]
    fn french_counts_zero_and_one_as_singular_and_english_only_one() {
        let forms = "{0} minute|{0} minutes";
        assert_eq!(plural(forms, 0), "0 minutes");
        assert_eq!(plural(forms, 1), "1 minute");
        use_language("fr", Some(french()));
        assert_eq!(plural(forms, 0), "0 minute");
        assert_eq!(plural(forms, 1), "1 minute");
        assert_eq!(plural(forms, 2), "2 minutes");
        use_language("en", None);
    }
}
