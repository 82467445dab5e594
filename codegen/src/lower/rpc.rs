//! rpc/literal operations: the body is a wrapper element named after the operation (its
//! response `{operation}Response`) in the soap:body namespace, with one child per message
//! part (unqualified, named by the part; or the part's element). The wrapper becomes a
//! struct of its own; rpc/encoded (SOAP encoding, soapenc arrays) is reported unsupported.

use wsdl::model::{BindingMessage, BodyUse, Location, QName};

use super::items::xml_name;
use super::{Ctx, Id, Resolved};
use crate::ir;
use crate::names::{Scope, snake, upper_camel};

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
        if bm.body_use == BodyUse::Encoded {
            self.problem(
                at,
                format!("unsupported construct: rpc/encoded (`{local}`)"),
            );
            return None;
        }
        let wrapper = QName::new(bm.namespace.clone().unwrap_or_default(), local);
        if self.element_types.contains_key(&wrapper) {
            return Some(wrapper);
        }
        let parts = msg.parts.iter().filter(|p| {
            bm.body_parts
                .as_ref()
                .is_none_or(|names| names.contains(&p.name))
        });
        let mut scope = Scope::new();
        let mut fields = Vec::new();
        let mut refs: Vec<Id> = Vec::new();
        for p in parts {
            let (xml, r, nillable, doc) = match (&p.element, &p.type_name) {
                (Some(e), _) => {
                    let Some(decl) = self.defs.schemas.elements.get(e) else {
                        continue;
                    };
                    let r = self.resolve(decl.type_ref.as_ref(), &decl.at);
                    (e.clone(), r, decl.nillable, decl.doc.clone())
                }
                (None, Some(t)) => (
                    QName::new("", p.name.clone()),
                    self.resolve_name(t, &p.at),
                    false,
                    None,
                ),
                (None, None) => continue,
            };
            let Some(r) = r else { continue };
            if let Resolved::Entry(id) = r {
                refs.push(id);
            }
            fields.push(ir::Field {
                ident: scope.claim(&snake(&p.name), ""),
                extra: Vec::new(),
                doc,
                xml: Some(xml_name(&xml)),
                ty: self.slot_ty(r).0,
                occurs: ir::Occurs::Required,
                nillable,
                boxed: false,
                choice: Vec::new(),
            });
        }
        let ident = self.scope.claim(&upper_camel(&wrapper.local, "E"), "Rpc");
        self.element_types.insert(wrapper.clone(), ident.clone());
        let s = ir::Struct {
            ident,
            extra: Vec::new(),
            doc: None,
            xml: xml_name(&wrapper),
            fields,
            attrs: Vec::new(),
            text: None,
            element: Some(xml_name(&wrapper)),
            any_attrs: None,
        };
        self.rpc_structs.push((s, refs));
        Some(wrapper)
    }
}
