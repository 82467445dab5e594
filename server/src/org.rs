//! The in-memory org: components keyed by (type, fullName), each a typed value plus the
//! exact files it was deployed from, and the asynchronous jobs.

use std::collections::BTreeMap;

use metadata::AnyMetadata;

use crate::deploy::Jobs;
use crate::ids::{key_prefix, now_iso, record_id};
use crate::{mdxml, types};

/// One component of the org.
#[derive(Debug, Clone)]
pub(crate) struct Component {
    pub value: AnyMetadata,
    pub id: String,
    pub created: String,
    pub modified: String,
    /// The files (path relative to the package root, exact bytes) it was last deployed
    /// from; empty when it was last written through the CRUD calls.
    pub files: Vec<(String, Vec<u8>)>,
}

/// (type, fullName).
pub(crate) type Key = (String, String);

#[derive(Debug, Default)]
pub(crate) struct Org {
    comps: BTreeMap<Key, Component>,
    next_id: u64,
    pub jobs: Jobs,
    /// The zip of the most recent deploy() call, byte for byte.
    pub last_deploy_zip: Option<Vec<u8>>,
}

impl Org {
    pub fn get(&self, ty: &str, name: &str) -> Option<&Component> {
        self.comps.get(&(ty.to_owned(), name.to_owned()))
    }

    pub fn contains(&self, ty: &str, name: &str) -> bool {
        self.get(ty, name).is_some()
    }

    pub fn next_id(&mut self, ty: &str) -> String {
        self.next_id += 1;
        record_id(key_prefix(ty), self.next_id)
    }

    /// Creates or replaces a component; keeps id and created date of one it replaces.
    /// Returns true when it was created.
    pub fn put(
        &mut self,
        ty: &str,
        name: &str,
        value: AnyMetadata,
        files: Vec<(String, Vec<u8>)>,
    ) -> bool {
        let now = now_iso();
        let key = (ty.to_owned(), name.to_owned());
        if let Some(c) = self.comps.get_mut(&key) {
            c.value = value;
            c.modified = now;
            c.files = files;
            return false;
        }
        let id = self.next_id(ty);
        self.comps.insert(
            key,
            Component {
                value,
                id,
                created: now.clone(),
                modified: now,
                files,
            },
        );
        true
    }

    pub fn remove(&mut self, ty: &str, name: &str) -> Option<Component> {
        self.comps.remove(&(ty.to_owned(), name.to_owned()))
    }

    /// Moves a component to a new name (its value is renamed by the caller).
    pub fn rename(&mut self, ty: &str, old: &str, new: &str, value: AnyMetadata) -> bool {
        let Some(mut c) = self.remove(ty, old) else {
            return false;
        };
        c.value = value;
        c.modified = now_iso();
        c.files.clear();
        self.comps.insert((ty.to_owned(), new.to_owned()), c);
        true
    }

    /// Components of one type, by name.
    pub fn of_type<'a>(
        &'a self,
        ty: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a Component)> + 'a {
        self.comps
            .iter()
            .filter(move |((t, _), _)| t == ty)
            .map(|((_, n), c)| (n.as_str(), c))
    }

    /// Components that live inside another's file and are listed and read on their own, as
    /// Salesforce does: the fields of objects, as `CustomField`s named `Object.Field`. Each
    /// comes with the object's component (for ids and dates). Stored components of the same
    /// name win.
    pub fn nested<'a>(&'a self, ty: &str) -> Vec<(String, AnyMetadata, &'a Component)> {
        if ty != "CustomField" {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (obj, c) in self.of_type("CustomObject") {
            let AnyMetadata::CustomObject(o) = &c.value else {
                continue;
            };
            for f in &o.fields {
                let Some(field) = f.full_name.as_deref() else {
                    continue;
                };
                let name = format!("{obj}.{field}");
                if self.contains(ty, &name) {
                    continue;
                }
                let value = metadata::CustomField {
                    full_name: Some(name.clone()),
                    ..f.clone()
                };
                out.push((name, AnyMetadata::CustomField(Box::new(value)), c));
            }
        }
        out
    }

    /// A stored component's value, or a nested one's.
    pub fn value(&self, ty: &str, name: &str) -> Option<AnyMetadata> {
        if let Some(c) = self.get(ty, name) {
            return Some(c.value.clone());
        }
        self.nested(ty)
            .into_iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, v, _)| v)
    }

    pub fn len(&self) -> usize {
        self.comps.len()
    }

    pub fn keys(&self) -> impl Iterator<Item = &Key> {
        self.comps.keys()
    }

    /// The files a retrieve returns for a component: the deployed ones byte for byte, or
    /// ones written from its typed value.
    pub fn files_of(&self, ty: &str, name: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
        let c = self
            .get(ty, name)
            .ok_or_else(|| format!("no {ty} named {name}"))?;
        if !c.files.is_empty() {
            return Ok(c.files.clone());
        }
        let info = types::by_name(ty)
            .ok_or_else(|| format!("the file layout of {ty} is not known to this server"))?;
        let (xml, body) = mdxml::to_file(&c.value, info.meta_file)?;
        let mut out = vec![(types::xml_path(info, name), xml)];
        if let (Some(body), Some(path)) = (body, types::body_path(info, name)) {
            out.push((path, body));
        }
        Ok(out)
    }
}
