//! The polite live region: every status change a sighted user sees is also said to screen readers.

use std::time::Duration;

use leptos::prelude::*;

/// Provided as context by the app; any component calls [`Announcer::say`].
#[derive(Clone, Copy)]
pub struct Announcer {
    message: RwSignal<String>,
}

impl Announcer {
    pub fn provide() -> Announcer {
        let announcer = Announcer {
            message: RwSignal::new(String::new()),
        };
        provide_context(announcer);
        announcer
    }

    pub fn from_context() -> Announcer {
        expect_context::<Announcer>()
    }

    /// Replaces the region's text. Clearing it first and writing on the next tick makes screen
    /// readers repeat a message that happens to equal the previous one ("Copied", twice).
    pub fn say(&self, text: impl Into<String>) {
        let text = text.into();
        let message = self.message;
        message.set(String::new());
        set_timeout(
            move || {
                message.try_set(text);
            },
            Duration::from_millis(30),
        );
    }

    /// The current text, for tests and for the visible status line.
    pub fn current(&self) -> String {
        self.message.get()
    }
}

#[component]
pub fn LiveRegion(announcer: Announcer) -> impl IntoView {
    view! {
        <div class="ada-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {Signal::<String>::from(announcer.message)}
        </div>
    }
}
