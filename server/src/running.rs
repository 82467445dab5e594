//! [`RunningServer`]: the handle tests hold: addresses, credentials, controls, counters, the
//! org's content, fault injection, restart and shutdown.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use metadata::AnyMetadata;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::Config;
use crate::error::StartError;
use crate::inject::Injection;
use crate::org::Org;
use crate::state::{GrantCounts, State, lock};
use crate::{http, mdxml, oauth, sample};

/// The listening half: replaced on restart.
#[derive(Debug)]
struct Listening {
    stop: watch::Sender<()>,
    task: JoinHandle<()>,
}

/// A running server. Dropping it stops the server (like [`RunningServer::shutdown`], without
/// waiting).
#[derive(Debug)]
pub struct RunningServer {
    state: Arc<State>,
    addr: SocketAddr,
    listening: Mutex<Option<Listening>>,
    /// The server's own runtime when started with `start_in_background`.
    runtime: Option<tokio::runtime::Runtime>,
    handle: tokio::runtime::Handle,
}

async fn bind(addr: SocketAddr) -> Result<TcpListener, StartError> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| StartError::Bind { addr, source })
}

fn seeded_org(config: &Config) -> Result<Org, StartError> {
    let mut org = Org::default();
    let mut seed = config.seed.clone();
    if config.sample_data {
        seed.extend(sample::components());
    }
    for md in seed {
        let ty = md.type_name().to_owned();
        let name = mdxml::full_name(&md)
            .ok_or_else(|| StartError::Seed(format!("a {ty} without fullName")))?;
        org.put(&ty, &name, md, Vec::new());
    }
    Ok(org)
}

impl RunningServer {
    pub(crate) async fn start(config: Config) -> Result<Self, StartError> {
        let jwt_key = config
            .jwt_public_key_pem
            .as_deref()
            .map(oauth::parse_key)
            .transpose()
            .map_err(StartError::JwtKey)?;
        let org = seeded_org(&config)?;
        let listener = bind(config.addr).await?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind {
            addr: config.addr,
            source,
        })?;
        let base_url = format!("http://{addr}");
        let state = Arc::new(State::new(config, base_url, org, jwt_key));
        let server = Self {
            state,
            addr,
            listening: Mutex::new(None),
            runtime: None,
            handle: tokio::runtime::Handle::current(),
        };
        server.listen(listener);
        tracing::info!(url = %server.url(), "metadata server listening");
        Ok(server)
    }

    pub(crate) fn start_in_background(config: Config) -> Result<Self, StartError> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("metadata-server")
            .enable_all()
            .build()
            .map_err(StartError::Runtime)?;
        let mut server = rt.block_on(Self::start(config))?;
        server.runtime = Some(rt);
        Ok(server)
    }

    fn listen(&self, listener: TcpListener) {
        let (stop, rx) = watch::channel(());
        let task = self
            .handle
            .spawn(http::serve(listener, self.state.clone(), rx));
        *lock(&self.listening) = Some(Listening { stop, task });
    }

    /// `http://127.0.0.1:PORT` (no trailing slash): the instance URL and the login URL.
    pub fn url(&self) -> String {
        self.state.base_url.clone()
    }

    /// The socket address listened on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The Metadata API endpoint for an API version, e.g. `66.0`.
    pub fn metadata_url(&self, version: &str) -> String {
        self.state.metadata_url(version)
    }

    /// A new valid session id (access token). Not counted as a grant.
    pub fn access_token(&self) -> String {
        self.state.mint_session()
    }

    /// The connected app's consumer key.
    pub fn client_id(&self) -> &str {
        &self.state.config.client_id
    }
    /// The connected app's consumer secret.
    pub fn client_secret(&self) -> &str {
        &self.state.config.client_secret
    }
    /// The org's user.
    pub fn username(&self) -> &str {
        &self.state.config.username
    }
    /// The user's password (without security token).
    pub fn password(&self) -> &str {
        &self.state.config.password
    }
    /// The refresh token the `refresh_token` grant accepts.
    pub fn refresh_token(&self) -> &str {
        &self.state.config.refresh_token
    }
    /// The org id (18 characters).
    pub fn org_id(&self) -> &str {
        &self.state.config.org_id
    }

    /// Expires every session issued so far (the next call with one gets INVALID_SESSION_ID);
    /// returns how many were still valid.
    pub fn expire_all_sessions(&self) -> usize {
        lock(&self.state.sessions).expire_all()
    }

    /// Expires one session; false when this server never issued it.
    pub fn expire_session(&self, token: &str) -> bool {
        lock(&self.state.sessions).expire(token)
    }

    /// The lifetime of sessions issued from now on (`None`: no time limit).
    pub fn set_session_ttl(&self, ttl: Option<Duration>) {
        lock(&self.state.sessions).set_ttl(ttl);
    }

    /// Revokes (or restores) the refresh token: refresh_token grants then fail with
    /// `invalid_grant`.
    pub fn set_refresh_token_revoked(&self, revoked: bool) {
        lock(&self.state.grant_ctl).refresh_revoked = revoked;
    }

    /// The next `n` token grants or logins fail with `invalid_grant` / INVALID_LOGIN.
    pub fn fail_next_grants(&self, n: u32) {
        lock(&self.state.grant_ctl).fail_next = n;
    }

    /// Successful refresh_token grants so far.
    pub fn refresh_count(&self) -> u64 {
        lock(&self.state.stats).grants.refresh_token
    }

    /// Grants and logins so far, by kind.
    pub fn grant_counts(&self) -> GrantCounts {
        lock(&self.state.stats).grants
    }

    /// Requests handled for a Metadata operation (`readMetadata`) or a route
    /// (`oauth2/token`, `login`, `services/data`...). Requests failed by an injected HTTP
    /// status are not counted.
    pub fn call_count(&self, name: &str) -> u64 {
        lock(&self.state.stats)
            .calls
            .get(name)
            .copied()
            .unwrap_or(0)
    }

    /// Every counter of [`RunningServer::call_count`].
    pub fn calls(&self) -> BTreeMap<String, u64> {
        lock(&self.state.stats).calls.clone()
    }

    /// INVALID_SESSION_ID faults answered so far.
    pub fn invalid_session_count(&self) -> u64 {
        lock(&self.state.stats).invalid_session
    }

    /// Queues a fault for the next matching requests (see [`Injection`]).
    pub fn inject(&self, i: Injection) {
        lock(&self.state.injections).push(i);
    }

    /// Drops every queued fault.
    pub fn clear_injections(&self) {
        lock(&self.state.injections).clear();
    }

    /// Requests that got an injected fault so far.
    pub fn injected_count(&self) -> u64 {
        lock(&self.state.injections).applied
    }

    /// The fullNames of the org's components of a type, sorted.
    pub fn components(&self, ty: &str) -> Vec<String> {
        lock(&self.state.org)
            .of_type(ty)
            .map(|(n, _)| n.to_owned())
            .collect()
    }

    /// Every (type, fullName) in the org, sorted.
    pub fn all_components(&self) -> Vec<(String, String)> {
        lock(&self.state.org).keys().cloned().collect()
    }

    /// Number of components in the org.
    pub fn component_count(&self) -> usize {
        lock(&self.state.org).len()
    }

    /// A component's typed value.
    pub fn component(&self, ty: &str, name: &str) -> Option<AnyMetadata> {
        lock(&self.state.org).get(ty, name).map(|c| c.value.clone())
    }

    /// Adds or replaces a component (its type and fullName come from the value).
    pub fn put_component(&self, md: AnyMetadata) -> Result<(), StartError> {
        let ty = md.type_name().to_owned();
        let name = mdxml::full_name(&md)
            .ok_or_else(|| StartError::Seed(format!("a {ty} without fullName")))?;
        lock(&self.state.org).put(&ty, &name, md, Vec::new());
        Ok(())
    }

    /// The files a retrieve would return for a component (path relative to the package root,
    /// bytes): the deployed files byte for byte, or ones written from its value.
    pub fn component_files(&self, ty: &str, name: &str) -> Option<Vec<(String, Vec<u8>)>> {
        lock(&self.state.org).files_of(ty, name).ok()
    }

    /// The zip of the most recent deploy() call, byte for byte.
    pub fn last_deploy_zip(&self) -> Option<Vec<u8>> {
        lock(&self.state.org).last_deploy_zip.clone()
    }

    /// Stops listening and drops every open connection (clients see their connections
    /// close), waits `downtime` (connections are refused meanwhile), and listens again on the
    /// same port with the same org, sessions and jobs: polling can resume from an async id.
    pub async fn restart(&self, downtime: Duration) -> Result<(), StartError> {
        self.stop_listening().await;
        tokio::time::sleep(downtime).await;
        let mut last = None;
        for _ in 0..50 {
            match bind(self.addr).await {
                Ok(l) => {
                    self.listen(l);
                    return Ok(());
                }
                Err(e) => last = Some(e),
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Err(last.unwrap_or(StartError::Bind {
            addr: self.addr,
            source: std::io::ErrorKind::AddrInUse.into(),
        }))
    }

    async fn stop_listening(&self) {
        let l = lock(&self.listening).take();
        if let Some(l) = l {
            let _ = l.stop.send(());
            let _ = l.task.await;
        }
    }

    /// Stops the server: no new connections, open ones dropped.
    pub async fn shutdown(mut self) {
        self.stop_listening().await;
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        if let Some(l) = lock(&self.listening).take() {
            let _ = l.stop.send(());
            l.task.abort();
        }
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}
