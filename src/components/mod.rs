//! The widget's components, one file per UI concern.

use std::sync::atomic::{AtomicUsize, Ordering};

pub mod after_rotation;
pub mod announcer;
pub mod bulk_rotate;
pub mod checkbox_field;
pub mod delete_dialog;
pub mod error_notice;
pub mod event_choices;
pub mod lazy;
pub mod modal;
pub mod rotate_dialog;
pub mod run_notice;
pub mod secret_dialog;
pub mod secret_panel;
pub mod secret_value;
pub mod sign_in;
pub mod text_field;
pub mod verify_dialog;
pub mod verify_launcher;
pub mod webhook_form_dialog;
pub mod webhook_list;

/// Element ids unique within the page, so that several widgets can share one document.
pub fn unique_id(name: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    format!("ada-{}-{name}", NEXT.fetch_add(1, Ordering::Relaxed))
}
