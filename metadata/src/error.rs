//! [`HelperError`]: why a deploy, retrieve, zip or chunked CRUD helper failed.

use std::path::PathBuf;

/// Why a helper of this crate failed. A deploy or retrieve that the server reports as
/// failed is not an error (its result says so), and neither is a client-side timeout
/// (see [`crate::Outcome::TimedOut`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HelperError {
    /// A Metadata API call failed (transport, HTTP status, SOAP fault, decode, auth).
    #[error(transparent)]
    Call(#[from] runtime::Error),
    /// A file or directory could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A zip archive could not be built or read.
    #[error("zip archive: {0}")]
    Zip(String),
    /// A `package.xml` could not be read as a Metadata API `Package`.
    #[error("{origin}: not a valid package.xml: {source}")]
    PackageXml {
        /// Where it came from (a path, or "package.xml").
        origin: String,
        /// What and where in the document.
        source: runtime::xml::DecodeError,
    },
    /// The server answered a chunk with a different number of results than components
    /// sent, so results cannot be matched to inputs.
    #[error("{operation}: sent {sent} components, got {got} results")]
    ResultCount {
        /// The operation, e.g. `createMetadata`.
        operation: &'static str,
        /// Components in the call.
        sent: usize,
        /// Results in the answer.
        got: usize,
    },
}

impl HelperError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }
}
