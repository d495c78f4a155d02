//! A labelled text input with an optional hint, a problem message and a warning, wired for assistive
//! technology: `for`/`id`, `aria-describedby` naming the problem, the warning, then the hint,
//! `aria-invalid` (a warning does not make the value invalid).
//! Spellcheck, autocomplete and autocapitalise are off: every field here holds URLs, keys or ids.

use leptos::prelude::*;

use super::unique_id;

#[component]
pub fn TextField(
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    /// `text`, `password` or `search`; a signal so that a "show key" toggle can switch it.
    #[prop(into, default = Signal::stored("text"))]
    input_type: Signal<&'static str>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(into, default = Signal::stored(None))] problem: Signal<Option<String>>,
    /// A warning that does not stop the form (the field's value is usable, but worth a look).
    #[prop(into, default = Signal::stored(None))]
    notice: Signal<Option<String>>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
) -> impl IntoView {
    let input_id = unique_id("field");
    let hint_id = hint.map(|_| unique_id("hint"));
    let problem_id = unique_id("problem");
    let notice_id = unique_id("notice");
    let described_by = {
        let (hint_id, problem_id, notice_id) =
            (hint_id.clone(), problem_id.clone(), notice_id.clone());
        move || {
            let problem = problem.with(Option::is_some).then(|| problem_id.clone());
            let notice = notice.with(Option::is_some).then(|| notice_id.clone());
            let ids: Vec<String> = problem
                .into_iter()
                .chain(notice)
                .chain(hint_id.clone())
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="ada-field">
            <label for=input_id.clone()>{label}</label>
            <input
                id=input_id
                type=move || input_type.get()
                inputmode=inputmode
                placeholder=placeholder
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                aria-describedby=described_by
                aria-invalid=move || problem.with(Option::is_some).to_string()
                prop:value=move || value.get()
                on:input:target=move |event| value.set(event.target().value())
            />
            {hint.map(|hint| view! { <p id=hint_id class="ada-hint">{hint}</p> })}
            {move || problem.get().map(|problem| view! {
                <p id=problem_id.clone() class="ada-field-error">{problem}</p>
            })}
            {move || notice.get().map(|notice| view! {
                <p id=notice_id.clone() class="ada-warning">{notice}</p>
            })}
        </div>
    }
}
