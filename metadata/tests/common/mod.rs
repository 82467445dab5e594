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
pub mod xmllint;

/// `target/<profile>/examples/<name>`, found from the running test binary's path
/// (`target/<profile>/deps/<test>-<hash>`). `cargo test` builds the examples there; when
/// one is missing or older than its source (e.g. after `cargo test --test x` alone, which
/// does not rebuild examples) the caller skips, saying so.
pub fn example_binary(name: &str) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let path = exe
        .parent()?
        .parent()?
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    let built = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let sources = [
        examples.join(format!("{name}.rs")),
        examples.join("common/mod.rs"),
    ];
    let newest_source = sources
        .iter()
        .filter_map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .max();
    match (built, newest_source) {
        (Some(b), Some(s)) if b >= s => Some(path),
        (Some(_), _) => {
            eprintln!(
                "example `{name}` is older than its source; skipped (run `cargo test -p metadata`)"
            );
            None
        }
        (None, _) => {
            eprintln!("example `{name}` not built; skipped (run `cargo test -p metadata`)");
            None
        }
    }
}
