//! Deterministic demo webhooks: mixed enabled states and event filters, long, empty and
//! non-ASCII descriptions, and exactly one HTML/script payload so that escaping is always
//! exercised by whatever displays them.

use time::{Duration, OffsetDateTime};

use crate::event_types::EVENT_TYPES;
use crate::ids::{webhook_id, SeededRng};
use crate::secrets::{encode_secret, SecretRing, GENERATED_SECRET_BYTES};
use crate::store::{Webhook, WebhookRecord};
use crate::timestamps;

/// The one description meant to be rendered as text, never as markup.
pub(crate) const SCRIPT_PAYLOAD_DESCRIPTION: &str =
    r#"<img src=x onerror=alert(1)><script>alert("xss")</script>"#;
/// Where the script payload sits (or the last webhook, when fewer are seeded).
const SCRIPT_PAYLOAD_INDEX: usize = 2;
/// 2026-01-05T09:00:00+00:00, so demo timestamps precede anything created live.
const FIRST_CREATED_UNIX_SECONDS: i64 = 1_767_603_600;
const RNG_SEED: u64 = 0x00AD_A5EE_D000_0001;

const DESCRIPTIONS: [&str; 10] = [
    "Production CRM sync",
    "Intégration café — 日本語 ✓",
    "",
    "Analytics pipeline (staging)",
    "Escalations → Zendesk bridge",
    "Données clients: synchronisation nocturne",
    "Slack #support-alerts notifier",
    "Ticket mirror for the EU team",
    "Überwachung & Qualitätssicherung",
    "QA sandbox — safe to delete",
];

const LONG_DESCRIPTION: &str = "Forwards every finished conversation to the data warehouse \
    ingestion service, which enriches it with CRM account data, scores customer sentiment, \
    and publishes a daily digest to the support leadership channel. Owned by the Customer \
    Insights team; page the on-call engineer before disabling, because downstream dashboards \
    and the weekly quality review depend on a complete, uninterrupted feed of events.";

/// `{n}` is replaced by the webhook's 1-based number.
const URL_TEMPLATES: [&str; 6] = [
    "https://hooks.example.com/ada/events/{n}",
    "https://hooks.example.com/crm/inbound/{n}",
    "https://hooks.example.com/analytics/ingest/{n}?source=ada&format=json",
    "https://hooks.example.com:8443/v2/notify/{n}",
    "https://hooks.example.com/zendesk/bridge-{n}",
    "https://hooks.example.com/catch-all/{n}/",
];

/// `count` demo webhooks, identical on every call.
pub(crate) fn demo_webhooks(count: usize) -> impl Iterator<Item = WebhookRecord> {
    let mut rng = SeededRng::new(RNG_SEED);
    let script_payload_index = SCRIPT_PAYLOAD_INDEX.min(count.saturating_sub(1));
    (0..count).map(move |index| demo_webhook(index, index == script_payload_index, &mut rng))
}

fn demo_webhook(index: usize, carries_script_payload: bool, rng: &mut SeededRng) -> WebhookRecord {
    let created = OffsetDateTime::from_unix_timestamp(FIRST_CREATED_UNIX_SECONDS)
        .expect("the demo start date is a valid timestamp")
        + Duration::minutes(7 * index as i64 + rng.below(5) as i64);
    let updated = if index % 5 == 1 {
        created + Duration::hours(1 + rng.below(72) as i64)
    } else {
        created
    };
    let description = if carries_script_payload {
        SCRIPT_PAYLOAD_DESCRIPTION
    } else if index % 11 == 6 {
        LONG_DESCRIPTION
    } else {
        DESCRIPTIONS[index % DESCRIPTIONS.len()]
    };
    let webhook = Webhook {
        id: webhook_id(created.unix_timestamp(), rng.bytes()),
        url: URL_TEMPLATES[index % URL_TEMPLATES.len()].replace("{n}", &(index + 1).to_string()),
        description: description.to_owned(),
        event_filters: demo_event_filters(index, rng),
        enabled: index % 4 != 3,
        created_at: timestamps::format(created),
        updated_at: timestamps::format(updated),
    };
    let secret = encode_secret(&rng.bytes::<GENERATED_SECRET_BYTES>());
    WebhookRecord {
        webhook,
        secrets: SecretRing::new(secret),
    }
}

/// Every third webhook subscribes to all events (empty filters); the others to one to three
/// distinct event types in catalogue order.
fn demo_event_filters(index: usize, rng: &mut SeededRng) -> Vec<String> {
    if index.is_multiple_of(3) {
        return Vec::new();
    }
    let wanted = 1 + rng.below(3) as usize;
    let first = rng.below(EVENT_TYPES.len() as u64) as usize;
    let step = 1 + rng.below(EVENT_TYPES.len() as u64 - 1) as usize;
    let mut positions: Vec<usize> = (0..wanted)
        .map(|offset| (first + offset * step) % EVENT_TYPES.len())
        .collect();
    positions.sort_unstable();
    positions.dedup();
    positions
        .into_iter()
        .map(|position| EVENT_TYPES[position].name.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeding_is_deterministic() {
        let first: Vec<String> = demo_webhooks(5).map(|r| r.webhook.id).collect();
        let second: Vec<String> = demo_webhooks(5).map(|r| r.webhook.id).collect();
        assert_eq!(first, second);
    }

    #[test]
    fn exactly_one_script_payload_whatever_the_count() {
        for count in [1, 2, 3, 30, 1000] {
            let payloads = demo_webhooks(count)
                .filter(|r| r.webhook.description.contains("<script>"))
                .count();
            assert_eq!(payloads, 1, "count {count}");
        }
        assert_eq!(demo_webhooks(0).count(), 0);
    }

    #[test]
    fn ids_are_unique_and_filters_are_distinct() {
        let records: Vec<WebhookRecord> = demo_webhooks(10_000).collect();
        let ids: std::collections::HashSet<&str> =
            records.iter().map(|r| r.webhook.id.as_str()).collect();
        assert_eq!(ids.len(), records.len());
        for record in &records {
            let filters = &record.webhook.event_filters;
            let distinct: std::collections::HashSet<&String> = filters.iter().collect();
            assert_eq!(distinct.len(), filters.len());
        }
    }
}
