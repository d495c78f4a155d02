//! What survives a bulk rotation that the session ended in the middle of (a sign-out, the idle
//! timeout, a rejected key): which webhooks were rotated before it stopped and which were not, said
//! above whatever the widget shows next until the person dismisses it. Nothing secret is kept.

use leptos::prelude::*;

use crate::i18n::{fill, t, tr};

#[derive(Clone, Copy)]
/// The URLs rotated before the run stopped and those not rotated, each joined by commas.
pub struct InterruptedRun(RwSignal<Option<(String, String)>>);

impl InterruptedRun {
    pub fn provide() -> InterruptedRun {
        let interrupted = InterruptedRun(RwSignal::new(None));
        provide_context(interrupted);
        interrupted
    }

    pub fn from_context() -> Option<InterruptedRun> {
        use_context::<InterruptedRun>()
    }

    /// Records a run that stopped with `rotated` done and `not_rotated` left.
    pub fn record(self, rotated: &[String], not_rotated: &[String]) {
        self.0
            .try_set(Some((rotated.join(", "), not_rotated.join(", "))));
    }
}

#[component]
pub fn RunNotice(interrupted: InterruptedRun) -> impl IntoView {
    move || {
        interrupted.0.get().map(|(rotated, not_rotated)| {
            let none = || tr("none").to_owned();
            let message = fill(
                "A bulk rotation stopped when the session ended. Rotated before it stopped: {0}. Not \
                 rotated: {1}. The new secrets were not kept here: after signing in, use Show \
                 current secret for each rotated webhook.",
                &[
                    &Some(rotated).filter(|urls| !urls.is_empty()).unwrap_or_else(none),
                    &Some(not_rotated).filter(|urls| !urls.is_empty()).unwrap_or_else(none),
                ],
            );
            view! {
            <div class="ada-notice ada-run-notice" role="alert">
                <p>{message}</p>
                <button type="button" class="ada-button" on:click=move |_| interrupted.0.set(None)>{t("Dismiss")}</button>
            </div>
            }
        })
    }
}
