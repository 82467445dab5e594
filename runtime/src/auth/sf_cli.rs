//! [`SfCli`]: the token of an org the Salesforce CLI is logged in to.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use serde::Deserialize;
use zeroize::Zeroizing;

use super::{AccessToken, TokenSource};
use crate::error::{AuthErrorKind, Error};
use crate::transport::{BoxFuture, Transport};

/// Runs `sf org display [--target-org ALIAS] --json` and takes `result.accessToken` and
/// `result.instanceUrl`. The CLI refreshes the token itself when needed, so every fetch
/// (first use and refresh) runs it again.
#[derive(Debug, Clone)]
pub struct SfCli {
    program: PathBuf,
    target_org: Option<String>,
    timeout: Duration,
}

#[derive(Deserialize)]
struct Output {
    status: Option<i64>,
    message: Option<String>,
    result: Option<OrgResult>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OrgResult {
    access_token: Option<String>,
    instance_url: Option<String>,
}

impl Default for SfCli {
    fn default() -> Self {
        Self {
            program: PathBuf::from("sf"),
            target_org: None,
            timeout: Duration::from_secs(60),
        }
    }
}

impl SfCli {
    /// The CLI's default org (`sf` from `PATH`).
    pub fn new() -> Self {
        Self::default()
    }

    /// The org with alias or username `alias`.
    #[must_use]
    pub fn target_org(mut self, alias: impl Into<String>) -> Self {
        self.target_org = Some(alias.into());
        self
    }

    /// Runs `program` instead of `sf` from `PATH`.
    #[must_use]
    pub fn program(mut self, program: impl Into<PathBuf>) -> Self {
        self.program = program.into();
        self
    }

    /// Gives up on the CLI after `timeout` (default 60 s).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    fn fail(&self, why: impl std::fmt::Display) -> Error {
        Error::auth(
            AuthErrorKind::TokenFetch,
            format!("`{} org display` {why}", self.program.display()),
        )
    }

    async fn run(&self) -> Result<AccessToken, Error> {
        let mut cmd = tokio::process::Command::new(&self.program);
        cmd.args(["org", "display", "--json"]);
        if let Some(alias) = &self.target_org {
            cmd.args(["--target-org", alias]);
        }
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        let child = cmd
            .spawn()
            .map_err(|e| self.fail(format_args!("could not start: {e}")))?;
        let out = tokio::time::timeout(self.timeout, child.wait_with_output())
            .await
            .map_err(|_| self.fail(format_args!("did not finish within {:?}", self.timeout)))?
            .map_err(|e| self.fail(format_args!("failed: {e}")))?;
        // stdout holds the token: zero it when done, and never quote it in errors.
        let stdout = Zeroizing::new(out.stdout);
        let parsed: Output = serde_json::from_slice(&stdout)
            .map_err(|e| self.fail(format_args!("printed no readable JSON ({e})")))?;
        let failed = !out.status.success() || parsed.status.is_some_and(|s| s != 0);
        match parsed.result {
            Some(OrgResult {
                access_token: Some(token),
                instance_url: Some(url),
            }) if !failed => {
                crate::transport::parse_url(&url)?;
                Ok(AccessToken::new(token, url))
            }
            _ => Err(self.fail(format_args!(
                "failed (exit {}): {}",
                out.status.code().map_or("signal".into(), |c| c.to_string()),
                parsed
                    .message
                    .unwrap_or_else(|| "no accessToken/instanceUrl in its output".into())
            ))),
        }
    }
}

impl TokenSource for SfCli {
    fn fetch<'a>(&'a self, _: &'a dyn Transport) -> BoxFuture<'a, Result<AccessToken, Error>> {
        Box::pin(self.run())
    }
}
