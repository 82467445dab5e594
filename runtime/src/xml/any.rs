//! [`AnyValue`]: the element content of `xsd:anyType`, `xsd:any` and unknown `xsi:type`s,
//! kept losslessly as raw XML plus what is needed to write it back anywhere.

use std::borrow::Cow;

use super::error::{EncodeError, EncodeErrorKind, Result, WriteResult};
use super::name::{Name, XSD_NS, split_qname};
use super::reader::{Reader, Start, predefined_entity};
use super::traits::XmlValue;
use super::writer::{Writer, escape_into};

/// A resolved type name with the lexical form it was written with.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TypeRef {
    /// Namespace URI.
    pub ns: String,
    /// Local part.
    pub local: String,
    /// `prefix:local` as written (its prefix is among the value's bindings).
    pub lexical: String,
}

/// Any element content, kept as raw XML.
///
/// Holds the `xsi:type` (resolved and lexical), the other attributes, the inner XML
/// exactly as written, and the namespace bindings that the captured XML uses from outside
/// itself, so it can be written back under any envelope and reads back equal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AnyValue {
    /// The element's own name; kept only for `xsd:any` wildcard content.
    pub(crate) name: Option<(String, String)>,
    pub(crate) xsi_type: Option<TypeRef>,
    /// Attributes other than namespace declarations and `xsi:type`: (name as written, value).
    pub(crate) attrs: Vec<(String, String)>,
    pub(crate) inner: String,
    /// (prefix, URI) used by the captured XML, sorted by prefix; prefix `""` is the default.
    pub(crate) bindings: Vec<(String, String)>,
}

impl AnyValue {
    /// A value with `xsi:type="xsd:{xsd_type}"` and the given text (escaped here), e.g.
    /// `AnyValue::xsd("int", "42")`.
    pub fn xsd(xsd_type: &str, text: &str) -> std::result::Result<Self, EncodeError> {
        let mut inner = Vec::with_capacity(text.len());
        escape_into(&mut inner, text, false)?;
        Ok(Self {
            name: None,
            xsi_type: Some(TypeRef {
                ns: XSD_NS.to_owned(),
                local: xsd_type.to_owned(),
                lexical: format!("xsd:{xsd_type}"),
            }),
            attrs: Vec::new(),
            inner: String::from_utf8(inner).unwrap_or_default(),
            bindings: vec![("xsd".to_owned(), XSD_NS.to_owned())],
        })
    }

    /// `xsi:type="xsd:string"` with text `s`. Characters XML cannot carry are an error.
    pub fn string(s: &str) -> std::result::Result<Self, EncodeError> {
        Self::xsd("string", s)
    }

    /// `xsi:type="xsd:boolean"`.
    pub fn boolean(v: bool) -> Self {
        Self::xsd("boolean", if v { "true" } else { "false" }).unwrap_or_default()
    }

    /// `xsi:type="xsd:long"`.
    pub fn long(v: i64) -> Self {
        Self::xsd("long", &v.to_string()).unwrap_or_default()
    }

    /// `xsi:type="xsd:double"`.
    pub fn double(v: f64) -> Self {
        let mut sink = super::writer::TextSink::default();
        let _ = <f64 as super::traits::Simple>::write_text(&v, &mut sink);
        Self::xsd("double", &String::from_utf8(sink.out).unwrap_or_default()).unwrap_or_default()
    }

    /// The `xsi:type`, if any: (namespace, local).
    pub fn xsi_type(&self) -> Option<(&str, &str)> {
        self.xsi_type
            .as_ref()
            .map(|t| (t.ns.as_str(), t.local.as_str()))
    }

    /// The local part of the `xsi:type` it carries, else its element's local name (`""`
    /// for neither).
    pub fn type_name(&self) -> &str {
        match (&self.xsi_type, &self.name) {
            (Some(t), _) => &t.local,
            (None, Some((_, local))) => local,
            (None, None) => "",
        }
    }

    /// The `xsi:type` with its lexical form.
    pub fn type_ref(&self) -> Option<&TypeRef> {
        self.xsi_type.as_ref()
    }

    /// The element name (namespace, local) for `xsd:any` content; `None` for `xsd:anyType`
    /// slots, where the slot names the element.
    pub fn element_name(&self) -> Option<(&str, &str)> {
        self.name.as_ref().map(|(n, l)| (n.as_str(), l.as_str()))
    }

    /// Attributes other than namespace declarations and `xsi:type`, as (name, value).
    pub fn attributes(&self) -> &[(String, String)] {
        &self.attrs
    }

    /// The inner XML exactly as it was read (or built).
    pub fn inner_xml(&self) -> &str {
        &self.inner
    }

    /// Namespace bindings (prefix, URI) the captured XML relies on; prefix `""` is the
    /// default namespace.
    pub fn bindings(&self) -> &[(String, String)] {
        &self.bindings
    }

    /// The text content, unescaped, when the value holds no child elements.
    pub fn text(&self) -> Option<String> {
        use quick_xml::events::Event;
        // quick-xml drops a byte-order mark at the very start of its input: keep them.
        let body = self.inner.trim_start_matches('\u{FEFF}');
        let mut out = "\u{FEFF}".repeat((self.inner.len() - body.len()) / 3);
        let mut r = quick_xml::Reader::from_str(body);
        loop {
            match r.read_event().ok()? {
                Event::Text(t) => out.push_str(&t.xml10_content()),
                Event::CData(c) => out.push_str(&c.xml10_content()),
                Event::GeneralRef(g) => out.push(unescape_ref(&g)?),
                Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => return Some(out),
                _ => return None,
            }
        }
    }

    /// Writes the value as element `{ns}local` (the slot's name, or its own for `xsd:any`).
    fn write_named(&self, w: &mut Writer, ns: &str, local: &str) -> WriteResult {
        let default = self
            .bindings
            .iter()
            .find(|(p, _)| p.is_empty())
            .map(|(_, u)| u.as_str());
        match default {
            // The inner XML needs a default namespace other than the element's own: the
            // element takes a prefix instead.
            Some(d) if d != ns => {
                if ns.is_empty() {
                    return Err(EncodeError::new(EncodeErrorKind::InvalidValue(
                        "AnyValue (unqualified element around default-namespaced content)",
                    )));
                }
                let p = self.free_prefix(w);
                w.start_prefixed_cow(Cow::Owned(p), Cow::Owned(ns.to_owned()), local)?;
                if w.lookup("").unwrap_or("") != d {
                    w.declare(Cow::Borrowed(""), Cow::Owned(d.to_owned()));
                }
            }
            _ => w.start_cow(Cow::Owned(ns.to_owned()), local)?,
        }
        for (p, u) in self.bindings.iter().filter(|(p, _)| !p.is_empty()) {
            if w.lookup(p) != Some(u) {
                w.declare(Cow::Owned(p.clone()), Cow::Owned(u.clone()));
            }
        }
        if let Some(t) = &self.xsi_type {
            let xsi = w.prefix_for(super::name::XSI_NS);
            w.raw_attr(&xsi, "type", &t.lexical)?;
        }
        for (k, v) in &self.attrs {
            let (p, l) = split_qname(k);
            w.raw_attr(p, l, v)?;
        }
        w.raw(&self.inner);
        w.end_element();
        Ok(())
    }

    /// A prefix for the element name that none of the captured bindings uses.
    fn free_prefix(&self, w: &Writer) -> String {
        (1..)
            .map(|i| format!("e{i}"))
            .find(|p| !self.bindings.iter().any(|(b, _)| b == p) && w.lookup(p).is_none())
            .unwrap_or_default()
    }
}

fn unescape_ref(g: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    predefined_entity(g).or_else(|| g.resolve_char_ref().ok().flatten())
}

impl XmlValue for AnyValue {
    fn read_xml(r: &mut Reader<'_>, s: &Start<'_>) -> Result<Self> {
        r.any_value(s)
    }
    fn write_xml(&self, w: &mut Writer, n: &Name) -> WriteResult {
        let (ns, local) = match (&self.name, n.local.is_empty()) {
            (Some((ns, local)), true) => (ns.as_str(), local.as_str()),
            (None, true) => {
                return Err(EncodeError::new(EncodeErrorKind::InvalidName(
                    "(wildcard without a name)".into(),
                )));
            }
            _ => (n.ns, n.local),
        };
        self.write_named(w, ns, local).map_err(|e| e.within(local))
    }
}
