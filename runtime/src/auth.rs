//! Credentials: [`AccessToken`]s, the [`TokenSource`] trait and its sources, the
//! single-flight refreshing [`Session`], [`Credential`]s and [`NamedCredentials`].
//!
//! | source | what it does |
//! |---|---|
//! | [`StaticToken`] | a token you already have (cannot refresh) |
//! | [`EnvToken`] | `SF_ACCESS_TOKEN` + `SF_INSTANCE_URL` (names configurable), re-read on refresh |
//! | [`RefreshTokenGrant`] | OAuth 2.0 `grant_type=refresh_token` |
//! | [`JwtBearerGrant`] | OAuth 2.0 JWT bearer flow (RS256 with a private key) |
//! | [`ClientCredentialsGrant`] | OAuth 2.0 `grant_type=client_credentials` |
//! | [`PasswordGrant`] | OAuth 2.0 `grant_type=password` |
//! | [`SoapLogin`] | the partner API's `login()` call |
//! | [`SfCli`] | `sf org display --json` of the Salesforce CLI |

mod config;
mod credential;
mod jwt;
mod login;
pub(crate) mod merge;
mod named;
mod oauth;
mod secret;
mod session;
mod sf_cli;
mod simple;

use std::fmt;
use std::time::{Duration, SystemTime};

pub use credential::{Credential, CredentialBuilder, DEFAULT_API_VERSION};
pub use jwt::JwtBearerGrant;
pub use login::SoapLogin;
pub use merge::MergeFieldPolicy;
pub use named::NamedCredentials;
pub use oauth::{ClientCredentialsGrant, PRODUCTION_LOGIN_URL, PasswordGrant, RefreshTokenGrant};
pub use secret::Secret;
pub use session::{CurrentToken, Session};
pub use sf_cli::SfCli;
pub use simple::{EnvToken, StaticToken};

use crate::error::Error;
use crate::transport::{BoxFuture, Transport};

/// An access token (or login() session id) and where it is valid.
#[derive(Clone)]
pub struct AccessToken {
    /// The token; goes into the SessionHeader's `sessionId` or an `Authorization` header.
    pub secret: Secret,
    /// The org's base URL, e.g. `https://acme.my.salesforce.com`.
    pub instance_url: String,
    /// The Metadata API endpoint when the source names one (login()'s `metadataServerUrl`).
    pub metadata_url: Option<String>,
    /// When the token was issued, when known.
    pub issued_at: Option<SystemTime>,
    /// When the token stops being valid, when known (login()'s `sessionSecondsValid`).
    pub expires_at: Option<SystemTime>,
}

impl AccessToken {
    /// A token for `instance_url` with no further metadata.
    pub fn new(secret: impl Into<Secret>, instance_url: impl Into<String>) -> Self {
        Self {
            secret: secret.into(),
            instance_url: instance_url.into().trim_end_matches('/').to_owned(),
            metadata_url: None,
            issued_at: None,
            expires_at: None,
        }
    }

    /// Whether the token is known to expire within `margin` from now.
    pub fn expires_within(&self, margin: Duration) -> bool {
        self.expires_at
            .is_some_and(|at| at <= SystemTime::now() + margin)
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("secret", &self.secret)
            .field("instance_url", &self.instance_url)
            .field("metadata_url", &self.metadata_url)
            .field("issued_at", &self.issued_at)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// Something that produces access tokens: a fixed token, an OAuth flow, a CLI...
///
/// Object-safe: sessions hold an `Arc<dyn TokenSource>`. `fetch` is called for the first
/// token and for every refresh; it gets the credential's [`Transport`] for HTTP calls so
/// that TLS, proxy, timeout and HTTPS rules are the same as for the API calls.
pub trait TokenSource: Send + Sync + fmt::Debug {
    /// Produces a fresh token.
    fn fetch<'a>(
        &'a self,
        transport: &'a dyn Transport,
    ) -> BoxFuture<'a, Result<AccessToken, Error>>;

    /// Whether `fetch` can return a different token than last time. A session whose source
    /// cannot refresh reports an expired token as an auth error at once instead of
    /// retrying with the same token.
    fn can_refresh(&self) -> bool {
        true
    }

    /// The user name, when the source knows one (for `{!$Credential.Username}`).
    fn username(&self) -> Option<&str> {
        None
    }

    /// The password, when the source holds one (for `{!$Credential.Password}`).
    fn password(&self) -> Option<&Secret> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_debug_hides_secret_and_expiry_margin_works() {
        let mut t = AccessToken::new("00Dxx!secret", "https://x.my.salesforce.com/");
        assert_eq!(t.instance_url, "https://x.my.salesforce.com");
        assert!(!format!("{t:?}").contains("00Dxx"));
        assert!(!t.expires_within(Duration::from_secs(60)));
        t.expires_at = Some(SystemTime::now() + Duration::from_secs(30));
        assert!(t.expires_within(Duration::from_secs(60)));
        assert!(!t.expires_within(Duration::from_secs(1)));
    }
}
