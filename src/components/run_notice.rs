//! What survives a bulk rotation that the session ended in the middle of (a sign-out, the idle
//! timeout, a rejected key): which webhooks were rotated before it stopped and which were not, said
//! above whatever the widget shows next until the person dismisses it. Nothing secret is kept.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct InterruptedRun(RwSignal<Option<String>>);

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
        let list = |urls: &[String]| {
            if urls.is_empty() {
                "none".to_owned()
            } else {
                urls.join(", ")
            }
        };
        self.0.try_set(Some(format!(
            "A bulk rotation stopped when the session ended. Rotated before it stopped: {}. Not \
             rotated: {}. The new secrets were not kept here: after signing in, use Show current \
             secret for each rotated webhook.",
            list(rotated),
            list(not_rotated)
        )));
    }
}

#[component]
pub fn RunNotice(interrupted: InterruptedRun) -> impl IntoView {
    move || {
        interrupted.0.get().map(|message| view! {
            <div class="ada-notice ada-run-notice" role="alert">
                <p>{message}</p>
                <button type="button" class="ada-button" on:click=move |_| interrupted.0.set(None)>"Dismiss"</button>
            </div>
        })
    }
}
