//! Salesforce Metadata API stubs, generated from `metadata.wsdl` (API v66) by this
//! workspace's `codegen` CLI, plus helpers for deploy, retrieve and chunked CRUD.
//!
//! The stubs (module `generated`, re-exported at the crate root) hold one struct per
//! complex type, [`AnyMetadata`] for slots typed `Metadata`, the body dispatch
//! [`MetadataBody`], the header set [`MetadataHeaders`] and the client [`MetadataClient`].

mod generated;
pub use generated::*;
