//! CRUD over any number of components: split into calls of one type and at most
//! [`MAX_PER_CALL`] components ([`MAX_PER_CALL_LARGE`] for `CustomMetadata` and
//! `CustomApplication`), sent one after another, with the results in input order.
//!
//! ```text
//! let read = md.read_many("CustomObject", ["Account", "Invoice__c"]).await?;
//! let saved = md.create_many(objects).await?;   // Vec<SaveResult>, one per input
//! ```
//!
//! Each call is its own transaction: an `AllOrNoneHeader` in
//! [`MetadataClient::headers`] applies per call, not across the calls of one helper.

use crate::{
    AnyMetadata, CreateMetadata, DeleteMetadata, DeleteResult, FileProperties, HelperError,
    ListMetadata, ListMetadataQuery, MetadataClient, ReadMetadata, ReadResult, SaveResult,
    UpdateMetadataElement, UpsertMetadata, UpsertResult,
};

/// Components per CRUD call (create/read/update/upsert/delete).
pub const MAX_PER_CALL: usize = 10;
/// Components per CRUD call when every one is a `CustomMetadata` or `CustomApplication`.
pub const MAX_PER_CALL_LARGE: usize = 200;
/// Queries per `listMetadata` call.
pub const MAX_LIST_QUERIES: usize = 3;

/// How many components of type `type_name` one CRUD call may carry.
pub fn call_limit(type_name: &str) -> usize {
    match type_name {
        "CustomMetadata" | "CustomApplication" => MAX_PER_CALL_LARGE,
        _ => MAX_PER_CALL,
    }
}

/// Splits `items` into consecutive chunks of one type each, at most [`call_limit`] long:
/// the Metadata API takes "arrays of only one type of component" per CRUD call. Order is
/// kept, so results concatenated chunk by chunk line up with the input.
pub fn chunk_by_type<T>(items: Vec<T>, type_of: impl Fn(&T) -> &str) -> Vec<Vec<T>> {
    let mut chunks: Vec<Vec<T>> = Vec::new();
    for item in items {
        let ty = type_of(&item);
        let fits = chunks.last().is_some_and(|c| {
            c.first()
                .is_some_and(|head| type_of(head) == ty && c.len() < call_limit(ty))
        });
        match chunks.last_mut() {
            Some(last) if fits => last.push(item),
            _ => chunks.push(vec![item]),
        }
    }
    chunks
}

fn names_in_chunks<I>(type_name: &str, names: I) -> Vec<Vec<String>>
where
    I: IntoIterator,
    I::Item: Into<String>,
{
    let names: Vec<String> = names.into_iter().map(Into::into).collect();
    names
        .chunks(call_limit(type_name))
        .map(<[String]>::to_vec)
        .collect()
}

fn check_count(operation: &'static str, sent: usize, got: usize) -> Result<(), HelperError> {
    if sent == got {
        Ok(())
    } else {
        Err(HelperError::ResultCount {
            operation,
            sent,
            got,
        })
    }
}

impl MetadataClient {
    /// `readMetadata` of any number of components of one type; the records of all calls,
    /// in call order (within a call, as the server returns them).
    pub async fn read_many<I>(
        &self,
        type_name: &str,
        full_names: I,
    ) -> Result<ReadResult, HelperError>
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let mut records = Vec::new();
        for chunk in names_in_chunks(type_name, full_names) {
            let body = ReadMetadata {
                r#type: type_name.to_owned(),
                full_names: chunk,
            };
            records.extend(self.read_metadata(&body).await?.result.records);
        }
        Ok(ReadResult { records })
    }

    /// `createMetadata` of any number of components; one result per input, in order.
    pub async fn create_many<I>(&self, components: I) -> Result<Vec<SaveResult>, HelperError>
    where
        I: IntoIterator,
        I::Item: Into<AnyMetadata>,
    {
        let mut results = Vec::new();
        for metadata in metadata_chunks(components) {
            let sent = metadata.len();
            let r = self.create_metadata(&CreateMetadata { metadata }).await?;
            check_count("createMetadata", sent, r.result.len())?;
            results.extend(r.result);
        }
        Ok(results)
    }

    /// `updateMetadata` of any number of components; one result per input, in order.
    pub async fn update_many<I>(&self, components: I) -> Result<Vec<SaveResult>, HelperError>
    where
        I: IntoIterator,
        I::Item: Into<AnyMetadata>,
    {
        let mut results = Vec::new();
        for metadata in metadata_chunks(components) {
            let sent = metadata.len();
            let r = self
                .update_metadata(&UpdateMetadataElement { metadata })
                .await?;
            check_count("updateMetadata", sent, r.result.len())?;
            results.extend(r.result);
        }
        Ok(results)
    }

    /// `upsertMetadata` of any number of components; one result per input, in order.
    pub async fn upsert_many<I>(&self, components: I) -> Result<Vec<UpsertResult>, HelperError>
    where
        I: IntoIterator,
        I::Item: Into<AnyMetadata>,
    {
        let mut results = Vec::new();
        for metadata in metadata_chunks(components) {
            let sent = metadata.len();
            let r = self.upsert_metadata(&UpsertMetadata { metadata }).await?;
            check_count("upsertMetadata", sent, r.result.len())?;
            results.extend(r.result);
        }
        Ok(results)
    }

    /// `deleteMetadata` of any number of components of one type; one result per name,
    /// in order.
    pub async fn delete_many<I>(
        &self,
        type_name: &str,
        full_names: I,
    ) -> Result<Vec<DeleteResult>, HelperError>
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let mut results = Vec::new();
        for chunk in names_in_chunks(type_name, full_names) {
            let sent = chunk.len();
            let body = DeleteMetadata {
                r#type: type_name.to_owned(),
                full_names: chunk,
            };
            let r = self.delete_metadata(&body).await?;
            check_count("deleteMetadata", sent, r.result.len())?;
            results.extend(r.result);
        }
        Ok(results)
    }

    /// `listMetadata` of any number of types (calls of at most [`MAX_LIST_QUERIES`]);
    /// the file properties of all calls, in call order.
    pub async fn list_many<I>(&self, type_names: I) -> Result<Vec<FileProperties>, HelperError>
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let queries: Vec<ListMetadataQuery> = type_names
            .into_iter()
            .map(|t| ListMetadataQuery {
                r#type: t.into(),
                folder: None,
            })
            .collect();
        let version = self.api_version().parse().unwrap_or(crate::API_VERSION);
        let mut files = Vec::new();
        for chunk in queries.chunks(MAX_LIST_QUERIES) {
            let body = ListMetadata {
                queries: chunk.to_vec(),
                as_of_version: version,
            };
            files.extend(self.list_metadata(&body).await?.result);
        }
        Ok(files)
    }
}

fn metadata_chunks<I>(components: I) -> Vec<Vec<AnyMetadata>>
where
    I: IntoIterator,
    I::Item: Into<AnyMetadata>,
{
    let items = components.into_iter().map(Into::into).collect();
    chunk_by_type(items, AnyMetadata::type_name)
}
