//! Calling SOAP endpoints: [`SoapClient`] (under generated clients), the REST-style
//! [`RestClient`] with `callout:` URLs and merge fields, and [`Blocking`] for programs
//! without an async runtime.
//!
//! A call encodes the envelope with the SessionHeader written from the credential's
//! current token, POSTs it, and decodes the answer. On a fault `INVALID_SESSION_ID` the
//! token is refreshed once (concurrent calls share one refresh) and the call retried once;
//! a failing refresh or a second `INVALID_SESSION_ID` is an [`Error::Auth`]. Calls whose
//! [`Operation::retry_safe`] is set are also retried on 502/503/504 and broken connections,
//! with capped exponential backoff; other calls (writes) are never sent twice.

mod blocking;
mod endpoint;
mod redact;
mod rest;
mod retry;

use std::fmt;
use std::sync::Arc;
use std::time::Instant;

pub use blocking::Blocking;
pub use endpoint::Endpoint;
pub use rest::{RestClient, RestRequest};
pub use retry::RetryPolicy;

use crate::auth::{AccessToken, Credential, CurrentToken};
use crate::error::{AuthErrorKind, Error, ExceptionCode, url_sans_query};
use crate::soap::{Message, decode_envelope_with, encode_request};
pub use crate::soap::{Operation, SessionHeaderInfo, SoapVersion};
use crate::transport::{HttpRequest, HttpResponse, Method, Transport, Url};
use crate::xml::{Body, Complex, ReaderLimits};

/// The result of a generated client's call.
pub type CallResult<T> = Result<T, Error>;

/// The runtime client under generated clients: a credential, an endpoint, a transport and
/// a retry policy. Cheap to clone (shared inside).
#[derive(Clone)]
pub struct SoapClient {
    inner: Arc<Inner>,
}

struct Inner {
    credential: Credential,
    endpoint: Endpoint,
    transport: Arc<dyn Transport>,
    retry: RetryPolicy,
    limits: ReaderLimits,
}

impl SoapClient {
    /// A client of the Metadata API (`{instance_url}/services/Soap/m/{api_version}`) with
    /// the credential's transport and the default retry policy.
    pub fn new(credential: Credential) -> Self {
        Self::builder(credential).build()
    }

    /// A builder to choose the endpoint, transport or retry policy.
    pub fn builder(credential: Credential) -> SoapClientBuilder {
        SoapClientBuilder {
            transport: credential.transport().clone(),
            credential,
            endpoint: Endpoint::Metadata,
            retry: RetryPolicy::default(),
            limits: ReaderLimits::default(),
        }
    }

    /// The credential calls are made with.
    pub fn credential(&self) -> &Credential {
        &self.inner.credential
    }

    /// The endpoint setting.
    pub fn endpoint(&self) -> &Endpoint {
        &self.inner.endpoint
    }

    /// Calls `op` with `headers` and `body`, returning the response body.
    pub async fn call<H: Complex, B: Body, R: Body>(
        &self,
        op: &Operation,
        headers: &H,
        body: &B,
    ) -> CallResult<R> {
        self.call_with_headers::<H, B, R>(op, headers, body)
            .await
            .map(|(_, r)| r)
    }

    /// Calls `op`, returning the response's headers (those `H` knows) and body.
    pub async fn call_with_headers<H: Complex, B: Body, R: Body>(
        &self,
        op: &Operation,
        headers: &H,
        body: &B,
    ) -> CallResult<(H, R)> {
        let mut current = self.inner.credential.token().await?;
        let mut refreshed = false;
        loop {
            let result = self.attempt::<H, B, R>(op, headers, body, &current).await;
            let rejected = matches!(
                &result,
                Err(Error::Fault {
                    exception_code: ExceptionCode::InvalidSessionId,
                    ..
                })
            );
            if !rejected {
                return result;
            }
            if refreshed {
                return Err(Error::auth(
                    AuthErrorKind::SessionInvalid,
                    format!(
                        "{}: the server rejected the refreshed token too (INVALID_SESSION_ID)",
                        op.name
                    ),
                ));
            }
            tracing::debug!(
                op = op.name,
                generation = current.generation,
                "INVALID_SESSION_ID: refreshing the token"
            );
            current = self.inner.credential.refresh(current.generation).await?;
            refreshed = true;
        }
    }

    /// One exchange with one token (transport-level retries included).
    async fn attempt<H: Complex, B: Body, R: Body>(
        &self,
        op: &Operation,
        headers: &H,
        body: &B,
        current: &CurrentToken,
    ) -> CallResult<(H, R)> {
        let token: &AccessToken = &current.token;
        let url = self.inner.endpoint.url(&self.inner.credential, token)?;
        let session = op.session.map(|info| (info, token.secret.expose()));
        let xml = encode_request(op.version, headers, body, session)?;
        redact::trace_body("request", op.name, &xml, token.secret.expose());
        let request = soap_request(op, url.clone(), xml)?;
        let started = Instant::now();
        let response = retry::send(&*self.inner.transport, &self.inner.retry, op, request).await;
        let response = response.inspect_err(|e| {
            tracing::debug!(op = op.name, url = %url_sans_query(&url), error = %e, "SOAP call failed");
        })?;
        tracing::debug!(
            op = op.name,
            url = %url_sans_query(&url),
            status = response.status.as_u16(),
            bytes = response.body.len(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "SOAP call"
        );
        redact::trace_body("response", op.name, &response.body, token.secret.expose());
        decode_response::<H, R>(&url, response, self.inner.limits)
    }
}

impl From<Credential> for SoapClient {
    /// [`SoapClient::new`]: the Metadata API of the credential's org.
    fn from(credential: Credential) -> Self {
        Self::new(credential)
    }
}

impl fmt::Debug for SoapClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SoapClient")
            .field("credential", &self.inner.credential)
            .field("endpoint", &self.inner.endpoint)
            .field("transport", &self.inner.transport)
            .field("retry", &self.inner.retry)
            .field("limits", &self.inner.limits)
            .finish()
    }
}

/// Builds a [`SoapClient`]; see [`SoapClient::builder`].
#[derive(Debug)]
#[must_use]
pub struct SoapClientBuilder {
    credential: Credential,
    endpoint: Endpoint,
    transport: Arc<dyn Transport>,
    retry: RetryPolicy,
    limits: ReaderLimits,
}

impl SoapClientBuilder {
    /// Where calls go (default [`Endpoint::Metadata`]).
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// Calls go to `url`: an absolute URL, or `callout:Name/path` resolved against the
    /// credential's URL (the credential must be the named one).
    pub fn endpoint_url(self, url: &str) -> Result<Self, Error> {
        let endpoint = Endpoint::parse(url, &self.credential)?;
        Ok(self.endpoint(endpoint))
    }

    /// The transport for calls (default: the credential's).
    pub fn transport(mut self, t: Arc<dyn Transport>) -> Self {
        self.transport = t;
        self
    }

    /// Retries of read-only calls on 502/503/504 and broken connections.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Limits on decoding answers: nesting depth and the decode budget (by default 16 bytes
    /// of values per byte of answer, at least 64 MiB; see [`ReaderLimits`]).
    pub fn decode_limits(mut self, limits: ReaderLimits) -> Self {
        self.limits = limits;
        self
    }

    /// Builds the client.
    pub fn build(self) -> SoapClient {
        SoapClient {
            inner: Arc::new(Inner {
                credential: self.credential,
                endpoint: self.endpoint,
                transport: self.transport,
                retry: self.retry,
                limits: self.limits,
            }),
        }
    }
}

/// The POST of a SOAP envelope: `Content-Type` and `SOAPAction` per SOAP 1.1
/// (`text/xml; charset=UTF-8` + `SOAPAction: "action"`) or 1.2
/// (`application/soap+xml; charset=UTF-8; action="action"`).
pub fn soap_request(op: &Operation, url: Url, envelope: Vec<u8>) -> Result<HttpRequest, Error> {
    let mut req = HttpRequest::new(Method::POST, url);
    let action = op.soap_action.replace(['"', '\\'], "");
    match op.version {
        SoapVersion::Soap11 => {
            req.header("Content-Type", "text/xml; charset=UTF-8")?;
            req.header("SOAPAction", &format!("\"{action}\""))?;
        }
        SoapVersion::Soap12 => {
            let mut ct = String::from("application/soap+xml; charset=UTF-8");
            if !action.is_empty() {
                ct.push_str(&format!("; action=\"{action}\""));
            }
            req.header("Content-Type", &ct)?;
        }
    }
    req.header("Accept", op.version.content_type())?;
    req.body = envelope;
    Ok(req)
}

/// Turns a response into the typed result: 2xx and 500 carry an envelope (500 a fault),
/// anything else is [`Error::HttpStatus`].
fn decode_response<H: Complex, R: Body>(
    url: &Url,
    response: HttpResponse,
    limits: ReaderLimits,
) -> CallResult<(H, R)> {
    let status = response.status.as_u16();
    if !(response.status.is_success() || status == 500) {
        return Err(Error::http_status(
            status,
            url,
            response.content_type(),
            &response.body,
        ));
    }
    match decode_envelope_with::<H, R>(&response.body, limits) {
        Ok(env) => match env.body {
            Message::Body(b) => Ok((env.headers, b)),
            Message::Fault(f) => Err(Error::fault(f)),
        },
        // A 500 that is not a SOAP envelope (an HTML error page...) is an HTTP error.
        Err(_) if status == 500 => Err(Error::http_status(
            status,
            url,
            response.content_type(),
            &response.body,
        )),
        Err(e) => Err(Error::Decode(e)),
    }
}
