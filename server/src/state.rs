//! The state shared by every connection: settings, sessions, the org, counters, injections.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use crate::config::Config;
use crate::inject::{Injections, Route};
use crate::org::Org;
use crate::sessions::Sessions;

/// How many token grants (and login() calls) succeeded, by kind, and how many were refused.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct GrantCounts {
    /// `grant_type=refresh_token`.
    pub refresh_token: u64,
    /// `grant_type=password`.
    pub password: u64,
    /// `grant_type=client_credentials`.
    pub client_credentials: u64,
    /// `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`.
    pub jwt_bearer: u64,
    /// SOAP login() on the partner endpoint.
    pub login: u64,
    /// Grants and logins refused (bad credentials, revoked refresh token, forced failures).
    pub refused: u64,
}

impl GrantCounts {
    /// Successful grants and logins of every kind.
    pub fn total(&self) -> u64 {
        self.refresh_token + self.password + self.client_credentials + self.jwt_bearer + self.login
    }
}

/// Counters the tests read.
#[derive(Debug, Default)]
pub(crate) struct Stats {
    /// Requests handled (not failed by an injected status), by Metadata operation name or
    /// by route (`oauth2/token`, `login`, `data`...).
    pub calls: BTreeMap<String, u64>,
    pub grants: GrantCounts,
    /// INVALID_SESSION_ID faults answered.
    pub invalid_session: u64,
}

impl Stats {
    pub fn count(&mut self, route: Route<'_>, other: &str) {
        let key = match route {
            Route::Metadata(op) => op,
            Route::Token => "oauth2/token",
            Route::Login => "login",
            Route::Other => other,
        };
        *self.calls.entry(key.to_owned()).or_default() += 1;
    }
}

/// What the token endpoint is told to do besides checking credentials.
#[derive(Debug, Default)]
pub(crate) struct GrantControl {
    /// The refresh token was revoked: refresh_token grants fail with invalid_grant.
    pub refresh_revoked: bool,
    /// The next N grants (any kind) fail with invalid_grant.
    pub fail_next: u32,
}

#[derive(Debug)]
pub(crate) struct State {
    pub config: Config,
    /// `http://host:port` with no trailing slash.
    pub base_url: String,
    pub sessions: Mutex<Sessions>,
    pub org: Mutex<Org>,
    pub stats: Mutex<Stats>,
    pub injections: Mutex<Injections>,
    pub grant_ctl: Mutex<GrantControl>,
    /// The JWT bearer grant's verification key (parsed once at start).
    pub jwt_key: Option<jsonwebtoken::DecodingKey>,
}

/// Locks, recovering from a poisoned lock: the data is plain and a panicking request (a bug)
/// must not take the whole server down with it.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl State {
    pub fn new(
        config: Config,
        base_url: String,
        org: Org,
        jwt_key: Option<jsonwebtoken::DecodingKey>,
    ) -> Self {
        let sessions = Sessions::new(&config.org_id, config.session_ttl);
        Self {
            config,
            base_url,
            sessions: Mutex::new(sessions),
            org: Mutex::new(org),
            stats: Mutex::new(Stats::default()),
            injections: Mutex::new(Injections::default()),
            grant_ctl: Mutex::new(GrantControl::default()),
            jwt_key,
        }
    }

    /// `{base}/services/Soap/m/{version}/{org id}`.
    pub fn metadata_url(&self, version: &str) -> String {
        format!(
            "{}/services/Soap/m/{version}/{}",
            self.base_url,
            self.org15()
        )
    }

    /// `{base}/services/Soap/u/{version}/{org id}`.
    pub fn partner_url(&self, version: &str) -> String {
        format!(
            "{}/services/Soap/u/{version}/{}",
            self.base_url,
            self.org15()
        )
    }

    /// The identity URL of the one user.
    pub fn identity_url(&self) -> String {
        format!(
            "{}/id/{}/{}",
            self.base_url, self.config.org_id, self.config.user_id
        )
    }

    fn org15(&self) -> String {
        self.config.org_id.chars().take(15).collect()
    }

    pub fn mint_session(&self) -> String {
        lock(&self.sessions).mint()
    }
}
