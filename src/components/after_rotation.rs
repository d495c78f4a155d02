//! What follows a rotation, said where its new secret is shown: when it was rotated, what receivers
//! must do while the previous secret still verifies, and a way to check a delivery right away.

use leptos::prelude::*;

use crate::i18n::{date_time, t, tr};

/// What the overlap means for receivers. Ada documents no grace period; Svix, underneath, keeps the
/// previous secret valid for 24 hours. In a view, `{overlap}` follows the language.
pub fn overlap() -> &'static str {
    tr(
        "Until the previous secret expires (Svix's default is 24 hours after the rotation; Ada \
        documents none), your receivers must accept deliveries signed with either secret: switch \
        them to the new one now, and keep the old one only as a fallback.",
    )
}

#[component]
pub fn AfterRotation(
    /// ISO 8601, as sent in the host's `ada-webhooks:rotated` event.
    rotated_at: String,
    /// None when the host switched verifying off: no button.
    on_verify: Option<Callback<()>>,
) -> impl IntoView {
    let written = rotated_at.clone();
    view! {
        <div class="ada-after-rotation">
            <p>
                {t("Rotated at")} " "
                <time datetime=rotated_at>{Signal::derive(move || date_time(&written))}</time>
                ". " {overlap}
            </p>
            {on_verify.map(|on_verify| view! {
                <button type="button" class="ada-button" on:click=move |_| on_verify.run(())>
                    {t("Verify a delivery")}
                </button>
            })}
        </div>
    }
}
