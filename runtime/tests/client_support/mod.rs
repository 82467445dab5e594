//! Test support for the networking tests: a small HTTP/1.1 server on loopback (real TCP),
//! a fake Salesforce (SOAP endpoint + OAuth token endpoint), SOAP types written by hand as
//! codegen emits them (docs/GENERATED.md), and a tracing capture.
#![allow(dead_code)]

pub mod soap_types;
pub mod trace;

use std::collections::HashSet;
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request as the server received it.
#[derive(Debug, Clone, Default)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    /// The body as sent on the wire (possibly gzip).
    pub raw_body: Vec<u8>,
    /// The body after undoing `Content-Encoding: gzip`.
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    /// The form fields of an `application/x-www-form-urlencoded` body.
    pub fn form(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(&self.body)
            .into_owned()
            .collect()
    }
    pub fn form_value(&self, key: &str) -> Option<String> {
        self.form()
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }
}

/// What the server answers.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before sending anything (to fire timeouts).
    pub delay: Duration,
    /// gzip the body when the client accepts gzip.
    pub gzip: bool,
    /// Send these bytes as the body as they are, with `Content-Encoding: gzip`.
    pub raw_gzip: Option<Vec<u8>>,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            delay: Duration::ZERO,
            gzip: false,
            raw_gzip: None,
        }
    }
    pub fn xml(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self::new(status, "text/xml; charset=utf-8", body)
    }
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Self::new(status, "application/json", body.to_string())
    }
    pub fn delayed(mut self, d: Duration) -> Self {
        self.delay = d;
        self
    }
    pub fn gzipped(mut self) -> Self {
        self.gzip = true;
        self
    }
}

pub type Handler = Arc<dyn Fn(&Recorded) -> Reply + Send + Sync>;

/// A server on 127.0.0.1 with a random port; stops when dropped.
pub struct TestServer {
    pub addr: SocketAddr,
    pub url: String,
    pub requests: Arc<Mutex<Vec<Recorded>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl TestServer {
    pub async fn start(handler: Handler) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recs = requests.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (h, recs) = (handler.clone(), recs.clone());
                tokio::spawn(async move {
                    let _ = serve(stream, h, recs).await;
                });
            }
        });
        Self {
            addr,
            url: format!("http://{addr}"),
            requests,
            task,
        }
    }

    pub fn recorded(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    pub fn count(&self, path: &str) -> usize {
        self.recorded().iter().filter(|r| r.path == path).count()
    }
}

async fn serve(
    mut stream: TcpStream,
    handler: Handler,
    recs: Arc<Mutex<Vec<Recorded>>>,
) -> std::io::Result<()> {
    let Some(rec) = read_request(&mut stream).await? else {
        return Ok(());
    };
    recs.lock().unwrap().push(rec.clone());
    let reply = handler(&rec);
    tokio::time::sleep(reply.delay).await;
    let accepts_gzip = rec
        .header("accept-encoding")
        .is_some_and(|v| v.contains("gzip"));
    let mut headers = reply.headers.clone();
    let body = if let Some(raw) = &reply.raw_gzip {
        headers.push(("Content-Encoding".into(), "gzip".into()));
        raw.clone()
    } else if reply.gzip && accepts_gzip {
        headers.push(("Content-Encoding".into(), "gzip".into()));
        gzip(&reply.body)
    } else {
        reply.body.clone()
    };
    let mut head = format!("HTTP/1.1 {} X\r\n", reply.status);
    for (n, v) in &headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(&body).await?;
    stream.shutdown().await
}

async fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<Recorded>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 || buf.len() > 1 << 20 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split(' ');
    let method = first.next().unwrap_or("").to_owned();
    let path = first.next().unwrap_or("").to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut rec = Recorded {
        method,
        path,
        headers,
        ..Recorded::default()
    };
    let len: usize = rec
        .header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < len {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    rec.body = match rec.header("content-encoding") {
        Some(e) if e.contains("gzip") => gunzip(&body),
        _ => body.clone(),
    };
    rec.raw_body = body;
    Ok(Some(rec))
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

pub fn gunzip(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(data)
        .read_to_end(&mut out)
        .unwrap();
    out
}

/// A fake Salesforce: a SOAP endpoint that accepts only tokens it issued (and not yet
/// expired by the test), and an OAuth token endpoint that issues `tok-1`, `tok-2`, ...
#[derive(Default)]
pub struct FakeOrg {
    pub issued: AtomicUsize,
    pub valid: Mutex<HashSet<String>>,
    /// Make the token endpoint answer `invalid_grant`.
    pub fail_grants: std::sync::atomic::AtomicBool,
    /// Delay of each token-endpoint answer (to make refreshes overlap).
    pub grant_delay_ms: std::sync::atomic::AtomicU64,
    /// The instance URL tokens name (set once the server runs).
    pub instance_url: Mutex<String>,
}

pub const TOKEN_PATH: &str = "/services/oauth2/token";

impl FakeOrg {
    /// Issues a new valid token as the token endpoint would.
    pub fn issue(&self) -> String {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        let token = format!("00Dtok!{n}-SECRET");
        self.valid.lock().unwrap().insert(token.clone());
        token
    }

    /// Expires every token issued so far.
    pub fn expire_all(&self) {
        self.valid.lock().unwrap().clear();
    }

    pub fn grants(&self) -> usize {
        self.issued.load(Ordering::SeqCst)
    }

    pub fn handle(&self, r: &Recorded) -> Reply {
        if r.path == TOKEN_PATH {
            return self.token_endpoint();
        }
        let Some(session) = soap_types::session_id_of(&r.text()) else {
            return Reply::xml(
                500,
                soap_types::fault_xml("sf:INVALID_SESSION_ID", "no session"),
            );
        };
        if !self.valid.lock().unwrap().contains(&session) {
            return Reply::xml(
                500,
                soap_types::fault_xml(
                    "sf:INVALID_SESSION_ID",
                    "INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session",
                ),
            );
        }
        Reply::xml(
            200,
            soap_types::echo_response_xml(&soap_types::echo_text_of(&r.text())),
        )
    }

    fn token_endpoint(&self) -> Reply {
        let delay = Duration::from_millis(self.grant_delay_ms.load(Ordering::SeqCst));
        if self.fail_grants.load(Ordering::SeqCst) {
            return Reply::json(
                400,
                &serde_json::json!({"error": "invalid_grant", "error_description": "expired access/refresh token"}),
            )
            .delayed(delay);
        }
        let token = self.issue();
        Reply::json(
            200,
            &serde_json::json!({
                "access_token": token,
                "instance_url": *self.instance_url.lock().unwrap(),
                "id": "https://login.salesforce.com/id/00Dx/005x",
                "token_type": "Bearer",
                "issued_at": "1700000000000",
                "signature": "sig",
            }),
        )
        .delayed(delay)
    }
}

/// Starts a server for `org` and records its URL as the instance URL.
pub async fn start_org(org: Arc<FakeOrg>) -> TestServer {
    let o = org.clone();
    let server = TestServer::start(Arc::new(move |r| o.handle(r))).await;
    *org.instance_url.lock().unwrap() = server.url.clone();
    server
}
