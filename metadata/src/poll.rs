//! Polling an asynchronous deploy or retrieve until it is done, with capped exponential
//! backoff and a client-side timeout that hands back the async id.

use std::future::Future;
use std::time::{Duration, Instant};

use crate::HelperError;

/// How a deploy or retrieve is polled.
///
/// The n-th wait is `initial_interval * 2^(n-1)`, at most `max_interval`. When `timeout`
/// has passed since polling started, one last status is fetched at the deadline and, if
/// the job is still running, the helper returns [`Outcome::TimedOut`] with its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollOptions {
    /// Wait before the second status check.
    pub initial_interval: Duration,
    /// Longest wait between two status checks.
    pub max_interval: Duration,
    /// Stop waiting after this long (`None`: wait until done).
    pub timeout: Option<Duration>,
}

impl Default for PollOptions {
    /// 1 s, doubling up to 10 s, for at most 30 minutes (the Salesforce CLI's default
    /// wait is 33 minutes).
    fn default() -> Self {
        Self {
            initial_interval: Duration::from_secs(1),
            max_interval: Duration::from_secs(10),
            timeout: Some(Duration::from_secs(30 * 60)),
        }
    }
}

impl PollOptions {
    /// The wait after status check number `n` (1-based).
    pub fn interval(&self, n: u32) -> Duration {
        let factor = 1u32.checked_shl(n.saturating_sub(1)).unwrap_or(u32::MAX);
        self.initial_interval
            .saturating_mul(factor)
            .min(self.max_interval)
    }
}

/// How an asynchronous deploy or retrieve ended, from the client's point of view.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome<T> {
    /// The job is done (successfully or not: look at the result's `success`/`status`).
    Done(T),
    /// The client stopped waiting; the job goes on in the org. Resume with
    /// [`crate::MetadataClient::resume_deploy`] / [`crate::MetadataClient::resume_retrieve`].
    TimedOut {
        /// The async process id to keep polling.
        id: String,
    },
}

impl<T> Outcome<T> {
    /// The result, if the job finished.
    pub fn done(self) -> Option<T> {
        match self {
            Self::Done(t) => Some(t),
            Self::TimedOut { .. } => None,
        }
    }

    /// Whether the client stopped waiting before the job finished.
    pub fn is_timed_out(&self) -> bool {
        matches!(self, Self::TimedOut { .. })
    }
}

/// A progress callback: called with every status fetched, the last one included.
pub(crate) type Progress<'a, T> = Box<dyn FnMut(&T) + Send + 'a>;

/// Polls `check` until `is_done` says so or the timeout passes.
pub(crate) async fn poll<T, F, Fut>(
    id: &str,
    options: &PollOptions,
    progress: &mut Option<Progress<'_, T>>,
    is_done: fn(&T) -> bool,
    mut check: F,
) -> Result<Outcome<T>, HelperError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, runtime::Error>>,
{
    let deadline = options.timeout.map(|t| Instant::now() + t);
    let mut checks = 0u32;
    loop {
        let status = check().await?;
        checks += 1;
        if let Some(f) = progress.as_mut() {
            f(&status);
        }
        if is_done(&status) {
            return Ok(Outcome::Done(status));
        }
        let mut wait = options.interval(checks);
        if let Some(deadline) = deadline {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                tracing::debug!(id, checks, "stopped waiting: timeout");
                return Ok(Outcome::TimedOut { id: id.to_owned() });
            }
            wait = wait.min(left);
        }
        tokio::time::sleep(wait).await;
    }
}
