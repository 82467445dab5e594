//! The HTTP side: the accept loop, one hyper HTTP/1.1 connection per socket (wrapped so a
//! response can be cut off with a TCP reset), request bodies (gzip), routing, responses
//! (gzip when asked), and the injected faults.

use std::convert::Infallible;
use std::io::{Read, Write};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};

use http::{HeaderMap, HeaderValue, Method, Request, Response, StatusCode, header};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use crate::inject::{FaultKind, Route};
use crate::state::{State, lock};
use crate::{oauth, partner, soap};

/// A response before it goes on the wire.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: StatusCode,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

pub(crate) const XML: &str = "text/xml;charset=UTF-8";
pub(crate) const JSON: &str = "application/json;charset=UTF-8";

impl Reply {
    pub fn new(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Self {
        Self {
            status,
            content_type,
            body,
        }
    }
    pub fn json(status: StatusCode, v: &serde_json::Value) -> Self {
        Self::new(status, JSON, v.to_string().into_bytes())
    }
    /// The page a load balancer answers when the app behind it is down.
    fn gateway_page(code: u16) -> Self {
        let status = StatusCode::from_u16(code).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        let reason = status.canonical_reason().unwrap_or("Error");
        let page = format!(
            "<html><head><title>{code} {reason}</title></head><body><h1>{code} {reason}</h1></body></html>"
        );
        Self::new(status, "text/html;charset=UTF-8", page.into_bytes())
    }
}

/// Per-connection control: how many more bytes may be written before the connection is
/// reset (`usize::MAX`: no limit).
#[derive(Debug)]
struct ConnCtl {
    budget: AtomicUsize,
}

/// A TCP stream that writes at most `budget` bytes, then resets the connection (SO_LINGER 0
/// and an error, so hyper drops it and the kernel sends RST).
#[derive(Debug)]
struct FaultyIo {
    inner: TcpStream,
    ctl: Arc<ConnCtl>,
}

impl AsyncRead for FaultyIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for FaultyIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let budget = self.ctl.budget.load(Ordering::Acquire);
        if budget == usize::MAX {
            return Pin::new(&mut self.inner).poll_write(cx, buf);
        }
        if budget == 0 {
            let _ = self.inner.set_zero_linger();
            return Poll::Ready(Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "injected reset",
            )));
        }
        let n = buf.len().min(budget);
        let r = Pin::new(&mut self.inner).poll_write(cx, &buf[..n]);
        if let Poll::Ready(Ok(w)) = r {
            self.ctl.budget.fetch_sub(w, Ordering::AcqRel);
        }
        r
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Accepts connections until `stop` changes; each connection also ends when it does.
pub(crate) async fn serve(listener: TcpListener, state: Arc<State>, mut stop: watch::Receiver<()>) {
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stop.changed() => return,
        };
        let Ok((stream, _peer)) = accepted else {
            // Out of file descriptors and the like: back off briefly rather than spin.
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        tokio::spawn(connection(stream, state.clone(), stop.clone()));
    }
}

async fn connection(stream: TcpStream, state: Arc<State>, mut stop: watch::Receiver<()>) {
    let ctl = Arc::new(ConnCtl {
        budget: AtomicUsize::new(usize::MAX),
    });
    let io = TokioIo::new(FaultyIo {
        inner: stream,
        ctl: ctl.clone(),
    });
    let svc = service_fn(move |req| {
        let (state, ctl) = (state.clone(), ctl.clone());
        async move { Ok::<_, Infallible>(handle(&state, &ctl, req).await) }
    });
    let conn = http1::Builder::new()
        .keep_alive(true)
        .serve_connection(io, svc);
    tokio::select! {
        _ = conn => {}
        _ = stop.changed() => {}
    }
}

async fn handle(state: &State, ctl: &ConnCtl, req: Request<Incoming>) -> Response<Full<Bytes>> {
    let (parts, body) = req.into_parts();
    let gzip_ok = accepts_gzip(&parts.headers);
    let body = match read_body(state, &parts.headers, body).await {
        Ok(b) => b,
        Err(reply) => return respond(reply, gzip_ok, None),
    };
    let path = parts.uri.path().to_owned();
    let routed = route(state, &parts.method, &path, &parts.headers, &body);
    let op = routed.op_name();
    let route_key = routed.route(&op);
    let fault = lock(&state.injections).take(route_key);
    match fault {
        Some(FaultKind::Status(code)) => return respond(Reply::gateway_page(code), false, None),
        Some(FaultKind::Stall(d)) => tokio::time::sleep(d).await,
        _ => {}
    }
    lock(&state.stats).count(route_key, path.trim_start_matches('/'));
    let reply = routed.run(state, &parts.headers, &body);
    if let Some(FaultKind::StallAfter(d)) = fault {
        tokio::time::sleep(d).await;
    }
    // Bodies are not logged: they carry session ids and passwords.
    tracing::debug!(method = %parts.method, path = %path, op = %op, status = reply.status.as_u16(), "request");
    let cut = matches!(fault, Some(FaultKind::Reset)).then_some(ctl);
    respond(reply, gzip_ok, cut)
}

/// A request matched to its handler, decoded as far as needed to name the operation.
enum Routed {
    Metadata(Box<soap::Decoded>),
    Partner,
    Token,
    Rest,
    Done(Reply),
}

impl Routed {
    fn op_name(&self) -> String {
        match self {
            Self::Metadata(d) => d.op_name().to_owned(),
            _ => String::new(),
        }
    }
    fn route<'a>(&self, op: &'a str) -> Route<'a> {
        match self {
            Self::Metadata(_) => Route::Metadata(op),
            Self::Token => Route::Token,
            Self::Partner => Route::Login,
            Self::Rest | Self::Done(_) => Route::Other,
        }
    }
    fn run(self, state: &State, headers: &HeaderMap, body: &[u8]) -> Reply {
        match self {
            Self::Metadata(d) => soap::handle(state, *d),
            Self::Partner => partner::handle_soap(state, body),
            Self::Token => oauth::handle(state, headers, body),
            Self::Rest => Reply::json(StatusCode::NOT_FOUND, &not_found()),
            Self::Done(r) => r,
        }
    }
}

fn route(state: &State, method: &Method, path: &str, headers: &HeaderMap, body: &[u8]) -> Routed {
    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
    match (method, segs.as_slice()) {
        (&Method::POST, ["services", "Soap", "m", v, ..]) => match soap::decode(v, headers, body) {
            Ok(d) => Routed::Metadata(Box::new(d)),
            Err(r) => Routed::Done(r),
        },
        (
            &Method::POST,
            ["services", "Soap", "u" | "c", _] | ["services", "Soap", "u" | "c", _, _],
        ) => Routed::Partner,
        (&Method::POST, ["services", "oauth2", "token"]) => Routed::Token,
        (&Method::POST, ["services", "oauth2", "revoke"]) => {
            Routed::Done(oauth::revoke(state, body))
        }
        (&Method::GET, ["services", "data"]) => Routed::Done(partner::versions()),
        (&Method::GET, ["services", "data", v]) => Routed::Done(partner::resources(v)),
        (&Method::GET, ["id", _, _]) | (&Method::GET, ["services", "oauth2", "userinfo"]) => {
            Routed::Done(partner::identity(state, headers))
        }
        (_, ["services", "Soap", ..] | ["services", "oauth2", ..]) => Routed::Done(Reply::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain;charset=UTF-8",
            b"only POST is allowed here".to_vec(),
        )),
        _ => Routed::Rest,
    }
}

fn not_found() -> serde_json::Value {
    serde_json::json!([{ "errorCode": "NOT_FOUND", "message": "The requested resource does not exist" }])
}

fn accepts_gzip(h: &HeaderMap) -> bool {
    h.get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|c| {
            let mut it = c.split(';');
            let name = it.next().unwrap_or("").trim();
            let q_zero = it.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !q_zero
        })
}

/// Reads the whole body, bounded, gunzipping a `Content-Encoding: gzip` one (bounded too, so
/// a gzip bomb stops at the limit).
async fn read_body(state: &State, h: &HeaderMap, body: Incoming) -> Result<Vec<u8>, Reply> {
    let max = state.config.max_body_bytes;
    let too_large = || {
        Reply::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "text/plain;charset=UTF-8",
            b"request too large".to_vec(),
        )
    };
    let raw = Limited::new(body, max)
        .collect()
        .await
        .map_err(|_| too_large())?
        .to_bytes();
    let encoding = h
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("identity")
        .trim();
    if encoding.eq_ignore_ascii_case("identity") {
        return Ok(raw.to_vec());
    }
    if !encoding.eq_ignore_ascii_case("gzip") {
        let msg = format!("unsupported Content-Encoding {encoding}");
        return Err(Reply::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "text/plain;charset=UTF-8",
            msg.into_bytes(),
        ));
    }
    let mut out = Vec::new();
    let mut dec = flate2::read::GzDecoder::new(&raw[..]).take(max as u64 + 1);
    dec.read_to_end(&mut out).map_err(|e| {
        let msg = format!("the gzip request body is corrupt: {e}");
        Reply::new(
            StatusCode::BAD_REQUEST,
            "text/plain;charset=UTF-8",
            msg.into_bytes(),
        )
    })?;
    if out.len() > max {
        return Err(too_large());
    }
    Ok(out)
}

fn gzip(data: &[u8]) -> Option<Vec<u8>> {
    let mut enc = flate2::write::GzEncoder::new(
        Vec::with_capacity(data.len() / 4 + 64),
        flate2::Compression::fast(),
    );
    enc.write_all(data).ok()?;
    enc.finish().ok()
}

/// Builds the response; with `cut`, arms the connection to reset halfway through the body.
fn respond(reply: Reply, gzip_ok: bool, cut: Option<&ConnCtl>) -> Response<Full<Bytes>> {
    let (body, gzipped) = match gzip_ok.then(|| gzip(&reply.body)).flatten() {
        Some(z) => (z, true),
        None => (reply.body, false),
    };
    let mut resp = Response::new(Full::new(Bytes::new()));
    *resp.status_mut() = reply.status;
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(reply.content_type),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    if gzipped {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    if let Some(ctl) = cut {
        ctl.budget
            .store(head_len(&resp) + body.len() / 2, Ordering::Release);
    }
    *resp.body_mut() = Full::new(Bytes::from(body));
    resp
}

/// The length of the status line and headers hyper will write (it adds `date`).
fn head_len(resp: &Response<Full<Bytes>>) -> usize {
    let status_line =
        "HTTP/1.1 200 OK\r\n".len() + resp.status().canonical_reason().map_or(0, |r| r.len()) - 2;
    let date = "date: Thu, 01 Jan 2026 00:00:00 GMT\r\n".len();
    let headers: usize = resp
        .headers()
        .iter()
        .map(|(n, v)| n.as_str().len() + v.len() + 4)
        .sum();
    status_line + date + headers + 2
}
