//! Tests that read the crate's own source: the layers never cross (views never see the HTTP client,
//! parse JSON or build API paths; the API layer never touches the DOM or the UI), and the walk over
//! `src/` that the catalog's tests (`i18n`) share.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/<dir>` with its code, its unit tests left out.
pub fn rust_sources(dir: &str) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut paths = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir)];
    while let Some(path) = paths.pop() {
        if path.is_dir() {
            paths.extend(
                std::fs::read_dir(&path)
                    .unwrap()
                    .map(|entry| entry.unwrap().path()),
            );
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            let code = source.split("#[cfg(test)]\nmod tests").next().unwrap();
            found.push((path, code.to_owned()));
        }
    }
    assert!(!found.is_empty(), "no Rust files under src/{dir}");
    found
}

/// The files under `src/<dir>` whose code holds any of `forbidden`, with what each holds.
fn crossings(dir: &str, forbidden: &[&str]) -> Vec<String> {
    rust_sources(dir)
        .into_iter()
        .flat_map(|(path, code)| {
            forbidden
                .iter()
                .filter(|word| code.contains(*word))
                .map(|word| format!("{} holds `{word}`", path.display()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Whether `code` names `identifier` as a whole word (not as part of a longer name).
fn names(code: &str, identifier: &str) -> bool {
    let part_of_a_name = |c: char| c.is_alphanumeric() || c == '_';
    code.match_indices(identifier).any(|(at, _)| {
        !code[..at].ends_with(part_of_a_name)
            && !code[at + identifier.len()..].starts_with(part_of_a_name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_call_the_session_never_the_client_json_or_paths() {
        let forbidden = [
            "api::client",
            "Client::",
            "web_sys::Request",
            "api::json",
            "JSON::parse",
            "/v2/",
        ];
        assert_eq!(crossings("components", &forbidden), Vec::<String>::new());
        let naming_the_client: Vec<_> = rust_sources("components")
            .into_iter()
            .filter(|(_, code)| names(code, "Client"))
            .map(|(path, _)| path)
            .collect();
        assert_eq!(
            naming_the_client,
            Vec::<PathBuf>::new(),
            "the client is the session's alone"
        );
    }

    #[test]
    fn views_take_only_the_checked_id_from_the_paths() {
        let builders: Vec<String> = rust_sources("components")
            .into_iter()
            .flat_map(|(path, code)| {
                code.match_indices("paths::")
                    .filter(|(at, _)| !code[at + "paths::".len()..].starts_with("WebhookId"))
                    .map(|(at, _)| {
                        format!(
                            "{}: {}",
                            path.display(),
                            code[at..].lines().next().unwrap_or("")
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(builders, Vec::<String>::new());
    }

    #[test]
    fn the_api_layer_never_touches_the_dom_or_the_ui() {
        let forbidden = [
            "leptos",
            "crate::components",
            "crate::session",
            "crate::app",
            "document()",
            "web_sys::Document",
            "web_sys::Element",
            "web_sys::HtmlElement",
            "inner_html",
        ];
        assert_eq!(crossings("api", &forbidden), Vec::<String>::new());
    }

    #[test]
    fn a_crossing_is_found() {
        assert!(!crossings("components", &["leptos"]).is_empty());
        assert!(!crossings("api", &["ApiError"]).is_empty());
        assert!(names("use crate::api::{ApiError, Client};", "Client"));
        assert!(names("Client::new()", "Client"));
        assert!(!names("ClientError HttpClient client_id", "Client"));
    }
}
