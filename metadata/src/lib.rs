//! Salesforce Metadata API stubs, generated from `metadata.wsdl` (API v66) by this
//! workspace's `codegen` CLI, plus helpers for deploy, retrieve, zip files and chunked CRUD.
//!
//! The stubs (module `generated`, re-exported at the crate root) hold one struct per
//! complex type, [`AnyMetadata`] for slots typed `Metadata`, the body dispatch
//! [`MetadataBody`], the header set [`MetadataHeaders`] and the client [`MetadataClient`].
//! The helpers are methods of [`MetadataClient`] too:
//!
//! | helper | what |
//! |---|---|
//! | [`MetadataClient::read_many`], [`create_many`](MetadataClient::create_many), [`update_many`](MetadataClient::update_many), [`upsert_many`](MetadataClient::upsert_many), [`delete_many`](MetadataClient::delete_many), [`list_many`](MetadataClient::list_many) | any number of components, in calls of at most 10 (200 for CustomMetadata / CustomApplication), results in input order |
//! | [`MetadataClient::deploy_dir`], [`deploy_zip`](MetadataClient::deploy_zip), [`resume_deploy`](MetadataClient::resume_deploy) | deploy, then poll `checkDeployStatus` with backoff and a progress callback |
//! | [`MetadataClient::retrieve_types`], [`retrieve_package_xml`](MetadataClient::retrieve_package_xml), [`resume_retrieve`](MetadataClient::resume_retrieve) | retrieve, then poll `checkRetrieveStatus` |
//! | [`zip`] | zip a directory, unpack a zip, bytes kept exactly |
//! | [`decode`] | decode / re-encode a captured envelope (the `decode` example) |
//!
//! ```text
//! let creds = runtime::NamedCredentials::load("credentials.toml")?;
//! let md = metadata::MetadataClient::new(creds.get("MyOrg")?.into());
//! let read = md.read_many("CustomObject", ["Account", "Invoice__c"]).await?;
//! for record in read.records {
//!     match record {
//!         metadata::AnyMetadata::CustomObject(obj) => println!("{} has {} fields", obj.full_name.unwrap_or_default(), obj.fields.len()),
//!         other => println!("got {}", other.type_name()),
//!     }
//! }
//! let deployed = md.deploy_dir("mdapi/", DeployOptions { single_package: true, ..Default::default() })
//!     .on_progress(|s| eprintln!("{:?} {}/{}", s.status, s.number_components_deployed, s.number_components_total))
//!     .await?;
//! ```

mod crud;
pub mod decode;
mod deploy;
mod error;
#[rustfmt::skip]
mod generated;
mod poll;
mod retrieve;
pub mod zip;

pub use crud::{MAX_LIST_QUERIES, MAX_PER_CALL, MAX_PER_CALL_LARGE, call_limit, chunk_by_type};
pub use deploy::DeployCall;
pub use error::HelperError;
pub use generated::*;
pub use poll::{Outcome, PollOptions};
pub use retrieve::{RetrieveCall, package_of, parse_package_xml};

/// The API version of the WSDL these stubs were generated from.
pub const API_VERSION: f64 = 66.0;
