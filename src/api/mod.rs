//! Everything that speaks HTTP to Ada: typed bodies, exact paths, one client and one error type.
//! Nothing here touches the DOM.

pub mod credentials;
pub mod error;
pub mod json;
pub mod paths;
pub mod types;

#[cfg(target_arch = "wasm32")]
pub mod client;

pub use error::{ApiError, ErrorKind};
