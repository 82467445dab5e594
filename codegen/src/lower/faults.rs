//! Declared `wsdl:fault`s: each fault message whose part is an element becomes a variant of
//! the binding's `{Name}FaultDetail` enum, which decodes a fault's `detail` by its element.
//! A fault part with a type (no element) has no element name to dispatch on: its detail
//! stays raw XML only.

use wsdl::model::{Location, Operation, QName};

use super::Ctx;
use super::items::xml_name;
use crate::ir;
use crate::names::{Scope, upper_camel};

impl Ctx<'_> {
    /// Adds the fault elements `op` declares to `faults` (once each); returns their variants.
    pub(super) fn declared_faults(
        &mut self,
        op: &Operation,
        faults: &mut Vec<ir::BodyVariant>,
        idents: &mut Scope,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for (_, message) in &op.faults {
            let Some(el) = self.fault_element(message, &op.at) else {
                continue;
            };
            let xml = xml_name(&el);
            let ident = match faults.iter().find(|v| v.element == xml) {
                Some(v) => v.ident.clone(),
                None => {
                    let Some(ty) = self.element_types.get(&el).cloned() else {
                        self.problem(&op.at, format!("unresolved fault element `{el}`"));
                        continue;
                    };
                    let ident = idents.claim(&upper_camel(&el.local, "E"), "");
                    faults.push(ir::BodyVariant {
                        ident: ident.clone(),
                        ty,
                        element: xml,
                        encoded: false,
                    });
                    ident
                }
            };
            if !out.contains(&ident) {
                out.push(ident);
            }
        }
        out
    }

    /// The element of fault message `message`'s (first) element part.
    fn fault_element(&mut self, message: &QName, at: &Location) -> Option<QName> {
        let Some(msg) = self.defs.messages.get(message) else {
            self.problem(at, format!("unresolved fault message `{message}`"));
            return None;
        };
        msg.parts.iter().find_map(|p| p.element.clone())
    }
}
