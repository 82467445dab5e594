//! The sources that need no network: [`StaticToken`] and [`EnvToken`].

use super::{AccessToken, TokenSource};
use crate::error::{AuthErrorKind, Error};
use crate::transport::{BoxFuture, Transport};

/// A token obtained elsewhere. It cannot be refreshed: when the server rejects it, calls
/// fail with [`Error::Auth`].
#[derive(Debug, Clone)]
pub struct StaticToken {
    token: AccessToken,
}

impl StaticToken {
    /// Always hands out `token`.
    pub fn new(token: AccessToken) -> Self {
        Self { token }
    }
}

impl TokenSource for StaticToken {
    fn fetch<'a>(&'a self, _: &'a dyn Transport) -> BoxFuture<'a, Result<AccessToken, Error>> {
        Box::pin(async move { Ok(self.token.clone()) })
    }

    fn can_refresh(&self) -> bool {
        false
    }
}

/// Reads the token and instance URL from environment variables, by default
/// `SF_ACCESS_TOKEN` and `SF_INSTANCE_URL`. They are read at every fetch, so a refresh
/// picks up a token put there since the last one.
#[derive(Debug, Clone)]
pub struct EnvToken {
    token_var: String,
    url_var: String,
}

impl Default for EnvToken {
    fn default() -> Self {
        Self::new("SF_ACCESS_TOKEN", "SF_INSTANCE_URL")
    }
}

impl EnvToken {
    /// Reads the variables `token_var` and `url_var`.
    pub fn new(token_var: impl Into<String>, url_var: impl Into<String>) -> Self {
        Self {
            token_var: token_var.into(),
            url_var: url_var.into(),
        }
    }

    fn read(&self) -> Result<AccessToken, Error> {
        let missing = |var: &str| {
            Error::auth(
                AuthErrorKind::TokenFetch,
                format!("environment variable {var} is not set (or not UTF-8)"),
            )
        };
        let token = std::env::var(&self.token_var).map_err(|_| missing(&self.token_var))?;
        let url = std::env::var(&self.url_var).map_err(|_| missing(&self.url_var))?;
        if token.is_empty() {
            return Err(Error::auth(
                AuthErrorKind::TokenFetch,
                format!("environment variable {} is empty", self.token_var),
            ));
        }
        crate::transport::parse_url(&url)?;
        Ok(AccessToken::new(token, url))
    }
}

impl TokenSource for EnvToken {
    fn fetch<'a>(&'a self, _: &'a dyn Transport) -> BoxFuture<'a, Result<AccessToken, Error>> {
        Box::pin(async move { self.read() })
    }
}
