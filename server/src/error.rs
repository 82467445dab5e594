//! Errors of starting (or restarting) the server.

use std::net::SocketAddr;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The address could not be bound (port taken, no permission...).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The background runtime of [`crate::Builder::start_in_background`] could not start.
    #[error("cannot start the server's runtime: {0}")]
    Runtime(std::io::Error),
    /// The JWT public key is not a usable RSA PEM key.
    #[error("the JWT public key is not a usable RSA public key in PEM form: {0}")]
    JwtKey(String),
    /// A seed component could not be stored (it has no fullName, or cannot be written).
    #[error("seed component: {0}")]
    Seed(String),
}
