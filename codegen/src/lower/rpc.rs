//! rpc operations: the body is a wrapper element named after the operation (its response
//! `{operation}Response`) in the soap:body namespace, with one child per message part
//! (unqualified, named by the part; or the part's element). The wrapper becomes a struct of
//! its own; rpc/encoded wrappers also carry each part's declared type (see `encoded`).

use wsdl::model::{BindingMessage, BodyUse, Location, Message, QName, TypeRef};

use super::items::xml_name;
use super::{Ctx, Id, Resolved};
use crate::ir;
use crate::names::{Scope, snake, upper_camel};

/// One part of an rpc message, lowered.
pub(super) struct RpcPart {
    pub field: ir::Field,
    /// The part's declared type (`xsi:type` under SOAP encoding).
    pub xsi_type: Option<QName>,
}

impl Ctx<'_> {
    /// The wrapper element of an rpc message, its struct generated on first use.
    pub(super) fn rpc_wrapper(
        &mut self,
        message: Option<&QName>,
        bm: Option<&BindingMessage>,
        local: String,
        at: &Location,
    ) -> Option<QName> {
        let msg = self.defs.messages.get(message?)?;
        let bm = bm?;
        let wrapper = QName::new(bm.namespace.clone().unwrap_or_default(), local);
        if self.element_types.contains_key(&wrapper) {
            return Some(wrapper);
        }
        if bm.body_use == BodyUse::Encoded && !self.encoding_supported(bm, at) {
            return None;
        }
        let (parts, refs) = self.rpc_parts(msg, bm);
        let ident = self.scope.claim(&upper_camel(&wrapper.local, "E"), "Rpc");
        self.element_types.insert(wrapper.clone(), ident.clone());
        let item = if bm.body_use == BodyUse::Encoded {
            self.encoded_bodies.insert(wrapper.clone());
            self.encoded_body(ident, &wrapper, bm, parts)
        } else {
            ir::Item::Struct(ir::Struct {
                ident,
                extra: Vec::new(),
                doc: None,
                xml: xml_name(&wrapper),
                fields: parts.into_iter().map(|p| p.field).collect(),
                attrs: Vec::new(),
                text: None,
                element: Some(xml_name(&wrapper)),
                any_attrs: None,
            })
        };
        self.rpc_structs.push((item, refs));
        Some(wrapper)
    }

    /// The parts of `msg` the binding puts in the body, and the types they refer to.
    fn rpc_parts(&mut self, msg: &Message, bm: &BindingMessage) -> (Vec<RpcPart>, Vec<Id>) {
        let parts = msg.parts.iter().filter(|p| {
            bm.body_parts
                .as_ref()
                .is_none_or(|names| names.contains(&p.name))
        });
        let mut scope = Scope::new();
        let mut out = Vec::new();
        let mut refs: Vec<Id> = Vec::new();
        for p in parts {
            let (xml, r, nillable, doc, xsi_type) = match (&p.element, &p.type_name) {
                (Some(e), _) => {
                    let Some(decl) = self.defs.schemas.elements.get(e) else {
                        continue;
                    };
                    let r = self.resolve(decl.type_ref.as_ref(), &decl.at);
                    let ty = match &decl.type_ref {
                        Some(TypeRef::Named(q)) => Some(q.clone()),
                        _ => None,
                    };
                    (e.clone(), r, decl.nillable, decl.doc.clone(), ty)
                }
                (None, Some(t)) => (
                    QName::new("", p.name.clone()),
                    self.resolve_name(t, &p.at),
                    false,
                    None,
                    Some(t.clone()),
                ),
                (None, None) => continue,
            };
            let Some(r) = r else { continue };
            if let Resolved::Entry(id) = r {
                refs.push(id);
            }
            let field = ir::Field {
                ident: scope.claim(&snake(&p.name), ""),
                extra: Vec::new(),
                doc,
                xml: Some(xml_name(&xml)),
                ty: self.slot_ty(r).0,
                occurs: ir::Occurs::Required,
                nillable,
                boxed: false,
                choice: Vec::new(),
            };
            out.push(RpcPart { field, xsi_type });
        }
        (out, refs)
    }
}
