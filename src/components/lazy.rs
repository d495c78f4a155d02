//! Parts of the widget that the split release build loads from wasm chunks of their own
//! ([`crate::chunks`] declares the chunks), only when first used or prefetched: [`lazy!`] declares
//! one, [`LazyDialog`] shows it, a [`Preloader`] fetches a chunk without running anything. A chunk
//! that fails to load (a deploy in between, the network) shows a dialog that says so with a retry,
//! never a trap; nothing typed elsewhere is touched.
//!
//! The gate is `cfg(wasm_split)`, set only beside `-Clink-args=--emit-relocs` in the split release
//! build (scripts/env.sh): debug builds and the browser tests get plain `async fn`s that return at
//! once, and so need no splitter.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped;

use super::modal::Modal;
use crate::chunks::Chunk;
use crate::i18n::{t, tr};

/// A chunk could not be loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkUnavailable;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkUnavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> ChunkUnavailable {
        ChunkUnavailable
    }
}

/// What a part that could not be loaded says, in the chosen language (tracked: called in a
/// reactive closure, it follows a change of language).
pub fn chunk_unavailable_message() -> &'static str {
    tr(
        "This part of the widget could not be loaded: the connection failed, or a new version was \
        deployed meanwhile. Try again; if it keeps failing, reload the page.",
    )
}

/// `lazy!(Chunk, pub async fn name(args) -> Result<T, ChunkUnavailable> { body })` declares a part of
/// the chunk `Chunk` (a [`crate::chunks::Chunk`]), with the signature its callers see: in the split
/// build `name` lives in that chunk, and awaiting it first fetches the chunk (a failure is
/// `Err(ChunkUnavailable)`); elsewhere it is a plain async function. One part per chunk is declared
/// `lazy!(Chunk preloads, …)`: it also makes the chunk's preload function, which the app's
/// [`Preloader`] calls.
#[macro_export]
macro_rules! lazy {
    (Dialogs $($preloads:ident)?, $($part:tt)*) => { $crate::lazy_in!(dialogs, preload_dialogs $($preloads)?, $($part)*); };
    (Verify $($preloads:ident)?, $($part:tt)*) => { $crate::lazy_in!(verify, preload_verify $($preloads)?, $($part)*); };
    (Lifecycle $($preloads:ident)?, $($part:tt)*) => { $crate::lazy_in!(lifecycle, preload_lifecycle $($preloads)?, $($part)*); };
}

/// [`lazy!`] for the chunk's `wasm_split` module name.
#[doc(hidden)]
#[macro_export]
macro_rules! lazy_in {
    ($chunk:ident, $preload:ident preloads, $(#[$meta:meta])* pub async fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> Result<$ok:ty, ChunkUnavailable> $body:block) => {
        #[cfg(wasm_split)]
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))]
        $(#[$meta])*
        pub fn $name($($arg: $ty),*) -> Result<$ok, $crate::components::lazy::ChunkUnavailable> $body

        #[cfg(not(wasm_split))]
        $(#[$meta])*
        pub async fn $name($($arg: $ty),*) -> Result<$ok, $crate::components::lazy::ChunkUnavailable> $body

        #[cfg(not(wasm_split))]
        pub async fn $preload() -> Result<(), ::leptos::wasm_split::SplitLoaderError> {
            Ok(())
        }
    };
    ($chunk:ident, $preload:ident, $(#[$meta:meta])* pub async fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> Result<$ok:ty, ChunkUnavailable> $body:block) => {
        #[cfg(wasm_split)]
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        $(#[$meta])*
        pub fn $name($($arg: $ty),*) -> Result<$ok, $crate::components::lazy::ChunkUnavailable> $body

        #[cfg(not(wasm_split))]
        $(#[$meta])*
        pub async fn $name($($arg: $ty),*) -> Result<$ok, $crate::components::lazy::ChunkUnavailable> $body
    };
}

/// Fetches chunks, one after the other when the browser is idle, without running anything in them,
/// so that their first use does not wait for the network. The app holds the one that knows every
/// chunk's part and provides it as context, so that the features that prefetch and the parts they
/// prefetch never import each other; without one (a part mounted on its own, as in a test) nothing
/// is prefetched.
#[derive(Clone, Copy)]
pub struct Preloader(pub fn(Vec<Chunk>));

/// How a lazy part is loaded: the one type every [`LazyDialog`] takes, so that its code exists
/// once rather than once per part.
pub type LoadPart =
    Arc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<AnyView, ChunkUnavailable>>>> + Send + Sync>;

/// `load` (a part's function from [`lazy!`], with its arguments) as a [`LoadPart`].
pub fn part<F, Fut>(load: F) -> LoadPart
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, ChunkUnavailable>> + 'static,
{
    Arc::new(move || Box::pin(load()))
}

enum Loaded {
    Loading,
    Ready(Option<AnyView>),
    Failed,
}

/// Loads a part with `load` under this component's owner; `start` tries again after a failure.
fn loaded_part(load: LoadPart) -> (RwSignal<Loaded, LocalStorage>, Callback<()>) {
    let state = RwSignal::new_local(Loaded::Loading);
    // The part builds signals and reads context: it runs under this component's owner, also when
    // a Retry click (which has no owner of its own) starts it again.
    let owner = Owner::current();
    let start = Callback::new(move |()| {
        state.set(Loaded::Loading);
        let loading = load();
        let task = async move {
            let loaded = match loading.await {
                Ok(view) => Loaded::Ready(Some(view)),
                Err(ChunkUnavailable) => Loaded::Failed,
            };
            state.try_set(loaded);
        };
        match &owner {
            Some(owner) => owner.with(|| spawn_local_scoped(task)),
            None => spawn_local_scoped(task),
        }
    });
    start.run(());
    (state, start)
}

/// The loaded view, taken once (an AnyView renders once); `None` while loading or after a failure.
fn take_view(state: RwSignal<Loaded, LocalStorage>) -> (bool, Option<AnyView>) {
    let failed = state.with(|state| matches!(state, Loaded::Failed));
    let view = state
        .try_update_untracked(|state| match state {
            Loaded::Ready(view) => view.take(),
            _ => None,
        })
        .flatten();
    (failed, view)
}

/// A lazily loaded dialog: nothing until it is there; on failure, a dialog with `title` that
/// says so, with Retry and Close.
#[component]
pub fn LazyDialog(
    load: LoadPart,
    #[prop(into)] title: Signal<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let (state, retry) = loaded_part(load);
    move || match take_view(state) {
        (true, _) => EitherOf3::A(view! {
            <Modal title on_close>
                {chunk_unavailable(retry)}
                <div class="ada-dialog-buttons">
                    <button type="button" class="ada-button" on:click=move |_| on_close.run(())>{t("Close")}</button>
                </div>
            </Modal>
        }),
        (false, Some(view)) => EitherOf3::B(view),
        (false, None) => EitherOf3::C(()),
    }
}

fn chunk_unavailable(retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="ada-error" role="alert">
            <p class="ada-error-summary">{chunk_unavailable_message}</p>
            <button type="button" class="ada-button" on:click=move |_| retry.run(())>{t("Try again")}</button>
        </div>
    }
}
