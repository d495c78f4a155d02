//! Drives a bulk rotation: asks the run what comes next, sends it at the session's pace, records the
//! answer, and tells the host of each rotation (`ada-webhooks:rotated`, never a secret). A 429 is
//! waited out (Ada did not perform it) and sent again; nothing else is ever sent twice. A reload
//! while it runs asks first; a session that ends while it runs leaves word of what was rotated.

use std::future::Future;

use leptos::prelude::*;

use super::super::announcer::Announcer;
use super::super::run_notice::InterruptedRun;
use super::{BulkState, Phase};
use crate::api::{ApiError, ErrorKind};
use crate::browser;
use crate::bulk::Step;
use crate::host_events::{HostEvent, HostEvents};
use crate::session::Session;

/// A run of 429s this long in a row fails the request rather than waiting on.
const MAX_RATE_LIMITED_IN_A_ROW: u32 = 6;

/// What starts (or continues) the run in `state`, made under the dialog's owner.
pub fn starter(state: RwSignal<BulkState>) -> impl Fn() + Copy + 'static {
    let session = expect_context::<Session>();
    let host_events = HostEvents::from_context();
    let announcer = Announcer::from_context();
    let interrupted = InterruptedRun::from_context();
    let unload = window_event_listener(leptos::ev::beforeunload, move |event| {
        if state.try_with_untracked(|state| matches!(state.phase, Phase::Running { .. }))
            == Some(true)
        {
            event.prevent_default();
        }
    });
    on_cleanup(move || {
        unload.remove();
        let stopped = state.try_with_untracked(|state| {
            matches!(state.phase, Phase::Running { .. }).then(|| state.run.rotated_and_not())
        });
        if let (Some(Some((rotated, not_rotated))), Some(interrupted)) = (stopped, interrupted) {
            interrupted.record(&rotated, &not_rotated);
        }
    });
    move || {
        state.update(|state| state.phase = Phase::Running { waiting: None });
        leptos::task::spawn_local(run(state, session, host_events, announcer));
    }
}

/// "Retry failed": the failed webhooks only, in the same table.
pub fn retry_failed(state: RwSignal<BulkState>, start: impl Fn()) {
    state.update(|state| {
        state.run.retry_failed();
    });
    start();
}

async fn run(
    state: RwSignal<BulkState>,
    session: Session,
    host_events: HostEvents,
    announcer: Announcer,
) {
    loop {
        let Some(step) = state.try_update(|state| {
            let step = state.run.next();
            state.run.start(step).then_some(step)
        }) else {
            return;
        };
        let Some(step) = step else {
            break;
        };
        let id = state.with_untracked(|state| match step {
            Step::Rotate(index) | Step::Fetch(index) => state.run.items()[index].id.clone(),
            Step::Done => unreachable!("a done step does not start"),
        });
        match step {
            Step::Rotate(index) => {
                let rotated = patiently(state, session, || {
                    let id = id.clone();
                    move |client: &crate::api::client::Client| client.rotate_secret(&id, None)
                })
                .await;
                if stopped_by_the_session(&rotated) {
                    return;
                }
                match rotated {
                    Ok(()) => {
                        let at = browser::now_iso();
                        state.update(|state| state.run.rotated(index, at.clone()));
                        host_events.emit(HostEvent::Rotated {
                            webhook_id: id.to_string(),
                            at,
                        });
                    }
                    Err(error) => state.update(|state| state.run.rotation_failed(index, error)),
                }
            }
            Step::Fetch(index) => {
                let fetched = patiently(state, session, || {
                    let id = id.clone();
                    move |client: &crate::api::client::Client| client.webhook_secret(&id)
                })
                .await;
                if stopped_by_the_session(&fetched) {
                    return;
                }
                state.update(|state| match fetched {
                    Ok(secret) => state.run.fetched(index, secret.key),
                    Err(error) => state.run.fetch_failed(index, error),
                });
            }
            Step::Done => {}
        }
    }
    let summary = state
        .try_update(|state| {
            state.phase = Phase::Finished;
            state.run.summary()
        })
        .unwrap_or_default();
    announcer.say(summary);
}

/// The session ended (signed out, idle, key rejected): the dialog goes with it, and its cleanup
/// records what was done.
fn stopped_by_the_session<T>(result: &Result<T, ApiError>) -> bool {
    matches!(result, Err(error) if matches!(error.kind(), ErrorKind::SignedOut | ErrorKind::Unauthorized))
}

/// One request at the session's pace; a 429 is waited out, with the countdown shown, and sent again.
async fn patiently<T, F, C>(
    state: RwSignal<BulkState>,
    session: Session,
    call: impl Fn() -> C,
) -> Result<T, ApiError>
where
    C: FnOnce(&crate::api::client::Client) -> F,
    F: Future<Output = Result<T, ApiError>>,
{
    let mut attempt = 0;
    loop {
        let result = session.paced_request(call()).await;
        match result {
            Err(error)
                if error.kind() == ErrorKind::RateLimited
                    && attempt < MAX_RATE_LIMITED_IN_A_ROW =>
            {
                attempt += 1;
                let wait_ms = session.back_off(&error, attempt);
                browser::count_down(wait_ms, |seconds| {
                    state.try_update(|state| {
                        state.phase = Phase::Running {
                            waiting: Some(seconds),
                        }
                    });
                })
                .await;
                state.try_update(|state| state.phase = Phase::Running { waiting: None });
            }
            other => return other,
        }
    }
}
