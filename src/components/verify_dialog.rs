//! "Verify a delivery": paste a delivery's headers and raw body, and the widget checks Svix's
//! signature against the webhook's current secret and, if given, another secret the admin still
//! has. Where the host lets the widget reveal secrets, the current secret is fetched with get-secret
//! (never shown); where it does not, nothing is fetched and the admin pastes it. The HMAC is the
//! browser's WebCrypto; the decisions, the 1 MiB body limit and the CR LF second try are
//! [`crate::delivery`]'s. The text areas are read once, when Verify is pressed, not copied at each
//! keystroke. Nothing but the get-secret request leaves the browser. Its own chunk.

use leptos::html::Textarea;
use leptos::prelude::*;
use zeroize::{Zeroize, Zeroizing};

use super::announcer::Announcer;
use super::error_notice::ErrorNotice;
use super::modal::Modal;
use super::text_field::TextField;
use super::unique_id;
use crate::api::paths::WebhookId;
use crate::api::ApiError;
use crate::attempt::Attempt;
use crate::browser;
use crate::delivery::{
    check_timestamp, parse_headers, secret_key, signed_content, verify_with, with_crlf_line_breaks,
    Verdict, MAX_BODY_BYTES,
};
use crate::embed_options::Capability;
use crate::i18n::{t, tr};
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

/// The check: judged, or failed with why (`None`: the browser offers no WebCrypto here).
type Check = Attempt<Verdict, Option<ApiError>>;

/// What was pasted, read from the fields once.
struct Pasted {
    headers: String,
    body: String,
    /// The current secret, where the admin pastes it.
    current: Option<Zeroizing<String>>,
    other: Zeroizing<String>,
}

#[component]
fn VerifyDialog(
    webhook_id: WebhookId,
    webhook_url: String,
    on_close: Callback<()>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let announcer = Announcer::from_context();
    let fetches_secret = session.allows(Capability::Reveal);
    let headers = NodeRef::<Textarea>::new();
    let body = NodeRef::<Textarea>::new();
    let current = RwSignal::new(String::new());
    let other = RwSignal::new(String::new());
    on_cleanup(move || {
        current.try_update_untracked(Zeroize::zeroize);
        other.try_update_untracked(Zeroize::zeroize);
    });
    let check = RwSignal::new(Check::default());
    let webhook_id = StoredValue::new(webhook_id);

    let judged = move |verdict: Verdict| {
        announcer.say(verdict.sentence());
        check.set(Check::Done(verdict));
    };
    let verify = move || {
        if check.with_untracked(Check::in_flight) {
            return;
        }
        let area = |node: NodeRef<Textarea>| {
            node.get_untracked()
                .map(|area| area.value())
                .unwrap_or_default()
        };
        let pasted = Pasted {
            headers: area(headers),
            body: area(body),
            current: (!fetches_secret).then(|| Zeroizing::new(current.get_untracked())),
            other: Zeroizing::new(other.get_untracked()),
        };
        let now = (browser::now_ms() / 1_000.0) as i64;
        // What the body's size or the headers alone decide needs no secret: nothing is fetched.
        let early = if pasted.body.len() > MAX_BODY_BYTES {
            Some(Verdict::BodyTooLarge)
        } else {
            match parse_headers(&pasted.headers) {
                Err(problem) => Some(Verdict::Headers(problem)),
                Ok(delivery) => check_timestamp(delivery.timestamp_seconds, now)
                    .err()
                    .map(Verdict::Timestamp),
            }
        };
        if let Some(verdict) = early {
            return judged(verdict);
        }
        check.set(Check::InFlight);
        let fetched = fetches_secret.then(|| session.webhook_secret(webhook_id.get_value()));
        leptos::task::spawn_local(async move {
            let current = match fetched {
                Some(fetched) => fetched.await.map(|secret| secret.key),
                None => Ok(pasted.current.clone().unwrap_or_default()),
            };
            let outcome = match current {
                Ok(current) => judge(&pasted.headers, &pasted.body, &current, &pasted.other, now)
                    .await
                    .map_or(Check::Ready(Some(None)), Check::Done),
                Err(error) => Check::Ready(Some(Some(error))),
            };
            announcer.say(match &outcome {
                Check::Done(verdict) => verdict.sentence(),
                _ => tr("The delivery could not be checked.").to_owned(),
            });
            check.try_set(outcome);
        });
    };

    view! {
        <Modal title=Signal::derive(|| tr("Verify a delivery").to_owned()) on_close>
            <p class="ada-dialog-subject">{t("Webhook")} " " <span class="ada-url">{webhook_url}</span></p>
            <p class="ada-hint">
                {t("Paste a delivery your receiver got: its headers (svix-id, svix-timestamp and \
                    svix-signature, or their webhook- names, one per line as name: value) and its body \
                    exactly as received.")}
                " "
                {if fetches_secret {
                    t("Only the webhook's current secret is fetched from Ada; nothing you paste leaves \
                       the browser.")
                } else {
                    t("Nothing is fetched from Ada, and nothing you paste leaves the browser.")
                }}
            </p>
            <form novalidate on:submit=move |event| { event.prevent_default(); verify(); }>
                <TextArea label=t("Headers") node=headers rows=4 />
                <TextArea label=t("Body") node=body rows=6 />
                {(!fetches_secret).then(|| view! {
                    <TextField
                        label=t("Current secret")
                        value=current
                        input_type="password"
                        hint=t("This page does not let the widget fetch secrets: paste the \
                            webhook's current signing secret.")
                    />
                })}
                <TextField
                    label=t("Also try this secret")
                    value=other
                    input_type="password"
                    hint=t("Optional: a previous secret your receivers may still use.")
                />
                <CheckResult check />
                <div class="ada-dialog-buttons">
                    <button type="button" class="ada-button" on:click=move |_| on_close.run(())>{t("Close")}</button>
                    <button type="submit" class="ada-button ada-primary" disabled=move || check.with(Check::in_flight)>
                        {t("Verify")}
                    </button>
                </div>
            </form>
        </Modal>
    }
}

/// What the check found, or why it could not check.
#[component]
fn CheckResult(check: RwSignal<Check>) -> impl IntoView {
    move || {
        match check.get() {
        Check::Ready(None) => None,
        Check::InFlight => Some(view! { <p class="ada-loading">{t("Checking…")}</p> }.into_any()),
        Check::Done(verdict) => {
            let class = if verdict.is_valid() { "ada-verdict ada-valid" } else { "ada-verdict ada-invalid" };
            Some(view! { <p class=class>{verdict.sentence()}</p> }.into_any())
        }
        Check::Ready(Some(Some(error))) => Some(view! {
            <ErrorNotice error headline=tr("The current secret could not be fetched, so nothing was checked.").to_owned() />
        }.into_any()),
        Check::Ready(Some(None)) => Some(view! {
            <p class="ada-error">{t("This browser offers no WebCrypto on this page (it needs https or \
                localhost), so the signature cannot be checked here.")}</p>
        }.into_any()),
    }
    }
}

/// The verdict, with the MACs WebCrypto computes for each secret and each content the decision may
/// need (the body as pasted, and with CR LF line breaks); `None` where WebCrypto is unavailable.
/// Public for the browser tests, which run Svix's vectors through it.
pub async fn judge(
    headers: &str,
    body: &str,
    current: &str,
    other: &str,
    now: i64,
) -> Option<Verdict> {
    let delivery = parse_headers(headers).ok();
    let contents: Vec<Vec<u8>> = match &delivery {
        Some(delivery) if body.len() <= MAX_BODY_BYTES => std::iter::once(body.to_owned())
            .chain(with_crlf_line_breaks(body))
            .map(|body| signed_content(delivery, &body))
            .collect(),
        _ => Vec::new(),
    };
    let other = Some(other).filter(|other| !other.trim().is_empty());
    let mut macs = Vec::new();
    for secret in std::iter::once(current).chain(other) {
        let Ok(key) = secret_key(secret) else {
            continue;
        };
        for content in &contents {
            let mac = browser::hmac_sha256(&key, content).await?;
            macs.push((key.clone(), content.clone(), mac));
        }
    }
    Some(verify_with(
        headers,
        body,
        current,
        other,
        now,
        |key, content| {
            macs.iter()
                .find(|(known, signed, _)| known.as_slice() == key && signed.as_slice() == content)
                .map(|(_, _, mac)| mac.clone())
                .unwrap_or_default()
        },
    ))
}

/// A labelled multi-line field, read when the form is sent rather than copied at each keystroke;
/// what is pasted stays as it is (no trimming).
#[component]
fn TextArea(
    #[prop(into)] label: Signal<String>,
    node: NodeRef<Textarea>,
    rows: u32,
) -> impl IntoView {
    let id = unique_id("area");
    view! {
        <div class="ada-field">
            <label for=id.clone()>{label}</label>
            <textarea id=id rows=rows spellcheck="false" autocomplete="off" node_ref=node></textarea>
        </div>
    }
}
