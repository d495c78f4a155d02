//! The wasm chunks of the split release build, each declared once: its name (the `wasm_split`
//! module its parts are split into) and the capabilities that allow it (a chunk none of them allows
//! is never fetched). Each is a feature the first screen does not show, fetched once the list has
//! loaded or on first use. The lazy parts (`components::lazy`'s `lazy!`) and the prefetch after the
//! list come from here. The list itself is in the main module: every host shows it, and the
//! standalone page's sign-in form, which needs no wasm, no longer waits for its bytes.

use crate::embed_options::{Capabilities, Capability};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chunk {
    /// Rotate, show the current secret, bulk rotation: one capability's dialogs together.
    Dialogs,
    /// The delivery check.
    Verify,
    /// Create, edit, enable/disable and delete.
    Lifecycle,
}

impl Chunk {
    pub const ALL: [Chunk; 3] = [Chunk::Dialogs, Chunk::Verify, Chunk::Lifecycle];

    /// The chunk's name: its `wasm_split` module.
    pub fn name(self) -> &'static str {
        match self {
            Chunk::Dialogs => "dialogs",
            Chunk::Verify => "verify",
            Chunk::Lifecycle => "lifecycle",
        }
    }

    /// The capabilities any one of which allows the chunk.
    pub fn allowed_by(self) -> &'static [Capability] {
        match self {
            Chunk::Dialogs => &[Capability::Rotate, Capability::Reveal],
            Chunk::Verify => &[Capability::Verify],
            Chunk::Lifecycle => &[Capability::Create, Capability::Edit, Capability::Delete],
        }
    }

    pub fn is_allowed(self, capabilities: Capabilities) -> bool {
        self.allowed_by()
            .iter()
            .any(|capability| capabilities.allows(*capability))
    }

    /// The chunks fetched once the list is shown, in order, for a host's `capabilities`.
    pub fn after_list(capabilities: Capabilities) -> impl Iterator<Item = Chunk> {
        Chunk::ALL
            .into_iter()
            .filter(move |chunk| chunk.is_allowed(capabilities))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunk_is_fetched_only_for_the_capabilities_that_use_it() {
        let none = Capabilities::NONE;
        assert_eq!(
            Chunk::after_list(none).count(),
            0,
            "a read-only list fetches nothing more"
        );
        let rotate_only = Capabilities::parse(Some("rotate")).unwrap();
        assert_eq!(
            Chunk::after_list(rotate_only).collect::<Vec<_>>(),
            [Chunk::Dialogs]
        );
        let reveal_verify = Capabilities::parse(Some("reveal verify")).unwrap();
        assert_eq!(
            Chunk::after_list(reveal_verify).collect::<Vec<_>>(),
            [Chunk::Dialogs, Chunk::Verify]
        );
        let delete_only = Capabilities::parse(Some("delete")).unwrap();
        assert_eq!(
            Chunk::after_list(delete_only).collect::<Vec<_>>(),
            [Chunk::Lifecycle]
        );
        assert_eq!(Chunk::after_list(Capabilities::ALL).count(), 3);
    }

    /// Every chunk declared here is a `wasm_split` module of `lazy!`'s, and `lazy!` splits into no
    /// other.
    #[test]
    fn the_parts_name_the_chunks_declared_here() {
        let lazy = include_str!("components/lazy.rs");
        assert_eq!(
            lazy.matches("=> { $crate::lazy_in!(").count(),
            Chunk::ALL.len(),
            "lazy! has one arm per chunk"
        );
        for chunk in Chunk::ALL {
            let arm = lazy
                .lines()
                .find(|line| line.trim_start().starts_with(&format!("({chunk:?} ")))
                .unwrap_or_else(|| panic!("lazy! has no arm for {chunk:?}"));
            let name = chunk.name();
            assert!(
                arm.contains(&format!("lazy_in!({name}, preload_{name} ")),
                "lazy!'s {chunk:?} arm splits into the module {name}: {arm}"
            );
        }
    }
}
