//! `<choice>` -> one field holding a choice enum (`Vec` of it when the choice repeats, which
//! keeps the order of the alternatives on the wire). Element alternatives are variants of
//! the element's type; sequences, group refs and repeated elements are variants holding a
//! struct of the group (see `group.rs`); nested choices add their alternatives. An `xsd:any`
//! alternative is the variant `Any(rt::AnyValue)`, taking the elements no other alternative
//! claims that its namespace constraint admits. Only a choice holding a repeated or a second
//! wildcard stays flattened into one optional field per alternative (see `fields.rs`).

use wsdl::model::{ElementDecl, ElementParticle, GroupKind, MaxOccurs, Particle, QName, Wildcard};

use super::fields::{Bounds, RawField};
use super::group::{GroupSrc, is_group_alt};
use super::{Ctx, Id, Resolved};
use crate::ir;
use crate::names::{Scope, upper_camel};

/// One alternative before emission.
#[derive(Debug, Clone)]
pub struct RawAlt {
    pub variant: String,
    pub xml: QName,
    pub ty: ir::Ty,
    /// The generated types it refers to, for pruning.
    pub refs: Vec<Id>,
    pub nillable: bool,
    /// Holds a struct by value: boxed.
    pub boxed: bool,
    /// A group alternative's elements (see `group.rs`).
    pub group: Vec<ir::GroupEntry>,
    /// The `xsd:any` alternative's namespace constraint (see `ir::ChoiceAlt::any`).
    pub any: Option<String>,
}

/// An alternative before lowering, with its minOccurs.
#[derive(Debug, Clone, Copy)]
enum Src<'p> {
    Elem(&'p ElementDecl, u32),
    Group(GroupSrc<'p>, u32),
    Any(&'p Wildcard),
}

impl Src<'_> {
    fn min(&self) -> u32 {
        match self {
            Src::Elem(_, m) | Src::Group(_, m) => *m,
            Src::Any(w) => w.occurs.min,
        }
    }
}

impl<'a> Ctx<'a> {
    /// Lowers `choice` into one field of `owner`: a variant per element alternative, and
    /// per group alternative (see `group.rs`); nested choices add their alternatives.
    /// Returns false (nothing done) for a choice holding a wildcard.
    pub(super) fn choice_field(
        &mut self,
        choice: &Particle,
        items: &[Particle],
        mut b: Bounds,
        owner: Id,
        out: &mut Vec<RawField>,
    ) -> bool {
        let mut srcs: Vec<Src<'_>> = Vec::new();
        if !self.sources(items, &mut srcs, 0) {
            return false;
        }
        // An alternative that may be absent makes the whole choice optional.
        if srcs.iter().any(|s| s.min() == 0) {
            b.min = 0;
        }
        let Some(occurs) = b.occurs() else {
            return true;
        };
        let ident = self.choice_name(choice, owner);
        let Some(alts) = self.choice_alts(&srcs, &ident, owner) else {
            return true;
        };
        // A group alternative with no content (an empty `<sequence/>`) matches nothing:
        // the choice may then be absent.
        let occurs = match (alts.len() < srcs.len(), occurs) {
            (true, ir::Occurs::Required) => ir::Occurs::Optional,
            (true, ir::Occurs::RepeatedRequired) => ir::Occurs::Repeated,
            (_, o) => o,
        };
        if alts.len() < 2 {
            // A choice of one alternative is that alternative: flattened as before.
            return false;
        }
        out.push(RawField {
            xml: None,
            ty: ir::Ty::Named(ident),
            target: None,
            refs: alts.iter().flat_map(|a| a.refs.iter().copied()).collect(),
            choice: alts,
            occurs,
            nillable: false,
            doc: None,
        });
        true
    }

    /// The alternatives of a choice's `items`, nested choices flattened; false for a
    /// wildcard or an unresolved name (left to the flattening fallback to report).
    fn sources<'p>(&self, items: &'p [Particle], out: &mut Vec<Src<'p>>, depth: usize) -> bool
    where
        'a: 'p,
    {
        if depth > 16 {
            return false;
        }
        for item in items {
            let ok = match item {
                p if is_group_alt(p) => match p {
                    Particle::GroupRef { name, occurs, .. } => {
                        match self.defs.schemas.groups.get(name) {
                            Some(g) => match &g.particle {
                                Particle::Group {
                                    kind: GroupKind::Choice,
                                    items,
                                    ..
                                } => self.sources(items, out, depth + 1),
                                gp => {
                                    out.push(Src::Group(
                                        GroupSrc {
                                            particle: gp,
                                            named: Some(&name.local),
                                        },
                                        occurs.min,
                                    ));
                                    true
                                }
                            },
                            None => false,
                        }
                    }
                    Particle::Group { occurs, .. }
                    | Particle::Element(ElementParticle::Local { occurs, .. })
                    | Particle::Element(ElementParticle::Ref { occurs, .. }) => {
                        out.push(Src::Group(
                            GroupSrc {
                                particle: p,
                                named: None,
                            },
                            occurs.min,
                        ));
                        true
                    }
                    Particle::Any(_) => false,
                },
                Particle::Element(ElementParticle::Local { decl, occurs }) => {
                    out.push(Src::Elem(decl, occurs.min));
                    true
                }
                Particle::Element(ElementParticle::Ref { name, occurs, .. }) => {
                    let elements = &self.defs.schemas.elements;
                    match elements.get(name) {
                        Some(decl) => {
                            let members = self.substitutes(name);
                            if members.is_empty() {
                                out.push(Src::Elem(decl, occurs.min));
                            } else {
                                // The head of a substitution group (EWS `<choice><element
                                // ref="t:Path"/>..`): its members stand in its place on the
                                // wire, so each is an alternative; the head too unless abstract.
                                let heirs = std::iter::once(name).chain(&members);
                                out.extend(
                                    heirs
                                        .filter_map(|q| elements.get(q))
                                        .filter(|d| !d.is_abstract)
                                        .map(|d| Src::Elem(d, occurs.min)),
                                );
                            }
                            true
                        }
                        None => false,
                    }
                }
                Particle::Group { items, .. } => self.sources(items, out, depth + 1),
                // One wildcard alternative holding one element; several, or a repeated one,
                // are left to the flattening fallback.
                Particle::Any(w) => {
                    let single = w.occurs.max == MaxOccurs::Bounded(1);
                    let first = !out.iter().any(|s| matches!(s, Src::Any(_)));
                    if single && first {
                        out.push(Src::Any(w));
                    }
                    single && first
                }
                Particle::GroupRef { .. } => false,
            };
            if !ok {
                return false;
            }
        }
        true
    }

    /// Lowers the alternatives; `None` after a problem was reported.
    fn choice_alts(&mut self, srcs: &[Src<'_>], ident: &str, owner: Id) -> Option<Vec<RawAlt>> {
        let mut scope = Scope::new();
        let mut alts = Vec::with_capacity(srcs.len());
        let mut any = None;
        for src in srcs {
            match src {
                Src::Elem(decl, _) => alts.push(self.alternative(decl, &mut scope)?),
                Src::Group(g, _) => alts.extend(self.group_alt(*g, ident, owner, &mut scope)),
                Src::Any(w) => any = Some(*w),
            }
        }
        // Last, so that the enum's `Default` is an element alternative when there is one.
        alts.extend(any.map(|w| any_alt(w, &mut scope)));
        Some(alts)
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
            refs: alts.iter().flat_map(|a| a.refs.iter().copied()).collect(),
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
        decls
            .iter()
            .map(|(decl, _)| self.alternative(decl, &mut scope))
            .collect()
    }

    fn alternative(&mut self, decl: &ElementDecl, scope: &mut Scope) -> Option<RawAlt> {
        let r = self.resolve(decl.type_ref.as_ref(), &decl.at)?;
        let (ty, target) = self.slot_ty(r);
        Some(RawAlt {
            variant: scope.claim(&upper_camel(&decl.name.local, "V"), ""),
            xml: decl.name.clone(),
            ty,
            refs: match r {
                Resolved::Entry(id) => vec![id],
                Resolved::Builtin(_) => Vec::new(),
            },
            nillable: decl.nillable,
            boxed: target.is_some(),
            group: Vec::new(),
            any: None,
        })
    }

    /// The enum's Rust name: `{Owner}Choice`, the same every time the particle is lowered
    /// (a base's choice is lowered again for each subtype).
    fn choice_name(&mut self, choice: &Particle, owner: Id) -> String {
        let key: *const Particle = choice;
        if let Some(name) = self.choices.get(&key) {
            return name.clone();
        }
        let name = self
            .scope
            .claim(&format!("{}Choice", self.entries[owner].rust), "");
        self.choices.insert(key, name.clone());
        name
    }
}

/// The `Any(rt::AnyValue)` alternative of wildcard `w`.
fn any_alt(w: &Wildcard, scope: &mut Scope) -> RawAlt {
    RawAlt {
        variant: scope.claim("Any", ""),
        xml: QName::new("", ""),
        ty: ir::Ty::Builtin(ir::Builtin::AnyValue),
        refs: Vec::new(),
        nillable: false,
        boxed: false,
        group: Vec::new(),
        any: Some(namespace_spec(&w.namespace, &w.tns)),
    }
}

/// `namespace="..."` of a wildcard in a schema of target namespace `tns`, resolved into
/// the form `rt::FieldInfo::any_in` takes (`""`: any; `"!tns"`: `##other`; else a list).
fn namespace_spec(namespace: &str, tns: &str) -> String {
    match namespace.trim() {
        "##any" => String::new(),
        // `##other` in a schema without target namespace: any namespace but none.
        "##other" => format!("!{tns}"),
        list => {
            let tokens: Vec<&str> = list
                .split_whitespace()
                .map(|t| match t {
                    "##targetNamespace" if tns.is_empty() => "##local",
                    "##targetNamespace" => tns,
                    t => t,
                })
                .collect();
            if tokens.is_empty() {
                // An empty list admits no element; no namespace is spelled like this.
                "##none".to_owned()
            } else {
                tokens.join(" ")
            }
        }
    }
}
