//! The real-org examples without an org: a clear message and a non-zero exit, no panic.

mod common;

use std::process::{Command, Output};

fn run(cmd: &mut Command) -> (Option<i32>, String) {
    let Output { status, stderr, .. } = cmd.output().expect("run example");
    let stderr = String::from_utf8_lossy(&stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (status.code(), stderr)
}

fn without_sf_env(exe: &std::path::Path) -> Command {
    let mut cmd = Command::new(exe);
    for v in [
        "SF_CLIENT_ID",
        "SF_USERNAME",
        "SF_JWT_KEY_FILE",
        "SF_LOGIN_URL",
        "SF_TARGET_ORG",
    ] {
        cmd.env_remove(v);
    }
    cmd
}

#[test]
fn jwt_org_says_what_it_needs() {
    let Some(exe) = common::example_binary("jwt_org") else {
        return;
    };
    let (code, stderr) = run(&mut without_sf_env(&exe));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("needs a Salesforce org") && stderr.contains("SF_CLIENT_ID"),
        "{stderr}"
    );

    // Set, but the key file does not exist: an error naming it, exit 1.
    let (code, stderr) = run(without_sf_env(&exe)
        .env("SF_CLIENT_ID", "3MVG9example")
        .env("SF_USERNAME", "ci@example.com")
        .env("SF_JWT_KEY_FILE", "/nonexistent/server.key"));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: ") && stderr.contains("/nonexistent/server.key"),
        "{stderr}"
    );
}

#[test]
fn sf_cli_org_says_what_it_needs() {
    let Some(exe) = common::example_binary("sf_cli_org") else {
        return;
    };
    let empty = common::temp_dir("no-sf");
    let (code, stderr) = run(without_sf_env(&exe).env("PATH", &empty));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("`sf` command is not on PATH") && stderr.contains("sf org login"),
        "{stderr}"
    );
}
