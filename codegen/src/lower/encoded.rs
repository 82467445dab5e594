//! SOAP encoding (SOAP 1.1 section 5): `soapenc:Array` types become `Vec` newtypes, and
//! rpc/encoded body wrappers carry each part's declared type for `xsi:type`.

use wsdl::model::{
    BindingMessage, Content, ElementParticle, Location, Particle, QName, TypeDef, TypeRef, XSD_NS,
};

use super::items::xml_name;
use super::rpc::RpcPart;
use super::{Ctx, Id, Resolved};
use crate::ir;

/// The SOAP 1.1 encoding namespace.
pub const SOAP_ENC_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";

/// True for a complex type derived from `soapenc:Array`.
pub fn is_soap_array(def: &TypeDef) -> bool {
    match def {
        TypeDef::Complex(c) => {
            c.soap_array.is_some()
                || matches!(&c.content, Content::Complex { base, .. }
                    if base.ns == SOAP_ENC_NS && base.local == "Array")
        }
        TypeDef::Simple(_) => false,
    }
}

impl Ctx<'_> {
    /// The item type of array entry `id`: `wsdl:arrayType="tns:T[]"`, else the single
    /// element of its content (`<element name="item" type="tns:T" maxOccurs="unbounded"/>`),
    /// else `xsd:anyType`.
    pub(super) fn array_item(&mut self, id: Id) -> Option<(QName, Resolved)> {
        let TypeDef::Complex(c) = self.entries[id].def else {
            return None;
        };
        let any = QName::new(XSD_NS, "anyType");
        if let Some(a) = &c.soap_array {
            if a.dims != "[]" {
                let what = format!("multi-dimensional SOAP array `{}{}`", a.item, a.dims);
                self.problem(&a.at, format!("unsupported construct: {what}"));
                return None;
            }
            return Some((a.item.clone(), self.resolve_name(&a.item, &a.at)?));
        }
        let particle = match &c.content {
            Content::Complex { particle, .. } => particle.as_ref(),
            _ => None,
        };
        let at = c.at.clone();
        match particle.and_then(single_element) {
            Some((Some(TypeRef::Named(q)), _)) => {
                let r = self.resolve_name(q, &at)?;
                Some((q.clone(), r))
            }
            Some((Some(r @ TypeRef::Anonymous(_)), decl_at)) => {
                let r = self.resolve(Some(r), decl_at)?;
                Some((any, r))
            }
            _ => Some((any, Resolved::Builtin(ir::Builtin::AnyValue))),
        }
    }

    /// The IR of array entry `id`.
    pub(super) fn soap_array_item(&mut self, id: Id) -> ir::SoapArray {
        let (item_type, item) = self.array_item(id).unwrap_or((
            QName::new(XSD_NS, "anyType"),
            Resolved::Builtin(ir::Builtin::AnyValue),
        ));
        let e = &self.entries[id];
        let xml_local = e.xml.as_ref().map_or("", |q| q.local.as_str());
        let doc = match e.def {
            TypeDef::Complex(c) => c.doc.clone(),
            TypeDef::Simple(s) => s.doc.clone(),
        };
        ir::SoapArray {
            extra: self.type_extra(&[xml_local, &e.rust]),
            ident: e.rust.clone(),
            doc,
            item: self.slot_ty(item).0,
            item_type: xml_name(&item_type),
        }
    }

    /// False (with a problem) for an encoding other than SOAP 1.1 section 5.
    pub(super) fn encoding_supported(&mut self, bm: &BindingMessage, at: &Location) -> bool {
        let style = bm.encoding_style.as_deref().unwrap_or(SOAP_ENC_NS);
        if style.split_whitespace().any(|s| s == SOAP_ENC_NS) {
            return true;
        }
        self.problem(
            at,
            format!("unsupported construct: encodingStyle `{style}` (only SOAP encoding)"),
        );
        false
    }

    /// The body wrapper of an rpc/encoded message.
    pub(super) fn encoded_body(
        &mut self,
        ident: String,
        wrapper: &QName,
        bm: &BindingMessage,
        parts: Vec<RpcPart>,
    ) -> ir::Item {
        let style = bm
            .encoding_style
            .as_deref()
            .and_then(|s| s.split_whitespace().find(|s| *s == SOAP_ENC_NS))
            .unwrap_or(SOAP_ENC_NS);
        ir::Item::Encoded(ir::EncodedBody {
            ident,
            element: xml_name(wrapper),
            style: style.to_owned(),
            parts: parts
                .into_iter()
                .map(|p| ir::EncodedPart {
                    ident: p.field.ident,
                    xml: p.field.xml.unwrap_or_else(|| ir::XmlName {
                        ns: None,
                        local: String::new(),
                    }),
                    ty: p.field.ty,
                    xsi_type: p.xsi_type.as_ref().map(xml_name),
                })
                .collect(),
        })
    }
}

/// The only element of a content model, with its type reference and position.
fn single_element(p: &Particle) -> Option<(Option<&TypeRef>, &Location)> {
    match p {
        Particle::Element(ElementParticle::Local { decl, .. }) => {
            Some((decl.type_ref.as_ref(), &decl.at))
        }
        Particle::Group { items, .. } if items.len() == 1 => single_element(&items[0]),
        _ => None,
    }
}
