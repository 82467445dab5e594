//! The one error type of the crate. Every variant says where (file:line:col) and what.

use std::fmt;
use std::path::PathBuf;

use crate::model::Location;

/// Why a WSDL could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file is not well-formed XML (or carries a DTD, which is refused).
    #[error("{at}: not well-formed XML: {message}")]
    NotXml { at: Location, message: String },

    /// A file could not be read. `at` is the element that imported it (`None` for the
    /// main file).
    #[error("{}cannot read {}: {source}", prefix(at), path.display())]
    Io {
        at: Option<Location>,
        path: PathBuf,
        source: std::io::Error,
    },

    /// The root element is neither `wsdl:definitions` nor `xsd:schema`, or an imported /
    /// included file is not what its importer needs.
    #[error("{at}: expected {expected}, found root element {found}")]
    NotWsdl {
        at: Location,
        expected: &'static str,
        found: String,
    },

    /// A construct this crate does not handle (WSDL 2.0, `xsd:redefine`...).
    #[error("{at}: unsupported: {construct}")]
    Unsupported { at: Location, construct: String },

    /// Every reference that names nothing, collected over all files.
    #[error("{}", UnresolvedList(.0))]
    Unresolved(Vec<Unresolved>),

    /// Two components of the same kind with the same qualified name.
    #[error("{at}: duplicate {kind} {name} (first defined at {first})")]
    DuplicateDefinition {
        at: Location,
        kind: &'static str,
        name: String,
        first: Location,
    },

    /// An attribute or element whose value or shape is wrong (`maxOccurs="x"`,
    /// `minOccurs` > `maxOccurs`, a required attribute missing...).
    #[error("{at}: invalid {name}: {reason}")]
    Invalid {
        at: Location,
        name: String,
        reason: String,
    },

    /// `xsd:include` chains that loop back to a file already on the chain.
    #[error("{at}: include cycle: {}", chain_text(chain))]
    IncludeCycle { at: Location, chain: Vec<PathBuf> },
}

fn prefix(at: &Option<Location>) -> String {
    at.as_ref().map(|a| format!("{a}: ")).unwrap_or_default()
}

fn chain_text(chain: &[PathBuf]) -> String {
    let names: Vec<String> = chain.iter().map(|p| p.display().to_string()).collect();
    names.join(" -> ")
}

/// The kind of component a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RefKind {
    Type,
    Element,
    Attribute,
    Group,
    AttributeGroup,
    Message,
    PortType,
    Binding,
    /// A message part named by `soap:header part=` or `soap:body parts=`.
    Part,
    /// A binding operation whose name the binding's portType lacks.
    Operation,
    /// A `prefix:name` whose prefix no `xmlns:prefix` declares.
    Prefix,
}

impl RefKind {
    /// The word used in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Type => "type",
            RefKind::Element => "element",
            RefKind::Attribute => "attribute",
            RefKind::Group => "group",
            RefKind::AttributeGroup => "attributeGroup",
            RefKind::Message => "message",
            RefKind::PortType => "portType",
            RefKind::Binding => "binding",
            RefKind::Part => "part",
            RefKind::Operation => "operation",
            RefKind::Prefix => "namespace prefix",
        }
    }
}

impl fmt::Display for RefKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One reference that names nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub kind: RefKind,
    /// The name as written in the file (`tns:Foo`).
    pub name: String,
    /// Where the name is looked up, when that helps: the message of a part, the portType
    /// of an operation.
    pub owner: Option<String>,
    pub at: Location,
}

impl fmt::Display for Unresolved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            RefKind::Prefix => write!(
                f,
                "{}: undeclared namespace prefix in {}",
                self.at, self.name
            )?,
            kind => write!(f, "{}: unresolved {kind} reference {}", self.at, self.name)?,
        }
        match (&self.owner, self.kind) {
            (Some(owner), RefKind::Part) => write!(f, " in message {owner}"),
            (Some(owner), RefKind::Operation) => write!(f, " in portType {owner}"),
            (Some(owner), _) => write!(f, " ({owner})"),
            (None, _) => Ok(()),
        }
    }
}

struct UnresolvedList<'a>(&'a [Unresolved]);

impl fmt::Display for UnresolvedList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            [one] => write!(f, "{one}"),
            many => {
                write!(f, "{} unresolved references:", many.len())?;
                for u in many {
                    write!(f, "\n  {u}")?;
                }
                Ok(())
            }
        }
    }
}

impl Error {
    /// Where the error is, when it has one place (the first one for `Unresolved`).
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::NotXml { at, .. }
            | Error::NotWsdl { at, .. }
            | Error::Unsupported { at, .. }
            | Error::DuplicateDefinition { at, .. }
            | Error::Invalid { at, .. }
            | Error::IncludeCycle { at, .. } => Some(at),
            Error::Io { at, .. } => at.as_ref(),
            Error::Unresolved(list) => list.first().map(|u| &u.at),
        }
    }

    pub(crate) fn invalid(at: Location, name: &str, reason: impl Into<String>) -> Error {
        Error::Invalid {
            at,
            name: name.to_string(),
            reason: reason.into(),
        }
    }

    pub(crate) fn unsupported(at: Location, construct: impl Into<String>) -> Error {
        Error::Unsupported {
            at,
            construct: construct.into(),
        }
    }
}
