//! Names: the static names of generated code, and names resolved from a document.

use std::borrow::Cow;
use std::fmt;
use std::rc::Rc;

/// The XML Schema instance namespace (`xsi:type`, `xsi:nil`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// The XML Schema namespace (built-in types such as `xsd:string`).
pub const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";
/// The namespace bound to the reserved `xml` prefix.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// An expanded name known at compile time: namespace URI (empty: no namespace) and local part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name {
    /// Namespace URI, `""` for unqualified names.
    pub ns: &'static str,
    /// Local part.
    pub local: &'static str,
}

impl Name {
    /// `{ns}local`.
    pub const fn new(ns: &'static str, local: &'static str) -> Self {
        Self { ns, local }
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{{}}}{}", self.ns, self.local)
    }
}

/// A qualified name read from a document (an element name or an `xsi:type` value), resolved
/// through the namespaces in scope where it occurred. The lexical form borrows from the
/// document; the namespace URI is shared with the reader's namespace stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QName<'a> {
    ns: Rc<str>,
    lexical: Cow<'a, str>,
}

impl<'a> QName<'a> {
    /// A resolved name: namespace URI and the lexical `prefix:local` (or `local`) form.
    pub fn new(ns: Rc<str>, lexical: Cow<'a, str>) -> Self {
        Self { ns, lexical }
    }
    /// The namespace URI (`""` when none).
    pub fn ns(&self) -> &str {
        &self.ns
    }
    /// The local part.
    pub fn local(&self) -> &str {
        split_qname(&self.lexical).1
    }
    /// The prefix as written (`""` when none).
    pub fn prefix(&self) -> &str {
        split_qname(&self.lexical).0
    }
    /// The name as written, `prefix:local`.
    pub fn lexical(&self) -> &str {
        &self.lexical
    }
    /// An owned copy.
    pub fn into_owned(self) -> QName<'static> {
        QName {
            ns: self.ns,
            lexical: Cow::Owned(self.lexical.into_owned()),
        }
    }
}

impl fmt::Display for QName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{{}}}{}", self.ns, self.local())
    }
}

/// Splits `p:local` into (`p`, `local`); no colon gives (`""`, name).
pub fn split_qname(name: &str) -> (&str, &str) {
    match name.find(':') {
        Some(i) => (&name[..i], &name[i + 1..]),
        None => ("", name),
    }
}

/// A value of a `nillable="true"` element: `xsi:nil="true"` or a value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Nillable<T> {
    /// The element was present with `xsi:nil="true"`.
    #[default]
    Nil,
    /// The element carried a value.
    Value(T),
}

impl<T> Nillable<T> {
    /// The value, unless nil.
    pub fn value(&self) -> Option<&T> {
        match self {
            Self::Nil => None,
            Self::Value(v) => Some(v),
        }
    }
    /// Converts into an `Option` (nil becomes `None`).
    pub fn into_option(self) -> Option<T> {
        match self {
            Self::Nil => None,
            Self::Value(v) => Some(v),
        }
    }
    /// True when nil.
    pub fn is_nil(&self) -> bool {
        matches!(self, Self::Nil)
    }
}

impl<T> From<T> for Nillable<T> {
    fn from(v: T) -> Self {
        Self::Value(v)
    }
}
