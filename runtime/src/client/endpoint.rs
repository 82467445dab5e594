//! [`Endpoint`]: where a [`super::SoapClient`] sends its calls. Never the WSDL's address.

use crate::auth::{AccessToken, Credential};
use crate::error::Error;
use crate::transport::{Url, parse_url};

/// Where calls go.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Endpoint {
    /// The Metadata API: the token's Metadata URL when its source names one (login()'s
    /// `metadataServerUrl`), else `{instance_url}/services/Soap/m/{api_version}`.
    Metadata,
    /// `{instance_url}/services/Soap/{letter}/{api_version}` of another SOAP API: `u`
    /// (partner), `c` (enterprise), `s` (Apex), `T` (tooling).
    Api(String),
    /// A fixed URL (for a `callout:` URL, already resolved).
    Url(Url),
}

impl Endpoint {
    /// Parses an absolute URL or `callout:Name/path?query`, which resolves against
    /// `credential`'s URL; `Name` must be the credential's name.
    pub fn parse(text: &str, credential: &Credential) -> Result<Self, Error> {
        let Some(rest) = text.strip_prefix("callout:") else {
            return Ok(Self::Url(parse_url(text)?));
        };
        let split = rest.find(['/', '?']).unwrap_or(rest.len());
        let (name, tail) = rest.split_at(split);
        if credential.name() != Some(name) {
            return Err(Error::config(format!(
                "callout:{name} does not name this client's credential ({})",
                credential.name().unwrap_or("unnamed")
            )));
        }
        let base = credential.url().ok_or_else(|| {
            Error::config(format!(
                "credential {name} has no url to resolve callout: against"
            ))
        })?;
        let url = format!("{}{tail}", base.as_str().trim_end_matches('/'));
        Ok(Self::Url(parse_url(&url)?))
    }

    /// The URL of a call made with `token`.
    pub(crate) fn url(&self, credential: &Credential, token: &AccessToken) -> Result<Url, Error> {
        let base = token.instance_url.trim_end_matches('/');
        let version = credential.api_version();
        match self {
            Self::Metadata => match &token.metadata_url {
                Some(u) => parse_url(u),
                None => parse_url(&format!("{base}/services/Soap/m/{version}")),
            },
            Self::Api(letter) => parse_url(&format!("{base}/services/Soap/{letter}/{version}")),
            Self::Url(u) => Ok(u.clone()),
        }
    }
}
