//! Memory stays bounded on hostile answers: each case runs alone in a child process (this
//! test binary started again), which reports the growth of its peak resident set while the
//! call ran. The client's response limit is 8 MiB; a gigabyte must never be held, and the
//! reader's decode budget bounds what an answer may decode into.
//!
//! `cargo test -p reliability-tests --test memory_bounds -- --nocapture` prints the table
//! recorded in docs/RELIABILITY.md.

use std::time::Duration;

use reliability_tests::memory::{self, mib};
use reliability_tests::wire::{Action, Body, Framing, WireServer};
use reliability_tests::{ENVELOPE_TAIL, envelope_head, gzip, gzip_of_zeros, quick_retries};
use runtime::xml::{DecodeErrorKind, ReaderLimits};

const GIB: u64 = 1 << 30;
const LIMIT: usize = 8 << 20;
const CHILD_TEST: &str = "child";

/// What a case's server sends, built before the measurement starts.
fn action(case: &str) -> Action {
    let head = envelope_head().into_bytes();
    let tail = format!("</result></readMetadataResponse>{ENVELOPE_TAIL}").into_bytes();
    let open = b"<readMetadataResponse><result>".to_vec();
    let stream = |chunk: &[u8], times: u64| Body::Stream {
        prefix: [head.clone(), open.clone()].concat(),
        chunk: chunk.to_vec(),
        times,
        suffix: tail.clone(),
    };
    let whitespace = vec![b' '; 64 << 10];
    match case {
        "small valid answer" => {
            Action::xml(200, [head.clone(), open.clone(), tail.clone()].concat())
        }
        "1 GiB chunked body" => Action::xml(200, Vec::new())
            .body(stream(&whitespace, GIB / (64 << 10)))
            .framed(Framing::Chunked),
        "1 GiB close-delimited body" => Action::xml(200, Vec::new())
            .body(stream(&whitespace, GIB / (64 << 10)))
            .framed(Framing::Close),
        "gzip bomb, 1 GiB in 1,024 members" => {
            Action::xml(200, gzip_of_zeros(GIB as usize)).header("Content-Encoding", "gzip")
        }
        "gzip bomb, 256 MiB in one member" => {
            Action::xml(200, gzip(&vec![b' '; 256 << 20])).header("Content-Encoding", "gzip")
        }
        "a million nested elements (7 MB)" => Action::xml(200, Vec::new()).body(Body::Stream {
            prefix: [head.clone(), open.clone(), b"<unknown>".to_vec()].concat(),
            chunk: b"<a>".repeat(1000),
            times: 1000,
            suffix: [
                b"</a>".repeat(1_000_000),
                b"</unknown>".to_vec(),
                tail.clone(),
            ]
            .concat(),
        }),
        "billion laughs" => Action::xml(
            200,
            r#"<?xml version="1.0"?><!DOCTYPE e [<!ENTITY l "lol"><!ENTITY l2 "&l;&l;&l;&l;&l;&l;&l;&l;&l;&l;"><!ENTITY l3 "&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;">]><e>&l3;</e>"#,
        ),
        // The densest valid answer: 7.9 MB of empty CustomField records, each a struct of
        // kilobytes; the decode budget (16 bytes per byte read by default) stops it.
        "7.9 MB of empty CustomField records" | "the same with a 16 MiB decode budget" => {
            Action::xml(200, Vec::new())
                .body(stream(
                    &br#"<records xsi:type="CustomField"/>"#.repeat(1000),
                    240,
                ))
                .framed(Framing::Chunked)
        }
        other => panic!("unknown case {other}"),
    }
}

/// The cases, and the growth each may cause.
const CASES: &[(&str, u64)] = &[
    ("small valid answer", 16 << 20),
    ("1 GiB chunked body", 64 << 20),
    ("1 GiB close-delimited body", 64 << 20),
    ("gzip bomb, 1 GiB in 1,024 members", 64 << 20),
    ("gzip bomb, 256 MiB in one member", 64 << 20),
    ("a million nested elements (7 MB)", 64 << 20),
    ("billion laughs", 16 << 20),
    // Decoding amplifies (33 bytes of XML become a struct of kilobytes); the default decode
    // budget, 16 x 7.9 MB = 121 MiB of values, bounds it, plus the body and its buffers.
    ("7.9 MB of empty CustomField records", 160 << 20),
    ("the same with a 16 MiB decode budget", 48 << 20),
];

/// The decode limits of a case's client.
fn limits(case: &str) -> ReaderLimits {
    match case {
        "the same with a 16 MiB decode budget" => ReaderLimits {
            budget_per_byte: 0,
            budget_floor: 16 << 20,
            ..ReaderLimits::default()
        },
        _ => ReaderLimits::default(),
    }
}

/// True when `r` failed on the decode budget.
fn over_budget<T>(r: &Result<T, runtime::Error>) -> bool {
    matches!(r, Err(runtime::Error::Decode(e)) if matches!(e.kind(), DecodeErrorKind::BudgetExceeded { .. }))
}

/// Runs in the child: the case named by the environment, measured from after setup.
#[test]
fn child() {
    let Some(case) = memory::child_case() else {
        return;
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let server = WireServer::always(action(&case)).await.unwrap();
        let transport = reliability_tests::transport().max_response_bytes(LIMIT);
        let client =
            reliability_tests::client_with(&server.url, transport, quick_retries(), limits(&case));
        let start = memory::reset_peak();
        let read = reliability_tests::read_request("Flow", &["F"]);
        let r = tokio::time::timeout(
            Duration::from_secs(60),
            client.inner().call::<_, _, metadata::MetadataBody>(
                &metadata::ops::READ_METADATA,
                &client.headers,
                &read,
            ),
        )
        .await
        .expect("no hang");
        match &r {
            Ok(metadata::MetadataBody::ReadMetadataResponse(x)) => {
                println!("accepted {} records", x.result.records.len());
            }
            Ok(_) => println!("accepted another body"),
            Err(e) => println!("error: {e}"),
        }
        match case.as_str() {
            "small valid answer" => assert!(r.is_ok(), "{case}"),
            // Accepted only if the records fit the budget (they do not at today's sizes).
            "7.9 MB of empty CustomField records" => assert!(r.is_ok() || over_budget(&r)),
            "the same with a 16 MiB decode budget" => assert!(over_budget(&r), "{case}"),
            _ => assert!(r.is_err(), "{case}"),
        }
        memory::report(start);
    });
}

#[test]
fn memory_stays_bounded_on_hostile_answers() {
    if memory::child_case().is_some() {
        return;
    }
    let mut failures = Vec::new();
    println!("| case | peak RSS growth | bound |");
    println!("|---|---|---|");
    for (case, bound) in CASES {
        match memory::run_child(CHILD_TEST, case) {
            Ok(p) => {
                println!("| {case} | {} | {} |", mib(p.growth()), mib(*bound));
                if p.growth() > *bound {
                    failures.push(format!(
                        "{case}: grew {} > {}",
                        mib(p.growth()),
                        mib(*bound)
                    ));
                }
            }
            Err(e) => failures.push(e),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
