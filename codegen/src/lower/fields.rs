//! The fields of a complex type: base fields first (any depth), then its own particles
//! flattened, with occurrence bounds multiplied through groups.

use wsdl::model::{
    ComplexType, Content, Derivation, ElementDecl, ElementParticle, GroupKind, Location, MaxOccurs,
    Occurs, Particle, QName, TypeDef,
};

use super::{Ctx, Id, Kind, Resolved};
use crate::ir;

/// A field before its Rust name is chosen.
#[derive(Debug, Clone)]
pub struct RawField {
    /// `None` for an `xsd:any` wildcard.
    pub xml: Option<QName>,
    pub ty: ir::Ty,
    /// The struct held by value, for cycle detection.
    pub target: Option<Id>,
    /// The generated types the field refers to, for pruning.
    pub refs: Vec<Id>,
    /// A choice field's alternatives (see [`crate::ir::Field::choice`]).
    pub choice: Vec<super::choice::RawAlt>,
    pub occurs: ir::Occurs,
    pub nillable: bool,
    pub doc: Option<String>,
}

/// Occurrence bounds; `max: None` is unbounded.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    pub min: u64,
    pub max: Option<u64>,
}

impl Bounds {
    pub const ONE: Bounds = Bounds {
        min: 1,
        max: Some(1),
    };

    pub fn of(o: Occurs) -> Self {
        let max = match o.max {
            MaxOccurs::Bounded(n) => Some(u64::from(n)),
            MaxOccurs::Unbounded => None,
        };
        Bounds {
            min: u64::from(o.min),
            max,
        }
    }

    pub fn times(self, outer: Bounds) -> Bounds {
        let max = match (self.max, outer.max) {
            (Some(a), Some(b)) => Some(a.saturating_mul(b)),
            _ => None,
        };
        Bounds {
            min: self.min.saturating_mul(outer.min),
            max,
        }
    }

    /// `None` when the element can never occur (maxOccurs=0).
    pub fn occurs(self) -> Option<ir::Occurs> {
        Some(match (self.min, self.max) {
            (_, Some(0)) => return None,
            (0, Some(1)) => ir::Occurs::Optional,
            (_, Some(1)) => ir::Occurs::Required,
            (0, _) => ir::Occurs::Repeated,
            _ => ir::Occurs::RepeatedRequired,
        })
    }
}

impl Ctx<'_> {
    /// The flattened fields of struct entry `id`.
    pub fn fields_of(&mut self, id: Id) -> Vec<RawField> {
        let TypeDef::Complex(c) = self.entries[id].def else {
            return Vec::new();
        };
        let mut out = match &c.content {
            Content::Complex {
                derivation: Derivation::Extension,
                ..
            } => match self.inherit.parent.get(&id) {
                Some(&base) => self.fields_of(base),
                None => Vec::new(),
            },
            _ => Vec::new(),
        };
        self.check_supported(c);
        match &c.content {
            Content::Particles(p)
            | Content::Complex {
                particle: Some(p), ..
            } => self.particle(p, Bounds::ONE, id, &mut out),
            Content::Empty | Content::Complex { particle: None, .. } | Content::Simple { .. } => {}
        }
        out
    }

    /// Constructs the generator does not handle yet are reported, never dropped silently.
    fn check_supported(&mut self, c: &ComplexType) {
        if c.mixed {
            self.problem(&c.at, "unsupported construct: mixed content");
        }
    }

    pub(super) fn particle(
        &mut self,
        p: &Particle,
        outer: Bounds,
        owner: Id,
        out: &mut Vec<RawField>,
    ) {
        match p {
            Particle::Element(ElementParticle::Local { decl, occurs }) => {
                let b = Bounds::of(*occurs).times(outer);
                self.element_field(decl, b, out);
            }
            Particle::Element(ElementParticle::Ref { name, occurs, at }) => {
                let b = Bounds::of(*occurs).times(outer);
                // A head of a substitution group: any member may stand in its place.
                if self.substitution_field(name, b, out) {
                    return;
                }
                match self.defs.schemas.elements.get(name) {
                    Some(decl) => self.element_field(decl, b, out),
                    None => self.problem(at, format!("unresolved element `{name}`")),
                }
            }
            Particle::Group {
                kind,
                occurs,
                items,
                ..
            } => {
                let mut b = Bounds::of(*occurs).times(outer);
                if *kind == GroupKind::Choice && items.len() > 1 {
                    // A choice of single elements becomes one field of a choice enum.
                    if self.choice_field(p, items, b, owner, out) {
                        return;
                    }
                    // Anything else: one optional (or repeated) field per alternative.
                    b.min = 0;
                }
                for item in items {
                    self.particle(item, b, owner, out);
                }
            }
            Particle::GroupRef { name, occurs, at } => {
                let b = Bounds::of(*occurs).times(outer);
                match self.defs.schemas.groups.get(name) {
                    Some(g) => self.particle(&g.particle, b, owner, out),
                    None => self.problem(at, format!("unresolved group `{name}`")),
                }
            }
            Particle::Any(w) => {
                let b = Bounds::of(w.occurs).times(outer);
                if let Some(occurs) = b.occurs() {
                    let any = RawField {
                        xml: None,
                        ty: ir::Ty::Builtin(ir::Builtin::AnyValue),
                        target: None,
                        refs: Vec::new(),
                        choice: Vec::new(),
                        occurs,
                        nillable: false,
                        doc: None,
                    };
                    self.add(any, &w.at, out);
                }
            }
        }
    }

    fn element_field(&mut self, decl: &ElementDecl, b: Bounds, out: &mut Vec<RawField>) {
        let Some(occurs) = b.occurs() else { return };
        let Some(r) = self.resolve(decl.type_ref.as_ref(), &decl.at) else {
            return;
        };
        let (ty, target) = self.slot_ty(r);
        // A Vec holds its items on the heap: no cycle to break through it.
        let singular = matches!(occurs, ir::Occurs::Required | ir::Occurs::Optional);
        let target = target.filter(|_| singular);
        let refs = match r {
            Resolved::Entry(id) => vec![id],
            Resolved::Builtin(_) => Vec::new(),
        };
        let field = RawField {
            xml: Some(decl.name.clone()),
            ty,
            target,
            refs,
            choice: Vec::new(),
            occurs,
            nillable: decl.nillable,
            doc: decl.doc.clone(),
        };
        self.add(field, &decl.at, out);
    }

    /// Appends a field; a second element of the same name (or a second wildcard) merges into
    /// the first as a repeated field. Choice fields (also without an XML name) never merge.
    fn add(&mut self, f: RawField, at: &Location, out: &mut Vec<RawField>) {
        let same = |p: &&mut RawField| p.xml == f.xml && p.choice.is_empty();
        let Some(prev) = out.iter_mut().find(same) else {
            out.push(f);
            return;
        };
        if prev.ty != f.ty || prev.nillable != f.nillable {
            let name = f
                .xml
                .as_ref()
                .map_or_else(|| "xsd:any".to_owned(), |q| q.to_string());
            self.problem(
                at,
                format!("two child elements `{name}` of different types in one type"),
            );
            return;
        }
        prev.occurs = ir::Occurs::Repeated;
        prev.target = None;
    }

    /// The Rust type of a slot holding `r`, and the struct it holds by value.
    pub fn slot_ty(&self, r: Resolved) -> (ir::Ty, Option<Id>) {
        match r {
            Resolved::Builtin(b) => (ir::Ty::Builtin(b), None),
            Resolved::Entry(id) => {
                let e = &self.entries[id];
                match (&e.poly, e.kind) {
                    (Some(any), _) => (ir::Ty::Named(any.clone()), None),
                    (None, Kind::Struct) => (ir::Ty::Named(e.rust.clone()), Some(id)),
                    (None, _) => (ir::Ty::Named(e.rust.clone()), None),
                }
            }
        }
    }
}
