//! The webhook list's logic without a browser: paging through `meta.next_page_url`, searching and
//! filtering the rows, and the readable form of Ada's timestamps.

use crate::api::types::{Webhook, WebhookPage};

/// Where paging through the list stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paging {
    pages_loaded: usize,
    /// The next page to ask for; `None` before the first page and after the last.
    next_page_url: Option<String>,
}

impl Paging {
    /// Records a page; the caller appends its rows. Returns the `next_page_url` to follow, if any.
    pub fn record(&mut self, page: &WebhookPage) -> Option<&str> {
        self.pages_loaded += 1;
        self.next_page_url = page
            .meta
            .next_page_url
            .clone()
            .filter(|url| !url.is_empty());
        self.next_page_url.as_deref()
    }

    /// The page to request now: the first (`None`) or the one after the last page recorded.
    pub fn resume_from(&self) -> Option<&str> {
        self.next_page_url.as_deref()
    }

    pub fn pages_loaded(&self) -> usize {
        self.pages_loaded
    }

    pub fn is_finished(&self) -> bool {
        self.pages_loaded > 0 && self.next_page_url.is_none()
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
        match self {
            EnabledFilter::All => "All webhooks",
            EnabledFilter::Enabled => "Enabled only",
            EnabledFilter::Disabled => "Disabled only",
        }
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

/// True when the webhook's URL or description contains every word of the query, ignoring case.
pub fn matches(webhook: &Webhook, query: &str, filter: EnabledFilter) -> bool {
    if !filter.admits(webhook.enabled) {
        return false;
    }
    // The list re-filters every row as each page arrives; without a query that must cost nothing.
    let mut words = query.split_whitespace().peekable();
    if words.peek().is_none() {
        return true;
    }
    let haystack = lowercase(&format!("{}\n{}", webhook.url, webhook.description));
    words.all(|word| haystack.contains(&lowercase(word)))
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

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `2026-03-12T10:00:00+00:00` → `12 Mar 2026, 10:00 UTC` (or `… 10:00 +02:00`). Anything that is not
/// such a timestamp is returned unchanged, so nothing Ada sends is hidden.
pub fn readable_timestamp(iso: &str) -> String {
    parse_timestamp(iso).unwrap_or_else(|| iso.to_owned())
}

fn parse_timestamp(iso: &str) -> Option<String> {
    let (date, time) = iso.split_once(['T', ' '])?;
    let mut date_parts = date.splitn(3, '-');
    let year = date_parts
        .next()
        .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))?;
    let month: usize = date_parts.next()?.parse().ok()?;
    let day: u32 = date_parts.next()?.parse().ok()?;
    let month_name = MONTHS.get(month.checked_sub(1)?)?;
    if !(1..=31).contains(&day) || time.len() < 5 || time.as_bytes()[2] != b':' {
        return None;
    }
    let hours_minutes = &time[..5];
    let zone_start = time[5..].find(['+', '-', 'Z']).map(|index| index + 5);
    let zone = match zone_start.map(|start| &time[start..]) {
        None | Some("Z" | "+00:00" | "-00:00" | "+0000") => "UTC",
        Some(offset) => offset,
    };
    Some(format!("{day} {month_name} {year}, {hours_minutes} {zone}"))
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
        let mut paging = Paging::default();
        assert_eq!(paging.resume_from(), None);
        assert!(!paging.is_finished());
        assert_eq!(
            paging.record(&page(&["a"], Some("https://x/?cursor=a"))),
            Some("https://x/?cursor=a")
        );
        assert_eq!(paging.resume_from(), Some("https://x/?cursor=a"));
        assert_eq!(paging.record(&page(&["b"], None)), None);
        assert!(paging.is_finished());
        assert_eq!(paging.pages_loaded(), 2);
    }

    #[test]
    fn an_empty_next_page_url_ends_paging() {
        let mut paging = Paging::default();
        assert_eq!(paging.record(&page(&[], Some(""))), None);
        assert!(paging.is_finished());
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
        assert!(matches(&hook, "", EnabledFilter::All));
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
    fn timestamps_read_as_dates() {
        assert_eq!(
            readable_timestamp("2026-03-12T10:00:00+00:00"),
            "12 Mar 2026, 10:00 UTC"
        );
        assert_eq!(
            readable_timestamp("2026-11-02T23:59:59.123Z"),
            "2 Nov 2026, 23:59 UTC"
        );
        assert_eq!(
            readable_timestamp("2026-01-05T08:30:00+02:00"),
            "5 Jan 2026, 08:30 +02:00"
        );
        assert_eq!(readable_timestamp("yesterday"), "yesterday");
        assert_eq!(
            readable_timestamp("2026-13-01T00:00:00Z"),
            "2026-13-01T00:00:00Z"
        );
    }
}
