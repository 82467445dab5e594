//! Deploying a directory or a zip: `deploy`, then `checkDeployStatus` until done.
//!
//! ```text
//! let outcome = md.deploy_dir("mdapi-out", DeployOptions { single_package: true, ..Default::default() })
//!     .on_progress(|s| eprintln!("{:?} {}/{}", s.status, s.number_components_deployed, s.number_components_total))
//!     .await?;
//! ```

use std::future::{Future, IntoFuture};
use std::path::PathBuf;
use std::pin::Pin;
use std::time::Duration;

use crate::poll::{Progress, poll};
use crate::{
    CheckDeployStatus, Deploy, DeployOptions, DeployResult, HelperError, MetadataClient, Outcome,
    PollOptions,
};

/// What a [`DeployCall`] deploys.
#[derive(Debug, Clone)]
enum Source {
    /// A directory in Metadata API format (`package.xml` at its root), zipped first.
    Dir(PathBuf),
    /// A ready zip file.
    Zip(Vec<u8>),
    /// An already started deploy: poll it only.
    Started(String),
}

/// A deploy to run: set a progress callback or polling options, then `.await` it.
#[must_use = "a DeployCall does nothing until awaited"]
pub struct DeployCall<'a> {
    client: &'a MetadataClient,
    source: Source,
    options: DeployOptions,
    poll: PollOptions,
    include_details: bool,
    progress: Option<Progress<'a, DeployResult>>,
}

impl std::fmt::Debug for DeployCall<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let source = match &self.source {
            Source::Dir(p) => format!("dir {}", p.display()),
            Source::Zip(z) => format!("zip of {} bytes", z.len()),
            Source::Started(id) => format!("started deploy {id}"),
        };
        f.debug_struct("DeployCall")
            .field("source", &source)
            .field("options", &self.options)
            .field("poll", &self.poll)
            .field("include_details", &self.include_details)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

impl MetadataClient {
    /// Deploys the directory `dir`, which must be in Metadata API format (`package.xml`
    /// at its root, components in their type folders); it is zipped with its files at
    /// the archive's root, which is what `single_package: true` describes.
    pub fn deploy_dir(&self, dir: impl Into<PathBuf>, options: DeployOptions) -> DeployCall<'_> {
        self.deploy_call(Source::Dir(dir.into()), options)
    }

    /// Deploys a zip file (see [`crate::zip::zip_dir`] and [`crate::zip::zip_files`]).
    pub fn deploy_zip(&self, zip: Vec<u8>, options: DeployOptions) -> DeployCall<'_> {
        self.deploy_call(Source::Zip(zip), options)
    }

    /// Keeps polling a deploy that was started earlier (e.g. after
    /// [`Outcome::TimedOut`]).
    pub fn resume_deploy(&self, id: impl Into<String>) -> DeployCall<'_> {
        self.deploy_call(Source::Started(id.into()), DeployOptions::default())
    }

    fn deploy_call(&self, source: Source, options: DeployOptions) -> DeployCall<'_> {
        DeployCall {
            client: self,
            source,
            options,
            poll: PollOptions::default(),
            include_details: true,
            progress: None,
        }
    }
}

impl<'a> DeployCall<'a> {
    /// Calls `f` with every status fetched while polling (the final one included).
    pub fn on_progress(mut self, f: impl FnMut(&DeployResult) + Send + 'a) -> Self {
        self.progress = Some(Box::new(f));
        self
    }

    /// Stops waiting after `timeout` and returns [`Outcome::TimedOut`] with the id.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.poll.timeout = Some(timeout);
        self
    }

    /// All polling options at once.
    pub fn poll_options(mut self, poll: PollOptions) -> Self {
        self.poll = poll;
        self
    }

    /// Whether status checks ask for component and test details (default: yes).
    pub fn include_details(mut self, yes: bool) -> Self {
        self.include_details = yes;
        self
    }

    /// Starts the deploy (unless resuming) and polls it until done or timed out.
    pub async fn run(mut self) -> Result<Outcome<DeployResult>, HelperError> {
        let id = match std::mem::replace(&mut self.source, Source::Started(String::new())) {
            Source::Started(id) => id,
            Source::Dir(dir) => {
                start(self.client, &self.options, crate::zip::zip_dir(&dir)?).await?
            }
            Source::Zip(zip) => start(self.client, &self.options, zip).await?,
        };
        let client = self.client;
        let include_details = self.include_details;
        let check = || {
            let body = CheckDeployStatus {
                async_process_id: id.clone(),
                include_details,
            };
            async move { client.check_deploy_status(&body).await.map(|r| r.result) }
        };
        poll(&id, &self.poll, &mut self.progress, |s| s.done, check).await
    }
}

/// Sends `deploy`; returns the async process id. (A free function: borrowing the whole
/// `DeployCall` across an await would need its progress callback to be `Sync`.)
async fn start(
    client: &MetadataClient,
    options: &DeployOptions,
    zip_file: Vec<u8>,
) -> Result<String, HelperError> {
    let body = Deploy {
        zip_file,
        deploy_options: options.clone(),
    };
    let started = client.deploy(&body).await?;
    tracing::debug!(id = %started.result.id, "deploy started");
    Ok(started.result.id)
}

impl<'a> IntoFuture for DeployCall<'a> {
    type Output = Result<Outcome<DeployResult>, HelperError>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
