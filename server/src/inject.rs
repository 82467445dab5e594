//! Fault injection for reliability tests: the next N matching requests fail with an HTTP
//! status, stall before being answered, or have their connection reset mid-response.

use std::collections::VecDeque;
use std::time::Duration;

/// What an injected fault does to a matching request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FaultKind {
    /// Answer this HTTP status (e.g. 502, 503) with a small HTML page, as a load balancer
    /// does; the request is not processed.
    Status(u16),
    /// Sleep this long, then process and answer normally (if the client is still there;
    /// a client that gave up leaves the request unprocessed).
    Stall(Duration),
    /// Process the request, then sleep this long before answering: a client that gives up
    /// meanwhile has had its call made (a write IS written).
    StallAfter(Duration),
    /// Process the request, then reset the TCP connection (RST) halfway through writing the
    /// response. For calls that change the org the change IS made: the client cannot know.
    Reset,
}

/// Which requests a fault applies to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Target {
    /// Every request.
    #[default]
    Any,
    /// Metadata API SOAP calls (any operation).
    Metadata,
    /// One Metadata API operation, by its WSDL name (e.g. `readMetadata`).
    Operation(String),
    /// The OAuth token endpoint.
    Token,
    /// SOAP login() on the partner endpoint.
    Login,
}

/// One injected fault, applied to the next `times` matching requests.
///
/// ```
/// use std::time::Duration;
/// use metadata_server::Injection;
/// let a = Injection::status(503).times(2).on_operation("readMetadata");
/// let b = Injection::stall(Duration::from_secs(5));
/// let c = Injection::reset().on_metadata();
/// # let _ = (a, b, c);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Injection {
    kind: FaultKind,
    times: u32,
    target: Target,
}

impl Injection {
    /// Answer with this HTTP status instead of processing.
    pub fn status(code: u16) -> Self {
        Self {
            kind: FaultKind::Status(code),
            times: 1,
            target: Target::Any,
        }
    }
    /// Sleep before processing.
    pub fn stall(d: Duration) -> Self {
        Self {
            kind: FaultKind::Stall(d),
            times: 1,
            target: Target::Any,
        }
    }
    /// Process, then sleep before answering.
    pub fn stall_after(d: Duration) -> Self {
        Self {
            kind: FaultKind::StallAfter(d),
            times: 1,
            target: Target::Any,
        }
    }
    /// Reset the connection halfway through the response.
    pub fn reset() -> Self {
        Self {
            kind: FaultKind::Reset,
            times: 1,
            target: Target::Any,
        }
    }
    /// Applies to the next `n` matching requests (default 1).
    pub fn times(mut self, n: u32) -> Self {
        self.times = n;
        self
    }
    /// Only Metadata API calls.
    pub fn on_metadata(mut self) -> Self {
        self.target = Target::Metadata;
        self
    }
    /// Only this Metadata API operation (e.g. `checkDeployStatus`).
    pub fn on_operation(mut self, op: impl Into<String>) -> Self {
        self.target = Target::Operation(op.into());
        self
    }
    /// Only the OAuth token endpoint.
    pub fn on_token(mut self) -> Self {
        self.target = Target::Token;
        self
    }
    /// Only SOAP login().
    pub fn on_login(mut self) -> Self {
        self.target = Target::Login;
        self
    }
}

/// Where a request went, for matching injections and counting calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route<'a> {
    Metadata(&'a str),
    Token,
    Login,
    Other,
}

impl Target {
    fn matches(&self, r: Route<'_>) -> bool {
        match (self, r) {
            (Self::Any, _) => true,
            (Self::Metadata, Route::Metadata(_))
            | (Self::Token, Route::Token)
            | (Self::Login, Route::Login) => true,
            (Self::Operation(op), Route::Metadata(o)) => op == o,
            _ => false,
        }
    }
}

/// The queue of pending injections, first added first applied.
#[derive(Debug, Default)]
pub(crate) struct Injections {
    queue: VecDeque<Injection>,
    /// How many requests got an injected fault, all kinds.
    pub applied: u64,
}

impl Injections {
    pub fn push(&mut self, i: Injection) {
        if i.times > 0 {
            self.queue.push_back(i);
        }
    }

    pub fn clear(&mut self) {
        self.queue.clear();
    }

    /// The fault for a request to `route`, used up by one.
    pub fn take(&mut self, route: Route<'_>) -> Option<FaultKind> {
        let idx = self.queue.iter().position(|i| i.target.matches(route))?;
        let entry = &mut self.queue[idx];
        let kind = entry.kind;
        entry.times -= 1;
        if entry.times == 0 {
            self.queue.remove(idx);
        }
        self.applied += 1;
        Some(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_and_counting() {
        let mut q = Injections::default();
        q.push(Injection::status(503).times(2).on_operation("readMetadata"));
        q.push(Injection::reset().on_token());
        q.push(Injection::status(502).times(0));
        assert_eq!(q.take(Route::Metadata("listMetadata")), None);
        assert_eq!(
            q.take(Route::Metadata("readMetadata")),
            Some(FaultKind::Status(503))
        );
        assert_eq!(q.take(Route::Token), Some(FaultKind::Reset));
        assert_eq!(q.take(Route::Token), None);
        assert_eq!(
            q.take(Route::Metadata("readMetadata")),
            Some(FaultKind::Status(503))
        );
        assert_eq!(q.take(Route::Metadata("readMetadata")), None);
        assert_eq!(q.applied, 3);
        q.push(Injection::stall(Duration::from_millis(1)));
        assert_eq!(
            q.take(Route::Other),
            Some(FaultKind::Stall(Duration::from_millis(1)))
        );
    }
}
