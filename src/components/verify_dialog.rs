//! "Verify a delivery": paste a delivery's headers and raw body, and the widget checks Svix's
//! signature against the webhook's current secret (fetched with get-secret, never shown) and, if
//! given, another secret the admin still has. The HMAC is the browser's WebCrypto; the decisions
//! are [`crate::delivery`]'s. Nothing but the get-secret request leaves the browser. Its own chunk.

use leptos::prelude::*;
use zeroize::{Zeroize, Zeroizing};

use super::announcer::Announcer;
use super::error_notice::ErrorNotice;
use super::modal::Modal;
use super::text_field::TextField;
use super::unique_id;
use crate::api::paths::WebhookId;
use crate::api::ApiError;
use crate::browser;
use crate::delivery::{
    check_timestamp, parse_headers, secret_key, signed_content, verify_with, Verdict,
};
use crate::session::Session;

crate::lazy!(
    Verify preloads,
    /// The delivery check, from its own chunk.
    pub async fn verify_part(
        webhook_id: WebhookId,
        webhook_url: String,
        on_close: Callback<()>,
    ) -> Result<AnyView, ChunkUnavailable> {
        Ok(view! { <VerifyDialog webhook_id webhook_url on_close /> }.into_any())
    }
);

/// Where the check stands.
#[derive(Clone)]
enum Check {
    Ready,
    Checking,
    Judged(Verdict),
    /// get-secret failed, or the browser has no WebCrypto here.
    Failed(Option<ApiError>),
}

#[component]
fn VerifyDialog(
    webhook_id: WebhookId,
    webhook_url: String,
    on_close: Callback<()>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let announcer = Announcer::from_context();
    let headers = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let other = RwSignal::new(String::new());
    on_cleanup(move || {
        other.try_update_untracked(Zeroize::zeroize);
    });
    let check = RwSignal::new(Check::Ready);
    let webhook_id = StoredValue::new(webhook_id);

    let verify = move || {
        if matches!(check.get_untracked(), Check::Checking) {
            return;
        }
        let (headers, body, other) = (
            headers.get_untracked(),
            body.get_untracked(),
            Zeroizing::new(other.get_untracked()),
        );
        let now = (browser::now_ms() / 1_000.0) as i64;
        // What the headers alone decide needs no secret: nothing is fetched for it.
        let early = match parse_headers(&headers) {
            Err(problem) => Some(Verdict::Headers(problem)),
            Ok(delivery) => check_timestamp(delivery.timestamp_seconds, now)
                .err()
                .map(Verdict::Timestamp),
        };
        if let Some(verdict) = early {
            announcer.say(verdict.sentence());
            check.set(Check::Judged(verdict));
            return;
        }
        check.set(Check::Checking);
        let secret = session.webhook_secret(webhook_id.get_value());
        leptos::task::spawn_local(async move {
            let outcome = match secret.await {
                Ok(secret) => judge(&headers, &body, &secret.key, &other, now)
                    .await
                    .map_or(Check::Failed(None), Check::Judged),
                Err(error) => Check::Failed(Some(error)),
            };
            announcer.say(match &outcome {
                Check::Judged(verdict) => verdict.sentence(),
                _ => "The delivery could not be checked.".to_owned(),
            });
            check.try_set(outcome);
        });
    };
    let result = move || {
        match check.get() {
        Check::Ready => None,
        Check::Checking => Some(view! { <p class="ada-loading">"Checking…"</p> }.into_any()),
        Check::Judged(verdict) => {
            let class = if verdict.is_valid() { "ada-verdict ada-valid" } else { "ada-verdict ada-invalid" };
            Some(view! { <p class=class>{verdict.sentence()}</p> }.into_any())
        }
        Check::Failed(Some(error)) => Some(view! {
            <ErrorNotice error headline="The current secret could not be fetched, so nothing was checked.".to_owned() />
        }.into_any()),
        Check::Failed(None) => Some(view! {
            <p class="ada-error">"This browser offers no WebCrypto on this page (it needs https or localhost), so the signature cannot be checked here."</p>
        }.into_any()),
    }
    };

    view! {
        <Modal title="Verify a delivery".to_owned() on_close>
            <p class="ada-dialog-subject">"Webhook " <span class="ada-url">{webhook_url}</span></p>
            <p class="ada-hint">
                "Paste a delivery your receiver got: its headers (svix-id, svix-timestamp and svix-signature, or "
                "their webhook- names, one per line as name: value) and its body exactly as received. Only the "
                "webhook's current secret is fetched from Ada; nothing you paste leaves the browser."
            </p>
            <form novalidate on:submit=move |event| { event.prevent_default(); verify(); }>
                <TextArea label="Headers" value=headers rows=4 />
                <TextArea label="Body" value=body rows=6 />
                <TextField
                    label="Also try this secret"
                    value=other
                    input_type="password"
                    hint="Optional: a previous secret your receivers may still use."
                />
                {result}
                <div class="ada-dialog-buttons">
                    <button type="button" class="ada-button" on:click=move |_| on_close.run(())>"Close"</button>
                    <button type="submit" class="ada-button ada-primary" disabled=move || matches!(check.get(), Check::Checking)>
                        "Verify"
                    </button>
                </div>
            </form>
        </Modal>
    }
}

/// The verdict, with the MACs WebCrypto computes for each secret the decision may need; `None`
/// where WebCrypto is unavailable. Public for the browser tests, which run Svix's vectors through it.
pub async fn judge(
    headers: &str,
    body: &str,
    current: &str,
    other: &str,
    now: i64,
) -> Option<Verdict> {
    let delivery = parse_headers(headers).ok();
    let content = delivery
        .as_ref()
        .map(|delivery| signed_content(delivery, body))
        .unwrap_or_default();
    let other = Some(other).filter(|other| !other.trim().is_empty());
    let mut macs = Vec::new();
    for secret in std::iter::once(current).chain(other) {
        if let Ok(key) = secret_key(secret) {
            let mac = browser::hmac_sha256(&key, &content).await?;
            macs.push((key, mac));
        }
    }
    Some(verify_with(headers, body, current, other, now, |key, _| {
        macs.iter()
            .find(|(known, _)| known.as_slice() == key)
            .map(|(_, mac)| mac.clone())
            .unwrap_or_default()
    }))
}

/// A labelled multi-line field; what is pasted stays as it is (no trimming).
#[component]
fn TextArea(label: &'static str, value: RwSignal<String>, rows: u32) -> impl IntoView {
    let id = unique_id("area");
    view! {
        <div class="ada-field">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                rows=rows
                spellcheck="false"
                autocomplete="off"
                prop:value=move || value.get()
                on:input:target=move |event| value.set(event.target().value())
            ></textarea>
        </div>
    }
}
