//! Attributes (with attribute groups and inherited ones, base first) and the text value of
//! simpleContent types.

use wsdl::model::{
    AttributeDecl, AttributeUse, AttributeUseKind, Content, Derivation, Location, QName, TypeDef,
    TypeRef,
};

use super::{Ctx, Id, Kind, Resolved};
use crate::ir;

/// An attribute before its Rust name is chosen.
#[derive(Debug, Clone)]
pub struct RawAttr {
    pub xml: QName,
    pub ty: ir::Ty,
    /// The generated type it refers to, for pruning.
    pub refs: Option<Id>,
    pub required: bool,
    pub doc: Option<String>,
}

/// True when a type derives from its base by extension (complex or simple content): it
/// then inherits the base's attributes, where a restriction restates what it keeps.
fn is_extension(content: &Content) -> bool {
    matches!(
        content,
        Content::Complex {
            derivation: Derivation::Extension,
            ..
        } | Content::Simple {
            derivation: Derivation::Extension,
            ..
        }
    )
}

impl Ctx<'_> {
    /// The attributes of struct entry `id`: inherited ones first (extension only; a
    /// restriction restates what it keeps), then its own.
    pub fn attrs_of(&mut self, id: Id) -> Vec<RawAttr> {
        let TypeDef::Complex(c) = self.entries[id].def else {
            return Vec::new();
        };
        let extends = is_extension(&c.content);
        let mut out = match self.inherit.parent.get(&id) {
            Some(&base) if extends => self.attrs_of(base),
            _ => Vec::new(),
        };
        let mut seen_groups = Vec::new();
        self.attribute_uses(&c.attributes, &mut out, &mut seen_groups);
        out
    }

    /// True when struct entry `id` has an `xsd:anyAttribute` wildcard: its own, one of its
    /// attribute groups' (at any depth), or its base's (extension only, as for attributes).
    pub fn any_attrs_of(&self, id: Id) -> bool {
        let TypeDef::Complex(c) = self.entries[id].def else {
            return false;
        };
        let extends = is_extension(&c.content);
        let inherited = match self.inherit.parent.get(&id) {
            Some(&base) if extends => self.any_attrs_of(base),
            _ => false,
        };
        inherited || c.any_attribute || self.groups_any(&c.attributes, &mut Vec::new())
    }

    fn groups_any(&self, uses: &[AttributeUse], seen: &mut Vec<QName>) -> bool {
        uses.iter().any(|u| match u {
            AttributeUse::GroupRef { name, .. } if !seen.contains(name) => {
                seen.push(name.clone());
                self.defs
                    .schemas
                    .attribute_groups
                    .get(name)
                    .is_some_and(|g| g.any_attribute || self.groups_any(&g.attributes, seen))
            }
            _ => false,
        })
    }

    fn attribute_uses(
        &mut self,
        uses: &[AttributeUse],
        out: &mut Vec<RawAttr>,
        groups: &mut Vec<QName>,
    ) {
        for u in uses {
            match u {
                AttributeUse::Local { decl, use_kind } => {
                    self.attribute(decl, *use_kind, None, out)
                }
                AttributeUse::Ref {
                    name,
                    use_kind,
                    default,
                    at,
                } => {
                    match self.defs.schemas.attributes.get(name) {
                        Some(decl) => self.attribute(decl, *use_kind, default.as_deref(), out),
                        // `xml:lang` and friends are built in: they are strings.
                        None if name.ns == "http://www.w3.org/XML/1998/namespace" => {
                            out.push(RawAttr {
                                xml: name.clone(),
                                ty: ir::Ty::Builtin(ir::Builtin::String),
                                refs: None,
                                required: *use_kind == AttributeUseKind::Required,
                                doc: None,
                            })
                        }
                        None => self.problem(at, format!("unresolved attribute `{name}`")),
                    }
                }
                AttributeUse::GroupRef { name, at } => {
                    // A group used twice (or through itself) contributes its attributes once.
                    if groups.contains(name) {
                        continue;
                    }
                    groups.push(name.clone());
                    match self.defs.schemas.attribute_groups.get(name) {
                        Some(g) => self.attribute_uses(&g.attributes, out, groups),
                        None => self.problem(at, format!("unresolved attribute group `{name}`")),
                    }
                }
            }
        }
    }

    fn attribute(
        &mut self,
        decl: &AttributeDecl,
        use_kind: AttributeUseKind,
        _default: Option<&str>,
        out: &mut Vec<RawAttr>,
    ) {
        if use_kind == AttributeUseKind::Prohibited {
            out.retain(|a| a.xml != decl.name);
            return;
        }
        let (ty, refs) = match decl.type_ref.as_ref() {
            // No type: xsd:anySimpleType, its text.
            None => (ir::Ty::Builtin(ir::Builtin::String), None),
            Some(r) => match self.simple_ty(r, &decl.at) {
                Some(x) => x,
                None => return,
            },
        };
        let attr = RawAttr {
            xml: decl.name.clone(),
            ty,
            refs,
            required: use_kind == AttributeUseKind::Required,
            doc: decl.doc.clone(),
        };
        // A derived type restating an attribute replaces the inherited one.
        match out.iter_mut().find(|a| a.xml == attr.xml) {
            Some(prev) => *prev = attr,
            None => out.push(attr),
        }
    }

    /// The Rust type of a text value (attribute or simple content): anything but a complex
    /// type; `xsd:anyType` there means its text.
    pub(super) fn simple_ty(&mut self, r: &TypeRef, at: &Location) -> Option<(ir::Ty, Option<Id>)> {
        let resolved = self.resolve(Some(r), at)?;
        // Text that is base64 (directly or through aliases) has no `rt::Simple` impl as
        // bytes: it is kept as its text.
        if self.ultimate_builtin(resolved) == Some(ir::Builtin::Bytes) {
            return Some((ir::Ty::Builtin(ir::Builtin::String), None));
        }
        match resolved {
            Resolved::Builtin(ir::Builtin::AnyValue) => {
                Some((ir::Ty::Builtin(ir::Builtin::String), None))
            }
            Resolved::Builtin(b) => Some((ir::Ty::Builtin(b), None)),
            Resolved::Entry(id) if self.entries[id].kind != Kind::Struct => {
                Some((ir::Ty::Named(self.entries[id].rust.clone()), Some(id)))
            }
            Resolved::Entry(_) => {
                self.problem(at, "a complex type where a simple type is needed");
                None
            }
        }
    }

    /// The built-in a type comes down to through alias restrictions, if any.
    fn ultimate_builtin(&mut self, mut r: Resolved) -> Option<ir::Builtin> {
        // Bounded: a chain of restrictions longer than the arena has a cycle.
        for _ in 0..=self.entries.len() {
            match r {
                Resolved::Builtin(b) => return Some(b),
                Resolved::Entry(id) if self.entries[id].kind == Kind::Alias => {
                    let TypeDef::Simple(s) = self.entries[id].def else {
                        return None;
                    };
                    let wsdl::model::SimpleVariety::Restriction { base, .. } = &s.variety else {
                        return None;
                    };
                    let at = s.at.clone();
                    r = self.resolve(Some(base), &at)?;
                }
                Resolved::Entry(_) => return None,
            }
        }
        None
    }

    /// The text value type of a simpleContent type (its own base, or the text type of the
    /// complex type it derives from).
    pub fn text_of(&mut self, id: Id) -> Option<(ir::Ty, Option<Id>)> {
        let TypeDef::Complex(c) = self.entries[id].def else {
            return None;
        };
        let Content::Simple { base, .. } = &c.content else {
            return None;
        };
        let at = c.at.clone();
        if let Some(&parent) = self.inherit.parent.get(&id) {
            return self.text_of(parent);
        }
        self.simple_ty(&TypeRef::Named(base.clone()), &at)
    }
}
