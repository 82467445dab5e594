//! The standalone binary: it prints its URL and credentials, and serves with them.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use metadata::{DescribeMetadata, MetadataBody as B, MetadataHeaders, SessionHeader};
use runtime::soap::{Message, decode_envelope};

#[tokio::test]
async fn prints_its_url_and_a_working_token() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_metadata-server"))
        .args(["--port", "0", "--empty"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let lines = tokio::task::spawn_blocking(move || {
        let mut got = Vec::new();
        for line in BufReader::new(stdout).lines() {
            let line = line.expect("line");
            let done = line.starts_with("serving until");
            got.push(line);
            if done {
                break;
            }
        }
        got
    })
    .await
    .unwrap();
    let field = |k: &str| {
        lines
            .iter()
            .find_map(|l| {
                l.strip_prefix(&format!("{k}:"))
                    .map(|v| v.trim().to_owned())
            })
            .unwrap_or_else(|| panic!("no {k} in {lines:?}"))
    };
    let (url, token) = (field("url"), field("access token"));
    assert!(field("client id").starts_with("3MVG9"));
    assert_eq!(field("username"), "admin@local.test");

    let headers = MetadataHeaders {
        session_header: Some(SessionHeader { session_id: token }),
        ..Default::default()
    };
    let xml = common::request_xml(
        &headers,
        &B::DescribeMetadata(DescribeMetadata {
            as_of_version: 66.0,
        }),
    );
    let raw = common::post(&field("metadata url"), &[("SOAPAction", "\"\"")], xml).await;
    let env = decode_envelope::<MetadataHeaders, B>(&raw.body).expect("decodes");
    assert!(
        matches!(env.body, Message::Body(B::DescribeMetadataResponse(_))),
        "{}",
        raw.text()
    );
    assert_eq!(
        common::get(&format!("{url}/services/data"), None)
            .await
            .status,
        200
    );
    child.kill().expect("stopped");
    let _ = child.wait();
}
