//! A checkbox with its label, wired by `for`/`id`: the "stay signed in" and "show key" options.

use leptos::prelude::*;

use super::unique_id;

#[component]
pub fn CheckboxField(
    #[prop(into)] label: Signal<String>,
    checked: RwSignal<bool>,
) -> impl IntoView {
    let id = unique_id("check");
    view! {
        <div class="ada-check">
            <input
                id=id.clone()
                type="checkbox"
                prop:checked=move || checked.get()
                on:change:target=move |event| checked.set(event.target().checked())
            />
            <label for=id>{label}</label>
        </div>
    }
}
