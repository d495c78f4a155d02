//! The list's one state and its loading task: the pages loaded so far, how paging stands, and the
//! phase the status line reports. Pages are fetched one after another under the session's policy
//! for background work ([`Session::patiently`]: its pace, a 429 waited out with a countdown), and
//! appended as they arrive; a page that repeats or the page cap stops paging with a reason. A
//! webhook created, edited or deleted here changes its page in place ([`WebhookChange`]), without
//! reloading the others.

use std::sync::Arc;

use leptos::prelude::*;

use super::super::announcer::Announcer;
use crate::api::paths::WebhookId;
use crate::api::types::{Webhook, WebhookPage};
use crate::api::ApiError;
use crate::i18n::{fill, plural, tr};
use crate::listing::{status_line, ListPhase, Next, Paging, WebhookChange};
use crate::session::{Patience, Patient, Session};

/// One page of the list as it arrived; the table draws it as a row group of its own.
#[derive(Clone)]
pub struct LoadedPage {
    /// The refresh generation and the page's position in it.
    pub key: (u32, usize),
    pub rows: Arc<[Arc<Webhook>]>,
}

struct ListState {
    generation: u32,
    pages: Vec<LoadedPage>,
    total: usize,
    paging: Paging,
    phase: ListPhase,
    /// Webhooks created here, which a page loaded later may list again.
    created: Vec<String>,
}

#[derive(Clone, Copy)]
pub struct WebhookPages {
    state: RwSignal<ListState>,
    session: Session,
    announcer: Announcer,
}

impl WebhookPages {
    /// Starts loading the first page at once (it may already be in hand).
    pub fn new(session: Session) -> WebhookPages {
        let settings = session.settings();
        let pages = WebhookPages {
            state: RwSignal::new(ListState {
                generation: 0,
                pages: Vec::new(),
                total: 0,
                paging: Paging::new(settings.page_cap),
                phase: ListPhase::Loading,
                created: Vec::new(),
            }),
            session,
            announcer: Announcer::from_context(),
        };
        pages.load_remaining();
        pages
    }

    /// Drops every page and loads the list again from the first.
    pub fn refresh(&self) {
        let page_cap = self.session.settings().page_cap;
        self.state.update(|state| {
            state.generation += 1;
            state.pages.clear();
            state.total = 0;
            state.paging = Paging::new(page_cap);
            state.created.clear();
        });
        self.load_remaining();
    }

    /// Continues from the page after the last one loaded (after a failure).
    pub fn resume(&self) {
        self.load_remaining();
    }

    /// Tracked: the pages, for the table.
    pub fn pages(&self) -> Vec<LoadedPage> {
        self.state.with(|state| state.pages.clone())
    }

    /// The loaded webhooks whose ids are in `ids`, in the list's order, for a bulk rotation.
    pub fn webhooks_with(&self, ids: &[String]) -> Vec<(WebhookId, String, String)> {
        self.state.with_untracked(|state| {
            state
                .pages
                .iter()
                .flat_map(|page| page.rows.iter())
                .filter(|webhook| ids.contains(&webhook.id))
                .filter_map(|webhook| {
                    let id = WebhookId::parse(&webhook.id)?;
                    Some((id, webhook.url.clone(), webhook.description.clone()))
                })
                .collect()
        })
    }

    /// Shows a webhook created, changed or deleted here: its page alone is redrawn.
    pub fn apply(&self, change: &WebhookChange) {
        self.state.update(|state| {
            let generation = state.generation;
            if state.pages.is_empty() && matches!(change, WebhookChange::Created(_)) {
                state.pages.push(LoadedPage {
                    key: (generation, 0),
                    rows: Arc::new([]),
                });
            }
            let touched = state
                .pages
                .iter_mut()
                .enumerate()
                .find_map(|(index, page)| {
                    let rows = change.applied_to(&page.rows, index == 0)?;
                    page.rows = rows;
                    Some(())
                });
            match change {
                WebhookChange::Created(webhook) => {
                    state.total += 1;
                    state.created.push(webhook.id.clone());
                }
                WebhookChange::Deleted(_) if touched.is_some() => state.total -= 1,
                _ => {}
            }
        });
    }

    pub fn is_loading(&self) -> bool {
        self.state.with(|state| state.phase.is_loading())
    }

    pub fn phase(&self) -> ListPhase {
        self.state.with(|state| state.phase.clone())
    }

    pub fn total(&self) -> usize {
        self.state.with(|state| state.total)
    }

    /// The status line, with `shown` the rows the filter shows.
    pub fn status(&self, shown: usize) -> String {
        self.state.with(|state| {
            status_line(
                &state.phase,
                state.total,
                shown,
                state.paging.pages_loaded(),
            )
        })
    }

    fn set_phase(&self, phase: ListPhase) {
        self.state.try_update(|state| state.phase = phase);
    }

    /// Appends `page` to generation `generation`; what to do next, or `None` when that
    /// generation was abandoned.
    fn append(&self, generation: u32, page: WebhookPage) -> Option<Next> {
        self.state
            .try_update(|state| {
                (state.generation == generation).then(|| {
                    let next = state.paging.record(&page);
                    let created = &state.created;
                    let rows: Arc<[Arc<Webhook>]> = page
                        .data
                        .into_iter()
                        .filter(|webhook| !created.contains(&webhook.id))
                        .map(Arc::new)
                        .collect();
                    state.total += rows.len();
                    let key = (generation, state.pages.len());
                    state.pages.push(LoadedPage { key, rows });
                    next
                })
            })
            .flatten()
    }

    fn is_current(&self, generation: u32) -> bool {
        self.state.try_with_untracked(|state| state.generation) == Some(generation)
    }

    /// Loads the pages after the last one loaded, one after another, until the last, a stop, a
    /// failure, a refresh (a new generation) or the session's end. The first leaves at once (it
    /// may already be in hand); the rest are paced.
    fn load_remaining(&self) {
        let pages = *self;
        let Some(generation) = self.state.try_with_untracked(|state| state.generation) else {
            return;
        };
        self.set_phase(ListPhase::Loading);
        leptos::task::spawn_local(async move {
            let mut paced = false;
            loop {
                let Some(resume) = pages
                    .state
                    .try_with_untracked(|state| state.paging.resume_from().map(str::to_owned))
                else {
                    return;
                };
                let waiting = std::cell::Cell::new(false);
                let on_wait = |seconds: Option<u32>| pages.waiting(generation, seconds, &waiting);
                let stop = || !pages.is_current(generation);
                let patience = Patience {
                    paced,
                    on_wait: &on_wait,
                    stop: &stop,
                };
                let answer = pages
                    .session
                    .patiently(patience, || pages.session.list_page(resume.clone()))
                    .await;
                paced = true;
                match answer {
                    Patient::Stopped => return,
                    Patient::Answered(Ok(page)) => match pages.append(generation, page) {
                        Some(Next::Page(_)) => continue,
                        Some(Next::Finished) => pages.finish(ListPhase::Complete),
                        Some(Next::Stopped(reason)) => pages.finish(ListPhase::Stopped(reason)),
                        None => {}
                    },
                    // The session has signed out or is renewing the key.
                    Patient::Answered(Err(error)) if error.ends_session() => {}
                    Patient::Answered(Err(error)) => pages.fail(error),
                }
                return;
            }
        });
    }

    /// A 429's wait, a second at a time in the status line: said once when it starts.
    fn waiting(&self, generation: u32, seconds: Option<u32>, said: &std::cell::Cell<bool>) {
        if !self.is_current(generation) {
            return;
        }
        match seconds {
            Some(seconds) => {
                if !said.replace(true) {
                    self.announcer.say(tr(
                        "Ada's rate limit was reached; loading goes on by itself shortly.",
                    ));
                }
                self.set_phase(ListPhase::WaitingForRateLimit { seconds });
            }
            None => self.set_phase(ListPhase::Loading),
        }
    }

    fn finish(&self, phase: ListPhase) {
        let total = self
            .state
            .try_with_untracked(|state| state.total)
            .unwrap_or_default();
        let message = match &phase {
            ListPhase::Stopped(reason) => reason.message(),
            _ => plural("Loaded {0} webhook.|Loaded {0} webhooks.", total),
        };
        self.announcer.say(message);
        self.set_phase(phase);
    }

    fn fail(&self, error: ApiError) {
        self.announcer
            .say(fill("Loading webhooks failed: {0}", &[&error.summary()]));
        self.set_phase(ListPhase::Failed(error));
    }
}
