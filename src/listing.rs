//! The webhook list's rules without a browser: paging through `meta.next_page_url` (stopping on a
//! page that repeats or at a page cap), where loading stands and the status line that says so,
//! searching and filtering the rows, a change (create, edit, delete) applied to the loaded pages in
//! place.

use std::collections::HashSet;
use std::sync::Arc;

use crate::api::paths::cursor_from_next_page_url;
use crate::api::types::{Webhook, WebhookPage};
use crate::api::ApiError;
use crate::i18n::{en, fill, number, plural, tr};

/// Where paging through the list stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paging {
    pages_loaded: usize,
    /// The next page to ask for; `None` before the first page and after the last.
    next_page_url: Option<String>,
    cursors_followed: HashSet<String>,
    page_cap: usize,
}

/// What to do after a page arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
    /// Ask for the page at this `next_page_url`.
    Page(String),
    Finished,
    Stopped(StopReason),
}

/// Why paging stopped before the server said it was done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// The next page's cursor was followed before (or there is none): following it would load
    /// the same pages forever.
    PageRepeats,
    /// The page cap was reached.
    PageCap(usize),
}

impl StopReason {
    pub fn message(self) -> String {
        match self {
            StopReason::PageRepeats => tr(
                "Loading stopped: Ada's next-page link leads back to a page \
                already loaded, so following it would never end. The rows loaded are shown; \
                Refresh to try again.",
            )
            .to_owned(),
            StopReason::PageCap(pages) => plural(
                "Loading stopped after {0} page, the most this widget loads. Use the search to \
                 find a webhook among those shown.|Loading stopped after {0} pages, the most this \
                 widget loads. Use the search to find a webhook among those shown.",
                pages,
            ),
        }
    }
}

impl Paging {
    pub fn new(page_cap: usize) -> Paging {
        Paging {
            pages_loaded: 0,
            next_page_url: None,
            cursors_followed: HashSet::new(),
            page_cap,
        }
    }

    /// Records a page; the caller appends its rows.
    pub fn record(&mut self, page: &WebhookPage) -> Next {
        self.pages_loaded += 1;
        self.next_page_url = None;
        let Some(url) = page
            .meta
            .next_page_url
            .clone()
            .filter(|url| !url.is_empty())
        else {
            return Next::Finished;
        };
        let fresh_cursor = cursor_from_next_page_url(&url)
            .is_some_and(|cursor| self.cursors_followed.insert(cursor));
        if !fresh_cursor {
            return Next::Stopped(StopReason::PageRepeats);
        }
        if self.pages_loaded >= self.page_cap {
            return Next::Stopped(StopReason::PageCap(self.pages_loaded));
        }
        self.next_page_url = Some(url.clone());
        Next::Page(url)
    }

    /// The page to request now: the first (`None`) or the one after the last page recorded.
    pub fn resume_from(&self) -> Option<&str> {
        self.next_page_url.as_deref()
    }

    pub fn pages_loaded(&self) -> usize {
        self.pages_loaded
    }
}

/// Where loading the list stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListPhase {
    Loading,
    /// Ada answered 429; the next page is asked for by itself after this many seconds.
    WaitingForRateLimit {
        seconds: u32,
    },
    Complete,
    Failed(ApiError),
    Stopped(StopReason),
}

impl ListPhase {
    pub fn is_loading(&self) -> bool {
        matches!(
            self,
            ListPhase::Loading | ListPhase::WaitingForRateLimit { .. }
        )
    }
}

/// The line above the table: what is loaded, what is shown, and what loading waits for.
pub fn status_line(phase: &ListPhase, total: usize, shown: usize, pages: usize) -> String {
    match phase {
        ListPhase::WaitingForRateLimit { seconds } => fill(
            "Waiting for Ada's rate limit… ({0} s)",
            &[&number(*seconds as usize)],
        ),
        ListPhase::Loading if total == 0 => tr("Loading webhooks…").to_owned(),
        ListPhase::Loading => fill(
            "Loading… {0} from {1} so far.",
            &[
                &plural("{0} webhook|{0} webhooks", total),
                &plural("{0} page|{0} pages", pages),
            ],
        ),
        _ if shown == total => plural("{0} webhook.|{0} webhooks.", total),
        _ => fill(
            "Showing {0} of {1} webhooks.",
            &[&number(shown), &number(total)],
        ),
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EnabledFilter {
    #[default]
    All,
    Enabled,
    Disabled,
}

impl EnabledFilter {
    pub const ALL: [EnabledFilter; 3] = [
        EnabledFilter::All,
        EnabledFilter::Enabled,
        EnabledFilter::Disabled,
    ];

    pub fn value(self) -> &'static str {
        match self {
            EnabledFilter::All => "all",
            EnabledFilter::Enabled => "enabled",
            EnabledFilter::Disabled => "disabled",
        }
    }

    pub fn label(self) -> &'static str {
        tr(match self {
            EnabledFilter::All => en("All webhooks"),
            EnabledFilter::Enabled => en("Enabled only"),
            EnabledFilter::Disabled => en("Disabled only"),
        })
    }

    pub fn from_value(value: &str) -> EnabledFilter {
        EnabledFilter::ALL
            .into_iter()
            .find(|filter| filter.value() == value)
            .unwrap_or_default()
    }

    fn admits(self, enabled: bool) -> bool {
        match self {
            EnabledFilter::All => true,
            EnabledFilter::Enabled => enabled,
            EnabledFilter::Disabled => !enabled,
        }
    }
}

/// Which rows the list shows: every word of a search over URL and description (ignoring case),
/// an enabled state, and an event type (a webhook with no event filter receives every type, so it
/// matches any).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowFilter {
    words: Vec<String>,
    enabled: EnabledFilter,
    event_type: Option<String>,
}

impl RowFilter {
    pub fn new(query: &str, enabled: EnabledFilter, event_type: Option<&str>) -> RowFilter {
        RowFilter {
            words: query.split_whitespace().map(lowercase).collect(),
            enabled,
            event_type: event_type
                .filter(|name| !name.is_empty())
                .map(str::to_owned),
        }
    }

    /// True when every row is shown, so that filtering can be skipped.
    pub fn admits_all(&self) -> bool {
        self.words.is_empty() && self.enabled == EnabledFilter::All && self.event_type.is_none()
    }

    pub fn admits(&self, webhook: &Webhook) -> bool {
        if !self.enabled.admits(webhook.enabled) {
            return false;
        }
        let receives_type = match &self.event_type {
            Some(name) => {
                webhook.event_filters.is_empty() || webhook.event_filters.iter().any(|f| f == name)
            }
            None => true,
        };
        if !receives_type {
            return false;
        }
        if self.words.is_empty() {
            return true;
        }
        let haystack = lowercase(&format!("{}\n{}", webhook.url, webhook.description));
        self.words
            .iter()
            .all(|word| haystack.contains(word.as_str()))
    }
}

/// A webhook created, changed or deleted here, applied to the loaded pages without reloading them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WebhookChange {
    Created(Webhook),
    Updated(Webhook),
    /// The id of the webhook that is gone.
    Deleted(String),
}

impl WebhookChange {
    /// The rows of a page after this change, or `None` when the change does not touch the page. A
    /// new webhook goes first on the first page (`first` true), where the person sees it.
    pub fn applied_to(&self, rows: &[Arc<Webhook>], first: bool) -> Option<Arc<[Arc<Webhook>]>> {
        match self {
            WebhookChange::Created(webhook) => first.then(|| {
                let rest = rows.iter().filter(|row| row.id != webhook.id).cloned();
                std::iter::once(Arc::new(webhook.clone()))
                    .chain(rest)
                    .collect()
            }),
            WebhookChange::Updated(webhook) => {
                let index = rows.iter().position(|row| row.id == webhook.id)?;
                let mut changed = rows.to_vec();
                changed[index] = Arc::new(webhook.clone());
                Some(changed.into())
            }
            WebhookChange::Deleted(id) => {
                let index = rows.iter().position(|row| &row.id == id)?;
                let mut changed = rows.to_vec();
                changed.remove(index);
                Some(changed.into())
            }
        }
    }
}

/// Unicode lower case; in the browser its own `toLowerCase`, which keeps Rust's Unicode case
/// tables (about 7 KB of brotli) out of the wasm.
fn lowercase(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(text).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::PageMeta;

    fn page(ids: &[&str], next: Option<&str>) -> WebhookPage {
        WebhookPage {
            data: ids
                .iter()
                .map(|id| Webhook {
                    id: (*id).into(),
                    ..Webhook::default()
                })
                .collect(),
            meta: PageMeta {
                next_page_url: next.map(Into::into),
            },
        }
    }

    #[test]
    fn paging_follows_next_page_url_until_null() {
        let mut paging = Paging::new(10);
        assert_eq!(paging.resume_from(), None);
        assert_eq!(
            paging.record(&page(&["a"], Some("https://x/?cursor=a"))),
            Next::Page("https://x/?cursor=a".into())
        );
        assert_eq!(paging.resume_from(), Some("https://x/?cursor=a"));
        assert_eq!(paging.record(&page(&["b"], None)), Next::Finished);
        assert_eq!(paging.resume_from(), None);
        assert_eq!(paging.pages_loaded(), 2);
    }

    #[test]
    fn an_empty_next_page_url_ends_paging() {
        let mut paging = Paging::new(10);
        assert_eq!(paging.record(&page(&[], Some(""))), Next::Finished);
    }

    #[test]
    fn a_cursor_seen_before_stops_paging() {
        let mut paging = Paging::new(10);
        assert!(matches!(
            paging.record(&page(&["a"], Some("https://x/?cursor=a"))),
            Next::Page(_)
        ));
        assert!(matches!(
            paging.record(&page(&["b"], Some("https://x/?cursor=b"))),
            Next::Page(_)
        ));
        assert_eq!(
            paging.record(&page(&["a"], Some("https://x/?limit=5&cursor=a"))),
            Next::Stopped(StopReason::PageRepeats)
        );
        assert_eq!(paging.resume_from(), None, "nothing more to ask for");
        let mut no_cursor = Paging::new(10);
        assert_eq!(
            no_cursor.record(&page(&["a"], Some("https://x/?limit=5"))),
            Next::Stopped(StopReason::PageRepeats),
            "a next page without a cursor would be the first page again"
        );
    }

    #[test]
    fn paging_stops_at_the_page_cap() {
        let mut paging = Paging::new(2);
        assert!(matches!(
            paging.record(&page(&["a"], Some("https://x/?cursor=a"))),
            Next::Page(_)
        ));
        assert_eq!(
            paging.record(&page(&["b"], Some("https://x/?cursor=b"))),
            Next::Stopped(StopReason::PageCap(2))
        );
        assert!(StopReason::PageCap(2).message().contains("after 2 pages"));
    }

    #[test]
    fn the_status_line_says_what_is_loaded_shown_and_waited_for() {
        assert_eq!(
            status_line(&ListPhase::Loading, 0, 0, 0),
            "Loading webhooks…"
        );
        assert_eq!(
            status_line(&ListPhase::Loading, 14, 14, 2),
            "Loading… 14 webhooks from 2 pages so far."
        );
        assert_eq!(
            status_line(&ListPhase::WaitingForRateLimit { seconds: 3 }, 14, 14, 2),
            "Waiting for Ada's rate limit… (3 s)"
        );
        assert_eq!(status_line(&ListPhase::Complete, 1, 1, 1), "1 webhook.");
        assert_eq!(status_line(&ListPhase::Complete, 30, 30, 5), "30 webhooks.");
        assert_eq!(
            status_line(&ListPhase::Complete, 30, 4, 5),
            "Showing 4 of 30 webhooks."
        );
        assert!(ListPhase::WaitingForRateLimit { seconds: 1 }.is_loading());
        assert!(!ListPhase::Stopped(StopReason::PageRepeats).is_loading());
    }

    fn webhook(url: &str, description: &str, enabled: bool) -> Webhook {
        Webhook {
            url: url.into(),
            description: description.into(),
            enabled,
            ..Webhook::default()
        }
    }

    #[test]
    fn search_matches_every_word_in_url_or_description() {
        let hook = webhook(
            "https://hooks.example.com/billing",
            "Intégration Café",
            true,
        );
        let matches = |webhook: &Webhook, query: &str, enabled| {
            RowFilter::new(query, enabled, None).admits(webhook)
        };
        assert!(matches(&hook, "", EnabledFilter::All));
        assert!(RowFilter::new(" ", EnabledFilter::All, Some("")).admits_all());
        assert!(matches(&hook, "BILLING café", EnabledFilter::All));
        assert!(matches(
            &hook,
            "  example   intégration ",
            EnabledFilter::All
        ));
        assert!(!matches(&hook, "billing orders", EnabledFilter::All));
    }

    #[test]
    fn enabled_filter_narrows_rows() {
        let matches = |webhook: &Webhook, query: &str, enabled| {
            RowFilter::new(query, enabled, None).admits(webhook)
        };
        let on = webhook("https://a", "", true);
        let off = webhook("https://b", "", false);
        assert!(
            matches(&on, "", EnabledFilter::Enabled) && !matches(&off, "", EnabledFilter::Enabled)
        );
        assert!(
            !matches(&on, "", EnabledFilter::Disabled)
                && matches(&off, "", EnabledFilter::Disabled)
        );
        assert_eq!(
            EnabledFilter::from_value("disabled"),
            EnabledFilter::Disabled
        );
        assert_eq!(EnabledFilter::from_value("nonsense"), EnabledFilter::All);
    }

    #[test]
    fn the_event_type_filter_counts_an_empty_filter_as_every_type() {
        let every = webhook("https://a", "", true);
        let mut some = webhook("https://b", "", true);
        some.event_filters = vec!["v1.conversation.created".into()];
        let created = RowFilter::new("", EnabledFilter::All, Some("v1.conversation.created"));
        let ended = RowFilter::new("", EnabledFilter::All, Some("v1.conversation.ended"));
        assert!(created.admits(&every) && created.admits(&some));
        assert!(ended.admits(&every) && !ended.admits(&some));
        assert!(!created.admits_all());
        let disabled_only =
            RowFilter::new("", EnabledFilter::Disabled, Some("v1.conversation.created"));
        assert!(
            !disabled_only.admits(&some),
            "combined with the enabled filter"
        );
    }

    fn rows(ids: &[&str]) -> Vec<Arc<Webhook>> {
        ids.iter()
            .map(|id| {
                Arc::new(Webhook {
                    id: (*id).to_owned(),
                    ..Webhook::default()
                })
            })
            .collect()
    }

    fn ids(rows: &[Arc<Webhook>]) -> Vec<&str> {
        rows.iter().map(|row| row.id.as_str()).collect()
    }

    #[test]
    fn a_change_touches_only_the_page_it_concerns() {
        let page = rows(&["a", "b", "c"]);
        let created = WebhookChange::Created(Webhook {
            id: "new".into(),
            ..Webhook::default()
        });
        assert_eq!(
            ids(&created.applied_to(&page, true).unwrap()),
            ["new", "a", "b", "c"]
        );
        assert_eq!(created.applied_to(&page, false), None);
        assert_eq!(ids(&created.applied_to(&[], true).unwrap()), ["new"]);
        let renamed = Webhook {
            id: "b".into(),
            url: "https://hooks.example/b2".into(),
            ..Webhook::default()
        };
        let updated = WebhookChange::Updated(renamed.clone())
            .applied_to(&page, false)
            .unwrap();
        assert_eq!(ids(&updated), ["a", "b", "c"]);
        assert_eq!(*updated[1], renamed);
        assert_eq!(
            WebhookChange::Updated(renamed).applied_to(&rows(&["x"]), true),
            None
        );
        let deleted = WebhookChange::Deleted("a".into())
            .applied_to(&page, true)
            .unwrap();
        assert_eq!(ids(&deleted), ["b", "c"]);
        assert_eq!(
            WebhookChange::Deleted("zz".into()).applied_to(&page, true),
            None
        );
    }

    #[test]
    fn a_created_webhook_already_on_the_first_page_is_not_shown_twice() {
        let created = WebhookChange::Created(Webhook {
            id: "b".into(),
            ..Webhook::default()
        });
        assert_eq!(
            ids(&created.applied_to(&rows(&["a", "b"]), true).unwrap()),
            ["b", "a"]
        );
    }
}
