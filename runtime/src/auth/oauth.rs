//! The OAuth 2.0 token endpoint (`{login_url}/services/oauth2/token`) and the grants that
//! post a form to it: [`RefreshTokenGrant`], [`ClientCredentialsGrant`], [`PasswordGrant`].
//! The JWT bearer grant is in `jwt.rs`.

use std::time::{Duration, SystemTime};

use serde::Deserialize;

use super::{AccessToken, Secret, TokenSource};
use crate::error::{AuthErrorKind, Error, url_sans_query};
use crate::transport::{BoxFuture, HttpRequest, Method, Transport, Url, parse_url};

/// Salesforce's production login URL.
pub const PRODUCTION_LOGIN_URL: &str = "https://login.salesforce.com";

/// The token endpoint of `login_url`.
pub(crate) fn token_endpoint(login_url: &Url) -> Result<Url, Error> {
    let base = login_url.as_str().trim_end_matches('/');
    parse_url(&format!("{base}/services/oauth2/token"))
}

/// Parses a login URL (e.g. `https://login.salesforce.com`, `https://test.salesforce.com`
/// or a My Domain URL).
pub(crate) fn parse_login_url(login_url: &str) -> Result<Url, Error> {
    let url = parse_url(login_url)?;
    if url.query().is_some() {
        return Err(Error::config(format!(
            "login URL {} must not have a query",
            url_sans_query(&url)
        )));
    }
    Ok(url)
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    instance_url: Option<String>,
    issued_at: Option<String>,
    expires_in: Option<u64>,
}

#[derive(Deserialize)]
struct TokenError {
    error: String,
    error_description: Option<String>,
}

/// POSTs `form` to the token endpoint of `login_url` and reads the token.
///
/// Success is a JSON object with `access_token` and `instance_url`; a failure JSON
/// `{"error", "error_description"}` becomes [`Error::Auth`] ([`AuthErrorKind::Rejected`]).
pub(crate) async fn request_token(
    transport: &dyn Transport,
    login_url: &Url,
    form: &[(&str, &str)],
) -> Result<AccessToken, Error> {
    let url = token_endpoint(login_url)?;
    let mut req = HttpRequest::new(Method::POST, url.clone());
    req.header("Content-Type", "application/x-www-form-urlencoded")?;
    req.header("Accept", "application/json")?;
    req.body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish()
        .into_bytes();
    let response = transport.send(req).await?;
    if !response.status.is_success() {
        return Err(token_error(&url, response.status.as_u16(), &response));
    }
    let parsed: TokenResponse = serde_json::from_slice(&response.body).map_err(|e| {
        // The body holds the token: say where parsing failed, never what was there.
        Error::auth(
            AuthErrorKind::TokenFetch,
            format!(
                "token endpoint {} answered with unreadable JSON: {e}",
                url_sans_query(&url)
            ),
        )
    })?;
    token_from_response(parsed, &url)
}

fn token_from_response(r: TokenResponse, url: &Url) -> Result<AccessToken, Error> {
    let secret = Secret::new(r.access_token);
    let Some(instance_url) = r.instance_url.filter(|u| !u.is_empty()) else {
        return Err(Error::auth(
            AuthErrorKind::TokenFetch,
            format!(
                "token endpoint {} sent no instance_url",
                url_sans_query(url)
            ),
        ));
    };
    parse_url(&instance_url)?;
    let mut token = AccessToken::new(secret, instance_url);
    token.issued_at = r
        .issued_at
        .and_then(|ms| ms.parse::<u64>().ok())
        .map(|ms| SystemTime::UNIX_EPOCH + Duration::from_millis(ms));
    token.expires_at = r
        .expires_in
        .map(|s| token.issued_at.unwrap_or_else(SystemTime::now) + Duration::from_secs(s));
    Ok(token)
}

fn token_error(url: &Url, status: u16, response: &crate::transport::HttpResponse) -> Error {
    match serde_json::from_slice::<TokenError>(&response.body) {
        Ok(e) => Error::auth(
            AuthErrorKind::Rejected,
            format!(
                "token endpoint {} answered HTTP {status}: {}: {}",
                url_sans_query(url),
                e.error,
                e.error_description.unwrap_or_default()
            ),
        ),
        Err(_) => Error::http_status(status, url, response.content_type(), &response.body),
    }
}

/// OAuth 2.0 refresh-token grant: trades a long-lived refresh token for access tokens.
#[derive(Debug, Clone)]
pub struct RefreshTokenGrant {
    login_url: Url,
    client_id: String,
    client_secret: Option<Secret>,
    refresh_token: Secret,
}

impl RefreshTokenGrant {
    /// The grant against `login_url` (e.g. [`PRODUCTION_LOGIN_URL`] or a My Domain URL).
    pub fn new(
        login_url: &str,
        client_id: impl Into<String>,
        refresh_token: Secret,
    ) -> Result<Self, Error> {
        Ok(Self {
            login_url: parse_login_url(login_url)?,
            client_id: client_id.into(),
            client_secret: None,
            refresh_token,
        })
    }

    /// Sends `client_secret` too (required unless the connected app waives it).
    #[must_use]
    pub fn client_secret(mut self, secret: Secret) -> Self {
        self.client_secret = Some(secret);
        self
    }
}

impl TokenSource for RefreshTokenGrant {
    fn fetch<'a>(&'a self, t: &'a dyn Transport) -> BoxFuture<'a, Result<AccessToken, Error>> {
        Box::pin(async move {
            let mut form = vec![
                ("grant_type", "refresh_token"),
                ("client_id", self.client_id.as_str()),
                ("refresh_token", self.refresh_token.expose()),
            ];
            if let Some(s) = &self.client_secret {
                form.push(("client_secret", s.expose()));
            }
            request_token(t, &self.login_url, &form).await
        })
    }
}

/// OAuth 2.0 client-credentials grant (runs as the connected app's execution user).
/// `login_url` must be the org's My Domain URL.
#[derive(Debug, Clone)]
pub struct ClientCredentialsGrant {
    login_url: Url,
    client_id: String,
    client_secret: Secret,
}

impl ClientCredentialsGrant {
    /// The grant against `login_url`.
    pub fn new(
        login_url: &str,
        client_id: impl Into<String>,
        client_secret: Secret,
    ) -> Result<Self, Error> {
        Ok(Self {
            login_url: parse_login_url(login_url)?,
            client_id: client_id.into(),
            client_secret,
        })
    }
}

impl TokenSource for ClientCredentialsGrant {
    fn fetch<'a>(&'a self, t: &'a dyn Transport) -> BoxFuture<'a, Result<AccessToken, Error>> {
        Box::pin(async move {
            let form = [
                ("grant_type", "client_credentials"),
                ("client_id", self.client_id.as_str()),
                ("client_secret", self.client_secret.expose()),
            ];
            request_token(t, &self.login_url, &form).await
        })
    }
}

/// OAuth 2.0 username-password grant. `password` is the password with the security token
/// appended when the org requires one.
#[derive(Debug, Clone)]
pub struct PasswordGrant {
    login_url: Url,
    client_id: String,
    client_secret: Option<Secret>,
    username: String,
    password: Secret,
}

impl PasswordGrant {
    /// The grant against `login_url`.
    pub fn new(
        login_url: &str,
        client_id: impl Into<String>,
        username: impl Into<String>,
        password: Secret,
    ) -> Result<Self, Error> {
        Ok(Self {
            login_url: parse_login_url(login_url)?,
            client_id: client_id.into(),
            client_secret: None,
            username: username.into(),
            password,
        })
    }

    /// Sends `client_secret` too.
    #[must_use]
    pub fn client_secret(mut self, secret: Secret) -> Self {
        self.client_secret = Some(secret);
        self
    }
}

impl TokenSource for PasswordGrant {
    fn fetch<'a>(&'a self, t: &'a dyn Transport) -> BoxFuture<'a, Result<AccessToken, Error>> {
        Box::pin(async move {
            let mut form = vec![
                ("grant_type", "password"),
                ("client_id", self.client_id.as_str()),
                ("username", self.username.as_str()),
                ("password", self.password.expose()),
            ];
            if let Some(s) = &self.client_secret {
                form.push(("client_secret", s.expose()));
            }
            request_token(t, &self.login_url, &form).await
        })
    }

    fn username(&self) -> Option<&str> {
        Some(&self.username)
    }

    fn password(&self) -> Option<&Secret> {
        Some(&self.password)
    }
}
