//! The hostile-response cases: what the server does, which call meets it, and the typed
//! error expected. Split by layer: transport and HTTP here and in `http.rs`, XML and values
//! in `xml.rs`.

mod http;
mod xml;

use std::sync::Arc;
use std::time::Duration;

pub use http::{http_cases, transport_cases};
use reliability_tests::wire::{Action, Script};
use reliability_tests::{quick_retries, read_request, transport};
use runtime::client::RetryPolicy;
use runtime::error::TransportErrorKind;
use runtime::transport::TransportBuilder;
pub use xml::{valid_bodies, value_cases, xml_cases};

/// Which call meets the hostile answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    /// `readMetadata` with its answer decoded through the whole body dispatch
    /// (`MetadataBody`), so any response element is accepted as a body.
    Dispatch,
    /// `readMetadata` through the generated client method.
    Read,
    /// `createMetadata` (changes the org: never replayed).
    Write,
}

impl Call {
    /// Makes the call; `Ok` describes what was accepted.
    pub async fn run(self, c: &metadata::MetadataClient) -> Result<String, runtime::Error> {
        let read = read_request("CustomObject", &["Account"]);
        match self {
            Call::Dispatch => c
                .inner()
                .call::<_, _, metadata::MetadataBody>(
                    &metadata::ops::READ_METADATA,
                    &c.headers,
                    &read,
                )
                .await
                .map(|b| format!("{b:?}").chars().take(200).collect()),
            Call::Read => c.read_metadata(&read).await.map(|r| format!("{r:?}")),
            Call::Write => {
                let obj = metadata::CustomObject {
                    full_name: Some("Hostile__c".into()),
                    ..Default::default()
                };
                let body = metadata::CreateMetadata {
                    metadata: vec![metadata::AnyMetadata::CustomObject(Box::new(obj))],
                };
                c.create_metadata(&body).await.map(|r| format!("{r:?}"))
            }
        }
    }
}

/// The typed error a case must end in.
#[derive(Debug, Clone)]
pub enum Expect {
    /// `Error::Transport` of this kind.
    Transport(TransportErrorKind),
    /// `Error::HttpStatus` with this status.
    Status(u16),
    /// `Error::Decode` whose kind's name (its `Debug` form) starts with this.
    Decode(&'static str),
    /// Like `Decode`, and the error's element path contains the second string.
    DecodeAt(&'static str, &'static str),
    /// `Error::Fault` with this exception code (its `Display`).
    Fault(&'static str),
    /// `Error::Auth`.
    Auth,
    /// Any of these.
    AnyOf(Vec<Expect>),
}

impl Expect {
    /// Whether `e` is what this expects.
    pub fn matches(&self, e: &runtime::Error) -> bool {
        use runtime::Error as E;
        match (self, e) {
            (Self::Transport(k), E::Transport { kind, .. }) => k == kind,
            (Self::Status(s), E::HttpStatus { status, .. }) => s == status,
            (Self::Decode(k), E::Decode(d)) => format!("{:?}", d.kind()).starts_with(k),
            (Self::DecodeAt(k, p), E::Decode(d)) => {
                format!("{:?}", d.kind()).starts_with(k) && d.path().contains(p)
            }
            (Self::Fault(code), E::Fault { exception_code, .. }) => {
                exception_code.to_string() == *code
            }
            (Self::Auth, E::Auth { .. }) => true,
            (Self::AnyOf(all), e) => all.iter().any(|x| x.matches(e)),
            _ => false,
        }
    }
}

/// One hostile case.
pub struct Case {
    pub name: &'static str,
    pub script: Script,
    pub call: Call,
    pub transport: fn() -> TransportBuilder,
    pub retry: RetryPolicy,
    pub expect: Expect,
    /// Requests the server must have seen, when it matters (retries, no replays).
    pub hits: Option<usize>,
    /// Longest the case may take.
    pub max_time: Duration,
}

impl Case {
    /// A case answering every request with `action`, met by [`Call::Dispatch`].
    pub fn new(name: &'static str, action: Action, expect: Expect) -> Self {
        Self {
            name,
            script: Arc::new(move |_, _| action.clone()),
            call: Call::Dispatch,
            transport,
            retry: quick_retries(),
            expect,
            hits: None,
            max_time: Duration::from_secs(15),
        }
    }

    pub fn call(mut self, c: Call) -> Self {
        self.call = c;
        self
    }

    pub fn transport(mut self, t: fn() -> TransportBuilder) -> Self {
        self.transport = t;
        self
    }

    pub fn hits(mut self, n: usize) -> Self {
        self.hits = Some(n);
        self
    }

    pub fn max_time(mut self, d: Duration) -> Self {
        self.max_time = d;
        self
    }

    pub fn script(mut self, s: Script) -> Self {
        self.script = s;
        self
    }
}

/// Shorthand for a decode-error expectation.
pub fn decode(kind: &'static str) -> Expect {
    Expect::Decode(kind)
}

/// Shorthand for a transport-error expectation.
pub fn transport_err(kind: TransportErrorKind) -> Expect {
    Expect::Transport(kind)
}
