//! The wasm chunks of the split release build, each declared once: its name (the `wasm_split`
//! module its parts are split into), the capabilities that allow it (a chunk none of them allows is
//! never fetched), and when it is fetched before its first use. The lazy parts
//! (`components::lazy`'s `lazy!`), the prefetch after the list, and the loader's preload list
//! (a native test checks `scripts/write-entry-points.sh` against it) all come from here.

use crate::embed_options::{Capabilities, Capability};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chunk {
    /// The webhook list: the first screen once signed in.
    List,
    /// Rotate, show the current secret, bulk rotation: one capability's dialogs together.
    Dialogs,
    /// The delivery check.
    Verify,
    /// Create, edit, enable/disable and delete.
    Lifecycle,
}

/// When a chunk is fetched before anything in it is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prefetch {
    /// With the first screen: beside the main wasm when the list comes first (the loader and
    /// start.js preload it), else while the sign-in form is shown.
    FirstScreen,
    /// Once the list has loaded and none of the widget's requests is on its way, when the browser
    /// is idle.
    AfterList,
}

impl Chunk {
    pub const ALL: [Chunk; 4] = [Chunk::List, Chunk::Dialogs, Chunk::Verify, Chunk::Lifecycle];

    /// The chunk's name: its `wasm_split` module, and its part in the build's chunk manifest.
    pub fn name(self) -> &'static str {
        match self {
            Chunk::List => "list",
            Chunk::Dialogs => "dialogs",
            Chunk::Verify => "verify",
            Chunk::Lifecycle => "lifecycle",
        }
    }

    /// The capabilities any one of which allows the chunk; none for a chunk every host gets.
    pub fn allowed_by(self) -> &'static [Capability] {
        match self {
            Chunk::List => &[],
            Chunk::Dialogs => &[Capability::Rotate, Capability::Reveal],
            Chunk::Verify => &[Capability::Verify],
            Chunk::Lifecycle => &[Capability::Create, Capability::Edit, Capability::Delete],
        }
    }

    pub fn is_allowed(self, capabilities: Capabilities) -> bool {
        let needs = self.allowed_by();
        needs.is_empty()
            || needs
                .iter()
                .any(|capability| capabilities.allows(*capability))
    }

    pub fn prefetch(self) -> Prefetch {
        match self {
            Chunk::List => Prefetch::FirstScreen,
            Chunk::Dialogs | Chunk::Verify | Chunk::Lifecycle => Prefetch::AfterList,
        }
    }

    /// The chunks fetched once the list is shown, in order, for a host's `capabilities`.
    pub fn after_list(capabilities: Capabilities) -> impl Iterator<Item = Chunk> {
        Chunk::ALL.into_iter().filter(move |chunk| {
            chunk.prefetch() == Prefetch::AfterList && chunk.is_allowed(capabilities)
        })
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
        assert!(Chunk::List.is_allowed(none));
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

    #[test]
    fn only_the_list_comes_with_the_first_screen() {
        let first: Vec<_> = Chunk::ALL
            .into_iter()
            .filter(|chunk| chunk.prefetch() == Prefetch::FirstScreen)
            .collect();
        assert_eq!(first, [Chunk::List]);
    }

    /// The loader and start.js preload the first screen's chunks by their part's name in the build's
    /// manifest (scripts/write-entry-points.sh), and every part's chunk is declared here by name.
    #[test]
    fn the_build_and_the_parts_name_the_chunks_declared_here() {
        let entry_points = include_str!("../scripts/write-entry-points.sh");
        for chunk in Chunk::ALL
            .into_iter()
            .filter(|chunk| chunk.prefetch() == Prefetch::FirstScreen)
        {
            assert!(
                entry_points.contains(&format!(
                    "first_screen_chunks=$(part_files {})",
                    chunk.name()
                )),
                "write-entry-points.sh preloads the {} chunk",
                chunk.name()
            );
        }
        let lazy = include_str!("components/lazy.rs");
        for chunk in Chunk::ALL {
            let arm = format!("({:?}", chunk);
            assert!(lazy.contains(&arm), "lazy! has an arm for {chunk:?}");
            assert!(
                lazy.contains(&format!("lazy_in!({}", chunk.name())),
                "lazy!'s {chunk:?} arm splits into the module {}",
                chunk.name()
            );
        }
    }
}
