//! [`Credential`]: a token source with its session, endpoint URL, API version and
//! merge-field settings; what a `SoapClient` and the REST-style client call with.

use std::fmt;
use std::sync::Arc;

use super::{
    AccessToken, CurrentToken, MergeFieldPolicy, Secret, Session, StaticToken, TokenSource,
};
use crate::error::Error;
use crate::transport::{ReqwestTransport, Transport, Url, parse_url};

/// The API version used when a credential names none.
pub const DEFAULT_API_VERSION: &str = "66.0";

/// A token source plus everything needed to call with it. Cheap to clone: clones share
/// the session, so a refresh through one is seen by all.
#[derive(Clone)]
pub struct Credential {
    inner: Arc<Inner>,
}

struct Inner {
    name: Option<String>,
    url: Option<Url>,
    api_version: String,
    session: Session,
    merge: MergeFieldPolicy,
    username: Option<String>,
    password: Option<Secret>,
}

impl Credential {
    /// Starts a credential over `source`.
    pub fn builder(source: impl TokenSource + 'static) -> CredentialBuilder {
        Self::builder_arc(Arc::new(source))
    }

    /// Starts a credential over a shared `source`.
    pub fn builder_arc(source: Arc<dyn TokenSource>) -> CredentialBuilder {
        CredentialBuilder {
            source,
            transport: None,
            name: None,
            url: None,
            api_version: DEFAULT_API_VERSION.to_owned(),
            merge: MergeFieldPolicy::default(),
            username: None,
            password: None,
        }
    }

    /// A credential for a token you already have (no refresh), with the default transport.
    pub fn from_token(token: AccessToken) -> Result<Self, Error> {
        Self::builder(StaticToken::new(token)).build()
    }

    /// The entry name, for a credential from [`super::NamedCredentials`].
    pub fn name(&self) -> Option<&str> {
        self.inner.name.as_deref()
    }

    /// The endpoint URL that `callout:Name/...` resolves against, when configured.
    pub fn url(&self) -> Option<&Url> {
        self.inner.url.as_ref()
    }

    /// The API version, e.g. `"66.0"`.
    pub fn api_version(&self) -> &str {
        &self.inner.api_version
    }

    /// Where merge fields may be substituted.
    pub fn merge_policy(&self) -> MergeFieldPolicy {
        self.inner.merge
    }

    /// The session holding the current token.
    pub fn session(&self) -> &Session {
        &self.inner.session
    }

    /// The transport used for token fetches and (by default) calls.
    pub fn transport(&self) -> &Arc<dyn Transport> {
        self.inner.session.transport()
    }

    /// The current token (fetched on first use).
    pub async fn token(&self) -> Result<CurrentToken, Error> {
        self.inner.session.current().await
    }

    /// Replaces the rejected token of generation `stale_generation` (single-flight).
    pub async fn refresh(&self, stale_generation: u64) -> Result<CurrentToken, Error> {
        self.inner.session.refresh(stale_generation).await
    }

    /// The user name for `{!$Credential.Username}`: the configured one, else the source's.
    pub fn username(&self) -> Option<&str> {
        self.inner
            .username
            .as_deref()
            .or_else(|| self.inner.session.source().username())
    }

    /// The password for `{!$Credential.Password}`: the configured one, else the source's.
    pub fn password(&self) -> Option<&Secret> {
        self.inner
            .password
            .as_ref()
            .or_else(|| self.inner.session.source().password())
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("name", &self.inner.name)
            .field("url", &self.inner.url.as_ref().map(Url::as_str))
            .field("api_version", &self.inner.api_version)
            .field("merge", &self.inner.merge)
            .field("session", &self.inner.session)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Credential`]; see [`Credential::builder`].
#[must_use]
pub struct CredentialBuilder {
    source: Arc<dyn TokenSource>,
    transport: Option<Arc<dyn Transport>>,
    name: Option<String>,
    url: Option<Url>,
    api_version: String,
    merge: MergeFieldPolicy,
    username: Option<String>,
    password: Option<Secret>,
}

impl CredentialBuilder {
    /// The transport for token fetches and calls (default: [`ReqwestTransport::new`]).
    pub fn transport(mut self, t: Arc<dyn Transport>) -> Self {
        self.transport = Some(t);
        self
    }

    /// A name, shown in logs and used by `callout:` resolution.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The endpoint URL that `callout:` URLs resolve against.
    pub fn url(mut self, url: &str) -> Result<Self, Error> {
        self.url = Some(parse_url(url.trim_end_matches('/'))?);
        Ok(self)
    }

    /// The API version (default [`DEFAULT_API_VERSION`]).
    pub fn api_version(mut self, v: impl Into<String>) -> Self {
        self.api_version = v.into();
        self
    }

    /// Where merge fields may be substituted (default: nowhere, as on the platform).
    pub fn merge_policy(mut self, p: MergeFieldPolicy) -> Self {
        self.merge = p;
        self
    }

    /// The user name for `{!$Credential.Username}`.
    pub fn username(mut self, u: impl Into<String>) -> Self {
        self.username = Some(u.into());
        self
    }

    /// The password for `{!$Credential.Password}`.
    pub fn password(mut self, p: Secret) -> Self {
        self.password = Some(p);
        self
    }

    /// Builds the credential; creates the default transport if none was given.
    pub fn build(self) -> Result<Credential, Error> {
        let transport = match self.transport {
            Some(t) => t,
            None => Arc::new(ReqwestTransport::new()?),
        };
        Ok(Credential {
            inner: Arc::new(Inner {
                name: self.name,
                url: self.url,
                api_version: self.api_version,
                session: Session::new(self.source, transport),
                merge: self.merge,
                username: self.username,
                password: self.password,
            }),
        })
    }
}

impl fmt::Debug for CredentialBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialBuilder")
            .field("source", &self.source)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}
