//! The default transport over real TCP on loopback: gzip both ways, timeouts, size
//! limits (a gzip bomb included), HTTPS rules.

mod client_support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use client_support::{Reply, TestServer, gzip};
use runtime::error::{Error, TransportErrorKind};
use runtime::transport::{HttpRequest, Method, ReqwestTransport, Transport, Url};

fn post(url: &str, body: Vec<u8>) -> HttpRequest {
    let mut r = HttpRequest::new(Method::POST, Url::parse(url).unwrap());
    r.header("Content-Type", "text/plain").unwrap();
    r.body = body;
    r
}

async fn echo_server(reply_gzip: bool) -> TestServer {
    TestServer::start(Arc::new(move |r| {
        let reply = Reply::new(200, "text/plain", r.body.clone());
        if reply_gzip { reply.gzipped() } else { reply }
    }))
    .await
}

fn kind(e: &Error) -> Option<TransportErrorKind> {
    match e {
        Error::Transport { kind, .. } => Some(*kind),
        _ => None,
    }
}

#[tokio::test]
async fn gzip_on_compresses_requests_and_inflates_responses() {
    let server = echo_server(true).await;
    let t = ReqwestTransport::new().unwrap();
    let body = b"<x>payload</x>".repeat(500);
    let resp = t.send(post(&server.url, body.clone())).await.unwrap();
    assert_eq!(resp.status.as_u16(), 200);
    assert_eq!(resp.body, body, "the response is inflated transparently");
    assert!(resp.headers.get("content-encoding").is_none());
    let rec = &server.recorded()[0];
    assert_eq!(rec.header("content-encoding"), Some("gzip"));
    assert!(rec.raw_body.len() < body.len() / 10, "sent compressed");
    assert_eq!(rec.body, body);
    assert!(rec.header("accept-encoding").unwrap().contains("gzip"));
}

#[tokio::test]
async fn small_bodies_are_sent_plain() {
    let server = echo_server(true).await;
    let t = ReqwestTransport::new().unwrap();
    t.send(post(&server.url, b"tiny".to_vec())).await.unwrap();
    let rec = &server.recorded()[0];
    assert_eq!(rec.header("content-encoding"), None);
    assert_eq!(rec.raw_body, b"tiny");
}

#[tokio::test]
async fn gzip_off_sends_and_asks_for_plain_bodies() {
    let server = echo_server(true).await;
    let t = ReqwestTransport::builder().gzip(false).build().unwrap();
    let body = b"<x>payload</x>".repeat(500);
    let resp = t.send(post(&server.url, body.clone())).await.unwrap();
    assert_eq!(resp.body, body);
    let rec = &server.recorded()[0];
    assert_eq!(rec.header("content-encoding"), None);
    assert_eq!(rec.raw_body, body, "sent uncompressed");
    assert_eq!(rec.header("accept-encoding"), None, "no gzip asked for");
}

#[tokio::test]
async fn gzip_directions_are_independent() {
    let server = echo_server(true).await;
    let t = ReqwestTransport::builder()
        .gzip_requests(false)
        .build()
        .unwrap();
    let body = b"abc".repeat(2000);
    let resp = t.send(post(&server.url, body.clone())).await.unwrap();
    assert_eq!(resp.body, body);
    let rec = &server.recorded()[0];
    assert_eq!(rec.header("content-encoding"), None);
    assert!(rec.header("accept-encoding").is_some());
}

#[tokio::test]
async fn read_timeout_fires_on_a_stalled_server() {
    let server = TestServer::start(Arc::new(|_| {
        Reply::new(200, "text/plain", "late").delayed(Duration::from_secs(5))
    }))
    .await;
    let t = ReqwestTransport::builder()
        .read_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = t.send(post(&server.url, vec![])).await.unwrap_err();
    assert_eq!(kind(&err), Some(TransportErrorKind::Timeout), "{err}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn total_timeout_fires() {
    let server = TestServer::start(Arc::new(|_| {
        Reply::new(200, "text/plain", "late").delayed(Duration::from_secs(5))
    }))
    .await;
    let t = ReqwestTransport::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let err = t.send(post(&server.url, vec![])).await.unwrap_err();
    assert_eq!(kind(&err), Some(TransportErrorKind::Timeout), "{err}");
}

#[tokio::test]
async fn refused_connection_is_a_connect_error() {
    // Bind then drop a listener: its port is (almost certainly) closed now.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let t = ReqwestTransport::new().unwrap();
    let url = format!("http://127.0.0.1:{port}/x?access_token=SECRET-Q");
    let err = t.send(post(&url, vec![])).await.unwrap_err();
    assert_eq!(kind(&err), Some(TransportErrorKind::Connect), "{err}");
    assert!(err.is_retryable_transport());
    assert!(
        !err.to_string().contains("SECRET-Q"),
        "no query in errors: {err}"
    );
}

#[tokio::test]
async fn plain_http_to_a_non_loopback_host_is_refused_before_connecting() {
    let t = ReqwestTransport::new().unwrap();
    for url in [
        "http://example.com/services/Soap/m/66.0",
        "http://10.1.2.3/x",
    ] {
        let err = t.send(post(url, vec![])).await.unwrap_err();
        assert!(matches!(err, Error::Config { .. }), "{url}: {err}");
        assert!(err.to_string().contains("plain HTTP"), "{err}");
    }
    let err = t
        .send(post("ftp://example.com/x", vec![]))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err}");
}

#[tokio::test]
async fn loopback_names_are_allowed_over_http() {
    let server = echo_server(false).await;
    let t = ReqwestTransport::new().unwrap();
    let url = format!("http://localhost:{}/", server.addr.port());
    let resp = t.send(post(&url, b"hi".to_vec())).await.unwrap();
    assert_eq!(resp.body, b"hi");
}

#[tokio::test]
async fn oversized_plain_response_is_refused() {
    let server = TestServer::start(Arc::new(|_| {
        Reply::new(200, "text/plain", vec![b'a'; 200_000])
    }))
    .await;
    let t = ReqwestTransport::builder()
        .max_response_bytes(100_000)
        .build()
        .unwrap();
    let err = t.send(post(&server.url, vec![])).await.unwrap_err();
    assert_eq!(
        kind(&err),
        Some(TransportErrorKind::ResponseTooLarge),
        "{err}"
    );
    let ok = ReqwestTransport::builder()
        .max_response_bytes(200_000)
        .build()
        .unwrap();
    assert_eq!(
        ok.send(post(&server.url, vec![])).await.unwrap().body.len(),
        200_000
    );
}

#[tokio::test]
async fn gzip_bomb_is_stopped_at_the_decompressed_limit() {
    // 64 MiB of zeros compress to ~64 KiB: small on the wire, huge when inflated.
    let bomb = gzip(&vec![0u8; 64 << 20]);
    assert!(bomb.len() < 1 << 20);
    let server = TestServer::start(Arc::new(move |_| {
        let mut r = Reply::new(200, "text/xml", Vec::new());
        r.raw_gzip = Some(bomb.clone());
        r
    }))
    .await;
    let t = ReqwestTransport::builder()
        .max_response_bytes(4 << 20)
        .build()
        .unwrap();
    let err = t.send(post(&server.url, vec![])).await.unwrap_err();
    assert_eq!(
        kind(&err),
        Some(TransportErrorKind::ResponseTooLarge),
        "{err}"
    );
}

#[tokio::test]
async fn corrupt_gzip_is_a_decompress_error() {
    let server = TestServer::start(Arc::new(|_| {
        let mut r = Reply::new(200, "text/xml", Vec::new());
        r.raw_gzip = Some(b"\x1f\x8bthis is not deflate data".to_vec());
        r
    }))
    .await;
    let t = ReqwestTransport::new().unwrap();
    let err = t.send(post(&server.url, vec![])).await.unwrap_err();
    assert_eq!(kind(&err), Some(TransportErrorKind::Decompress), "{err}");
}

#[tokio::test]
async fn error_statuses_are_responses_not_errors() {
    let server = TestServer::start(Arc::new(|_| {
        Reply::new(503, "text/html", "<html>down</html>")
    }))
    .await;
    let t = ReqwestTransport::new().unwrap();
    let resp = t.send(post(&server.url, vec![])).await.unwrap();
    assert_eq!(resp.status.as_u16(), 503);
    assert_eq!(resp.content_type(), "text/html");
    assert_eq!(resp.body, b"<html>down</html>");
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let server = TestServer::start(Arc::new(|_| {
        let mut r = Reply::new(307, "text/plain", "");
        r.headers
            .push(("Location".into(), "http://127.0.0.1:1/elsewhere".into()));
        r
    }))
    .await;
    let t = ReqwestTransport::new().unwrap();
    let resp = t
        .send(post(&server.url, b"sessionId".to_vec()))
        .await
        .unwrap();
    assert_eq!(resp.status.as_u16(), 307);
    assert_eq!(server.recorded().len(), 1);
}
