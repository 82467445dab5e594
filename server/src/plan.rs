//! Turning a deploy zip into a plan: which components it creates, changes and deletes, and
//! the DeployMessages Salesforce would report for each file. Nothing is written here.

use std::collections::BTreeMap;

use metadata::{AnyMetadata, DeployMessage, DeployProblemType};

use crate::ids::now_datetime;
use crate::mdxml;
use crate::org::Org;
use crate::types::{self, FileRole, TypeInfo};
use crate::zipio::{Manifest, read_zip};

/// One write the deploy makes when it succeeds.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    Put {
        ty: String,
        name: String,
        value: Box<AnyMetadata>,
        files: Vec<(String, Vec<u8>)>,
    },
    Remove {
        ty: String,
        name: String,
    },
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    pub items: Vec<Item>,
    pub successes: Vec<DeployMessage>,
    pub failures: Vec<DeployMessage>,
    /// Components named (package.xml not counted).
    pub total: i32,
    /// Why the whole zip was refused (unreadable, no package.xml).
    pub fatal: Option<String>,
}

/// The files of one component, as found in the zip.
#[derive(Debug, Default)]
struct Group {
    xml: Option<(String, Vec<u8>)>,
    bodies: Vec<(String, Vec<u8>)>,
    all: Vec<(String, Vec<u8>)>,
}

fn message(prefix: &str, path: &str, name: &str, ty: &str) -> DeployMessage {
    DeployMessage {
        file_name: format!("{prefix}{path}"),
        full_name: name.to_owned(),
        component_type: Some(ty.to_owned()),
        created_date: now_datetime(),
        ..DeployMessage::default()
    }
}

fn failure(prefix: &str, path: &str, name: &str, ty: &str, problem: String) -> DeployMessage {
    DeployMessage {
        problem: Some(problem),
        problem_type: Some(DeployProblemType::Error),
        success: false,
        ..message(prefix, path, name, ty)
    }
}

impl Plan {
    fn fatal(why: String) -> Self {
        let f = failure("", "", "", "", why.clone());
        Self {
            failures: vec![f],
            fatal: Some(why),
            ..Self::default()
        }
    }
}

/// The type name a folder's own `-meta.xml` has (`ReportFolder`, `EmailFolder`...).
fn folder_type(info: &TypeInfo) -> String {
    match info.xml_name {
        "EmailTemplate" => "EmailFolder".to_owned(),
        other => format!("{other}Folder"),
    }
}

/// Reads the zip and plans every component it names.
pub(crate) fn plan(org: &Org, zip: &[u8]) -> Plan {
    let files = match read_zip(zip) {
        Ok(f) => f,
        Err(e) => return Plan::fatal(format!("Unable to read the zip file: {e}")),
    };
    let Some(prefix) = package_root(&files) else {
        return Plan::fatal("No package.xml found".to_owned());
    };
    let rel: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .filter_map(|(p, d)| p.strip_prefix(&prefix).map(|r| (r.to_owned(), d)))
        .collect();
    let file = |name: &str| {
        rel.iter()
            .find(|(p, _)| p == name)
            .map(|(_, d)| d.as_slice())
    };
    let manifest = match Manifest::parse(file("package.xml").unwrap_or_default()) {
        Ok(m) => m,
        Err(e) => {
            let mut p = Plan::fatal(e.clone());
            p.failures = vec![failure(&prefix, "package.xml", "package.xml", "", e)];
            return p;
        }
    };
    let groups = group(&rel);
    let mut plan = Plan::default();
    for (ty, members) in &manifest.types {
        for m in members {
            plan_member(org, &groups, &prefix, ty, m, &mut plan);
        }
    }
    for special in [
        "destructiveChangesPre.xml",
        "destructiveChanges.xml",
        "destructiveChangesPost.xml",
    ] {
        if let Some(xml) = file(special) {
            plan_deletes(org, &prefix, special, xml, &mut plan);
        }
    }
    let mut pkg = message(&prefix, "package.xml", "package.xml", "");
    pkg.success = true;
    pkg.changed = true;
    plan.successes.insert(0, pkg);
    plan
}

/// `""` when package.xml is at the root, `"dir/"` when it is one level down.
fn package_root(files: &[(String, Vec<u8>)]) -> Option<String> {
    if files.iter().any(|(p, _)| p == "package.xml") {
        return Some(String::new());
    }
    files
        .iter()
        .filter_map(|(p, _)| p.strip_suffix("/package.xml"))
        .find(|dir| !dir.contains('/'))
        .map(|dir| format!("{dir}/"))
}

/// Files by (type, fullName); folders' own meta files under their folder type.
fn group(rel: &[(String, Vec<u8>)]) -> BTreeMap<(String, String), Group> {
    let mut groups: BTreeMap<(String, String), Group> = BTreeMap::new();
    for (path, data) in rel {
        let Some((info, name, role)) = types::classify(path) else {
            continue;
        };
        let is_folder = info.in_folder && !name.contains('/') && path.ends_with("-meta.xml");
        let ty = if is_folder {
            folder_type(info)
        } else {
            info.xml_name.to_owned()
        };
        let g = groups.entry((ty, name)).or_default();
        g.all.push((path.clone(), data.clone()));
        match role {
            FileRole::Xml if g.xml.is_none() => g.xml = Some((path.clone(), data.clone())),
            _ => g.bodies.push((path.clone(), data.clone())),
        }
    }
    groups
}

fn plan_member(
    org: &Org,
    groups: &BTreeMap<(String, String), Group>,
    prefix: &str,
    ty: &str,
    m: &str,
    plan: &mut Plan,
) {
    let Some(info) = types::by_name(ty) else {
        plan.total += 1;
        let why = format!(
            "Unknown type name '{ty}' specified in package.xml (or its file layout is not known to this server)"
        );
        plan.failures
            .push(failure(prefix, "package.xml", m, ty, why));
        return;
    };
    let names: Vec<(String, String)> = if m == "*" {
        groups.keys().filter(|(t, _)| t == ty).cloned().collect()
    } else if info.in_folder && !m.contains('/') {
        vec![(folder_type(info), m.to_owned())]
    } else {
        vec![(ty.to_owned(), m.to_owned())]
    };
    for key in names {
        plan.total += 1;
        match groups.get(&key) {
            Some(g) => plan_component(org, info, prefix, &key.0, &key.1, g, plan),
            None => {
                let why = format!(
                    "An object '{m}' of type {ty} was named in package.xml, but was not found in zipped directory"
                );
                plan.failures
                    .push(failure(prefix, "package.xml", m, ty, why));
            }
        }
    }
}

fn plan_component(
    org: &Org,
    info: &TypeInfo,
    prefix: &str,
    ty: &str,
    name: &str,
    g: &Group,
    plan: &mut Plan,
) {
    let shown = g
        .bodies
        .first()
        .or(g.xml.as_ref())
        .map(|(p, _)| p.clone())
        .unwrap_or_default();
    let Some((xml_path, xml)) = &g.xml else {
        let why = format!("Could not find the metadata file (-meta.xml) for {shown}");
        plan.failures.push(failure(prefix, &shown, name, ty, why));
        return;
    };
    let is_folder = ty != info.xml_name;
    let body = if info.meta_file && !is_folder && info.suffix.is_some() {
        match g.bodies.first() {
            Some((_, b)) => Some(b.as_slice()),
            None => {
                let why = format!("Could not find the body file for {xml_path}");
                plan.failures.push(failure(prefix, xml_path, name, ty, why));
                return;
            }
        }
    } else if info.meta_file && !is_folder {
        g.bodies.first().map(|(_, b)| b.as_slice())
    } else {
        None
    };
    match mdxml::from_file(ty, name, xml, body) {
        Ok(value) => {
            let exists = org.get(ty, name);
            let mut ok = message(prefix, &shown, name, ty);
            ok.success = true;
            ok.created = exists.is_none();
            ok.changed = exists.is_some();
            ok.id = exists.map(|c| c.id.clone());
            plan.successes.push(ok);
            let (ty, name, files) = (ty.to_owned(), name.to_owned(), g.all.clone());
            let value = Box::new(value);
            plan.items.push(Item::Put {
                ty,
                name,
                value,
                files,
            });
        }
        Err(e) => plan.failures.push(failure(
            prefix,
            xml_path,
            name,
            ty,
            format!("Error parsing file: {e}"),
        )),
    }
}

fn plan_deletes(org: &Org, prefix: &str, file: &str, xml: &[u8], plan: &mut Plan) {
    let manifest = match Manifest::parse(xml) {
        Ok(m) => m,
        Err(e) => {
            plan.failures.push(failure(prefix, file, file, "", e));
            return;
        }
    };
    for (ty, members) in &manifest.types {
        for m in members {
            plan.total += 1;
            let mut msg = message(prefix, file, m, ty);
            msg.success = true;
            match org.get(ty, m) {
                Some(c) => {
                    msg.deleted = true;
                    msg.id = Some(c.id.clone());
                    plan.items.push(Item::Remove {
                        ty: ty.clone(),
                        name: m.clone(),
                    });
                }
                None => {
                    msg.problem = Some(format!("No {ty} named: {m} found"));
                    msg.problem_type = Some(DeployProblemType::Warning);
                }
            }
            plan.successes.push(msg);
        }
    }
}
