//! [`AnyAttribute`]: an attribute an `xsd:anyAttribute` wildcard admits, kept as read and
//! written back. Reading fills a type's wildcard slot with every attribute its table does
//! not declare (namespace declarations and `xsi:*` excepted); writing puts them back on the
//! start tag, declaring their namespaces as needed.

use super::error::{EncodeError, EncodeErrorKind, WriteResult};
use super::writer::Writer;

/// One attribute kept by an `xsd:anyAttribute` wildcard.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AnyAttribute {
    /// Namespace URI (`""` for an unqualified attribute).
    pub ns: String,
    /// Local name.
    pub name: String,
    /// The prefix it was written with (`""` when unqualified); reused when free on writing,
    /// so QName-valued attributes keep meaning what they meant.
    pub prefix: String,
    /// The value, unescaped and normalised as XML attribute values are.
    pub value: String,
}

impl AnyAttribute {
    /// An attribute `{ns}name="value"`; its prefix is chosen when written.
    pub fn new(ns: impl Into<String>, name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            ns: ns.into(),
            name: name.into(),
            prefix: String::new(),
            value: value.into(),
        }
    }
}

impl Writer {
    /// Writes wildcard attributes on the open start tag (inside `Complex::write_attrs`).
    pub fn any_attrs(&mut self, attrs: &[AnyAttribute]) -> WriteResult {
        for a in attrs {
            if !is_ncname(&a.name) {
                return Err(EncodeError::new(EncodeErrorKind::InvalidName(
                    a.name.clone(),
                )));
            }
            let prefix = if a.ns.is_empty() {
                "".into()
            } else {
                self.prefix_for_preferred(&a.ns, &a.prefix)
            };
            self.raw_attr(&prefix, &a.name, &a.value)
                .map_err(|e| e.within(&format!("@{}", a.name)))?;
        }
        Ok(())
    }
}

/// A name usable as an attribute's local part (no prefix, no markup, not `xmlns`).
fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    let first_ok = chars.next().is_some_and(|c| c == '_' || c.is_alphabetic());
    first_ok
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '\u{B7}'))
        && s != "xmlns"
}
