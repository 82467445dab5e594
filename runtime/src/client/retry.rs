//! [`RetryPolicy`]: capped exponential backoff for read-only calls.

use std::time::Duration;

use crate::error::Error;
use crate::soap::Operation;
use crate::transport::{HttpRequest, HttpResponse, Transport};

/// How read-only calls ([`Operation::retry_safe`]) are retried on HTTP 502/503/504 and on
/// connections that failed or broke. Calls that change the org are never retried.
///
/// The n-th retry waits `initial_backoff * 2^(n-1)`, at most `max_backoff`; a
/// `Retry-After: <seconds>` answer is honoured up to `max_backoff`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 = never retry).
    pub max_retries: u32,
    /// Wait before the first retry.
    pub initial_backoff: Duration,
    /// Longest wait between two attempts.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn never() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// The wait before retry number `n` (1-based).
    pub fn backoff(&self, n: u32) -> Duration {
        let factor = 1u32.checked_shl(n.saturating_sub(1)).unwrap_or(u32::MAX);
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }
}

/// Whether an HTTP status is a transient gateway/availability failure.
fn is_transient(status: u16) -> bool {
    matches!(status, 502..=504)
}

/// `Retry-After` in seconds, when present.
fn retry_after(r: &HttpResponse) -> Option<Duration> {
    let v = r.headers.get(http::header::RETRY_AFTER)?.to_str().ok()?;
    v.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// Sends `request`, retrying per `policy` when `op` is retry-safe.
pub(crate) async fn send(
    transport: &dyn Transport,
    policy: &RetryPolicy,
    op: &Operation,
    request: HttpRequest,
) -> Result<HttpResponse, Error> {
    let max = if op.retry_safe { policy.max_retries } else { 0 };
    let mut n = 0;
    loop {
        let result = transport.send(request.clone()).await;
        let hint = match &result {
            Ok(r) if is_transient(r.status.as_u16()) => retry_after(r),
            Err(e) if e.is_retryable_transport() => None,
            _ => return result,
        };
        if n >= max {
            return result;
        }
        n += 1;
        let wait = hint
            .unwrap_or_else(|| policy.backoff(n))
            .min(policy.max_backoff);
        tracing::debug!(
            op = op.name,
            retry = n,
            wait_ms = wait.as_millis() as u64,
            "retrying a read-only call"
        );
        tokio::time::sleep(wait).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff(1), Duration::from_millis(200));
        assert_eq!(p.backoff(2), Duration::from_millis(400));
        assert_eq!(p.backoff(3), Duration::from_millis(800));
        assert_eq!(p.backoff(10), Duration::from_secs(5));
        assert_eq!(p.backoff(200), Duration::from_secs(5));
        assert_eq!(RetryPolicy::never().max_retries, 0);
    }
}
