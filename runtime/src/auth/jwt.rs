//! [`JwtBearerGrant`]: the OAuth 2.0 JWT bearer flow (RFC 7523) with an RS256 assertion.

use std::path::Path;
use std::time::{Duration, SystemTime};

use jsonwebtoken::crypto::CryptoProvider;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde::Serialize;

use super::oauth::{parse_login_url, request_token};
use super::{AccessToken, Secret, TokenSource};
use crate::error::{AuthErrorKind, Error};
use crate::transport::{BoxFuture, Transport, Url};

/// The grant type of the JWT bearer flow.
const GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/// Salesforce accepts assertions that expire at most 3 minutes ahead.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(180);

/// OAuth 2.0 JWT bearer flow: signs an assertion (`iss` = client id, `sub` = username,
/// `aud` = login URL, `exp` = now + 3 minutes) with the connected app's RSA private key
/// and trades it for an access token. Every fetch signs a new assertion, so refreshing
/// needs no stored refresh token.
#[derive(Debug, Clone)]
pub struct JwtBearerGrant {
    login_url: Url,
    audience: String,
    client_id: String,
    username: String,
    key_pem: Secret,
    lifetime: Duration,
}

#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    sub: &'a str,
    aud: &'a str,
    exp: u64,
}

impl JwtBearerGrant {
    /// The grant against `login_url`, signing with the PEM RSA private key `key_pem`
    /// (PKCS#1 or PKCS#8). The key is checked here, so a bad key fails early.
    pub fn new(
        login_url: &str,
        client_id: impl Into<String>,
        username: impl Into<String>,
        key_pem: Secret,
    ) -> Result<Self, Error> {
        let login_url = parse_login_url(login_url)?;
        encoding_key(&key_pem)?;
        Ok(Self {
            audience: login_url.as_str().trim_end_matches('/').to_owned(),
            login_url,
            client_id: client_id.into(),
            username: username.into(),
            key_pem,
            lifetime: DEFAULT_LIFETIME,
        })
    }

    /// Like [`JwtBearerGrant::new`], reading the key from the PEM file at `key_file`.
    pub fn from_key_file(
        login_url: &str,
        client_id: impl Into<String>,
        username: impl Into<String>,
        key_file: &Path,
    ) -> Result<Self, Error> {
        let pem = super::config::read_secret_file(key_file)?;
        Self::new(login_url, client_id, username, pem)
    }

    /// Sets the `aud` claim (default: the login URL). Sandboxes on login URLs other than
    /// `https://test.salesforce.com` may need it.
    #[must_use]
    pub fn audience(mut self, aud: impl Into<String>) -> Self {
        self.audience = aud.into();
        self
    }

    /// How far ahead the assertion expires (default and Salesforce's maximum: 3 minutes).
    #[must_use]
    pub fn lifetime(mut self, lifetime: Duration) -> Self {
        self.lifetime = lifetime;
        self
    }

    /// A freshly signed assertion.
    fn assertion(&self) -> Result<Secret, Error> {
        let exp = (SystemTime::now() + self.lifetime)
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let claims = Claims {
            iss: &self.client_id,
            sub: &self.username,
            aud: &self.audience,
            exp,
        };
        let key = encoding_key(&self.key_pem)?;
        jsonwebtoken::encode(&Header::new(Algorithm::RS256), &claims, &key)
            .map(Secret::new)
            .map_err(|e| {
                Error::auth(
                    AuthErrorKind::TokenFetch,
                    format!("signing the JWT failed: {e}"),
                )
            })
    }
}

/// Parses the PEM key; errors say what is wrong without quoting the key.
fn encoding_key(pem: &Secret) -> Result<EncodingKey, Error> {
    if CryptoProvider::try_get_default().is_none() {
        return Err(Error::config(
            "no JWT crypto provider is available (jsonwebtoken features)",
        ));
    }
    EncodingKey::from_rsa_pem(pem.expose().as_bytes()).map_err(|e| {
        Error::config(format!(
            "the JWT private key is not a PEM RSA private key: {e}"
        ))
    })
}

impl TokenSource for JwtBearerGrant {
    fn fetch<'a>(&'a self, t: &'a dyn Transport) -> BoxFuture<'a, Result<AccessToken, Error>> {
        Box::pin(async move {
            let assertion = self.assertion()?;
            let form = [
                ("grant_type", GRANT_TYPE),
                ("assertion", assertion.expose()),
            ];
            request_token(t, &self.login_url, &form).await
        })
    }

    fn username(&self) -> Option<&str> {
        Some(&self.username)
    }
}
