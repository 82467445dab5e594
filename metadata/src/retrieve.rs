//! Retrieving by `package.xml` or by a list of types: `retrieve`, then
//! `checkRetrieveStatus` until done; the result's `zip_file` holds the files.
//!
//! ```text
//! let outcome = md.retrieve_types([("CustomObject", ["Account"]), ("ApexClass", ["*"])])
//!     .on_progress(|s| eprintln!("{:?}", s.status))
//!     .await?;
//! if let Outcome::Done(result) = outcome {
//!     metadata::zip::unzip_to(&result.zip_file, "retrieved")?;
//! }
//! ```

use std::future::{Future, IntoFuture};
use std::path::Path;
use std::pin::Pin;
use std::time::Duration;

use crate::poll::{Progress, poll};
use crate::{
    CheckRetrieveStatus, HelperError, MetadataClient, Outcome, Package, PackageTypeMembers,
    PollOptions, Retrieve, RetrieveRequest, RetrieveResult,
};

/// Reads a `package.xml` document (a `Package` in the Metadata API namespace).
pub fn parse_package_xml(xml: &[u8], origin: &str) -> Result<Package, HelperError> {
    runtime::xml::from_slice::<Package>(xml).map_err(|source| HelperError::PackageXml {
        origin: origin.to_owned(),
        source,
    })
}

/// A `Package` listing `types`: `(type name, member names)` pairs, `*` for all.
pub fn package_of<T, M, S>(types: T, version: &str) -> Package
where
    T: IntoIterator<Item = (S, M)>,
    M: IntoIterator,
    M::Item: Into<String>,
    S: Into<String>,
{
    Package {
        types: types
            .into_iter()
            .map(|(name, members)| PackageTypeMembers {
                name: name.into(),
                members: members.into_iter().map(Into::into).collect(),
            })
            .collect(),
        version: version.to_owned(),
        ..Package::default()
    }
}

/// A retrieve to run: set a progress callback or polling options, then `.await` it.
#[must_use = "a RetrieveCall does nothing until awaited"]
pub struct RetrieveCall<'a> {
    client: &'a MetadataClient,
    start: Start,
    poll: PollOptions,
    progress: Option<Progress<'a, RetrieveResult>>,
}

#[derive(Debug)]
enum Start {
    /// Boxed: a request (or the error of building it) is large next to an id.
    Request(Box<Result<RetrieveRequest, HelperError>>),
    Started(String),
}

impl std::fmt::Debug for RetrieveCall<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RetrieveCall")
            .field("start", &self.start)
            .field("poll", &self.poll)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

impl MetadataClient {
    /// Retrieves what a `package.xml` file lists (unpackaged).
    pub fn retrieve_package_xml(&self, path: impl AsRef<Path>) -> RetrieveCall<'_> {
        let path = path.as_ref();
        let package = std::fs::read(path)
            .map_err(|e| HelperError::io(path, e))
            .and_then(|xml| parse_package_xml(&xml, &path.display().to_string()));
        self.retrieve_call(Start::Request(Box::new(
            package.map(|p| self.request_for(p)),
        )))
    }

    /// Retrieves `(type name, member names)` pairs, e.g.
    /// `[("CustomObject", ["Account", "Invoice__c"])]`; `"*"` names all members.
    pub fn retrieve_types<T, M, S>(&self, types: T) -> RetrieveCall<'_>
    where
        T: IntoIterator<Item = (S, M)>,
        M: IntoIterator,
        M::Item: Into<String>,
        S: Into<String>,
    {
        let package = package_of(types, self.api_version());
        self.retrieve_call(Start::Request(Box::new(Ok(self.request_for(package)))))
    }

    /// Retrieves with a request built by hand (packages, specific files...).
    pub fn retrieve_request(&self, request: RetrieveRequest) -> RetrieveCall<'_> {
        self.retrieve_call(Start::Request(Box::new(Ok(request))))
    }

    /// Keeps polling a retrieve that was started earlier (e.g. after
    /// [`Outcome::TimedOut`]).
    pub fn resume_retrieve(&self, id: impl Into<String>) -> RetrieveCall<'_> {
        self.retrieve_call(Start::Started(id.into()))
    }

    /// The API version of the client's credential, e.g. `"66.0"`.
    pub fn api_version(&self) -> &str {
        self.inner().credential().api_version()
    }

    /// An unpackaged, single-package request for `package`, at the package's version
    /// (else the credential's).
    fn request_for(&self, package: Package) -> RetrieveRequest {
        let version = [package.version.as_str(), self.api_version()]
            .iter()
            .find_map(|v| v.trim().parse::<f64>().ok())
            .unwrap_or(crate::API_VERSION);
        RetrieveRequest {
            api_version: version,
            single_package: true,
            unpackaged: Some(Box::new(package)),
            ..RetrieveRequest::default()
        }
    }

    fn retrieve_call(&self, start: Start) -> RetrieveCall<'_> {
        RetrieveCall {
            client: self,
            start,
            poll: PollOptions::default(),
            progress: None,
        }
    }
}

impl<'a> RetrieveCall<'a> {
    /// Calls `f` with every status fetched while polling (the final one included).
    pub fn on_progress(mut self, f: impl FnMut(&RetrieveResult) + Send + 'a) -> Self {
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

    /// Starts the retrieve (unless resuming) and polls it until done or timed out. The
    /// zip comes with the final status (`includeZip` is always asked for: the server
    /// sends it only once the retrieve is done).
    pub async fn run(mut self) -> Result<Outcome<RetrieveResult>, HelperError> {
        let id = match std::mem::replace(&mut self.start, Start::Started(String::new())) {
            Start::Started(id) => id,
            Start::Request(request) => {
                let body = Retrieve {
                    retrieve_request: (*request)?,
                };
                let started = self.client.retrieve(&body).await?;
                tracing::debug!(id = %started.result.id, "retrieve started");
                started.result.id
            }
        };
        let client = self.client;
        let check = || {
            let body = CheckRetrieveStatus {
                async_process_id: id.clone(),
                include_zip: true,
            };
            async move { client.check_retrieve_status(&body).await.map(|r| r.result) }
        };
        poll(&id, &self.poll, &mut self.progress, |s| s.done, check).await
    }
}

impl<'a> IntoFuture for RetrieveCall<'a> {
    type Output = Result<Outcome<RetrieveResult>, HelperError>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
