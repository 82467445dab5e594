//! [`Session`]: the current token of a source, fetched lazily and refreshed single-flight.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::Mutex;

use super::{AccessToken, TokenSource};
use crate::error::{AuthErrorKind, Error};
use crate::transport::Transport;

/// A token known to expire within this margin is refreshed before use.
const EXPIRY_MARGIN: Duration = Duration::from_secs(60);

/// The token a call used, with its generation: pass the generation to
/// [`Session::refresh`] when the server rejects the token.
#[derive(Clone, Debug)]
pub struct CurrentToken {
    /// Increases by one with every successful fetch; 1 for the first token.
    pub generation: u64,
    /// The token.
    pub token: Arc<AccessToken>,
}

/// Holds a [`TokenSource`]'s current token.
///
/// - [`Session::current`] fetches the first token lazily (and a new one when the token is
///   known to expire within a minute).
/// - [`Session::refresh`] is single-flight: callers that saw the same stale generation
///   share ONE fetch. The fetch runs under an async mutex; a caller that gets the lock after
///   another caller's successful refresh finds a newer generation and takes that token, and
///   one that waited while a refresh failed gets that failure as an [`Error::Auth`] instead
///   of fetching again. Callers arriving later try afresh.
pub struct Session {
    source: Arc<dyn TokenSource>,
    transport: Arc<dyn Transport>,
    state: Mutex<State>,
    /// Number of finished fetch attempts; read before waiting for the lock, so a waiter
    /// can tell that an attempt finished while it waited.
    attempts: AtomicU64,
}

#[derive(Default)]
struct State {
    generation: u64,
    token: Option<Arc<AccessToken>>,
    last_failure: Option<Failure>,
}

struct Failure {
    /// The value of `attempts` after the failed attempt.
    attempt: u64,
    /// The generation the attempt tried to replace.
    stale_generation: u64,
    kind: AuthErrorKind,
    message: String,
}

impl Session {
    /// A session over `source`, fetching through `transport`.
    pub fn new(source: Arc<dyn TokenSource>, transport: Arc<dyn Transport>) -> Self {
        Self {
            source,
            transport,
            state: Mutex::new(State::default()),
            attempts: AtomicU64::new(0),
        }
    }

    /// The token source.
    pub fn source(&self) -> &Arc<dyn TokenSource> {
        &self.source
    }

    /// The transport token sources fetch through.
    pub fn transport(&self) -> &Arc<dyn Transport> {
        &self.transport
    }

    /// The current token, fetching one if there is none yet or it is about to expire.
    pub async fn current(&self) -> Result<CurrentToken, Error> {
        let seen = self.attempts.load(Ordering::Acquire);
        let mut st = self.state.lock().await;
        if let Some(token) = &st.token {
            let expiring = token.expires_within(EXPIRY_MARGIN) && self.source.can_refresh();
            if !expiring {
                return Ok(CurrentToken {
                    generation: st.generation,
                    token: token.clone(),
                });
            }
        }
        let stale = st.generation;
        self.fetch_locked(&mut st, stale, seen).await
    }

    /// Replaces the token of generation `stale_generation`, which the server rejected.
    ///
    /// If another caller already replaced it, returns the newer token without fetching.
    /// A source that cannot refresh, or a failing fetch, is an [`Error::Auth`].
    pub async fn refresh(&self, stale_generation: u64) -> Result<CurrentToken, Error> {
        let seen = self.attempts.load(Ordering::Acquire);
        let mut st = self.state.lock().await;
        if st.generation != stale_generation
            && let Some(token) = &st.token
        {
            return Ok(CurrentToken {
                generation: st.generation,
                token: token.clone(),
            });
        }
        if st.token.is_some() && !self.source.can_refresh() {
            return Err(Error::auth(
                AuthErrorKind::SessionInvalid,
                "the server rejected the token and its source cannot refresh it",
            ));
        }
        self.fetch_locked(&mut st, stale_generation, seen).await
    }

    async fn fetch_locked(
        &self,
        st: &mut State,
        stale: u64,
        seen: u64,
    ) -> Result<CurrentToken, Error> {
        if let Some(f) = &st.last_failure
            && f.attempt > seen
            && f.stale_generation == stale
        {
            return Err(Error::auth(f.kind, f.message.clone()));
        }
        tracing::debug!(source = ?self.source, stale_generation = stale, "fetching a token");
        let result = self.source.fetch(&*self.transport).await;
        let attempt = self.attempts.fetch_add(1, Ordering::AcqRel) + 1;
        match result {
            Ok(token) => {
                st.generation += 1;
                let token = Arc::new(token);
                st.token = Some(token.clone());
                st.last_failure = None;
                tracing::debug!(generation = st.generation, "token fetched");
                Ok(CurrentToken {
                    generation: st.generation,
                    token,
                })
            }
            Err(e) => {
                let (kind, message) = as_auth(&e);
                tracing::debug!(error = %message, "token fetch failed");
                st.last_failure = Some(Failure {
                    attempt,
                    stale_generation: stale,
                    kind,
                    message: message.clone(),
                });
                Err(Error::auth(kind, message))
            }
        }
    }
}

/// The kind and message of a fetch error seen as an auth error.
fn as_auth(e: &Error) -> (AuthErrorKind, String) {
    match e {
        Error::Auth { kind, message } => (*kind, message.clone()),
        other => (AuthErrorKind::TokenFetch, other.to_string()),
    }
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("source", &self.source)
            .field("attempts", &self.attempts.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}
