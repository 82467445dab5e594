//! Shared test helpers: where the real WSDLs are, and the skip/CI rule for them.
#![allow(dead_code)]

use std::path::PathBuf;

/// `<workspace root>/../shared/wsdl`, where the real WSDLs live (never copied here).
pub fn shared_wsdl_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/wsdl")
}

/// The v66 Metadata WSDL, or `None` (after saying so) when ../shared is absent. Under
/// `CI=true` its absence is a failure: CI must exercise these tests.
pub fn metadata_wsdl(test: &str) -> Option<PathBuf> {
    let path = shared_wsdl_dir().join("metadata.wsdl");
    if path.is_file() {
        return Some(path.canonicalize().unwrap_or(path));
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{test}: {} is missing, and CI=true requires it",
        path.display()
    );
    eprintln!("{test}: skipped, {} is not present", path.display());
    None
}

/// A fresh empty directory under the system temp dir, unique per process and `tag`.
pub fn temp_dir(tag: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("metadata-test-{}-{tag}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

pub mod schema;
