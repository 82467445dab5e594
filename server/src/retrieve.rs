//! retrieve / checkRetrieveStatus: the zip is built from the org when retrieve() is called
//! (a snapshot), and handed out once the job is done. Deployed files come back byte for byte.

use std::collections::{BTreeMap, BTreeSet};

use metadata::{
    CheckRetrieveStatus, CheckRetrieveStatusResponse, FileProperties, Retrieve, RetrieveMessage,
    RetrieveRequest, RetrieveResponse, RetrieveResult, RetrieveStatus, StatusCode,
};

use crate::crud::file_properties;
use crate::deploy::{Job, Phase, phase, unknown_id};
use crate::ids::now_datetime;
use crate::org::Org;
use crate::soap::SoapFault;
use crate::state::{State, lock};
use crate::zipio::{MAX_FILES, Manifest, write_zip};

/// What a retrieve produced.
#[derive(Debug, Clone)]
struct Snapshot {
    zip: Vec<u8>,
    properties: Vec<FileProperties>,
    messages: Vec<RetrieveMessage>,
}

#[derive(Debug)]
pub(crate) struct RetrieveJob {
    id: String,
    polls: u32,
    outcome: Result<Snapshot, String>,
}

pub(crate) fn retrieve(state: &State, r: Retrieve) -> Result<RetrieveResponse, SoapFault> {
    let mut org = lock(&state.org);
    let outcome = snapshot(state, &org, &r.retrieve_request);
    let id = org.jobs.new_id("09S");
    org.jobs.insert(
        id.clone(),
        Job::Retrieve(Box::new(RetrieveJob {
            id: id.clone(),
            polls: 0,
            outcome,
        })),
    );
    Ok(RetrieveResponse {
        result: metadata::AsyncResult {
            done: false,
            id,
            message: None,
            state: metadata::AsyncRequestState::Queued,
            status_code: None,
        },
    })
}

pub(crate) fn check_retrieve(
    state: &State,
    r: CheckRetrieveStatus,
) -> Result<CheckRetrieveStatusResponse, SoapFault> {
    let mut org = lock(&state.org);
    let Some(Job::Retrieve(job)) = org.jobs.get_mut(&r.async_process_id) else {
        return Err(unknown_id(&r.async_process_id));
    };
    job.polls = job.polls.saturating_add(1);
    let ph = phase(job.polls, state.config.retrieve_steps);
    let mut result = RetrieveResult {
        id: job.id.clone(),
        ..RetrieveResult::default()
    };
    match (ph, &job.outcome) {
        (Phase::Pending, _) => result.status = RetrieveStatus::Pending,
        (Phase::InProgress, _) => result.status = RetrieveStatus::InProgress,
        (Phase::Done, Ok(s)) => {
            result.done = true;
            result.success = true;
            result.status = RetrieveStatus::Succeeded;
            result.file_properties = s.properties.clone();
            result.messages = s.messages.clone();
            if r.include_zip {
                result.zip_file = s.zip.clone();
            }
        }
        (Phase::Done, Err(e)) => {
            result.done = true;
            result.status = RetrieveStatus::Failed;
            result.error_message = Some(e.clone());
            result.error_status_code = Some(StatusCode::InvalidCrossReferenceKey);
        }
    }
    Ok(CheckRetrieveStatusResponse { result })
}

/// Builds the zip for `req` from the org as it is now.
fn snapshot(state: &State, org: &Org, req: &RetrieveRequest) -> Result<Snapshot, String> {
    if !req.package_names.is_empty() {
        return Err(format!(
            "No package named '{}' found",
            req.package_names.join(", ")
        ));
    }
    let Some(pkg) = &req.unpackaged else {
        return Err("Must specify either packageNames or unpackaged".to_owned());
    };
    let prefix = if req.single_package {
        ""
    } else {
        "unpackaged/"
    };
    let mut manifest = Manifest::default();
    for t in &pkg.types {
        manifest
            .types
            .entry(t.name.clone())
            .or_default()
            .extend(t.members.iter().cloned());
    }
    let version = if pkg.version.is_empty() {
        format!("{:.1}", req.api_version)
    } else {
        pkg.version.clone()
    };
    manifest.version = Some(version);
    let wanted: BTreeSet<&str> = req.specific_files.iter().map(String::as_str).collect();
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut properties = Vec::new();
    let mut messages = Vec::new();
    for (ty, members) in &manifest.types {
        for name in resolve(org, ty, members) {
            let Some(c) = org.get(ty, &name) else {
                messages.push(RetrieveMessage {
                    file_name: format!("{prefix}package.xml"),
                    problem: format!("Entity of type '{ty}' named '{name}' cannot be found"),
                });
                continue;
            };
            match org.files_of(ty, &name) {
                Ok(fs) => {
                    let mut props = file_properties(state, ty, &name, c);
                    props.file_name = format!("{prefix}{}", props.file_name);
                    properties.push(props);
                    for (path, data) in fs {
                        let full = format!("{prefix}{path}");
                        if wanted.is_empty()
                            || wanted.contains(full.as_str())
                            || wanted.contains(path.as_str())
                        {
                            files.insert(full, data);
                        }
                    }
                }
                Err(e) => messages.push(RetrieveMessage {
                    file_name: format!("{prefix}package.xml"),
                    problem: e,
                }),
            }
        }
    }
    if files.len() >= MAX_FILES {
        return Err(format!(
            "LIMIT_EXCEEDED: Too many files in retrieve call, limit is: {MAX_FILES}"
        ));
    }
    let mut list: Vec<(String, Vec<u8>)> = files.into_iter().collect();
    list.push((format!("{prefix}package.xml"), manifest.to_xml()));
    properties.push(package_properties(state, prefix));
    let zip = write_zip(&list)?;
    Ok(Snapshot {
        zip,
        properties,
        messages,
    })
}

/// Members named, with `*` expanded to every component of the type.
fn resolve(org: &Org, ty: &str, members: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for m in members {
        if m == "*" {
            out.extend(org.of_type(ty).map(|(n, _)| n.to_owned()));
        } else {
            out.insert(m.clone());
        }
    }
    out
}

/// Salesforce lists the manifest itself among the retrieved files.
fn package_properties(state: &State, prefix: &str) -> FileProperties {
    let now = now_datetime();
    FileProperties {
        created_by_id: state.config.user_id.clone(),
        created_by_name: "Local Admin".to_owned(),
        created_date: now.clone(),
        file_name: format!("{prefix}package.xml"),
        full_name: format!("{prefix}package.xml"),
        id: String::new(),
        last_modified_by_id: state.config.user_id.clone(),
        last_modified_by_name: "Local Admin".to_owned(),
        last_modified_date: now,
        manageable_state: Some(metadata::ManageableState::Unmanaged),
        namespace_prefix: None,
        r#type: "Package".to_owned(),
    }
}
