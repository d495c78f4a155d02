//! "Rotate N selected": a dialog that lists every selected webhook and asks for N typed to confirm,
//! then rotates them one after another at the session's pace with a progress bar and a Stop button,
//! and ends on a table of what happened to each ([`outcome`]) with "Retry failed". One signal holds
//! the whole run ([`BulkState`]); [`runner`] drives it. In the dialogs' chunk, with the rotate dialog.

mod outcome;
mod runner;

use leptos::either::EitherOf3;
use leptos::prelude::*;
use zeroize::Zeroizing;

use super::after_rotation::overlap;
use super::modal::Modal;
use super::rotate_dialog::may_have_rotated;
use super::text_field::TextField;
use super::verify_launcher::VerifyLauncher;
use crate::api::paths::WebhookId;
use crate::bulk::BulkRun;
use crate::embed_options::Capability;
use crate::i18n::{fill, number, plural, t, tr};
use crate::session::Session;
use outcome::OutcomeTable;

crate::lazy!(
    Dialogs,
    /// The bulk rotation dialog, from the dialogs' chunk: it serves the same capability as the
    /// rotate dialog, and one chunk rather than two saves the list's path the small shared chunks
    /// the two would split their common code into (docs/performance.md).
    pub async fn bulk_rotate_part(
        webhooks: Vec<(WebhookId, String, String)>,
        on_close: Callback<()>,
    ) -> Result<AnyView, ChunkUnavailable> {
        Ok(view! { <BulkRotateDialog webhooks on_close /> }.into_any())
    }
);

/// The dialog's screen: what the phase is, without a 429's countdown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Screen {
    Confirm,
    Running,
    Finished,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Confirm,
    /// Rotating; `waiting` is the seconds left of a 429's wait.
    Running {
        waiting: Option<u32>,
    },
    Finished,
}

/// Where the bulk rotation stands, and what happened to each webhook.
#[derive(Clone)]
struct BulkState {
    phase: Phase,
    run: BulkRun<Zeroizing<String>>,
}

#[component]
fn BulkRotateDialog(
    webhooks: Vec<(WebhookId, String, String)>,
    on_close: Callback<()>,
) -> impl IntoView {
    let count = webhooks.len();
    let session = expect_context::<Session>();
    let run = BulkRun::new(webhooks);
    let state = RwSignal::new(BulkState {
        phase: Phase::Confirm,
        run: match session.allows(Capability::Reveal) {
            true => run,
            false => run.without_secrets(),
        },
    });
    let typed = RwSignal::new(String::new());
    let confirmed = move || typed.with(|typed| typed.trim() == count.to_string());
    let start = runner::starter(state);
    let screen = Memo::new(move |_| {
        state.with(|state| match state.phase {
            Phase::Confirm => Screen::Confirm,
            Phase::Running { .. } => Screen::Running,
            Phase::Finished => Screen::Finished,
        })
    });
    // Escape while rotating stops the run rather than closing on it.
    let close = Callback::new(move |()| match screen.get_untracked() {
        Screen::Running => state.update(|state| state.run.stop()),
        _ => on_close.run(()),
    });
    let refetch = Callback::new(move |index| {
        let again = state.try_update(|state| state.run.refetch(index)) == Some(true);
        if again && screen.get_untracked() == Screen::Finished {
            start();
        }
    });
    let verifying = RwSignal::new(None::<(WebhookId, String)>);
    let verify = session
        .allows(Capability::Verify)
        .then(|| Callback::new(move |target| verifying.set(Some(target))));
    let title = Signal::derive(move || plural("Rotate {0} secret|Rotate {0} secrets", count));

    view! {
        <Modal title on_close=close>
            {move || match screen.get() {
                Screen::Confirm => EitherOf3::A(view! {
                    <p>{t("Each of these webhooks gets a new signing secret, one after another:")}</p>
                    <ul class="ada-bulk-targets">
                        {state.with_untracked(|state| state.run.items().iter().map(|item| view! {
                            <li><span class="ada-url">{item.url.clone()}</span> " " <span class="ada-muted">{item.description.clone()}</span></li>
                        }).collect_view())}
                    </ul>
                    <p class="ada-notice">{overlap}</p>
                    <form novalidate on:submit=move |event| { event.prevent_default(); if confirmed() { start(); } }>
                        <TextField label=Signal::derive(move || fill("Type {0} to confirm", &[&count])) value=typed inputmode="numeric" />
                        <div class="ada-dialog-buttons">
                            <button type="button" class="ada-button" on:click=move |_| on_close.run(())>{t("Cancel")}</button>
                            <button type="submit" class="ada-button ada-danger" disabled=move || !confirmed()>
                                {title}
                            </button>
                        </div>
                    </form>
                }),
                Screen::Running => EitherOf3::B(view! { <RunProgress state count refetch verify /> }),
                Screen::Finished => EitherOf3::C(view! {
                    <p class="ada-bulk-summary">{move || state.with(|state| state.run.summary())}</p>
                    <p class="ada-notice">{overlap}</p>
                    <OutcomeTable state refetch verify />
                    {move || {
                        let (failed, warn) = state.with(|state| (state.run.failed().count(), state.run.a_failure_may_have_rotated()));
                        (failed > 0).then(|| view! {
                            {warn.then_some(view! { <p class="ada-warning">{may_have_rotated}</p> })}
                            <button type="button" class="ada-button ada-danger" on:click=move |_| runner::retry_failed(state, start)>
                                {Signal::derive(move || fill("Retry failed ({0})", &[&number(failed)]))}
                            </button>
                        })
                    }}
                    <div class="ada-dialog-buttons">
                        <button type="button" class="ada-button ada-primary" autofocus on:click=move |_| on_close.run(())>{t("Done")}</button>
                    </div>
                }),
            }}
        </Modal>
        <VerifyLauncher target=verifying />
    }
}

/// While the run goes on: the progress bar, "k of N" (and a wait for the rate limit), the outcomes
/// so far and Stop, which lets the rotation in flight finish.
#[component]
fn RunProgress(
    state: RwSignal<BulkState>,
    count: usize,
    refetch: Callback<usize>,
    verify: Option<Callback<(WebhookId, String)>>,
) -> impl IntoView {
    view! {
        <progress
            aria-label=t("Rotating secrets")
            max=count
            value=move || state.with(|state| state.run.done())
        ></progress>
        <p class="ada-bulk-progress">
            {move || state.with(|state| {
                let (done, total) = (number(state.run.done()), number(count));
                match state.phase {
                    Phase::Running { waiting: Some(seconds) } => fill(
                        "{0} of {1} · Waiting for Ada's rate limit… ({2} s)",
                        &[&done, &total, &number(seconds as usize)],
                    ),
                    _ => fill("{0} of {1}", &[&done, &total]),
                }
            })}
        </p>
        <OutcomeTable state refetch verify />
        <div class="ada-dialog-buttons">
            <button
                type="button"
                class="ada-button"
                disabled=move || state.with(|state| state.run.is_stopping())
                on:click=move |_| state.update(|state| state.run.stop())
            >
                {move || if state.with(|state| state.run.is_stopping()) { tr("Stopping…") } else { tr("Stop") }}
            </button>
        </div>
    }
}
