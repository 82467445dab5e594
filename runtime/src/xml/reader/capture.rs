//! Capturing an element as [`AnyValue`]: raw inner XML plus the outside namespace bindings
//! it uses, found by walking it with the namespace stack (iteratively, under the depth limit).

use quick_xml::events::attributes::Attributes;

use super::lex::Tok;
use super::ns::declared_prefix;
use super::{Reader, Start};
use crate::xml::any::{AnyValue, TypeRef};
use crate::xml::error::{DecodeErrorKind, ReadResult, Result};
use crate::xml::name::{QName, XSI_NS, split_qname};

/// Bindings used from outside the captured XML, sorted by prefix.
#[derive(Default)]
struct Used(Vec<(String, String)>);

impl Used {
    fn add(&mut self, prefix: &str, uri: &str) {
        if let Err(i) = self.0.binary_search_by(|(p, _)| p.as_str().cmp(prefix)) {
            self.0.insert(i, (prefix.to_owned(), uri.to_owned()));
        }
    }
}

impl<'a> Reader<'a> {
    /// Reads element `s`, whose `xsi:type` `t` no dispatch arm knows, as an [`AnyValue`];
    /// but a name listed in `known` (every complex type of the schema) is a type that is not
    /// a subtype of the slot's type: an error.
    pub fn unknown_subtype(
        &mut self,
        s: &Start<'_>,
        t: &QName<'_>,
        known: &[(&str, &str)],
    ) -> Result<AnyValue> {
        // Linear: only reached for unusual documents, and robust to any table order.
        if known
            .iter()
            .any(|&(ns, local)| ns == t.ns() && local == t.local())
        {
            return Err(self.err_at(DecodeErrorKind::NotASubtype { ty: t.to_string() }, s.pos));
        }
        self.any_value(s)
    }

    /// The error for an element in a slot of an abstract type that carries no `xsi:type`.
    pub fn missing_xsi_type(&self, s: &Start<'_>) -> crate::xml::DecodeError {
        self.err_at(DecodeErrorKind::MissingXsiType, s.pos)
    }

    /// Reads element `s` as an [`AnyValue`].
    pub fn any_value(&mut self, s: &Start<'_>) -> Result<AnyValue> {
        let wildcard = std::mem::take(&mut self.wildcard);
        // Bindings below this mark are visible from outside the captured inner XML (the
        // element's own declarations included).
        let outer = self.ns.len();
        let mut used = Used::default();
        let mut v = AnyValue::default();
        if wildcard {
            let n = self.name(s)?;
            v.name = Some((n.ns().to_owned(), n.local().to_owned()));
        }
        if let Some(t) = self.xsi_type(s)? {
            used.add(t.prefix(), t.ns());
            v.xsi_type = Some(TypeRef {
                ns: t.ns().to_owned(),
                local: t.local().to_owned(),
                lexical: t.lexical().to_owned(),
            });
        }
        if s.has_attrs() {
            v.attrs = self.capture_attrs(s, outer, &mut used)?;
        }
        v.inner = self.capture_inner(s, outer, &mut used)?;
        v.bindings = used.0;
        Ok(v)
    }

    /// The attributes other than namespace declarations and `xsi:type`.
    fn capture_attrs(
        &self,
        s: &Start<'_>,
        outer: usize,
        used: &mut Used,
    ) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        for a in Attributes::new(s.attrs, 0) {
            let a = a.map_err(|e| self.err_at(DecodeErrorKind::Syntax(e.to_string()), s.pos))?;
            let key = a.key.0;
            if declared_prefix(key).is_some() {
                continue;
            }
            let (prefix, local) = split_qname(key);
            if !prefix.is_empty() {
                // xsi:type is kept resolved and re-written with the writer's own xsi prefix.
                let is_xsi = self.ns.resolve(prefix).is_some_and(|u| &**u == XSI_NS);
                if local == "type" && is_xsi {
                    continue;
                }
                self.use_prefix(prefix, outer, used, s.pos)?;
            }
            out.push((key.to_owned(), self.attr_value(&a)?.into_owned()));
        }
        Ok(out)
    }

    /// Records that `prefix` is used; returns its URI.
    fn use_prefix(&self, prefix: &str, outer: usize, used: &mut Used, pos: u64) -> Result<String> {
        match self.ns.find(prefix) {
            Some((idx, uri)) => {
                if prefix != "xml" && idx.is_none_or(|i| i < outer) {
                    used.add(prefix, uri);
                }
                Ok(uri.to_string())
            }
            None => Err(self.err_at(
                DecodeErrorKind::UndefinedPrefix {
                    prefix: prefix.to_owned(),
                },
                pos,
            )),
        }
    }

    /// Walks the content of `s` to its end tag; returns the raw inner XML.
    fn capture_inner(&mut self, s: &Start<'_>, outer: usize, used: &mut Used) -> Result<String> {
        if self.stack.last().is_none_or(|o| o.empty) {
            self.close();
            return Ok(String::new());
        }
        let from = s.inner;
        let mut depth = 0usize;
        loop {
            match self.event()? {
                Tok::Start {
                    qname,
                    local_at,
                    attrs,
                    empty,
                } => {
                    let c = self.open(qname, local_at, attrs, empty)?;
                    self.record_uses(&c, outer, used)?;
                    if empty {
                        self.close();
                    } else {
                        depth += 1;
                    }
                }
                Tok::End => {
                    self.close();
                    if depth == 0 {
                        let raw = self.src.get(from..self.pos as usize).unwrap_or_default();
                        self.check_chars(raw)?;
                        self.charge(raw.len())?;
                        return Ok(raw.to_owned());
                    }
                    depth -= 1;
                }
                Tok::Ref(r) => {
                    self.resolve_ref(r)?;
                }
                Tok::Eof => return Err(self.err(DecodeErrorKind::UnexpectedEof)),
                _ => {}
            }
        }
    }

    /// Notes the outside bindings an inner element's name, attributes and xsi:type use.
    fn record_uses(&self, c: &Start<'_>, outer: usize, used: &mut Used) -> ReadResult {
        self.use_prefix(c.prefix(), outer, used, c.pos)?;
        if let Some(t) = c.xsi_type_lexical() {
            self.use_prefix(split_qname(t).0, outer, used, c.pos)?;
        }
        if c.has_attrs() {
            for a in Attributes::new(c.attrs, 0) {
                let a =
                    a.map_err(|e| self.err_at(DecodeErrorKind::Syntax(e.to_string()), c.pos))?;
                let key = a.key.0;
                let (prefix, _) = split_qname(key);
                if !prefix.is_empty() && prefix != "xmlns" {
                    self.use_prefix(prefix, outer, used, c.pos)?;
                }
            }
        }
        Ok(())
    }
}
