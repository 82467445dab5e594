//! [`AnyAttribute`]: an attribute an `xsd:anyAttribute` wildcard admits, kept as read and
//! written back. Reading fills a type's wildcard slot with every attribute its table does
//! not declare (namespace declarations and `xsi:*` excepted); writing puts them back on the
//! start tag, declaring their namespaces as needed.

use super::error::{EncodeError, EncodeErrorKind, WriteResult};
use super::writer::Writer;

/// The namespace of `xmlns` declarations, which no attribute may be written in.
const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

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
            // Namespace declarations are the writer's business, never data.
            if !is_ncname(&a.name) || a.ns == XMLNS_NS {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn written(attrs: &[AnyAttribute]) -> Result<String, EncodeError> {
        let mut w = Writer::new();
        w.start_element("urn:e", "e")?;
        w.any_attrs(attrs)?;
        w.end_element();
        Ok(String::from_utf8(w.into_bytes()).expect("utf-8"))
    }

    #[test]
    fn prefixes_are_reused_when_free_and_values_escaped() {
        let kept = AnyAttribute {
            prefix: "x".into(),
            ..AnyAttribute::new("urn:x", "ref", "x:a<\"b\"")
        };
        let plain = AnyAttribute::new("", "plain", "p");
        let lang = AnyAttribute::new("http://www.w3.org/XML/1998/namespace", "lang", "en");
        let text = written(&[kept, plain, lang]).expect("writes");
        assert!(text.contains(r#"xmlns:x="urn:x""#), "{text}");
        assert!(text.contains(r#"x:ref="x:a&lt;&quot;b&quot;""#), "{text}");
        assert!(text.contains(r#" plain="p""#), "{text}");
        assert!(
            text.contains(r#" xml:lang="en""#) && !text.contains("xmlns:xml"),
            "{text}"
        );
    }

    #[test]
    fn a_taken_prefix_is_not_rebound() {
        // `e` would clash with a prefix bound to another namespace: another is chosen.
        let mut w = Writer::new();
        w.start_prefixed("e", "urn:e", "root").expect("start");
        let a = AnyAttribute {
            prefix: "e".into(),
            ..AnyAttribute::new("urn:other", "a", "1")
        };
        w.any_attrs(&[a]).expect("writes");
        w.end_element();
        let text = String::from_utf8(w.into_bytes()).expect("utf-8");
        assert!(!text.contains(r#"e:a="1""#), "{text}");
        assert!(text.contains(r#"="urn:other""#), "{text}");
    }

    #[test]
    fn bad_names_are_errors() {
        for name in ["", "a b", "xmlns", "p:q", "1a"] {
            let e = written(&[AnyAttribute::new("", name, "v")]).expect_err(name);
            assert!(
                matches!(e.kind(), EncodeErrorKind::InvalidName(_)),
                "{name}"
            );
        }
        let decl = AnyAttribute::new(XMLNS_NS, "p", "urn:p");
        assert!(written(&[decl]).is_err());
    }
}
