//! Drives a bulk rotation: asks the run what comes next, sends it under the session's policy for
//! background work ([`Session::patiently`]: its pace, a 429 waited out and sent again, since Ada did
//! not perform it), records the answer, and tells the host of each rotation
//! (`ada-webhooks:rotated`, never a secret). Nothing else is ever sent twice. Stop means no further
//! rotation, whatever the run is doing: waiting for the pace or out a 429, nothing more is sent (the
//! request in flight finishes, and a webhook it rotated still gets its secret). A reload while it
//! runs asks first; a session that ends while it runs leaves word of what was rotated.

use leptos::prelude::*;

use super::super::announcer::Announcer;
use super::super::run_notice::InterruptedRun;
use super::{BulkState, Phase};
use crate::browser;
use crate::bulk::Step;
use crate::host_events::{HostEvent, HostEvents};
use crate::session::{Patience, Patient, Session};

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
    let on_wait = |waiting: Option<u32>| {
        state.try_update(|state| state.phase = Phase::Running { waiting });
    };
    // Stop, or the dialog gone: no further rotation.
    let stopped = || {
        state
            .try_with_untracked(|state| state.run.is_stopping())
            .unwrap_or(true)
    };
    // A rotated webhook's secret is fetched even after Stop, while the dialog is there.
    let gone = || state.try_with_untracked(|_| ()).is_none();
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
        let (Step::Rotate(index) | Step::Fetch(index)) = step else {
            unreachable!("a done step does not start")
        };
        let id = state.with_untracked(|state| state.run.items()[index].id.clone());
        if let Step::Rotate(_) = step {
            let patience = Patience {
                paced: true,
                on_wait: &on_wait,
                stop: &stopped,
            };
            let rotated = session
                .patiently(patience, || session.rotate_secret(id.clone(), None))
                .await;
            match rotated {
                Patient::Stopped => state.update(|state| state.run.not_sent(index)),
                // The session ended: the dialog goes with it, and its cleanup records what was done.
                Patient::Answered(Err(error)) if error.ends_session() => return,
                Patient::Answered(Ok(())) => {
                    let at = browser::now_iso();
                    state.update(|state| state.run.rotated(index, at.clone()));
                    host_events.emit(HostEvent::Rotated {
                        webhook_id: id.to_string(),
                        at,
                    });
                }
                Patient::Answered(Err(error)) => {
                    state.update(|state| state.run.rotation_failed(index, error))
                }
            }
        } else {
            let patience = Patience {
                paced: true,
                on_wait: &on_wait,
                stop: &gone,
            };
            let fetched = session
                .patiently(patience, || session.webhook_secret(id.clone()))
                .await;
            match fetched {
                Patient::Stopped => return,
                Patient::Answered(Err(error)) if error.ends_session() => return,
                Patient::Answered(answer) => state.update(|state| match answer {
                    Ok(secret) => state.run.fetched(index, secret.key),
                    Err(error) => state.run.fetch_failed(index, error),
                }),
            }
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
