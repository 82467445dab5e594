//! The runtime under generated SOAP stubs: streaming XML reading and writing, the SOAP
//! envelope and faults, and calling a SOAP endpoint with a credential that is injected into
//! the SessionHeader at send time and refreshed once on `INVALID_SESSION_ID`.

pub mod auth;
pub mod client;
pub mod error;
pub mod soap;
pub mod transport;
pub mod xml;

pub use auth::{AccessToken, Credential, NamedCredentials, Secret};
pub use client::{Blocking, RestClient, RestRequest, SoapClient};
pub use error::{Error, ExceptionCode};

/// Items the generated code names. Not a stable API for hand-written code.
#[doc(hidden)]
pub mod __private;
