//! The server's settings and the [`Builder`] that collects them.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use metadata::AnyMetadata;

use crate::RunningServer;
use crate::error::StartError;

/// How many status polls an asynchronous job (deploy, retrieve) answers before it is done:
/// `pending` polls report `Pending`, the next `in_progress` polls `InProgress`, and the poll
/// after them the final state. `AsyncSteps { pending: 0, in_progress: 0 }` finishes on the
/// first poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AsyncSteps {
    /// Polls answered `Pending` (`Queued` for the AsyncResult state).
    pub pending: u32,
    /// Polls answered `InProgress` after those.
    pub in_progress: u32,
}

impl Default for AsyncSteps {
    fn default() -> Self {
        Self {
            pending: 1,
            in_progress: 1,
        }
    }
}

/// Everything the server is started with. Built by [`Builder`].
#[derive(Clone)]
pub(crate) struct Config {
    pub addr: SocketAddr,
    pub session_ttl: Option<Duration>,
    pub client_id: String,
    pub client_secret: String,
    pub username: String,
    pub password: String,
    pub security_token: String,
    pub refresh_token: String,
    pub jwt_public_key_pem: Option<String>,
    pub jwt_audiences: Vec<String>,
    pub deploy_steps: AsyncSteps,
    pub retrieve_steps: AsyncSteps,
    pub org_id: String,
    pub user_id: String,
    pub max_body_bytes: usize,
    pub seed: Vec<AnyMetadata>,
    pub sample_data: bool,
}

/// Builds and starts a [`RunningServer`]. Every setting has a default that works for tests:
/// an ephemeral port on 127.0.0.1, sessions valid for two hours, and fixed, documented
/// credentials (see the getters of [`RunningServer`]).
///
/// ```no_run
/// # async fn f() -> Result<(), metadata_server::StartError> {
/// let server = metadata_server::Server::builder().start().await?;
/// println!("{} {}", server.url(), server.access_token());
/// # Ok(()) }
/// ```
pub struct Builder {
    config: Config,
}

/// Entry point: `Server::builder()`.
#[derive(Debug, Clone, Copy)]
pub struct Server;

impl Server {
    /// A builder with default settings.
    pub fn builder() -> Builder {
        Builder::default()
    }
}

impl Default for Builder {
    fn default() -> Self {
        Self {
            config: Config {
                addr: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
                session_ttl: Some(Duration::from_secs(2 * 60 * 60)),
                client_id: "3MVG9LocalMetadataServerClientId".to_owned(),
                client_secret: "local-client-secret".to_owned(),
                username: "admin@local.test".to_owned(),
                password: "local-password".to_owned(),
                security_token: String::new(),
                refresh_token: "5Aep861LocalRefreshToken".to_owned(),
                jwt_public_key_pem: None,
                jwt_audiences: vec![
                    "https://login.salesforce.com".to_owned(),
                    "https://test.salesforce.com".to_owned(),
                ],
                deploy_steps: AsyncSteps::default(),
                retrieve_steps: AsyncSteps::default(),
                org_id: "00DLS0000000001AAA".to_owned(),
                user_id: "005LS0000000001AAA".to_owned(),
                max_body_bytes: 96 * 1024 * 1024,
                seed: Vec::new(),
                sample_data: false,
            },
        }
    }
}

impl fmt::Debug for Builder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.config.fmt(f)
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Secrets are left out on purpose: this may end up in test logs.
        f.debug_struct("Config")
            .field("addr", &self.addr)
            .field("session_ttl", &self.session_ttl)
            .field("client_id", &self.client_id)
            .field("username", &self.username)
            .field("jwt", &self.jwt_public_key_pem.is_some())
            .field("deploy_steps", &self.deploy_steps)
            .field("retrieve_steps", &self.retrieve_steps)
            .field("org_id", &self.org_id)
            .field("seed", &self.seed.len())
            .finish_non_exhaustive()
    }
}

impl Builder {
    /// Listens on this port of the host (default 0: any free port).
    pub fn port(mut self, port: u16) -> Self {
        self.config.addr.set_port(port);
        self
    }

    /// Listens on this address (default 127.0.0.1). The server speaks plain HTTP: keep it on
    /// a loopback address.
    pub fn host(mut self, ip: IpAddr) -> Self {
        self.config.addr.set_ip(ip);
        self
    }

    /// How long a session (access token) stays valid; `None`: until expired by command.
    pub fn session_ttl(mut self, ttl: Option<Duration>) -> Self {
        self.config.session_ttl = ttl;
        self
    }

    /// The connected app's consumer key accepted by the token endpoint.
    pub fn client_id(mut self, id: impl Into<String>) -> Self {
        self.config.client_id = id.into();
        self
    }

    /// The connected app's consumer secret.
    pub fn client_secret(mut self, secret: impl Into<String>) -> Self {
        self.config.client_secret = secret.into();
        self
    }

    /// The one user of the org, for the password grant, the JWT `sub` and SOAP login().
    pub fn user(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.config.username = username.into();
        self.config.password = password.into();
        self
    }

    /// A security token the password must be followed by (default: none needed).
    pub fn security_token(mut self, token: impl Into<String>) -> Self {
        self.config.security_token = token.into();
        self
    }

    /// The refresh token the `refresh_token` grant accepts.
    pub fn refresh_token(mut self, token: impl Into<String>) -> Self {
        self.config.refresh_token = token.into();
        self
    }

    /// Enables the JWT bearer grant: assertions must be RS256-signed by the private key of
    /// this PEM public key (SubjectPublicKeyInfo or PKCS#1).
    pub fn jwt_public_key_pem(mut self, pem: impl Into<String>) -> Self {
        self.config.jwt_public_key_pem = Some(pem.into());
        self
    }

    /// Another accepted JWT `aud` besides the server's own URL (default: login. and
    /// test.salesforce.com).
    pub fn jwt_audience(mut self, aud: impl Into<String>) -> Self {
        self.config.jwt_audiences.push(aud.into());
        self
    }

    /// How many checkDeployStatus polls a deploy takes (default 1 pending, 1 in progress).
    pub fn deploy_steps(mut self, steps: AsyncSteps) -> Self {
        self.config.deploy_steps = steps;
        self
    }

    /// How many checkRetrieveStatus polls a retrieve takes (default 1 pending, 1 in progress).
    pub fn retrieve_steps(mut self, steps: AsyncSteps) -> Self {
        self.config.retrieve_steps = steps;
        self
    }

    /// The largest request body accepted, after gunzip (default 96 MiB).
    pub fn max_body_bytes(mut self, n: usize) -> Self {
        self.config.max_body_bytes = n;
        self
    }

    /// A component the org holds from the start.
    pub fn component(mut self, md: AnyMetadata) -> Self {
        self.config.seed.push(md);
        self
    }

    /// Starts with a few sample components (objects, classes, a layout, labels): what the
    /// standalone binary serves unless told `--empty`.
    pub fn sample_data(mut self, yes: bool) -> Self {
        self.config.sample_data = yes;
        self
    }

    /// Binds the port and starts serving on the current tokio runtime.
    pub async fn start(self) -> Result<RunningServer, StartError> {
        RunningServer::start(self.config).await
    }

    /// Starts on a runtime of its own (one worker thread), for tests without an async
    /// runtime, e.g. of a blocking client. The runtime stops when the server is dropped.
    pub fn start_in_background(self) -> Result<RunningServer, StartError> {
        RunningServer::start_in_background(self.config)
    }
}
