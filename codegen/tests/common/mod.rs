//! Helpers shared by the integration tests.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::path::PathBuf;

/// The workspace root (this crate's parent directory).
pub fn workspace() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// `../shared/wsdl` beside the workspace, or `None` (with a note) when it is absent outside
/// CI. Under `CI=true` its absence fails the test.
pub fn shared_wsdl_dir() -> Option<PathBuf> {
    let dir = workspace().join("../shared/wsdl");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{} is missing, and CI=true requires it",
        dir.display()
    );
    eprintln!("skipped: {} is missing", dir.display());
    None
}
