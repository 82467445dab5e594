//! `<choice>` of single elements -> one field holding a choice enum (`Vec` of it when the
//! choice repeats, which keeps the order of the alternatives on the wire). A choice whose
//! alternatives are groups or repeated elements stays flattened into one optional field
//! per alternative (see `fields.rs`).

use wsdl::model::{ElementDecl, ElementParticle, MaxOccurs, Particle, QName};

use super::fields::{Bounds, RawField};
use super::{Ctx, Id, Resolved};
use crate::ir;
use crate::names::{Scope, upper_camel};

/// One alternative before emission.
#[derive(Debug, Clone)]
pub struct RawAlt {
    pub variant: String,
    pub xml: QName,
    pub ty: ir::Ty,
    pub refs: Option<Id>,
    pub nillable: bool,
    /// Holds a struct by value: boxed.
    pub boxed: bool,
}

impl Ctx<'_> {
    /// Lowers `choice` into one field of `owner` when every alternative is a single
    /// element; returns false (nothing done) otherwise.
    pub(super) fn choice_field(
        &mut self,
        choice: &Particle,
        items: &[Particle],
        mut b: Bounds,
        owner: Id,
        out: &mut Vec<RawField>,
    ) -> bool {
        let mut decls: Vec<(&ElementDecl, u32)> = Vec::new();
        for item in items {
            let (decl, occurs) = match item {
                Particle::Element(ElementParticle::Local { decl, occurs }) => (decl, *occurs),
                Particle::Element(ElementParticle::Ref { name, occurs, .. }) => {
                    let elements = &self.defs.schemas.elements;
                    let Some(decl) = elements.get(name) else {
                        return false;
                    };
                    let members = self.substitutes(name);
                    if members.is_empty() || occurs.max != MaxOccurs::Bounded(1) {
                        (decl, *occurs)
                    } else {
                        // The head of a substitution group (EWS `<choice><element
                        // ref="t:Path"/>..`): its members stand in its place on the wire,
                        // so each is an alternative; the head too unless abstract.
                        let heirs = std::iter::once(name).chain(&members);
                        decls.extend(
                            heirs
                                .filter_map(|q| elements.get(q))
                                .filter(|d| !d.is_abstract)
                                .map(|d| (d, occurs.min)),
                        );
                        continue;
                    }
                }
                _ => return false,
            };
            if occurs.max != MaxOccurs::Bounded(1) {
                return false;
            }
            decls.push((decl, occurs.min));
        }
        // An alternative that may be absent makes the whole choice optional.
        if decls.iter().any(|(_, min)| *min == 0) {
            b.min = 0;
        }
        let Some(occurs) = b.occurs() else {
            return true;
        };
        let Some(alts) = self.alternatives(&decls) else {
            return true;
        };
        let ident = self.choice_name(choice, owner, &alts);
        out.push(RawField {
            xml: None,
            ty: ir::Ty::Named(ident),
            target: None,
            refs: alts.iter().filter_map(|a| a.refs).collect(),
            choice: alts,
            occurs,
            nillable: false,
            doc: None,
        });
        true
    }

    /// A reference to the head of a substitution group becomes a choice between the head
    /// (unless abstract) and every member, at any depth; false when `head` has no members.
    pub(super) fn substitution_field(
        &mut self,
        head: &QName,
        b: Bounds,
        out: &mut Vec<RawField>,
    ) -> bool {
        let members = self.substitutes(head);
        if members.is_empty() {
            return false;
        }
        let elements = &self.defs.schemas.elements;
        let decls: Vec<(&ElementDecl, u32)> = std::iter::once(head)
            .chain(&members)
            .filter_map(|q| elements.get(q))
            .filter(|d| !d.is_abstract)
            .map(|d| (d, 1))
            .collect();
        let Some(occurs) = b.occurs() else {
            return true;
        };
        let Some(alts) = self.alternatives(&decls) else {
            return true;
        };
        if alts.is_empty() {
            return true;
        }
        // One enum per head, shared by every reference to it.
        let ident = match self.substitution_names.get(head) {
            Some(name) => name.clone(),
            None => {
                let name = self
                    .scope
                    .claim(&format!("{}Choice", upper_camel(&head.local, "E")), "");
                self.substitution_names.insert(head.clone(), name.clone());
                name
            }
        };
        out.push(RawField {
            xml: None,
            ty: ir::Ty::Named(ident),
            target: None,
            refs: alts.iter().filter_map(|a| a.refs).collect(),
            choice: alts,
            occurs,
            nillable: false,
            doc: None,
        });
        true
    }

    /// Every element that may substitute for `head`, directly or through other members,
    /// in name order.
    fn substitutes(&self, head: &QName) -> Vec<QName> {
        let mut out: Vec<QName> = Vec::new();
        let mut todo = vec![head.clone()];
        while let Some(h) = todo.pop() {
            for (q, d) in &self.defs.schemas.elements {
                if d.substitution_group.as_ref() == Some(&h) && q != head && !out.contains(q) {
                    out.push(q.clone());
                    todo.push(q.clone());
                }
            }
        }
        out.sort();
        out
    }

    fn alternatives(&mut self, decls: &[(&ElementDecl, u32)]) -> Option<Vec<RawAlt>> {
        let mut scope = Scope::new();
        let mut alts = Vec::with_capacity(decls.len());
        for (decl, _) in decls {
            let r = self.resolve(decl.type_ref.as_ref(), &decl.at)?;
            let (ty, target) = self.slot_ty(r);
            alts.push(RawAlt {
                variant: scope.claim(&upper_camel(&decl.name.local, "V"), ""),
                xml: decl.name.clone(),
                ty,
                refs: match r {
                    Resolved::Entry(id) => Some(id),
                    Resolved::Builtin(_) => None,
                },
                nillable: decl.nillable,
                boxed: target.is_some(),
            });
        }
        Some(alts)
    }

    /// The enum's Rust name: `{Owner}Choice`, the same every time the particle is lowered
    /// (a base's choice is lowered again for each subtype).
    fn choice_name(&mut self, choice: &Particle, owner: Id, alts: &[RawAlt]) -> String {
        let key: *const Particle = choice;
        if let Some((name, _)) = self.choices.get(&key) {
            return name.clone();
        }
        let name = self
            .scope
            .claim(&format!("{}Choice", self.entries[owner].rust), "");
        self.choices.insert(key, (name.clone(), alts.to_vec()));
        name
    }
}
