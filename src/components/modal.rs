//! A modal dialog on the native `<dialog>` element: `showModal()` traps focus and makes the page
//! behind inert, Escape closes it, the element with `autofocus` gets the initial focus, and focus
//! returns to whatever opened it, or, when that is gone (a deleted webhook's row), to the
//! `data-focus-fallback` element of the section it was in.

use leptos::html::Dialog;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use super::unique_id;

#[component]
pub fn Modal<C>(
    #[prop(into)] title: Signal<String>,
    /// Called on Escape; buttons inside call their own close callbacks.
    on_close: Callback<()>,
    children: TypedChildren<C>,
) -> impl IntoView
where
    C: IntoView + 'static,
{
    let dialog = NodeRef::<Dialog>::new();
    let title_id = unique_id("dialog-title");
    let opener = document()
        .active_element()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    let section = opener
        .as_ref()
        .and_then(|opener| opener.closest("section").ok().flatten());
    let return_to = SendWrapper::new((opener, section));
    on_cleanup(move || {
        let (opener, section) = return_to.take();
        let fallback = move || {
            section?
                .query_selector("[data-focus-fallback]")
                .ok()??
                .dyn_into::<web_sys::HtmlElement>()
                .ok()
        };
        match opener.filter(|opener| opener.is_connected()) {
            Some(opener) => {
                let _ = opener.focus();
            }
            // While the dialog is still in the page, everything behind it is inert and cannot
            // take the focus: the fallback is focused once the dialog has gone.
            None => set_timeout(
                move || {
                    if let Some(fallback) = fallback() {
                        let _ = fallback.focus();
                    }
                },
                std::time::Duration::ZERO,
            ),
        }
    });
    Effect::new(move |_| {
        if let Some(dialog) = dialog.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
    });
    view! {
        <dialog
            node_ref=dialog
            class="ada-dialog"
            aria-labelledby=title_id.clone()
            on:close=move |_| {
                // A dialog removed while open (its part replaced, say) closes too; only a close
                // the person asked for (Escape) closes the widget's dialog.
                if dialog.get_untracked().is_some_and(|dialog| dialog.is_connected()) {
                    on_close.run(());
                }
            }
        >
            <h2 id=title_id.clone() class="ada-dialog-title">{title}</h2>
            {children.into_inner()()}
        </dialog>
    }
}

/// A button that takes the focus once it is shown: a dialog whose form held the focus and went
/// away (rotated, created) keeps keyboard users inside it, on its Done button.
pub fn focused_when_shown() -> NodeRef<leptos::html::Button> {
    let button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = button.get() {
            let _ = button.focus();
        }
    });
    button
}
