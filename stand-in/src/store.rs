//! The in-memory webhook store: records (webhook plus signing secrets) in creation order, and
//! cursor pagination over them.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::secrets::SecretRing;

/// A webhook as Ada returns it (schema `Webhook`).
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Webhook {
    pub(crate) id: String,
    pub(crate) url: String,
    pub(crate) description: String,
    pub(crate) event_filters: Vec<String>,
    pub(crate) enabled: bool,
    pub(crate) created_at: String,
    pub(crate) updated_at: String,
}

#[derive(Clone, Debug)]
pub(crate) struct WebhookRecord {
    pub(crate) webhook: Webhook,
    pub(crate) secrets: SecretRing,
}

/// A cursor that names no webhook this store ever held.
#[derive(Debug)]
pub(crate) struct UnknownCursor;

pub(crate) struct Page<'a> {
    pub(crate) webhooks: Vec<&'a Webhook>,
    /// The cursor for the following page, if any webhook comes after this one.
    pub(crate) next_cursor: Option<&'a str>,
}

#[derive(Default)]
pub(crate) struct Store {
    records: BTreeMap<u64, WebhookRecord>,
    /// Every id ever issued, deleted ones included, so that a cursor stays usable after the
    /// webhook it names is deleted between two page requests.
    position_by_id: HashMap<String, u64>,
    next_position: u64,
}

impl Store {
    pub(crate) fn with_records(records: impl IntoIterator<Item = WebhookRecord>) -> Self {
        let mut store = Self::default();
        for record in records {
            store.insert(record);
        }
        store
    }

    pub(crate) fn insert(&mut self, record: WebhookRecord) -> &WebhookRecord {
        let position = self.next_position;
        self.next_position += 1;
        self.position_by_id
            .insert(record.webhook.id.clone(), position);
        self.records.entry(position).or_insert(record)
    }

    pub(crate) fn get(&self, id: &str) -> Option<&WebhookRecord> {
        self.records.get(self.position_by_id.get(id)?)
    }

    pub(crate) fn get_mut(&mut self, id: &str) -> Option<&mut WebhookRecord> {
        self.records.get_mut(self.position_by_id.get(id)?)
    }

    pub(crate) fn remove(&mut self, id: &str) -> Option<WebhookRecord> {
        self.records.remove(self.position_by_id.get(id)?)
    }

    /// Up to `limit` webhooks after the one named by `cursor` (from the start without one).
    pub(crate) fn page(
        &self,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<'_>, UnknownCursor> {
        let start = match cursor {
            Some(id) => self.position_by_id.get(id).ok_or(UnknownCursor)? + 1,
            None => 0,
        };
        let mut following = self
            .records
            .range(start..)
            .map(|(_, record)| &record.webhook);
        let webhooks: Vec<&Webhook> = following.by_ref().take(limit).collect();
        let next_cursor = match (webhooks.last(), following.next()) {
            (Some(last), Some(_)) => Some(last.id.as_str()),
            _ => None,
        };
        Ok(Page {
            webhooks,
            next_cursor,
        })
    }
}
