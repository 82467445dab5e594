//! The synchronous CRUD calls (create/read/update/upsert/delete/renameMetadata), listMetadata
//! and the describe calls, with Salesforce's per-record results and limits.

use std::collections::HashSet;

use metadata::{
    AnyMetadata, CreateMetadata, CreateMetadataResponse, DeleteMetadata, DeleteMetadataResponse,
    DeleteResult, DescribeMetadata, DescribeMetadataObject, DescribeMetadataResponse,
    DescribeMetadataResult, DescribeValueType, DescribeValueTypeResponse, DescribeValueTypeResult,
    Error, FileProperties, ListMetadata, ListMetadataResponse, ManageableState, ReadMetadata,
    ReadMetadataResponse, ReadResult, RenameMetadata, RenameMetadataResponse, SaveResult,
    StatusCode, UpdateMetadataElement, UpdateMetadataResponse, UpsertMetadata,
    UpsertMetadataResponse, UpsertResult,
};

use crate::ids::now_datetime;
use crate::org::{Component, Key, Org};
use crate::soap::SoapFault;
use crate::state::{State, lock};
use crate::{mdxml, types};

/// Components per CRUD call: 10, or 200 for CustomMetadata and CustomApplication.
pub(crate) fn limit_for(ty: &str) -> usize {
    if matches!(ty, "CustomMetadata" | "CustomApplication") {
        200
    } else {
        10
    }
}

fn check_limit(ty: &str, n: usize) -> Result<(), SoapFault> {
    let max = limit_for(ty);
    if n > max {
        return Err(SoapFault::sf(
            "EXCEEDED_ID_LIMIT",
            &format!(
                "record limit reached. cannot submit more than {max} records in this operation"
            ),
        ));
    }
    Ok(())
}

fn error(code: StatusCode, message: String, fields: &[&str]) -> Error {
    Error {
        status_code: code,
        message,
        fields: fields.iter().map(|f| (*f).to_owned()).collect(),
        ..Error::default()
    }
}

fn not_found(ty: &str, name: &str) -> Error {
    error(
        StatusCode::InvalidCrossReferenceKey,
        format!("In field: fullName - no {ty} named {name} found"),
        &["fullName"],
    )
}

fn duplicate(ty: &str, name: &str) -> Error {
    error(
        StatusCode::DuplicateDeveloperName,
        format!("There is already a {ty} named {name}"),
        &["fullName"],
    )
}

/// A write to make once the whole call is validated.
enum Change {
    Put {
        ty: String,
        name: String,
        value: AnyMetadata,
        created: bool,
    },
    Remove {
        ty: String,
        name: String,
    },
}

/// The org as the call sees it while validating record after record.
struct Pending<'a> {
    org: &'a Org,
    added: HashSet<Key>,
    removed: HashSet<Key>,
}

impl<'a> Pending<'a> {
    fn new(org: &'a Org) -> Self {
        Self {
            org,
            added: HashSet::new(),
            removed: HashSet::new(),
        }
    }
    fn exists(&self, ty: &str, name: &str) -> bool {
        let k = (ty.to_owned(), name.to_owned());
        self.added.contains(&k) || (self.org.contains(ty, name) && !self.removed.contains(&k))
    }
    fn add(&mut self, ty: &str, name: &str) {
        let k = (ty.to_owned(), name.to_owned());
        self.removed.remove(&k);
        self.added.insert(k);
    }
    fn remove(&mut self, ty: &str, name: &str) {
        let k = (ty.to_owned(), name.to_owned());
        self.added.remove(&k);
        self.removed.insert(k);
    }
}

/// Per record: its fullName (as sent) and the change or the error.
type Outcome = (String, Result<Change, Error>);

/// Per record: its fullName and whether it was created, or its errors.
type Settled = Vec<(String, Result<bool, Vec<Error>>)>;

/// With AllOrNone, one error fails every record and nothing is written.
fn settle(org: &mut Org, outcomes: Vec<Outcome>, all_or_none: bool) -> Settled {
    let any_error = outcomes.iter().any(|(_, r)| r.is_err());
    if all_or_none && any_error {
        let rolled_back = || {
            let msg = "Record rolled back because not all records were valid and the request was using AllOrNone header";
            vec![error(
                StatusCode::AllOrNoneOperationRolledBack,
                msg.to_owned(),
                &[],
            )]
        };
        return outcomes
            .into_iter()
            .map(|(n, r)| (n, Err(r.err().map_or_else(rolled_back, |e| vec![e]))))
            .collect();
    }
    outcomes
        .into_iter()
        .map(|(n, r)| {
            let r = match r {
                Ok(Change::Put {
                    ty,
                    name,
                    value,
                    created,
                }) => {
                    org.put(&ty, &name, value, Vec::new());
                    Ok(created)
                }
                Ok(Change::Remove { ty, name }) => {
                    org.remove(&ty, &name);
                    Ok(false)
                }
                Err(e) => Err(vec![e]),
            };
            (n, r)
        })
        .collect()
}

fn save_results(settled: Settled) -> Vec<SaveResult> {
    settled
        .into_iter()
        .map(|(full_name, r)| match r {
            Ok(_) => SaveResult {
                full_name,
                success: true,
                errors: Vec::new(),
            },
            Err(errors) => SaveResult {
                full_name,
                success: false,
                errors,
            },
        })
        .collect()
}

/// The call's type (the first record's) and a check that each record is of it and named.
fn typed(records: &[AnyMetadata]) -> Result<String, SoapFault> {
    let ty = records
        .first()
        .map(|r| r.type_name().to_owned())
        .unwrap_or_default();
    check_limit(&ty, records.len())?;
    Ok(ty)
}

fn named(ty: &str, md: &AnyMetadata) -> Result<String, Error> {
    if md.type_name() != ty {
        let msg = format!(
            "All components in a call must be of the same type: expected {ty}, got {}",
            md.type_name()
        );
        return Err(error(StatusCode::InvalidType, msg, &[]));
    }
    if ty == "Metadata" {
        let msg = "The component has no xsi:type: name its metadata type".to_owned();
        return Err(error(StatusCode::InvalidType, msg, &[]));
    }
    mdxml::full_name(md).ok_or_else(|| {
        error(
            StatusCode::RequiredFieldMissing,
            "Required field is missing: fullName".to_owned(),
            &["fullName"],
        )
    })
}

pub(crate) fn create(
    state: &State,
    r: CreateMetadata,
    all_or_none: bool,
) -> Result<CreateMetadataResponse, SoapFault> {
    write(state, r.metadata, all_or_none, |p, ty, name, md| {
        if p.exists(ty, name) {
            return Err(duplicate(ty, name));
        }
        p.add(ty, name);
        Ok(Change::Put {
            ty: ty.to_owned(),
            name: name.to_owned(),
            value: md,
            created: true,
        })
    })
    .map(|s| CreateMetadataResponse {
        result: save_results(s),
    })
}

pub(crate) fn update(
    state: &State,
    r: UpdateMetadataElement,
    all_or_none: bool,
) -> Result<UpdateMetadataResponse, SoapFault> {
    write(state, r.metadata, all_or_none, |p, ty, name, md| {
        if !p.exists(ty, name) {
            return Err(not_found(ty, name));
        }
        Ok(Change::Put {
            ty: ty.to_owned(),
            name: name.to_owned(),
            value: md,
            created: false,
        })
    })
    .map(|s| UpdateMetadataResponse {
        result: save_results(s),
    })
}

pub(crate) fn upsert(
    state: &State,
    r: UpsertMetadata,
    all_or_none: bool,
) -> Result<UpsertMetadataResponse, SoapFault> {
    let settled = write(state, r.metadata, all_or_none, |p, ty, name, md| {
        let created = !p.exists(ty, name);
        p.add(ty, name);
        Ok(Change::Put {
            ty: ty.to_owned(),
            name: name.to_owned(),
            value: md,
            created,
        })
    })?;
    let result = settled
        .into_iter()
        .map(|(full_name, r)| match r {
            Ok(created) => UpsertResult {
                full_name,
                success: true,
                created,
                errors: Vec::new(),
            },
            Err(errors) => UpsertResult {
                full_name,
                success: false,
                created: false,
                errors,
            },
        })
        .collect();
    Ok(UpsertMetadataResponse { result })
}

/// Validates every record against the org as the call changes it, then writes.
fn write(
    state: &State,
    records: Vec<AnyMetadata>,
    all_or_none: bool,
    each: impl Fn(&mut Pending<'_>, &str, &str, AnyMetadata) -> Result<Change, Error>,
) -> Result<Settled, SoapFault> {
    let ty = typed(&records)?;
    let mut org = lock(&state.org);
    let outcomes: Vec<Outcome> = {
        let mut p = Pending::new(&org);
        records
            .into_iter()
            .map(|md| {
                let sent = mdxml::full_name(&md).unwrap_or_default();
                let r = named(&ty, &md).and_then(|name| each(&mut p, &ty, &name, md));
                (sent, r)
            })
            .collect()
    };
    Ok(settle(&mut org, outcomes, all_or_none))
}

pub(crate) fn delete(
    state: &State,
    r: DeleteMetadata,
    all_or_none: bool,
) -> Result<DeleteMetadataResponse, SoapFault> {
    let ty = r.r#type;
    check_limit(&ty, r.full_names.len())?;
    let mut org = lock(&state.org);
    let outcomes: Vec<Outcome> = {
        let mut p = Pending::new(&org);
        r.full_names
            .into_iter()
            .map(|name| {
                let res = if p.exists(&ty, &name) {
                    p.remove(&ty, &name);
                    Ok(Change::Remove {
                        ty: ty.clone(),
                        name: name.clone(),
                    })
                } else {
                    Err(not_found(&ty, &name))
                };
                (name, res)
            })
            .collect()
    };
    let result = settle(&mut org, outcomes, all_or_none)
        .into_iter()
        .map(|(full_name, r)| match r {
            Ok(_) => DeleteResult {
                full_name,
                success: true,
                errors: Vec::new(),
            },
            Err(errors) => DeleteResult {
                full_name,
                success: false,
                errors,
            },
        })
        .collect();
    Ok(DeleteMetadataResponse { result })
}

pub(crate) fn read(state: &State, r: ReadMetadata) -> Result<ReadMetadataResponse, SoapFault> {
    check_limit(&r.r#type, r.full_names.len())?;
    let org = lock(&state.org);
    let records = r
        .full_names
        .iter()
        .map(|n| {
            org.value(&r.r#type, n)
                .unwrap_or_else(|| mdxml::empty_record(&r.r#type))
        })
        .collect();
    Ok(ReadMetadataResponse {
        result: ReadResult { records },
    })
}

pub(crate) fn rename(
    state: &State,
    r: RenameMetadata,
) -> Result<RenameMetadataResponse, SoapFault> {
    let (ty, old, new) = (r.r#type, r.old_full_name, r.new_full_name);
    let mut org = lock(&state.org);
    let res = match org.get(&ty, &old) {
        None => Err(not_found(&ty, &old)),
        Some(_) if org.contains(&ty, &new) => Err(duplicate(&ty, &new)),
        Some(_) if new.trim().is_empty() => Err(error(
            StatusCode::RequiredFieldMissing,
            "Required field is missing: newFullName".to_owned(),
            &[],
        )),
        Some(c) => mdxml::with_full_name(&c.value, &new)
            .map_err(|e| error(StatusCode::UnknownException, e, &[]))
            .map(|v| org.rename(&ty, &old, &new, v)),
    };
    let result = match res {
        Ok(_) => SaveResult {
            full_name: new,
            success: true,
            errors: Vec::new(),
        },
        Err(e) => SaveResult {
            full_name: new,
            success: false,
            errors: vec![e],
        },
    };
    Ok(RenameMetadataResponse { result })
}

/// listMetadata takes up to three queries (documented). The fault code Salesforce uses for
/// more is not documented; this one is the code of the other per-call limits.
pub(crate) fn list(state: &State, r: ListMetadata) -> Result<ListMetadataResponse, SoapFault> {
    if r.queries.len() > 3 {
        return Err(SoapFault::sf(
            "EXCEEDED_ID_LIMIT",
            "cannot submit more than 3 ListMetadataQuery queries in one listMetadata call",
        ));
    }
    let org = lock(&state.org);
    let mut result = Vec::new();
    for q in &r.queries {
        let folder = q.folder.as_deref().filter(|f| !f.is_empty());
        for (name, c) in org.of_type(&q.r#type) {
            let in_folder = name.split_once('/').map(|(f, _)| f);
            if folder.is_some() && in_folder != folder {
                continue;
            }
            result.push(file_properties(state, &q.r#type, name, c));
        }
        for (name, _, parent) in org.nested(&q.r#type) {
            result.push(file_properties(state, &q.r#type, &name, parent));
        }
    }
    Ok(ListMetadataResponse { result })
}

/// Child types live in their parent's file: `Invoice__c.Amount__c` in
/// `objects/Invoice__c.object`.
fn child_file(ty: &str, name: &str) -> Option<String> {
    let parent = types::TYPES.iter().find(|t| t.children.contains(&ty))?;
    let (owner, _) = name.split_once('.')?;
    Some(types::xml_path(parent, owner))
}

/// What listMetadata and retrieve report about a component.
pub(crate) fn file_properties(
    state: &State,
    ty: &str,
    name: &str,
    c: &Component,
) -> FileProperties {
    let file_name = types::by_name(ty)
        .map(|i| types::body_path(i, name).unwrap_or_else(|| types::xml_path(i, name)))
        .or_else(|| child_file(ty, name))
        .unwrap_or_else(|| format!("{ty}/{name}"));
    FileProperties {
        created_by_id: state.config.user_id.clone(),
        created_by_name: "Local Admin".to_owned(),
        created_date: c.created.parse().unwrap_or_else(|_| now_datetime()),
        file_name,
        full_name: name.to_owned(),
        id: c.id.clone(),
        last_modified_by_id: state.config.user_id.clone(),
        last_modified_by_name: "Local Admin".to_owned(),
        last_modified_date: c.modified.parse().unwrap_or_else(|_| now_datetime()),
        manageable_state: Some(ManageableState::Unmanaged),
        namespace_prefix: None,
        r#type: ty.to_owned(),
    }
}

pub(crate) fn describe(_r: DescribeMetadata) -> DescribeMetadataResponse {
    let metadata_objects = types::TYPES
        .iter()
        .map(|t| DescribeMetadataObject {
            child_xml_names: t.children.iter().map(|c| (*c).to_owned()).collect(),
            directory_name: t.directory.to_owned(),
            in_folder: t.in_folder,
            meta_file: t.meta_file,
            suffix: t.suffix.map(str::to_owned),
            xml_name: t.xml_name.to_owned(),
        })
        .collect();
    DescribeMetadataResponse {
        result: DescribeMetadataResult {
            metadata_objects,
            organization_namespace: String::new(),
            partial_save_allowed: true,
            test_required: false,
        },
    }
}

/// describeValueType: known types are described as creatable, with no field list (the stubs
/// hold the fields; this server does not repeat them).
pub(crate) fn describe_value_type(
    r: DescribeValueType,
) -> Result<DescribeValueTypeResponse, SoapFault> {
    let local = r.r#type.rsplit(['}', ':']).next().unwrap_or_default();
    let known = metadata::TYPE_NAMES
        .iter()
        .any(|(ns, l)| *ns == metadata::NS && *l == local);
    if !known {
        return Err(SoapFault::sf(
            "INVALID_TYPE",
            &format!("Unknown type: {}", r.r#type),
        ));
    }
    Ok(DescribeValueTypeResponse {
        result: DescribeValueTypeResult {
            api_creatable: true,
            api_deletable: true,
            api_readable: true,
            api_updatable: true,
            parent_field: None,
            value_type_fields: Vec::new(),
        },
    })
}
