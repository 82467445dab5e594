//! [`ReqwestTransport`]: the default [`Transport`], over reqwest with rustls.

use std::time::Duration;

use http::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_LENGTH, HeaderValue};

use super::gzip::{self, GunzipError};
use super::{BoxFuture, DEFAULT_MAX_RESPONSE_BYTES, HttpRequest, HttpResponse, Transport};
use crate::error::{Error, TransportErrorKind};

/// Settings of a [`ReqwestTransport`]; start from [`ReqwestTransport::builder`].
///
/// Defaults: connect timeout 10 s, read timeout 120 s (between two reads), no total timeout,
/// gzip on both ways (request bodies of at least 1 KiB are compressed), responses limited to
/// [`DEFAULT_MAX_RESPONSE_BYTES`] after decompression, proxies from the environment,
/// certificates checked against the system roots, redirects not followed (a SOAP request
/// carries the session id in its body and must not be replayed to another host).
#[derive(Debug, Clone)]
#[must_use]
pub struct TransportBuilder {
    connect_timeout: Duration,
    read_timeout: Duration,
    timeout: Option<Duration>,
    max_response_bytes: usize,
    gzip_requests: bool,
    gzip_responses: bool,
    gzip_min_size: usize,
    allow_http: bool,
    accept_invalid_certs: bool,
    use_env_proxy: bool,
    extra_roots_pem: Vec<Vec<u8>>,
}

impl Default for TransportBuilder {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(120),
            timeout: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            gzip_requests: true,
            gzip_responses: true,
            gzip_min_size: 1024,
            allow_http: false,
            accept_invalid_certs: false,
            use_env_proxy: true,
            extra_roots_pem: Vec::new(),
        }
    }
}

impl TransportBuilder {
    /// Timeout for establishing a connection (TCP and TLS).
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// Timeout for each read: fires when the server sends nothing for this long.
    pub fn read_timeout(mut self, d: Duration) -> Self {
        self.read_timeout = d;
        self
    }

    /// Timeout for the whole exchange, from connecting to the last body byte.
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = Some(d);
        self
    }

    /// Largest response body accepted, counted after decompression.
    pub fn max_response_bytes(mut self, n: usize) -> Self {
        self.max_response_bytes = n;
        self
    }

    /// gzip on or off in both directions.
    pub fn gzip(self, on: bool) -> Self {
        self.gzip_requests(on).gzip_responses(on)
    }

    /// Whether request bodies are sent gzip-compressed (`Content-Encoding: gzip`).
    pub fn gzip_requests(mut self, on: bool) -> Self {
        self.gzip_requests = on;
        self
    }

    /// Whether `Accept-Encoding: gzip` is sent (gzip responses are always understood).
    pub fn gzip_responses(mut self, on: bool) -> Self {
        self.gzip_responses = on;
        self
    }

    /// Request bodies shorter than this are sent uncompressed.
    pub fn gzip_min_size(mut self, n: usize) -> Self {
        self.gzip_min_size = n;
        self
    }

    /// Allows plain `http://` to any host, not only to loopback addresses. Session ids and
    /// tokens then cross the network in clear text.
    pub fn danger_allow_http(mut self) -> Self {
        self.allow_http = true;
        self
    }

    /// Turns certificate verification off. Anyone on the path can then read and change the
    /// traffic, tokens included.
    pub fn danger_accept_invalid_certs(mut self) -> Self {
        self.accept_invalid_certs = true;
        self
    }

    /// Ignores `HTTP_PROXY` / `HTTPS_PROXY` / `ALL_PROXY` / `NO_PROXY`.
    pub fn no_proxy(mut self) -> Self {
        self.use_env_proxy = false;
        self
    }

    /// Trusts the PEM certificate(s) in `pem` in addition to the system roots (e.g. a
    /// corporate TLS-inspecting proxy's CA).
    pub fn add_root_certificates_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.extra_roots_pem.push(pem.into());
        self
    }

    /// Builds the transport.
    pub fn build(self) -> Result<ReqwestTransport, Error> {
        let mut b = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .read_timeout(self.read_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .retry(reqwest::retry::never())
            .user_agent(concat!("rust-soap-runtime/", env!("CARGO_PKG_VERSION")));
        if let Some(t) = self.timeout {
            b = b.timeout(t);
        }
        if !self.use_env_proxy {
            b = b.no_proxy();
        }
        if self.accept_invalid_certs {
            b = b.tls_danger_accept_invalid_certs(true);
        }
        for pem in &self.extra_roots_pem {
            let certs = reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| Error::config(format!("bad PEM root certificate: {e}")))?;
            b = b.tls_certs_merge(certs);
        }
        let client = b
            .build()
            .map_err(|e| Error::config(format!("cannot build the HTTP client: {e}")))?;
        Ok(ReqwestTransport {
            client,
            settings: self,
        })
    }
}

/// The default [`Transport`]: reqwest over rustls; see [`TransportBuilder`] for its
/// behaviour. Cheap to clone (the connection pool is shared).
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    settings: TransportBuilder,
}

impl ReqwestTransport {
    /// A transport with the default settings.
    pub fn new() -> Result<Self, Error> {
        Self::builder().build()
    }

    /// A builder with the default settings.
    pub fn builder() -> TransportBuilder {
        TransportBuilder::default()
    }

    async fn send_inner(&self, mut req: HttpRequest) -> Result<HttpResponse, Error> {
        super::check_url(&req.url, self.settings.allow_http)?;
        let s = &self.settings;
        if s.gzip_requests && req.body.len() >= s.gzip_min_size && !req.body.is_empty() {
            req.body = gzip::compress(&req.body);
            req.headers
                .insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        if s.gzip_responses {
            req.headers
                .insert(ACCEPT_ENCODING, HeaderValue::from_static("gzip"));
        }
        let url = req.url.clone();
        let response = self
            .client
            .request(req.method, req.url)
            .headers(req.headers)
            .body(req.body)
            .send()
            .await
            .map_err(|e| map_reqwest_error(e, &url))?;
        self.read_response(response, &url).await
    }

    async fn read_response(
        &self,
        mut response: reqwest::Response,
        url: &url::Url,
    ) -> Result<HttpResponse, Error> {
        let limit = self.settings.max_response_bytes;
        let too_large = || {
            Error::transport(
                TransportErrorKind::ResponseTooLarge,
                url,
                format!("response body exceeds the limit of {limit} bytes"),
            )
        };
        if response.content_length().is_some_and(|n| n > limit as u64) {
            return Err(too_large());
        }
        let status = response.status();
        let mut headers = response.headers().clone();
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| map_reqwest_error(e, url))?
        {
            if body.len() + chunk.len() > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        let body = decode_content(&mut headers, body, limit, url)?;
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, Error>> {
        Box::pin(self.send_inner(request))
    }
}

/// Undoes `Content-Encoding` (identity or gzip), removing the header and the now wrong
/// `Content-Length`.
fn decode_content(
    headers: &mut http::HeaderMap,
    body: Vec<u8>,
    limit: usize,
    url: &url::Url,
) -> Result<Vec<u8>, Error> {
    let encoding = headers.get(CONTENT_ENCODING).map(|v| {
        String::from_utf8_lossy(v.as_bytes())
            .trim()
            .to_ascii_lowercase()
    });
    let decoded = match encoding.as_deref() {
        None | Some("") | Some("identity") => return Ok(body),
        Some("gzip") | Some("x-gzip") => gzip::decompress_bounded(&body, limit),
        Some(other) => {
            return Err(Error::transport(
                TransportErrorKind::Decompress,
                url,
                format!("unsupported Content-Encoding {other:?}"),
            ));
        }
    };
    headers.remove(CONTENT_ENCODING);
    headers.remove(CONTENT_LENGTH);
    decoded.map_err(|e| match e {
        GunzipError::TooLarge => Error::transport(
            TransportErrorKind::ResponseTooLarge,
            url,
            format!("gzip response body inflates beyond the limit of {limit} bytes"),
        ),
        GunzipError::Corrupt(why) => Error::transport(
            TransportErrorKind::Decompress,
            url,
            format!("corrupt gzip response body: {why}"),
        ),
    })
}

/// Maps a reqwest error to [`Error::Transport`], keeping its cause chain but not its URL.
fn map_reqwest_error(e: reqwest::Error, url: &url::Url) -> Error {
    let kind = if e.is_timeout() {
        TransportErrorKind::Timeout
    } else if e.is_connect() {
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Io
    };
    let e = e.without_url();
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    Error::transport(kind, url, message)
}
