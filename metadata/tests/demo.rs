//! The demo's flow (examples/demo.rs, the README's first command) as a test, and the demo
//! binary as a process when `cargo test` has built it.

mod common;

#[allow(dead_code)]
#[path = "../examples/demo.rs"]
mod demo;

use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct SharedBuf(Arc<Mutex<Vec<u8>>>);

impl Write for SharedBuf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("buffer").extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_flow_runs_against_the_local_server() {
    let buf = SharedBuf::default();
    let out = demo::Out(Mutex::new(Box::new(buf.clone())));
    let report = demo::run(&out)
        .await
        .unwrap_or_else(|e| panic!("demo failed: {e}"));
    let text = String::from_utf8(buf.0.lock().expect("buffer").clone()).expect("utf-8");

    assert!(!report.listed.is_empty(), "{text}");
    assert!(
        report.read_types.iter().any(|t| t == "CustomObject"),
        "{report:?}"
    );
    assert!(
        report.read_types.iter().any(|t| t == "ApexClass"),
        "{report:?}"
    );
    assert_eq!(
        report.created,
        [
            ("Demo_Order__c".to_owned(), true),
            ("Demo_Shipment__c".to_owned(), true)
        ]
    );
    // 1 pending + 2 in progress + the final status, each reported once.
    assert_eq!(
        report.deploy_progress.len(),
        4,
        "{:?}",
        report.deploy_progress
    );
    assert!(report.deploy_progress[0].starts_with("Pending"));
    assert_eq!(report.deploy_status, "Succeeded");
    assert_eq!(
        report.retrieve_progress.last().map(String::as_str),
        Some("Succeeded")
    );
    assert!(report.retrieved_identical, "{text}");
    assert_eq!(
        report.refreshes_after_expiry,
        report.refreshes_before_expiry + 1
    );
    assert_eq!(report.invalid_session_faults, 1);

    // The output is readable, and it never shows a secret.
    for needle in [
        "== listMetadata",
        "== readMetadata",
        "== createMetadata",
        "== deploy",
        "== retrieve",
        "== session expiry",
        "refresh_token_file",
    ] {
        assert!(text.contains(needle), "missing {needle} in\n{text}");
    }
    assert!(
        !text.contains("5Aep861LocalRefreshToken"),
        "refresh token printed:\n{text}"
    );
}

#[test]
fn the_demo_binary_exits_zero() {
    let Some(exe) = common::example_binary("demo") else {
        return;
    };
    let out = std::process::Command::new(exe).output().expect("run demo");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("== session expiry") && stdout.ends_with("done.\n"),
        "{stdout}"
    );
}
