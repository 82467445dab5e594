//! [`RestClient`]: plain HTTP requests to `callout:Name/path?query` URLs with credential
//! merge fields, like an Apex callout through a Named Credential.

use std::fmt;
use std::sync::Arc;

use crate::auth::merge::{self, MergeValues};
use crate::auth::{CurrentToken, NamedCredentials};
use crate::error::{Error, url_sans_query};
use crate::transport::{HttpRequest, HttpResponse, Method, RedactedHeaders, Url};

/// A REST-style request: a method, a `callout:Name/path?query` URL, headers and a body.
///
/// Header values and the body may hold `{!$Credential.OAuthToken}`,
/// `{!$Credential.Username}`, `{!$Credential.Password}` (or `{!HTMLENCODE(...)}` forms).
/// They are substituted at send time only where the named credential allows merge fields
/// (`allow_merge_fields_in_header` / `_in_body`); where not allowed they are sent verbatim,
/// as the platform does. Body values are XML-escaped.
#[derive(Clone)]
pub struct RestRequest {
    /// The method.
    pub method: Method,
    /// `callout:Name/path?query`.
    pub url: String,
    /// Headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl RestRequest {
    /// A request with no headers and an empty body.
    pub fn new(method: Method, url: impl Into<String>) -> Self {
        Self {
            method,
            url: url.into(),
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// Adds a header.
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the body.
    #[must_use]
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }
}

impl fmt::Debug for RestRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut headers = http::HeaderMap::new();
        for (n, v) in &self.headers {
            if let (Ok(n), Ok(v)) = (
                http::HeaderName::from_bytes(n.as_bytes()),
                http::HeaderValue::from_str(v),
            ) {
                headers.append(n, v);
            }
        }
        f.debug_struct("RestRequest")
            .field("method", &self.method)
            .field("url", &self.url.split('?').next().unwrap_or(""))
            .field("headers", &RedactedHeaders(&headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Sends [`RestRequest`]s through named credentials. On HTTP 401 to a request that carried
/// `{!$Credential.OAuthToken}`, the token is refreshed once and the request sent once more.
#[derive(Debug, Clone)]
pub struct RestClient {
    named: Arc<NamedCredentials>,
}

impl RestClient {
    /// A client resolving `callout:` URLs through `named`.
    pub fn new(named: Arc<NamedCredentials>) -> Self {
        Self { named }
    }

    /// Sends `req` and returns the response whatever its status.
    pub async fn send(&self, req: RestRequest) -> Result<HttpResponse, Error> {
        let (credential, url) = self.named.resolve(&req.url)?;
        let policy = credential.merge_policy();
        let body_text = std::str::from_utf8(&req.body)
            .ok()
            .filter(|_| policy.in_body);
        let mut needs_token = false;
        if policy.in_header {
            for (_, v) in &req.headers {
                needs_token |= merge::uses_token(v)?;
            }
        }
        if let Some(text) = body_text {
            needs_token |= merge::uses_token(text)?;
        }
        let mut current = match needs_token {
            true => Some(credential.token().await?),
            false => None,
        };
        let mut refreshed = false;
        loop {
            let values = MergeValues {
                token: current.as_ref().map(|c| c.token.secret.expose()),
                username: credential.username(),
                password: credential.password().map(|p| p.expose()),
            };
            let http = build(&req, url.clone(), &values, policy.in_header, body_text)?;
            let response = credential.transport().send(http).await?;
            tracing::debug!(
                method = %req.method,
                url = %url_sans_query(&url),
                status = response.status.as_u16(),
                "callout"
            );
            match &current {
                Some(c) if response.status.as_u16() == 401 && !refreshed => {
                    current = Some(refresh(&credential, c).await?);
                    refreshed = true;
                }
                _ => return Ok(response),
            }
        }
    }
}

async fn refresh(
    credential: &crate::auth::Credential,
    c: &CurrentToken,
) -> Result<CurrentToken, Error> {
    tracing::debug!(generation = c.generation, "HTTP 401: refreshing the token");
    credential.refresh(c.generation).await
}

/// The wire request with merge fields substituted where allowed.
fn build(
    req: &RestRequest,
    url: Url,
    values: &MergeValues<'_>,
    in_header: bool,
    body_text: Option<&str>,
) -> Result<HttpRequest, Error> {
    let mut http = HttpRequest::new(req.method.clone(), url);
    for (name, value) in &req.headers {
        let merged = match in_header {
            true => merge::substitute(value, values, false)?,
            false => None,
        };
        match merged {
            // A merged value may hold a secret: keep it out of Debug output.
            Some(v) => http.sensitive_header(name, &v)?,
            None => http.header(name, value)?,
        }
    }
    http.body = match body_text
        .map(|t| merge::substitute(t, values, true))
        .transpose()?
    {
        Some(Some(merged)) => merged.into_bytes(),
        _ => req.body.clone(),
    };
    Ok(http)
}
