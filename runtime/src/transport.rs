//! Sending HTTP requests: the [`Transport`] trait and its default implementation,
//! [`ReqwestTransport`] (rustls, gzip both ways, timeouts, a response size limit, proxies
//! from `HTTP_PROXY` / `HTTPS_PROXY` / `NO_PROXY`).
//!
//! Plain `http://` is refused except to loopback hosts (`localhost`, `127.0.0.0/8`, `::1`)
//! unless the transport was built with [`TransportBuilder::danger_allow_http`].

mod gzip;
mod reqwest_impl;

use std::fmt;
use std::future::Future;
use std::pin::Pin;

pub use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
pub use reqwest_impl::{ReqwestTransport, TransportBuilder};
pub use url::Url;

use crate::error::{Error, url_sans_query};

/// A boxed, `Send` future: the return type of the object-safe async traits of the runtime.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Default limit on a response body's size, after decompression: 100 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 100 * 1024 * 1024;

/// Sends one HTTP request and returns the whole response.
///
/// Implementations must apply their own timeouts and size limits, return
/// [`Error::Transport`] for failures below HTTP, and return every HTTP status (including
/// 4xx/5xx) as an `Ok` response: callers decide what a status means.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request` and reads the full (decompressed) response body.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, Error>>;
}

/// An HTTP request as handed to a [`Transport`].
#[derive(Clone)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL.
    pub url: Url,
    /// Request headers. Mark secret-bearing values with `HeaderValue::set_sensitive`.
    pub headers: HeaderMap,
    /// The uncompressed body (the transport may compress it on the wire).
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// A request with no headers and an empty body.
    pub fn new(method: Method, url: Url) -> Self {
        Self {
            method,
            url,
            headers: HeaderMap::new(),
            body: Vec::new(),
        }
    }

    /// Appends a header; an invalid name or value (e.g. one holding CR/LF) is a
    /// [`Error::Config`] that names the header but never its value.
    pub fn header(&mut self, name: &str, value: &str) -> Result<(), Error> {
        self.append(name, value, false)
    }

    /// Appends a header whose value is secret: `Debug` output shows it as `***`.
    pub fn sensitive_header(&mut self, name: &str, value: &str) -> Result<(), Error> {
        self.append(name, value, true)
    }

    fn append(&mut self, name: &str, value: &str, sensitive: bool) -> Result<(), Error> {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::config(format!("invalid HTTP header name {name:?}")))?;
        let mut value = HeaderValue::from_str(value)
            .map_err(|_| Error::config(format!("invalid value for HTTP header {name}")))?;
        value.set_sensitive(sensitive || is_sensitive_header(&name));
        self.headers.append(name, value);
        Ok(())
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &url_sans_query(&self.url))
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// A complete HTTP response.
#[derive(Clone)]
pub struct HttpResponse {
    /// The status.
    pub status: StatusCode,
    /// Response headers (`Content-Encoding` already undone by the transport).
    pub headers: HeaderMap,
    /// The decompressed body.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The `Content-Type` header, or `""`.
    pub fn content_type(&self) -> &str {
        self.headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Headers whose values may carry credentials.
pub fn is_sensitive_header(name: &HeaderName) -> bool {
    let n = name.as_str();
    n == "authorization" || n == "proxy-authorization" || n == "cookie" || n == "set-cookie"
}

/// Debug view of headers that prints sensitive values as `***`.
pub(crate) struct RedactedHeaders<'a>(pub(crate) &'a HeaderMap);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_map();
        for (name, value) in self.0 {
            if is_sensitive_header(name) || value.is_sensitive() {
                m.entry(&name.as_str(), &"***");
            } else {
                m.entry(&name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
            }
        }
        m.finish()
    }
}

/// Whether `url`'s host is a loopback address: `localhost`, `127.0.0.0/8` or `::1`.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Checks that `url` may be called: `https`, or `http` to a loopback host, or `http`
/// anywhere when `allow_http` is set. Anything else is an [`Error::Config`].
pub fn check_url(url: &Url, allow_http: bool) -> Result<(), Error> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if allow_http || is_loopback(url) => Ok(()),
        "http" => Err(Error::config(format!(
            "refusing plain HTTP to non-loopback host {}: use https \
             (or TransportBuilder::danger_allow_http)",
            url.host_str().unwrap_or("")
        ))),
        other => Err(Error::config(format!(
            "unsupported URL scheme {other:?} in {}",
            url_sans_query(url)
        ))),
    }
}

/// Parses an absolute URL; errors name the URL without its query.
pub fn parse_url(text: &str) -> Result<Url, Error> {
    Url::parse(text).map_err(|e| {
        let shown = text.split(['?', '#']).next().unwrap_or("");
        Error::config(format!("invalid URL {shown:?}: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn loopback_hosts() {
        for u in [
            "http://localhost:8080/x",
            "http://LOCALHOST/",
            "http://127.0.0.1/",
            "http://127.200.3.4:1/",
            "http://[::1]:9/",
        ] {
            assert!(is_loopback(&url(u)), "{u}");
            assert!(check_url(&url(u), false).is_ok(), "{u}");
        }
        for u in [
            "http://10.0.0.1/",
            "http://example.com/",
            "http://localhost.example.com/",
            "http://[::2]/",
        ] {
            assert!(!is_loopback(&url(u)), "{u}");
            let err = check_url(&url(u), false).unwrap_err();
            assert!(matches!(err, Error::Config { .. }), "{u}: {err}");
            assert!(check_url(&url(u), true).is_ok());
        }
        assert!(check_url(&url("https://example.com/"), false).is_ok());
        assert!(check_url(&url("ftp://example.com/"), true).is_err());
    }

    #[test]
    fn debug_redacts_credentials() {
        let mut req = HttpRequest::new(Method::POST, url("https://h/p?access_token=tok123"));
        req.header("Authorization", "Bearer tok123").unwrap();
        req.header("X-Other", "visible").unwrap();
        let shown = format!("{req:?}");
        assert!(!shown.contains("tok123"), "{shown}");
        assert!(shown.contains("visible"), "{shown}");
        let err = req.header("X-Bad", "a\r\nInjected: tok123").unwrap_err();
        assert!(!err.to_string().contains("tok123"));
    }
}
