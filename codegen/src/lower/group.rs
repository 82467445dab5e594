//! Choice alternatives that are not single elements: a `<sequence>` (or `<all>`), a group
//! ref, or an element that repeats. Each becomes a variant holding a generated struct of the
//! group's content (`{Enum}{Variant}`, or the named group's own name), whose elements are
//! children of the choice's owner on the wire (see `rt::Reader::group`).

use wsdl::model::{ElementParticle, GroupKind, MaxOccurs, Particle};

use super::choice::RawAlt;
use super::fields::{Bounds, RawField};
use super::items::{alt, xml_name};
use super::{Ctx, Id};
use crate::ir;
use crate::names::{Scope, snake, upper_camel};

/// A group alternative before it is lowered: its particle and the names it suggests.
#[derive(Debug, Clone, Copy)]
pub struct GroupSrc<'p> {
    pub particle: &'p Particle,
    /// The named group's local name, for a group ref.
    pub named: Option<&'p str>,
}

impl Ctx<'_> {
    /// Lowers group alternative `src` of choice enum `enum_name` (claiming its variant name
    /// in `variants`); `None` after reporting a problem.
    pub(super) fn group_alt(
        &mut self,
        src: GroupSrc<'_>,
        enum_name: &str,
        owner: Id,
        variants: &mut Scope,
    ) -> Option<RawAlt> {
        let mut raw = Vec::new();
        self.group_content(src.particle, owner, &mut raw);
        if raw.is_empty() {
            return None;
        }
        let variant = variants.claim(&variant_name(src, &raw), "");
        let key: *const Particle = src.particle;
        let ident = match self.group_names.get(&key) {
            Some(name) => name.clone(),
            None => {
                let wanted = match src.named {
                    Some(n) => upper_camel(n, "G"),
                    None => format!("{enum_name}{variant}"),
                };
                let name = self.scope.claim(&wanted, "");
                self.group_names.insert(key, name.clone());
                let s = self.group_struct(&name, &raw);
                let refs = raw.iter().flat_map(|f| f.refs.iter().copied()).collect();
                self.group_structs.push((s, refs));
                name
            }
        };
        let group = raw.iter().flat_map(entries).collect();
        Some(RawAlt {
            variant,
            xml: raw
                .iter()
                .find_map(|f| f.xml.clone())
                .unwrap_or_else(|| wsdl::model::QName::new("", "")),
            ty: ir::Ty::Named(ident),
            refs: raw.iter().flat_map(|f| f.refs.iter().copied()).collect(),
            nillable: false,
            boxed: true,
            group,
            any: None,
        })
    }

    /// The fields of a group alternative's struct.
    fn group_content(&mut self, p: &Particle, owner: Id, out: &mut Vec<RawField>) {
        match p {
            // A repeated element alternative: a struct with one `Vec` field.
            Particle::Element(_) => self.particle_in(p, owner, out),
            Particle::Group { items, .. } => {
                for item in items {
                    self.particle_in(item, owner, out);
                }
            }
            Particle::GroupRef { .. } | Particle::Any(_) => self.particle_in(p, owner, out),
        }
    }

    fn particle_in(&mut self, p: &Particle, owner: Id, out: &mut Vec<RawField>) {
        self.particle(p, Bounds::ONE, owner, out);
    }

    fn group_struct(&self, ident: &str, raw: &[RawField]) -> ir::Struct {
        let mut scope = Scope::new();
        let fields = raw
            .iter()
            .map(|f| {
                let unnamed = if f.choice.is_empty() { "any" } else { "choice" };
                let name = f
                    .xml
                    .as_ref()
                    .map_or(unnamed.to_owned(), |q| snake(&q.local));
                ir::Field {
                    extra: Vec::new(),
                    ident: scope.claim(&name, ""),
                    doc: f.doc.clone(),
                    xml: f.xml.as_ref().map(xml_name),
                    ty: f.ty.clone(),
                    occurs: f.occurs,
                    nillable: f.nillable,
                    boxed: false,
                    choice: f.choice.iter().map(alt).collect(),
                }
            })
            .collect();
        ir::Struct {
            extra: self.type_extra(&[ident]),
            ident: ident.to_owned(),
            doc: Some("A group of elements: one alternative of a `<choice>`.".to_owned()),
            xml: ir::XmlName {
                ns: None,
                local: ident.to_owned(),
            },
            fields,
            attrs: Vec::new(),
            text: None,
            element: None,
            any_attrs: None,
        }
    }
}

/// The owner-table entries of a group field: one, or one per alternative of a choice.
fn entries(f: &RawField) -> Vec<ir::GroupEntry> {
    let repeated = matches!(
        f.occurs,
        ir::Occurs::Repeated | ir::Occurs::RepeatedRequired
    );
    if !f.choice.is_empty() {
        return f
            .choice
            .iter()
            .flat_map(|a| {
                if a.group.is_empty() {
                    vec![ir::GroupEntry {
                        xml: xml_name(&a.xml),
                        nillable: a.nillable,
                        repeated,
                    }]
                } else {
                    a.group.clone()
                }
            })
            .collect();
    }
    let xml = f.xml.as_ref().map_or_else(
        || ir::XmlName {
            ns: None,
            local: String::new(),
        },
        xml_name,
    );
    vec![ir::GroupEntry {
        xml,
        nillable: f.nillable,
        repeated,
    }]
}

/// The variant's name: the named group's, else its elements' (up to three).
fn variant_name(src: GroupSrc<'_>, raw: &[RawField]) -> String {
    if let Some(n) = src.named {
        return upper_camel(n, "G");
    }
    let names: Vec<String> = raw
        .iter()
        .filter_map(|f| f.xml.as_ref())
        .map(|q| upper_camel(&q.local, "E"))
        .collect();
    match names.len() {
        0 => "Group".to_owned(),
        1..=3 => names.concat(),
        _ => format!("{}Etc", names[..2].concat()),
    }
}

/// Is `p` an alternative this module lowers (rather than a single element)?
pub fn is_group_alt(p: &Particle) -> bool {
    match p {
        Particle::Element(ElementParticle::Local { occurs, .. })
        | Particle::Element(ElementParticle::Ref { occurs, .. }) => {
            occurs.max != MaxOccurs::Bounded(1)
        }
        Particle::Group { kind, .. } => *kind != GroupKind::Choice,
        Particle::GroupRef { .. } => true,
        Particle::Any(_) => false,
    }
}
