//! The HTTP side: gzip both ways, malformed requests answered with Salesforce-like faults,
//! routes and methods, injected faults (502/503, stalls, resets), and the background runtime.

mod common;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use common::{
    V, get, gunzip, gzip, headers_with, ok, post, post_soap, request_xml, start, start_with,
};
use metadata::{
    DescribeMetadata, ListMetadata, ListMetadataQuery, MetadataBody as B, MetadataHeaders,
    ReadMetadata,
};
use metadata_server::{Injection, Server};
use runtime::soap::{Message, decode_envelope, decode_fault};

fn describe() -> B {
    B::DescribeMetadata(DescribeMetadata {
        as_of_version: 66.0,
    })
}

fn read() -> B {
    B::ReadMetadata(ReadMetadata {
        r#type: "ApexClass".into(),
        full_names: vec!["HelloWorld".into()],
    })
}

fn list() -> B {
    B::ListMetadata(ListMetadata {
        queries: vec![ListMetadataQuery {
            r#type: "ApexClass".into(),
            folder: None,
        }],
        as_of_version: 66.0,
    })
}

#[tokio::test]
async fn gzip_both_ways() {
    let s = start().await;
    let xml = request_xml(&headers_with(Some(&s.access_token())), &describe());
    let hdrs = [
        ("Content-Type", "text/xml"),
        ("SOAPAction", "\"\""),
        ("Content-Encoding", "gzip"),
        ("Accept-Encoding", "gzip"),
    ];
    let raw = post(&s.metadata_url(V), &hdrs, gzip(&xml)).await;
    assert_eq!(raw.status, 200);
    assert_eq!(raw.header("content-encoding").as_deref(), Some("gzip"));
    let plain = gunzip(&raw.body);
    assert!(plain.len() > raw.body.len(), "compressed");
    let env = decode_envelope::<MetadataHeaders, B>(&plain).expect("decodes");
    assert!(matches!(
        env.body,
        Message::Body(B::DescribeMetadataResponse(_))
    ));

    let raw = post(&s.metadata_url(V), &hdrs[..2], xml.clone()).await;
    assert_eq!(raw.header("content-encoding"), None, "no gzip unless asked");
    let refused = post(
        &s.metadata_url(V),
        &[("Accept-Encoding", "gzip;q=0")],
        xml.clone(),
    )
    .await;
    assert_eq!(refused.header("content-encoding"), None, "q=0 refuses gzip");
    let corrupt = post(
        &s.metadata_url(V),
        &[("Content-Encoding", "gzip")],
        b"\x1f\x8b\x08garbage".to_vec(),
    )
    .await;
    assert_eq!(corrupt.status, 400);
    let other = post(&s.metadata_url(V), &[("Content-Encoding", "br")], xml).await;
    assert_eq!(other.status, 415);
}

#[tokio::test]
async fn request_size_is_bounded_before_and_after_gunzip() {
    let s = start_with(Server::builder().max_body_bytes(64 * 1024)).await;
    let big = vec![b' '; 100 * 1024];
    assert_eq!(post(&s.metadata_url(V), &[], big.clone()).await.status, 413);
    let bomb = gzip(&big);
    assert!(bomb.len() < 64 * 1024);
    assert_eq!(
        post(&s.metadata_url(V), &[("Content-Encoding", "gzip")], bomb)
            .await
            .status,
        413
    );
}

async fn client_fault(s: &metadata_server::RunningServer, xml: &[u8]) -> runtime::soap::Fault {
    let raw = post_soap(s, xml.to_vec()).await;
    assert_eq!(raw.status, 500, "{}", raw.text());
    decode_fault(&raw.body).unwrap_or_else(|e| panic!("{e}: {}", raw.text()))
}

#[tokio::test]
async fn malformed_requests_get_soap_faults() {
    let s = start().await;
    let t = s.access_token();
    let f = client_fault(&s, b"this is not xml").await;
    assert_eq!(f.code.lexical, "soapenv:Client");
    let f = client_fault(&s, b"<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><m:readMeta").await;
    assert_eq!(f.code.local, "Client");
    let unknown = format!(
        r#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Header><SessionHeader xmlns="http://soap.sforce.com/2006/04/metadata"><sessionId>{t}</sessionId></SessionHeader></e:Header><e:Body><frobnicate xmlns="http://soap.sforce.com/2006/04/metadata"/></e:Body></e:Envelope>"#
    );
    let f = client_fault(&s, unknown.as_bytes()).await;
    assert!(
        f.string.starts_with(
            "No operation available for request {http://soap.sforce.com/2006/04/metadata}frobnicate"
        ),
        "{}",
        f.string
    );
    let response_sent = request_xml(
        &headers_with(Some(&t)),
        &B::DescribeMetadataResponse(Default::default()),
    );
    assert_eq!(client_fault(&s, &response_sent).await.code.local, "Client");
    let soap12 = br#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><describeMetadata xmlns="http://soap.sforce.com/2006/04/metadata"><asOfVersion>66</asOfVersion></describeMetadata></env:Body></env:Envelope>"#;
    assert_eq!(client_fault(&s, soap12).await.code.local, "VersionMismatch");
    let bad_value = format!(
        r#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Header><SessionHeader xmlns="http://soap.sforce.com/2006/04/metadata"><sessionId>{t}</sessionId></SessionHeader></e:Header><e:Body><describeMetadata xmlns="http://soap.sforce.com/2006/04/metadata"><asOfVersion>sixty</asOfVersion></describeMetadata></e:Body></e:Envelope>"#
    );
    let f = client_fault(&s, bad_value.as_bytes()).await;
    assert!(
        f.string.contains("asOfVersion"),
        "the element path is named: {}",
        f.string
    );
    // A million levels deep, to the Metadata and the partner endpoints: faults, no crash.
    let deep = format!(
        r#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><describeMetadata xmlns="http://soap.sforce.com/2006/04/metadata">{}{}</describeMetadata></e:Body></e:Envelope>"#,
        "<a>".repeat(1_000_000),
        "</a>".repeat(1_000_000)
    );
    assert_eq!(client_fault(&s, deep.as_bytes()).await.code.local, "Client");
    let login = post(
        &format!("{}/services/Soap/u/66.0", s.url()),
        &[],
        deep.into_bytes(),
    )
    .await;
    assert_eq!(login.status, 500);
    let doctype = b"<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>";
    assert_eq!(client_fault(&s, doctype).await.code.local, "Client");
    let removed = request_xml(&headers_with(Some(&t)), &B::CheckStatus(Default::default()));
    assert_eq!(
        client_fault(&s, &removed).await.code.local,
        "INVALID_OPERATION"
    );

    let old = post(
        &format!("{}/services/Soap/m/9.0", s.url()),
        &[("SOAPAction", "")],
        request_xml(&headers_with(Some(&t)), &describe()),
    )
    .await;
    assert!(
        old.text().contains("UNSUPPORTED_API_VERSION"),
        "{}",
        old.text()
    );
}

#[tokio::test]
async fn routes_and_methods() {
    let s = start().await;
    let t = s.access_token();
    let xml = request_xml(&headers_with(Some(&t)), &describe());
    for url in [
        format!("{}/services/Soap/m/{V}", s.url()),
        s.metadata_url(V),
        format!("{}/services/Soap/m/60.0/", s.url()),
    ] {
        assert_eq!(
            post(&url, &[("SOAPAction", "\"\"")], xml.clone())
                .await
                .status,
            200,
            "{url}"
        );
    }
    assert_eq!(get(&s.metadata_url(V), None).await.status, 405);
    let no_action = post(
        &s.metadata_url(V),
        &[("Content-Type", "text/xml")],
        xml.clone(),
    )
    .await;
    assert_eq!(no_action.status, 500);
    assert!(
        no_action.text().contains("No SOAPAction header!"),
        "{}",
        no_action.text()
    );
    assert_eq!(
        post(&format!("{}/nowhere", s.url()), &[], Vec::new())
            .await
            .status,
        404
    );
    let versions = get(&format!("{}/services/data", s.url()), None).await;
    let v: serde_json::Value = serde_json::from_slice(&versions.body).unwrap();
    assert!(
        v.as_array().unwrap().iter().any(|x| x["version"] == "66.0"),
        "{v}"
    );
    assert_eq!(
        get(&format!("{}/services/data/v66.0", s.url()), None)
            .await
            .status,
        200
    );
    assert_eq!(
        get(&format!("{}/services/data/v99.0", s.url()), None)
            .await
            .status,
        404
    );
    let id_url = format!("{}/id/{}/005LS0000000001AAA", s.url(), s.org_id());
    let me = get(&id_url, Some(&t)).await;
    assert_eq!(me.status, 200);
    assert!(me.text().contains(s.username()));
    assert_eq!(get(&id_url, Some("bogus")).await.status, 403);
    assert_eq!(s.call_count("describeMetadata"), 3);
}

#[tokio::test]
async fn injected_statuses_stalls_and_resets() {
    let s = start_with(Server::builder().sample_data(true)).await;
    let t = s.access_token();
    s.inject(Injection::status(503).times(2).on_operation("readMetadata"));
    ok(&s, &t, describe()).await;
    for _ in 0..2 {
        let raw = post_soap(&s, request_xml(&headers_with(Some(&t)), &read())).await;
        assert_eq!(raw.status, 503);
        assert!(
            raw.header("content-type")
                .unwrap_or_default()
                .starts_with("text/html")
        );
    }
    ok(&s, &t, read()).await;
    assert_eq!((s.call_count("readMetadata"), s.injected_count()), (1, 2));

    s.inject(Injection::stall(Duration::from_millis(400)).on_metadata());
    let client = reqwest::Client::builder()
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let xml = request_xml(&headers_with(Some(&t)), &list());
    let err = client
        .post(s.metadata_url(V))
        .header("SOAPAction", "\"\"")
        .body(xml.clone())
        .send()
        .await
        .expect_err("times out");
    assert!(err.is_timeout(), "{err}");
    let started = Instant::now();
    ok(&s, &t, list()).await;
    assert!(
        started.elapsed() < Duration::from_millis(300),
        "only one request stalls"
    );

    // A stall before processing leaves a call the client gave up on unmade; a stall after
    // processing leaves it made.
    let create = |name: &str| {
        let md = metadata::AnyMetadata::ApexClass(Box::new(metadata::ApexClass {
            full_name: Some(name.to_owned()),
            api_version: 66.0,
            ..Default::default()
        }));
        let body = B::CreateMetadata(metadata::CreateMetadata { metadata: vec![md] });
        client
            .post(s.metadata_url(V))
            .header("SOAPAction", "\"\"")
            .body(request_xml(&headers_with(Some(&t)), &body))
    };
    s.inject(Injection::stall(Duration::from_millis(400)).on_operation("createMetadata"));
    assert!(create("Before").send().await.is_err());
    s.inject(Injection::stall_after(Duration::from_millis(400)).on_operation("createMetadata"));
    assert!(create("After").send().await.is_err());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        s.components("ApexClass"),
        ["After", "HelloWorld", "InvoiceService"]
    );

    s.inject(Injection::reset().on_operation("listMetadata"));
    let outcome = async {
        let resp = common::http()
            .post(s.metadata_url(V))
            .header("SOAPAction", "\"\"")
            .body(xml.clone())
            .send()
            .await?;
        resp.bytes().await
    }
    .await;
    assert!(outcome.is_err(), "the response is cut off: {outcome:?}");
    ok(&s, &t, list()).await;

    s.inject(Injection::status(502).on_token());
    let token_url = format!("{}/services/oauth2/token", s.url());
    assert_eq!(
        post(&token_url, &[], b"grant_type=password".to_vec())
            .await
            .status,
        502
    );
    s.inject(Injection::status(503).times(5));
    s.clear_injections();
    ok(&s, &t, describe()).await;
}

/// A reset on a large response arrives after part of the body was sent.
#[tokio::test]
async fn a_reset_cuts_the_body_midway() {
    let s = start_with(Server::builder().sample_data(true)).await;
    let xml = request_xml(&headers_with(Some(&s.access_token())), &describe());
    let full = post_soap(&s, xml.clone()).await.body.len();
    s.inject(Injection::reset());
    let mut stream = std::net::TcpStream::connect(s.addr()).unwrap();
    let head = format!(
        "POST /services/Soap/m/{V} HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nSOAPAction: \"\"\r\nContent-Length: {}\r\n\r\n",
        xml.len()
    );
    let got = tokio::task::spawn_blocking(move || {
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(&xml).unwrap();
        let mut buf = Vec::new();
        let r = stream.read_to_end(&mut buf);
        (r.map_err(|e| e.kind()), buf)
    })
    .await
    .unwrap();
    let (result, bytes) = got;
    assert!(bytes.len() < full, "got {} of {full} bytes", bytes.len());
    if let Err(kind) = result {
        assert_eq!(kind, std::io::ErrorKind::ConnectionReset);
    }
}

#[test]
fn background_runtime_serves_blocking_callers() {
    let s = Server::builder().start_in_background().expect("starts");
    let mut stream = std::net::TcpStream::connect(s.addr()).unwrap();
    stream
        .write_all(b"GET /services/data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(text.contains("\"66.0\""));
    let addr = s.addr();
    drop(s);
    let refused = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(10));
        std::net::TcpStream::connect(addr).is_err()
    });
    assert!(refused, "dropping the server stops it");
}
