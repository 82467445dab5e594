//! Faults over real TCP against the local Metadata API server, met by the runtime client and
//! the metadata helpers: 502/503 on reads (retried with capped backoff) and on writes (never
//! replayed, checked against the server's counters and its org), connection resets
//! mid-response, stalls (timeouts fire), and a restart between deploy and
//! checkDeployStatus (polling resumes from the async id).

use std::sync::Arc;
use std::time::{Duration, Instant};

use metadata::{
    AnyMetadata, ApexClass, CreateMetadata, DeleteMetadata, DeployOptions, DeployStatus,
    ListMetadata, ListMetadataQuery, MetadataClient, Outcome, PollOptions, ReadMetadata,
    RenameMetadata, UpsertMetadata,
};
use metadata_server::{Injection, RunningServer, Server};
use runtime::auth::{Credential, RefreshTokenGrant, Secret};
use runtime::client::{RetryPolicy, SoapClient};
use runtime::error::TransportErrorKind;
use runtime::transport::{ReqwestTransport, TransportBuilder};

const RETRY: RetryPolicy = RetryPolicy {
    max_retries: 3,
    initial_backoff: Duration::from_millis(40),
    max_backoff: Duration::from_millis(100),
};

fn client_with(s: &RunningServer, transport: TransportBuilder) -> MetadataClient {
    let grant = RefreshTokenGrant::new(&s.url(), s.client_id(), Secret::new(s.refresh_token()))
        .expect("grant")
        .client_secret(Secret::new(s.client_secret()));
    let cred = Credential::builder(grant)
        .transport(Arc::new(transport.build().expect("transport")))
        .api_version("66.0")
        .build()
        .expect("credential");
    MetadataClient::new(SoapClient::builder(cred).retry(RETRY).build())
}

fn client(s: &RunningServer) -> MetadataClient {
    client_with(s, ReqwestTransport::builder().no_proxy())
}

async fn server() -> RunningServer {
    Server::builder().start().await.expect("server starts")
}

fn class(name: &str) -> AnyMetadata {
    AnyMetadata::ApexClass(Box::new(ApexClass {
        full_name: Some(name.to_owned()),
        api_version: 66.0,
        content: Some(format!("public class {name} {{}}").into_bytes()),
        ..ApexClass::default()
    }))
}

fn read(name: &str) -> ReadMetadata {
    ReadMetadata {
        r#type: "ApexClass".into(),
        full_names: vec![name.into()],
    }
}

fn status_of(e: &runtime::Error) -> Option<u16> {
    match e {
        runtime::Error::HttpStatus { status, .. } => Some(*status),
        _ => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_are_retried_on_502_and_503_with_capped_backoff() {
    let s = server().await;
    let c = client(&s);
    c.create_metadata(&CreateMetadata {
        metadata: vec![class("Seen")],
    })
    .await
    .unwrap();
    for (op, code) in [
        ("readMetadata", 503),
        ("listMetadata", 502),
        ("describeMetadata", 503),
    ] {
        s.inject(Injection::status(code).times(2).on_operation(op));
    }
    let r = c
        .read_metadata(&read("Seen"))
        .await
        .expect("read after two 503s");
    assert_eq!(r.result.records.len(), 1);
    let list = ListMetadata {
        queries: vec![ListMetadataQuery {
            r#type: "ApexClass".into(),
            folder: None,
        }],
        as_of_version: 66.0,
    };
    assert!(c.list_metadata(&list).await.is_ok(), "list after two 502s");
    let d = metadata::DescribeMetadata {
        as_of_version: 66.0,
    };
    assert!(
        c.describe_metadata(&d).await.is_ok(),
        "describe after two 503s"
    );
    assert_eq!(s.injected_count(), 6);
    for op in ["readMetadata", "listMetadata", "describeMetadata"] {
        assert_eq!(s.call_count(op), 1, "{op} processed once");
    }

    // A read that keeps failing gives up after 3 retries, waits capped at 100 ms.
    s.inject(
        Injection::status(503)
            .times(100)
            .on_operation("readMetadata"),
    );
    let started = Instant::now();
    let e = c.read_metadata(&read("Seen")).await.unwrap_err();
    let waited = started.elapsed();
    assert_eq!(status_of(&e), Some(503), "{e}");
    assert_eq!(s.injected_count(), 6 + 4, "one attempt and three retries");
    // 40 + 80 + 100 ms of backoff, plus the exchanges.
    assert!(waited >= Duration::from_millis(220), "{waited:?}");
    assert!(waited < Duration::from_secs(3), "{waited:?}");
    s.clear_injections();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_that_change_the_org_are_never_replayed() {
    let s = server().await;
    let c = client(&s);
    c.create_metadata(&CreateMetadata {
        metadata: vec![class("Keep")],
    })
    .await
    .unwrap();
    let before = s.all_components();
    let writes: Vec<(&str, u16)> = vec![
        ("createMetadata", 503),
        ("upsertMetadata", 502),
        ("deleteMetadata", 503),
        ("renameMetadata", 502),
        ("deploy", 503),
    ];
    for (op, code) in &writes {
        s.inject(Injection::status(*code).on_operation(*op));
    }
    let e1 = c
        .create_metadata(&CreateMetadata {
            metadata: vec![class("New1")],
        })
        .await;
    let e2 = c
        .upsert_metadata(&UpsertMetadata {
            metadata: vec![class("New2")],
        })
        .await;
    let e3 = c
        .delete_metadata(&DeleteMetadata {
            r#type: "ApexClass".into(),
            full_names: vec!["Keep".into()],
        })
        .await;
    let e4 = c
        .rename_metadata(&RenameMetadata {
            r#type: "ApexClass".into(),
            old_full_name: "Keep".into(),
            new_full_name: "Renamed".into(),
        })
        .await;
    let e5 = c
        .deploy_zip(
            metadata::zip::zip_files(&files("Deployed")).unwrap(),
            options(),
        )
        .run()
        .await;
    assert_eq!(status_of(&e1.unwrap_err()), Some(503));
    assert_eq!(status_of(&e2.unwrap_err()), Some(502));
    assert_eq!(status_of(&e3.unwrap_err()), Some(503));
    assert_eq!(status_of(&e4.unwrap_err()), Some(502));
    assert!(
        matches!(e5, Err(metadata::HelperError::Call(ref e)) if status_of(e) == Some(503)),
        "{e5:?}"
    );
    assert_eq!(
        s.injected_count(),
        writes.len() as u64,
        "each write was sent once"
    );
    for (op, _) in &writes {
        let processed = if *op == "createMetadata" { 1 } else { 0 };
        assert_eq!(
            s.call_count(op),
            processed,
            "{op} never reached the org again"
        );
    }
    assert_eq!(s.all_components(), before, "the org is unchanged");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_mid_response_is_an_error_and_a_write_is_not_repeated() {
    let s = server().await;
    let c = client(&s);
    // The server makes the change, then cuts the answer: the client cannot know, and
    // must not send the create again (a replay would fail as a duplicate or double it).
    s.inject(Injection::reset().on_operation("createMetadata"));
    let e = c
        .create_metadata(&CreateMetadata {
            metadata: vec![class("Once")],
        })
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            runtime::Error::Transport {
                kind: TransportErrorKind::Io,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(s.call_count("createMetadata"), 1);
    assert_eq!(s.components("ApexClass"), ["Once"]);

    // A read cut the same way is retried and succeeds.
    s.inject(Injection::reset().times(2).on_operation("readMetadata"));
    let r = c
        .read_metadata(&read("Once"))
        .await
        .expect("read retried after resets");
    assert_eq!(r.result.records.len(), 1);
    assert_eq!(
        s.call_count("readMetadata"),
        3,
        "two cut answers, then one whole"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_server_fires_the_read_timeout() {
    let s = server().await;
    let t = ReqwestTransport::builder()
        .no_proxy()
        .read_timeout(Duration::from_millis(300));
    let c = client_with(&s, t);
    c.create_metadata(&CreateMetadata {
        metadata: vec![class("Warm")],
    })
    .await
    .unwrap();
    c.read_metadata(&read("Warm")).await.unwrap();
    s.inject(Injection::stall(Duration::from_secs(5)).on_operation("readMetadata"));
    let started = Instant::now();
    let e = c.read_metadata(&read("X")).await.unwrap_err();
    assert!(
        matches!(
            e,
            runtime::Error::Transport {
                kind: TransportErrorKind::Timeout,
                ..
            }
        ),
        "{e:?}"
    );
    // Not retried: a stalled server would only stall again.
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(s.injected_count(), 1);

    // A total timeout fires the same way on a write.
    let t = ReqwestTransport::builder()
        .no_proxy()
        .timeout(Duration::from_millis(300));
    let c = client_with(&s, t);
    s.inject(Injection::stall(Duration::from_secs(5)).on_operation("createMetadata"));
    let e = c
        .create_metadata(&CreateMetadata {
            metadata: vec![class("Late")],
        })
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            runtime::Error::Transport {
                kind: TransportErrorKind::Timeout,
                ..
            }
        ),
        "{e:?}"
    );
}

const PACKAGE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>*</members><name>ApexClass</name></types><version>66.0</version></Package>
"#;

fn files(class: &str) -> metadata::zip::Files {
    let meta = r#"<?xml version="1.0" encoding="UTF-8"?><ApexClass xmlns="http://soap.sforce.com/2006/04/metadata"><apiVersion>66.0</apiVersion><status>Active</status></ApexClass>"#;
    metadata::zip::Files::from([
        ("package.xml".to_owned(), PACKAGE.as_bytes().to_vec()),
        (
            format!("classes/{class}.cls"),
            format!("public class {class} {{}}").into_bytes(),
        ),
        (
            format!("classes/{class}.cls-meta.xml"),
            meta.as_bytes().to_vec(),
        ),
    ])
}

fn options() -> DeployOptions {
    DeployOptions {
        single_package: true,
        rollback_on_error: true,
        ..DeployOptions::default()
    }
}

fn fast(timeout: Option<Duration>) -> PollOptions {
    PollOptions {
        initial_interval: Duration::from_millis(50),
        max_interval: Duration::from_millis(100),
        timeout,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn polling_resumes_from_the_id_after_a_restart() {
    let s = Arc::new(server().await);
    let c = client(&s);
    // The client stops waiting at once: the deploy goes on and its id comes back.
    let zip = metadata::zip::zip_files(&files("Survivor")).unwrap();
    let outcome = c
        .deploy_zip(zip, options())
        .poll_options(fast(Some(Duration::ZERO)))
        .run()
        .await
        .unwrap();
    let Outcome::TimedOut { id } = outcome else {
        panic!("expected a timeout: {outcome:?}")
    };
    s.restart(Duration::from_millis(300))
        .await
        .expect("restart");
    let mut seen = Vec::new();
    let done = c
        .resume_deploy(id.clone())
        .poll_options(fast(Some(Duration::from_secs(20))))
        .on_progress(|r| seen.push(r.status.clone()))
        .run()
        .await
        .expect("polling resumes");
    let r = done.done().expect("finished");
    assert_eq!(
        (r.id.as_str(), r.status),
        (id.as_str(), DeployStatus::Succeeded)
    );
    assert!(seen.len() >= 2, "{seen:?}");
    assert_eq!(s.components("ApexClass"), ["Survivor"]);
    assert_eq!(s.call_count("deploy"), 1, "deployed once");

    // A restart while the helper is polling: the check that meets the closed port is a
    // read, retried after the server is back.
    let zip = metadata::zip::zip_files(&files("Second")).unwrap();
    let restarter = s.clone();
    let mut restarted = false;
    let outcome = c
        .deploy_zip(zip, options())
        .poll_options(fast(Some(Duration::from_secs(20))))
        .on_progress(move |_| {
            if !restarted {
                restarted = true;
                let s = restarter.clone();
                tokio::spawn(async move { s.restart(Duration::from_millis(150)).await });
            }
        })
        .run()
        .await
        .expect("polling survives the restart");
    assert_eq!(
        outcome.done().map(|r| r.status),
        Some(DeployStatus::Succeeded)
    );
    assert_eq!(s.components("ApexClass"), ["Second", "Survivor"]);
}
