//! The floor (bench/diet.sh): a bare Leptos app frame with a sign-in form like the widget's (a
//! heading, a warning, two labelled fields that show their problems, a checkbox, a submit button that
//! says when it is busy), and nothing else: no session, no API, no catalog. Built with the release
//! build's flags, it is what Leptos itself costs for the standalone page's first screen, so the main
//! module's size can be read against it.

#[cfg(target_arch = "wasm32")]
fn main() {
    use leptos::prelude::*;

    #[component]
    fn Field(
        label: &'static str,
        value: RwSignal<String>,
        problem: Signal<Option<String>>,
    ) -> impl IntoView {
        view! {
            <label class="field">
                <span>{label}</span>
                <input
                    prop:value=move || value.get()
                    on:input=move |event| value.set(event_target_value(&event))
                    aria-invalid=move || problem.get().is_some().to_string()
                />
                {move || problem.get().map(|problem| view! { <span class="problem">{problem}</span> })}
            </label>
        }
    }

    #[component]
    fn App() -> impl IntoView {
        let base_url = RwSignal::new(String::from("/api"));
        let key = RwSignal::new(String::new());
        let remember = RwSignal::new(false);
        let submitted = RwSignal::new(false);
        let busy = RwSignal::new(false);
        let key_problem = Signal::derive(move || {
            (submitted.get() && key.with(|key| key.trim().is_empty()))
                .then(|| "Enter an API key.".to_owned())
        });
        let base_problem = Signal::derive(move || {
            (submitted.get()
                && !base_url.with(|url| url.starts_with('/') || url.starts_with("https://")))
            .then(|| "Enter /api or an https:// address.".to_owned())
        });
        view! {
            <div class="app">
                <header><h1>"Ada webhook secrets"</h1></header>
                <form on:submit=move |event| {
                    event.prevent_default();
                    submitted.set(true);
                    busy.set(key_problem.get_untracked().is_none() && base_problem.get_untracked().is_none());
                }>
                    <h2>"Sign in to Ada"</h2>
                    <p class="warning">"Ada API keys have full access to your Ada instance and never expire."</p>
                    <Field label="API base URL" value=base_url problem=base_problem />
                    <Field label="API key" value=key problem=key_problem />
                    <label>
                        <input type="checkbox" prop:checked=move || remember.get()
                            on:change=move |event| remember.set(event_target_checked(&event)) />
                        "Stay signed in in this tab"
                    </label>
                    <button type="submit" disabled=move || busy.get()>
                        {move || if busy.get() { "Checking the key…" } else { "Sign in" }}
                    </button>
                </form>
            </div>
        }
    }

    mount_to_body(App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
