//! A local Salesforce Metadata API server for offline tests.
//!
//! A real HTTP/1.1 server on loopback that speaks the Metadata API's SOAP (requests decoded
//! and responses encoded with the generated `metadata` stubs) over an in-memory org, plus the
//! OAuth token endpoint, the partner API's login(), sessions that expire on command, and
//! fault injection (HTTP 502/503, stalls, connection resets, restarts).
//!
//! ```no_run
//! # async fn f() -> Result<(), metadata_server::StartError> {
//! use metadata_server::{Injection, Server};
//! let server = Server::builder().start().await?;
//! let endpoint = server.metadata_url("66.0");
//! let token = server.access_token();
//! // ... call the Metadata API at `endpoint` with `token` in the SessionHeader ...
//! server.expire_all_sessions(); // the next call gets INVALID_SESSION_ID
//! server.inject(Injection::status(503).on_operation("readMetadata"));
//! # let _ = (endpoint, token);
//! # Ok(()) }
//! ```
//!
//! See the crate's README for the routes, the behaviours and the standalone binary.

mod config;
mod crud;
mod deploy;
mod dom;
mod error;
mod http;
mod ids;
mod inject;
mod lenient;
mod mdxml;
mod oauth;
mod org;
mod partner;
mod plan;
mod retrieve;
mod running;
mod sample;
mod sessions;
mod soap;
mod state;
mod types;
mod zipio;

pub use config::{AsyncSteps, Builder, Server};
pub use error::StartError;
pub use inject::{FaultKind, Injection, Target};
pub use running::RunningServer;
pub use state::GrantCounts;
