//! Hostile responses over real TCP: every case is a typed `runtime::Error` (never a panic or
//! a hang), reached through the generated Metadata client and its body dispatch. Memory
//! bounds of the large cases are measured in `memory_bounds.rs`.
//!
//! Each case runs under a 20 s guard: a case that does not finish is a hang.

mod hostile;

use std::time::{Duration, Instant};

use hostile::{Call, Case, Expect};
use reliability_tests::wire::WireServer;

/// Runs one case against a fresh server and checks its outcome.
async fn run(case: &Case) -> Result<(), String> {
    let server = WireServer::start(case.script.clone())
        .await
        .map_err(|e| format!("server: {e}"))?;
    let client = reliability_tests::client(&server.url, (case.transport)(), case.retry.clone());
    let started = Instant::now();
    let outcome = tokio::time::timeout(Duration::from_secs(20), case.call.run(&client)).await;
    let Ok(result) = outcome else {
        return Err(format!("{}: hung for 20 s", case.name));
    };
    let err = match result {
        Ok(what) => return Err(format!("{}: accepted ({what})", case.name)),
        Err(e) => e,
    };
    let shown = format!("{err} / {err:?}");
    if shown.contains(reliability_tests::TOKEN) {
        return Err(format!(
            "{}: the token leaked into the error: {shown}",
            case.name
        ));
    }
    if !case.expect.matches(&err) {
        return Err(format!(
            "{}: expected {:?}, got {err:?}",
            case.name, case.expect
        ));
    }
    if let Some(hits) = case.hits
        && server.hits() != hits
    {
        return Err(format!(
            "{}: {} requests, expected {hits}",
            case.name,
            server.hits()
        ));
    }
    if started.elapsed() > case.max_time {
        return Err(format!("{}: took {:?}", case.name, started.elapsed()));
    }
    println!("ok {:>6} ms  {}", started.elapsed().as_millis(), case.name);
    Ok(())
}

async fn run_all(cases: Vec<Case>) {
    let total = cases.len();
    let mut failures = Vec::new();
    for case in &cases {
        if let Err(e) = run(case).await {
            failures.push(e);
        }
    }
    println!("{} of {total} cases passed", total - failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transport_level_cases_are_typed_errors() {
    run_all(hostile::transport_cases()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_level_cases_are_typed_errors() {
    run_all(hostile::http_cases()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn xml_level_cases_are_typed_errors() {
    run_all(hostile::xml_cases()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn value_level_cases_are_typed_errors() {
    run_all(hostile::value_cases()).await;
}

#[test]
fn the_suite_has_at_least_forty_cases() {
    let n = hostile::transport_cases().len()
        + hostile::http_cases().len()
        + hostile::xml_cases().len()
        + hostile::value_cases().len();
    println!("hostile-response cases: {n}");
    assert!(n >= 40, "{n} cases");
}

/// The control: the same client and server code accept a well-formed answer, so each
/// case above fails for its own reason.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn well_formed_answers_are_accepted() {
    for (what, body) in hostile::valid_bodies() {
        let server = WireServer::always(reliability_tests::wire::Action::xml(200, body))
            .await
            .unwrap();
        let client = reliability_tests::client(
            &server.url,
            reliability_tests::transport(),
            reliability_tests::quick_retries(),
        );
        let r = Call::Dispatch.run(&client).await;
        assert!(r.is_ok(), "{what}: {r:?}");
    }
}

#[test]
fn expectations_are_checked_not_assumed() {
    // A transport expectation does not match a decode error and vice versa.
    let e = runtime::Error::config("x");
    assert!(!Expect::Status(500).matches(&e));
    assert!(!Expect::Decode("Doctype").matches(&e));
}
