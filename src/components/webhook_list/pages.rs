//! The list's one state and its loading task: the pages loaded so far, how paging stands, and the
//! phase the status line reports. Pages are fetched one after another at the session's pace,
//! appended as they arrive; a 429 waits for `Retry-After` (or backs off) and carries on by itself;
//! a page that repeats or the page cap stops paging with a reason. A webhook created, edited or
//! deleted here changes its page in place ([`WebhookChange`]), without reloading the others.

use std::sync::Arc;

use leptos::prelude::*;

use super::super::announcer::Announcer;
use crate::api::paths::WebhookId;
use crate::api::types::{Webhook, WebhookPage};
use crate::api::{ApiError, ErrorKind};
use crate::browser;
use crate::listing::{plural, status_line, ListPhase, Next, Paging, WebhookChange};
use crate::session::Session;

/// A run of 429s this long in a row stops loading (with a Resume button) rather than waiting on.
const MAX_RATE_LIMITED_IN_A_ROW: u32 = 6;

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

    fn load_remaining(&self) {
        let pages = *self;
        let Some((generation, resume)) = self.state.try_with_untracked(|state| {
            (
                state.generation,
                state.paging.resume_from().map(str::to_owned),
            )
        }) else {
            return;
        };
        self.set_phase(ListPhase::Loading);
        let page_size = self.session.settings().page_size;
        let request = move |resume: Option<String>| {
            move |client: &crate::api::client::Client| {
                client.list_webhooks(resume.as_deref(), Some(page_size))
            }
        };
        // The first request leaves now, while the widget is still mounting; the rest are paced.
        let first = self.session.request(request(resume));
        leptos::task::spawn_local(async move {
            let mut result = first.await;
            let mut rate_limited_in_a_row = 0;
            loop {
                if !pages.is_current(generation) {
                    return;
                }
                match result {
                    Ok(page) => {
                        rate_limited_in_a_row = 0;
                        match pages.append(generation, page) {
                            Some(Next::Page(url)) => {
                                result = pages.session.paced_request(request(Some(url))).await;
                                continue;
                            }
                            Some(Next::Finished) => pages.finish(ListPhase::Complete),
                            Some(Next::Stopped(reason)) => pages.finish(ListPhase::Stopped(reason)),
                            None => {}
                        }
                        return;
                    }
                    Err(error)
                        if error.kind() == ErrorKind::RateLimited
                            && rate_limited_in_a_row < MAX_RATE_LIMITED_IN_A_ROW =>
                    {
                        rate_limited_in_a_row += 1;
                        pages
                            .wait_out(generation, &error, rate_limited_in_a_row)
                            .await;
                        let resume = pages
                            .state
                            .try_with_untracked(|state| {
                                state.paging.resume_from().map(str::to_owned)
                            })
                            .flatten();
                        result = pages.session.paced_request(request(resume)).await;
                    }
                    // The session has signed out or is renewing the key.
                    Err(error)
                        if matches!(
                            error.kind(),
                            ErrorKind::Unauthorized | ErrorKind::SignedOut
                        ) =>
                    {
                        return
                    }
                    Err(error) => {
                        pages.fail(error);
                        return;
                    }
                }
            }
        });
    }

    /// Shows the countdown of a 429's wait in the status line, a second at a time.
    async fn wait_out(&self, generation: u32, error: &ApiError, attempt: u32) {
        let wait_ms = self.session.back_off(error, attempt);
        self.announcer
            .say("Ada's rate limit was reached; loading goes on by itself shortly.");
        let pages = *self;
        browser::count_down(wait_ms, move |seconds| {
            if pages.is_current(generation) {
                pages.set_phase(ListPhase::WaitingForRateLimit { seconds });
            }
        })
        .await;
    }

    fn finish(&self, phase: ListPhase) {
        let total = self
            .state
            .try_with_untracked(|state| state.total)
            .unwrap_or_default();
        let message = match &phase {
            ListPhase::Stopped(reason) => reason.message(),
            _ => format!("Loaded {total} webhook{}.", plural(total)),
        };
        self.announcer.say(message);
        self.set_phase(phase);
    }

    fn fail(&self, error: ApiError) {
        self.announcer
            .say(format!("Loading webhooks failed: {}", error.summary()));
        self.set_phase(ListPhase::Failed(error));
    }
}
