//! The one place a secret's plaintext is shown: masked by default (only a `whsec_…abcd` hint
//! shows), revealed on request (one secret at a time in the widget), copied without revealing, and
//! hidden again after the auto-hide time, when the tab is hidden, or after a copy. Hidden means not
//! in the DOM. It keeps no copy: the secret stays with its one owner (a [`SecretSource`]: the secret
//! panel that fetched it, or the bulk run's row), read into a copy that is overwritten as soon as
//! it has been put into the text node or on the clipboard. The JS strings the browser makes of it
//! there are not Rust's to overwrite (docs/threat-model.md).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use leptos::either::Either;
use leptos::prelude::*;
use zeroize::Zeroizing;

use super::announcer::Announcer;
use crate::browser;
use crate::host_events::{HostEvent, HostEvents};
use crate::i18n::{fill, t, tr};
use crate::secret::masked_hint;
use crate::session::Session;
use crate::settings::duration_words;

/// Reads a shown secret from its one owner, into a copy overwritten when dropped; `None` once the
/// owner no longer has it.
pub type SecretSource = Callback<(), Option<Zeroizing<String>>>;

/// Which secret in the widget is revealed, if any: revealing one hides the others. The app provides
/// it; a secret shown without it would be one nothing hides, so [`SecretValue`] requires it.
#[derive(Clone, Copy)]
pub struct RevealedSecret(RwSignal<Option<usize>>);

impl RevealedSecret {
    pub fn provide() {
        provide_context(RevealedSecret(RwSignal::new(None)));
    }
}

#[component]
pub fn SecretValue(
    secret: SecretSource,
    /// For the host's `ada-webhooks:secret-revealed` event.
    webhook_id: String,
) -> impl IntoView {
    static NEXT_PANEL: AtomicUsize = AtomicUsize::new(1);
    let panel = NEXT_PANEL.fetch_add(1, Ordering::Relaxed);
    let announcer = Announcer::from_context();
    let host_events = HostEvents::from_context();
    let auto_hide_after = expect_context::<Session>().settings().secret_auto_hide;
    let RevealedSecret(revealed_panel) = expect_context::<RevealedSecret>();
    let hint = secret
        .run(())
        .map(|secret| masked_hint(&secret))
        .unwrap_or_default();
    // Whether the last copy worked, shown beside the button in the language of the moment.
    let copy_feedback = RwSignal::new(None::<bool>);
    let revealed = Memo::new(move |_| revealed_panel.get() == Some(panel));

    let hide = move |reason: &'static str| {
        if revealed.get_untracked() {
            revealed_panel.set(None);
            announcer.say(reason);
        }
    };
    on_cleanup(move || {
        if revealed_panel.try_get_untracked() == Some(Some(panel)) {
            revealed_panel.try_set(None);
        }
    });

    hide_when_due(revealed, hide, auto_hide_after);

    let copying = RwSignal::new(false);
    let copy = move |_| {
        if copying.get_untracked() {
            return;
        }
        copying.set(true);
        // Handed to the clipboard now, within the click: Safari refuses a write after it.
        let writing = secret.run(()).map(|text| browser::copy_to_clipboard(&text));
        leptos::task::spawn_local(async move {
            let copied = match writing {
                Some(writing) => writing.await,
                None => false,
            };
            let feedback = if copied {
                tr("Copied. The secret is on your clipboard.")
            } else {
                tr("Copy failed: the browser refused clipboard access. Reveal the secret and copy \
                    it by hand.")
            };
            copy_feedback.try_set(Some(copied));
            copying.try_set(false);
            if copied {
                hide(feedback);
            }
            announcer.say(feedback);
        });
    };

    let toggle = move |_| {
        if revealed.get_untracked() {
            hide(tr("The secret is hidden."));
        } else {
            revealed_panel.set(Some(panel));
            copy_feedback.set(None);
            host_events.emit(HostEvent::SecretRevealed {
                webhook_id: webhook_id.clone(),
            });
            announcer.say(fill(
                "The secret is revealed. It hides again after {0}.",
                &[&duration_words(auto_hide_after)],
            ));
        }
    };
    // The plaintext goes into the text node from a copy that is overwritten at once.
    let plain = NodeRef::<leptos::html::Code>::new();
    Effect::new(move |_| {
        if let (Some(code), Some(text)) = (plain.get(), secret.run(())) {
            code.set_text_content(Some(&text));
        }
    });

    view! {
        <div class="ada-secret-value">
            {move || match revealed.get() {
                true => Either::Left(view! { <code class="ada-secret-plain" node_ref=plain></code> }),
                false => Either::Right(view! {
                    <code class="ada-secret-masked">
                        <span aria-hidden="true">"•••••••• "</span>
                        <span>{hint.clone()}</span>
                        <span class="ada-visually-hidden">" " {t("(masked)")}</span>
                    </code>
                }),
            }}
        </div>
        <div class="ada-actions">
            <button type="button" class="ada-button" on:click=toggle>
                {move || if revealed.get() { tr("Hide secret") } else { tr("Reveal secret") }}
            </button>
            <button type="button" class="ada-button" disabled=move || copying.get() on:click=copy>
                {t("Copy secret")}
            </button>
            <span class="ada-copy-feedback">
                {Signal::derive(move || match copy_feedback.get() {
                    Some(true) => tr("Copied").to_owned(),
                    Some(false) => tr("Copy failed").to_owned(),
                    None => String::new(),
                })}
            </span>
        </div>
        <p class="ada-hint">
            {Signal::derive(move || fill(
                "Copy works while masked. A revealed secret hides again after {0}, when you switch \
                 tabs, and after copying.",
                &[&duration_words(auto_hide_after)],
            ))}
        </p>
    }
}

/// Hides a revealed secret after `after`, and at once when the tab is hidden.
fn hide_when_due(
    revealed: Memo<bool>,
    hide: impl Fn(&'static str) + Copy + 'static,
    after: Duration,
) {
    let auto_hide_timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        if let Some(timer) = auto_hide_timer.get_value() {
            timer.clear();
        }
        let timer = revealed
            .get()
            .then(|| {
                set_timeout_with_handle(
                    move || hide(tr("The secret was hidden again automatically.")),
                    after,
                )
                .ok()
            })
            .flatten();
        auto_hide_timer.set_value(timer);
    });
    let tab_listener = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if browser::tab_is_hidden() {
            hide(tr("The secret was hidden because the tab was hidden."));
        }
    });
    on_cleanup(move || {
        tab_listener.remove();
        if let Some(timer) = auto_hide_timer.try_get_value().flatten() {
            timer.clear();
        }
    });
}
