//! Load: 1,000 writes (createMetadata and upsertMetadata, one unique component each) from
//! 64 concurrent tasks against the local server, with 3 forced session expiries. Every call
//! succeeds, exactly 3 refreshes follow the first token, and the org holds each component
//! exactly once with the content sent.
//!
//! Each expiry waits until no call is in flight (a write lock over the calls' read locks),
//! so that all 64 tasks then meet the dead session together: they must share one refresh.
//! Without that pause, a call retried after one expiry could meet the next one, which the
//! runtime rightly reports as an auth error (it refreshes once per call).

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use metadata::{AnyMetadata, ApexClass, CreateMetadata, MetadataClient, UpsertMetadata};
use metadata_server::Server;
use runtime::auth::{Credential, RefreshTokenGrant, Secret};
use tokio::sync::RwLock;

const CALLS: usize = 1_000;
const TASKS: usize = 64;
const EXPIRE_AT: [usize; 3] = [250, 500, 750];

fn class(name: &str) -> AnyMetadata {
    AnyMetadata::ApexClass(Box::new(ApexClass {
        full_name: Some(name.to_owned()),
        api_version: 66.0,
        content: Some(body_of(name)),
        ..ApexClass::default()
    }))
}

fn body_of(name: &str) -> Vec<u8> {
    format!("public class {name} {{ /* \u{e9}\u{1F600} */ }}").into_bytes()
}

/// Call `i`: every fourth an upsert, the others creates.
async fn write(c: &MetadataClient, i: usize) -> Result<(), String> {
    let name = format!("Load{i:04}");
    if i % 4 == 3 {
        let r = c
            .upsert_metadata(&UpsertMetadata {
                metadata: vec![class(&name)],
            })
            .await
            .map_err(|e| format!("{name}: {e}"))?;
        let ok = r.result.len() == 1 && r.result[0].success && r.result[0].created;
        ok.then_some(()).ok_or_else(|| format!("{name}: {r:?}"))
    } else {
        let r = c
            .create_metadata(&CreateMetadata {
                metadata: vec![class(&name)],
            })
            .await
            .map_err(|e| format!("{name}: {e}"))?;
        let ok = r.result.len() == 1 && r.result[0].success;
        ok.then_some(()).ok_or_else(|| format!("{name}: {r:?}"))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_writes_from_64_tasks_with_three_expiries() {
    let s = Arc::new(Server::builder().start().await.expect("server"));
    let grant = RefreshTokenGrant::new(&s.url(), s.client_id(), Secret::new(s.refresh_token()))
        .unwrap()
        .client_secret(Secret::new(s.client_secret()));
    let cred = Credential::builder(grant)
        .api_version("66.0")
        .build()
        .unwrap();
    let client = MetadataClient::new(runtime::SoapClient::new(cred));
    let before: BTreeSet<String> = s.components("ApexClass").into_iter().collect();
    let next = Arc::new(AtomicUsize::new(0));
    let gate = Arc::new(RwLock::new(()));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..TASKS {
        let (c, next, gate, s) = (client.clone(), next.clone(), gate.clone(), s.clone());
        tasks.push(tokio::spawn(async move {
            let mut errors = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= CALLS {
                    return errors;
                }
                if EXPIRE_AT.contains(&i) {
                    let _all_idle = gate.write().await;
                    s.expire_all_sessions();
                }
                let _in_flight = gate.read().await;
                if let Err(e) = write(&c, i).await {
                    errors.push(e);
                }
            }
        }));
    }
    let mut errors = Vec::new();
    for t in tasks {
        errors.extend(t.await.expect("task"));
    }
    let elapsed = started.elapsed();
    assert!(
        errors.is_empty(),
        "{} calls failed:\n{}",
        errors.len(),
        errors.join("\n")
    );
    println!(
        "{CALLS} calls in {elapsed:?}; {} refreshes after the first token; {} INVALID_SESSION_ID answers",
        s.refresh_count() - 1,
        s.invalid_session_count()
    );
    assert_eq!(
        s.refresh_count(),
        1 + EXPIRE_AT.len() as u64,
        "the first token, then one refresh per expiry"
    );
    assert!(s.invalid_session_count() >= EXPIRE_AT.len() as u64);

    // No write lost, none made twice, each with the content sent.
    let handled = s.call_count("createMetadata") + s.call_count("upsertMetadata");
    assert_eq!(
        handled,
        CALLS as u64 + s.invalid_session_count(),
        "each call reached the org once with a live session"
    );
    let now: BTreeSet<String> = s.components("ApexClass").into_iter().collect();
    let added: BTreeSet<String> = now.difference(&before).cloned().collect();
    let expected: BTreeSet<String> = (0..CALLS).map(|i| format!("Load{i:04}")).collect();
    assert_eq!(added, expected);
    for name in &expected {
        match s.component("ApexClass", name) {
            Some(AnyMetadata::ApexClass(c)) => {
                assert_eq!(
                    c.content.as_deref(),
                    Some(body_of(name).as_slice()),
                    "{name}"
                );
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}
