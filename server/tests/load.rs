//! The server under concurrent load, driven by the project's own client: 1,024 calls from
//! 64 tasks with 3 forced session expiries. Every call succeeds, exactly 3 refreshes follow
//! the first token, and no write is lost or made twice.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use metadata::{AnyMetadata, ApexClass, MetadataClient, ReadMetadata, UpsertMetadata};
use runtime::auth::{Credential, RefreshTokenGrant, Secret};

const TASKS: usize = 64;
const PER_TASK: usize = 16;
const EXPIRIES: usize = 3;

fn class(name: &str) -> AnyMetadata {
    AnyMetadata::ApexClass(Box::new(ApexClass {
        full_name: Some(name.to_owned()),
        api_version: 66.0,
        content: Some(format!("public class {name} {{}}").into_bytes()),
        ..ApexClass::default()
    }))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_calls_with_forced_expiries() {
    let s = Arc::new(common::start().await);
    let grant = RefreshTokenGrant::new(&s.url(), s.client_id(), Secret::new(s.refresh_token()))
        .unwrap()
        .client_secret(Secret::new(s.client_secret()));
    let cred = Credential::builder(grant)
        .api_version("66.0")
        .build()
        .unwrap();
    let client = MetadataClient::new(runtime::client::SoapClient::from(cred));
    let done = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for t in 0..TASKS {
        let (client, done, s) = (client.clone(), done.clone(), s.clone());
        tasks.push(tokio::spawn(async move {
            for i in 0..PER_TASK {
                let name = format!("C{t}_{i}");
                let r = if i % 2 == 0 {
                    let body = UpsertMetadata {
                        metadata: vec![class(&name)],
                    };
                    client
                        .upsert_metadata(&body)
                        .await
                        .map(|r| assert!(r.result[0].success))
                } else {
                    let body = ReadMetadata {
                        r#type: "ApexClass".into(),
                        full_names: vec![format!("C{t}_{}", i - 1)],
                    };
                    client
                        .read_metadata(&body)
                        .await
                        .map(|r| assert_eq!(r.result.records.len(), 1))
                };
                r.unwrap_or_else(|e| panic!("call {name}: {e}"));
                // Expire every session after each quarter of the calls.
                let n = done.fetch_add(1, Ordering::SeqCst) + 1;
                if n % (TASKS * PER_TASK / (EXPIRIES + 1)) == 0 && n < TASKS * PER_TASK {
                    s.expire_all_sessions();
                }
            }
        }));
    }
    for t in tasks {
        t.await.expect("task");
    }
    assert_eq!(done.load(Ordering::SeqCst), TASKS * PER_TASK);
    assert_eq!(
        s.refresh_count(),
        1 + EXPIRIES as u64,
        "the first token, then one refresh per expiry"
    );
    let names = s.components("ApexClass");
    assert_eq!(
        names.len(),
        TASKS * PER_TASK / 2,
        "every upsert landed once"
    );
    let handled = s.call_count("upsertMetadata") + s.call_count("readMetadata");
    assert_eq!(
        handled,
        (TASKS * PER_TASK) as u64 + s.invalid_session_count()
    );
}
