//! Reading attributes an `xsd:anyAttribute` wildcard keeps (see `xml/any_attr.rs`).

use std::rc::Rc;

use quick_xml::events::attributes::Attribute;

use super::{Reader, Start};
use crate::xml::any_attr::AnyAttribute;
use crate::xml::error::{DecodeErrorKind, ReadResult};
use crate::xml::name::XSI_NS;
use crate::xml::traits::DynComplex;

impl Reader<'_> {
    /// Keeps attribute `a` (not in `v`'s table) in `v`'s wildcard slot, if it has one.
    /// `xsi:*` attributes are the reader's business and are never kept.
    pub(super) fn any_attr(
        &self,
        s: &Start<'_>,
        v: &mut dyn DynComplex,
        a: &Attribute<'_>,
        prefix: &str,
        local: &str,
    ) -> ReadResult {
        if !v.shape().any_attrs {
            return Ok(());
        }
        let ns: Rc<str> = if prefix.is_empty() {
            Rc::from("")
        } else {
            self.resolve_prefix(prefix, s.pos)?
        };
        if &*ns == XSI_NS {
            return Ok(());
        }
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| self.err_at(DecodeErrorKind::Syntax(e.to_string()), s.pos))?;
        if let Some(slot) = v.dyn_any_attrs_mut() {
            slot.push(AnyAttribute {
                ns: ns.to_string(),
                name: local.to_owned(),
                prefix: prefix.to_owned(),
                value: value.into_owned(),
            });
        }
        Ok(())
    }
}
