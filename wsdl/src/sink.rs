//! What parsing accumulates across files: the model being built, the references to check
//! at the end, and the import / include directives still to follow.

use std::collections::BTreeMap;

use roxmltree::Node;

use crate::error::{Error, RefKind, Unresolved};
use crate::model::{Definitions, Location, QName, Warning};
use crate::xml::{self, Resolved, Src};

/// A reference seen while parsing, checked once everything is loaded.
#[derive(Debug)]
pub(crate) struct PendingRef {
    pub kind: RefKind,
    pub name: QName,
    /// As written in the file, for the error message.
    pub written: String,
    pub at: Location,
}

/// Why another file is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DirectiveKind {
    /// `wsdl:import`: a WSDL or a schema.
    WsdlImport,
    /// `xsd:import`: a schema of another namespace.
    SchemaImport,
    /// `xsd:include`: a schema of the same namespace (or none: chameleon).
    SchemaInclude,
}

/// An import or include met in a file.
#[derive(Debug)]
pub(crate) struct Directive {
    pub kind: DirectiveKind,
    /// The `location` / `schemaLocation` value as written.
    pub location: String,
    /// The importer's target namespace (what a chameleon include takes on).
    pub includer_ns: String,
    /// The `namespace` of an import.
    pub namespace: Option<String>,
    pub at: Location,
}

#[derive(Debug, Default)]
pub(crate) struct Sink {
    pub defs: Definitions,
    pub refs: Vec<PendingRef>,
    pub unresolved: Vec<Unresolved>,
    pub directives: Vec<Directive>,
    /// Imports that named a URL that was not fetched.
    pub unfetched: Vec<Directive>,
}

impl Sink {
    pub fn warn(&mut self, at: Location, message: impl Into<String>) {
        self.defs.warnings.push(Warning {
            at,
            message: message.into(),
        });
    }

    /// Reads the QName-valued attribute `attr_name` of `node` and records it as a
    /// reference of `kind` to check later. `chameleon_ns` replaces "no namespace" in a
    /// schema included without a target namespace. An undeclared prefix is recorded as
    /// unresolved and yields a name in no namespace (the load fails anyway).
    pub fn reference(
        &mut self,
        src: &Src<'_>,
        node: Node<'_, '_>,
        attr_name: &str,
        kind: RefKind,
        chameleon_ns: Option<&str>,
    ) -> Result<Option<QName>, Error> {
        let Some(value) = xml::attr(node, attr_name) else {
            return Ok(None);
        };
        self.reference_value(src, node, attr_name, value, kind, chameleon_ns)
            .map(Some)
    }

    /// Like [`Sink::reference`] for a value taken from elsewhere (a list item).
    pub fn reference_value(
        &mut self,
        src: &Src<'_>,
        node: Node<'_, '_>,
        attr_name: &str,
        value: &str,
        kind: RefKind,
        chameleon_ns: Option<&str>,
    ) -> Result<QName, Error> {
        let at = src.at(node);
        match xml::resolve_qname(src, node, attr_name, value)? {
            Resolved::Name(mut name) => {
                if let (Some(ns), true) = (chameleon_ns, name.ns.is_empty()) {
                    name.ns = ns.to_string();
                }
                let written = value.to_string();
                self.refs.push(PendingRef {
                    kind,
                    name: name.clone(),
                    written,
                    at,
                });
                Ok(name)
            }
            Resolved::UndeclaredPrefix => {
                let name = value.to_string();
                self.unresolved.push(Unresolved {
                    kind: RefKind::Prefix,
                    name,
                    owner: None,
                    at,
                });
                let local = value.rsplit(':').next().unwrap_or(value);
                Ok(QName::new("", local))
            }
        }
    }
}

/// Inserts a named component, refusing a second one under the same name.
pub(crate) fn insert_unique<T>(
    map: &mut BTreeMap<QName, T>,
    name: QName,
    value: T,
    kind: &'static str,
    at_of: impl Fn(&T) -> &Location,
) -> Result<(), Error> {
    if let Some(first) = map.get(&name) {
        return Err(Error::DuplicateDefinition {
            at: at_of(&value).clone(),
            kind,
            name: name.to_string(),
            first: at_of(first).clone(),
        });
    }
    map.insert(name, value);
    Ok(())
}
