//! Sessions (access tokens): minted by the token endpoint, login() and the test API;
//! expired by time or on command.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::ids::Rng;

/// Why a session id was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refused {
    /// No SessionHeader / empty sessionId.
    Missing,
    /// Never issued by this server.
    Unknown,
    /// Issued, then expired (by time or on command).
    Expired,
}

#[derive(Debug)]
struct Session {
    expires_at: Option<Instant>,
    expired: bool,
}

/// All sessions ever issued (a test server lives briefly; nothing is forgotten, so an expired
/// token stays distinguishable from a made-up one).
pub(crate) struct Sessions {
    map: HashMap<String, Session>,
    ttl: Option<Duration>,
    org15: String,
    rng: Rng,
}

impl std::fmt::Debug for Sessions {
    /// Counts only: session ids are credentials, even on a test server.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let valid = self.map.values().filter(|s| !s.expired).count();
        f.debug_struct("Sessions")
            .field("issued", &self.map.len())
            .field("not_expired", &valid)
            .finish_non_exhaustive()
    }
}

impl Sessions {
    pub fn new(org_id: &str, ttl: Option<Duration>) -> Self {
        Self {
            map: HashMap::new(),
            ttl,
            org15: org_id.chars().take(15).collect(),
            rng: Rng::new(),
        }
    }

    /// A new valid session id, shaped like Salesforce's `00D...!AQ...`.
    pub fn mint(&mut self) -> String {
        let token = format!("{}!AQ{}", self.org15, self.rng.alphanum(94));
        let expires_at = self.ttl.map(|t| Instant::now() + t);
        self.map.insert(
            token.clone(),
            Session {
                expires_at,
                expired: false,
            },
        );
        token
    }

    /// Seconds a new session stays valid (what login() reports as `sessionSecondsValid`).
    pub fn seconds_valid(&self) -> u64 {
        self.ttl.map_or(86_400, |t| t.as_secs())
    }

    pub fn check(&mut self, token: Option<&str>) -> Result<(), Refused> {
        let token = token
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(Refused::Missing)?;
        let s = self.map.get_mut(token).ok_or(Refused::Unknown)?;
        if s.expires_at.is_some_and(|at| Instant::now() >= at) {
            s.expired = true;
        }
        if s.expired {
            Err(Refused::Expired)
        } else {
            Ok(())
        }
    }

    /// Expires every session issued so far; returns how many were still valid.
    pub fn expire_all(&mut self) -> usize {
        let mut n = 0;
        for s in self.map.values_mut() {
            n += usize::from(!s.expired);
            s.expired = true;
        }
        n
    }

    /// Expires one session; false when it was never issued.
    pub fn expire(&mut self, token: &str) -> bool {
        self.map.get_mut(token).map(|s| s.expired = true).is_some()
    }

    /// The lifetime of sessions minted from now on.
    pub fn set_ttl(&mut self, ttl: Option<Duration>) {
        self.ttl = ttl;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifecycle() {
        let mut s = Sessions::new("00DLS0000000001AAA", None);
        let a = s.mint();
        let b = s.mint();
        assert!(a.starts_with("00DLS0000000001!AQ"));
        assert_eq!(s.check(Some(&a)), Ok(()));
        assert_eq!(s.check(None), Err(Refused::Missing));
        assert_eq!(s.check(Some("  ")), Err(Refused::Missing));
        assert_eq!(s.check(Some("00Dnope")), Err(Refused::Unknown));
        assert!(s.expire(&a));
        assert!(!s.expire("never"));
        assert_eq!(s.check(Some(&a)), Err(Refused::Expired));
        assert_eq!(s.check(Some(&b)), Ok(()));
        assert_eq!(s.expire_all(), 1);
        assert_eq!(s.check(Some(&b)), Err(Refused::Expired));
    }

    #[test]
    fn debug_shows_no_token() {
        let mut s = Sessions::new("00DLS0000000001AAA", None);
        let t = s.mint();
        let shown = format!("{s:?}");
        assert!(
            !shown.contains(&t[18..]) && shown.contains("issued: 1"),
            "{shown}"
        );
    }

    #[test]
    fn ttl() {
        let mut s = Sessions::new("00DLS0000000001AAA", Some(Duration::ZERO));
        let a = s.mint();
        assert_eq!(s.check(Some(&a)), Err(Refused::Expired));
        s.set_ttl(Some(Duration::from_secs(60)));
        let b = s.mint();
        assert_eq!(s.check(Some(&b)), Ok(()));
        assert_eq!(s.seconds_valid(), 60);
    }
}
