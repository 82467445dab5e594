//! Gathers every type of the schema set into the arena: named types in name order, then the
//! anonymous types of global elements, each followed by the anonymous types nested in it.

use std::collections::{BTreeMap, HashMap};

use wsdl::model::{
    AttributeUse, Content, Definitions, ElementParticle, Particle, QName, SimpleVariety, TypeDef,
    TypeRef,
};

use super::{Ctx, Entry, Kind, Origin, Owner};

/// Index of an entry in [`Ctx::entries`].
pub type Id = usize;

pub fn collect(defs: &Definitions, opts: super::Options) -> Ctx<'_> {
    let mut ctx = Ctx {
        defs,
        opts,
        entries: Vec::new(),
        by_name: BTreeMap::new(),
        by_ptr: HashMap::new(),
        inherit: Default::default(),
        element_types: BTreeMap::new(),
        newtypes: Vec::new(),
        choices: HashMap::new(),
        group_names: HashMap::new(),
        group_structs: Vec::new(),
        rpc_structs: Vec::new(),
        encoded_bodies: Default::default(),
        substitution_names: BTreeMap::new(),
        scope: crate::names::Scope::new(),
        problems: Vec::new(),
    };
    let s = &defs.schemas;
    for (name, def) in &s.types {
        let id = push(&mut ctx, def, Some(name.clone()), Origin::Named);
        ctx.by_name.insert(name.clone(), id);
        walk_type(&mut ctx, def, id);
    }
    for (name, decl) in &s.elements {
        if let Some(TypeRef::Anonymous(def)) = &decl.type_ref {
            let id = push(&mut ctx, def, None, Origin::Element(name.clone()));
            walk_type(&mut ctx, def, id);
        }
    }
    for (name, group) in &s.groups {
        walk_particle(&mut ctx, &group.particle, &Owner::Named(name.clone()));
    }
    for (name, group) in &s.attribute_groups {
        walk_attributes(&mut ctx, &group.attributes, &Owner::Named(name.clone()));
    }
    for (name, attr) in &s.attributes {
        if let Some(TypeRef::Anonymous(def)) = &attr.type_ref {
            let origin = Origin::Nested {
                owner: Owner::Named(name.clone()),
                field: String::new(),
            };
            let id = push(&mut ctx, def, None, origin);
            walk_type(&mut ctx, def, id);
        }
    }
    ctx
}

fn push<'a>(ctx: &mut Ctx<'a>, def: &'a TypeDef, xml: Option<QName>, origin: Origin) -> Id {
    let (at, kind) = match def {
        // Mixed content (text between child elements) has no struct shape: such a type is
        // kept whole as its XML, an alias of the runtime's `AnyValue` (see `items::alias`).
        TypeDef::Complex(c) if c.mixed => (c.at.clone(), Kind::Alias),
        TypeDef::Complex(c) if super::encoded::is_soap_array(def) => {
            (c.at.clone(), Kind::SoapArray)
        }
        TypeDef::Complex(c) => (c.at.clone(), Kind::Struct),
        TypeDef::Simple(s) => {
            let kind = match &s.variety {
                SimpleVariety::Restriction { facets, .. } if !facets.enumerations.is_empty() => {
                    Kind::Enum
                }
                _ => Kind::Alias,
            };
            (s.at.clone(), kind)
        }
    };
    let id = ctx.entries.len();
    ctx.entries.push(Entry {
        def,
        xml,
        origin,
        at,
        kind,
        rust: String::new(),
        poly: None,
        element: None,
    });
    ctx.by_ptr.insert(def as *const TypeDef, id);
    id
}

fn nested<'a>(ctx: &mut Ctx<'a>, r: &'a Option<TypeRef>, owner: &Owner, field: &str) {
    if let Some(TypeRef::Anonymous(def)) = r {
        let origin = Origin::Nested {
            owner: owner.clone(),
            field: field.to_owned(),
        };
        let id = push(ctx, def, None, origin);
        walk_type(ctx, def, id);
    }
}

fn walk_type<'a>(ctx: &mut Ctx<'a>, def: &'a TypeDef, id: Id) {
    let owner = Owner::Type(id);
    match def {
        TypeDef::Complex(c) => {
            match &c.content {
                Content::Particles(p)
                | Content::Complex {
                    particle: Some(p), ..
                } => walk_particle(ctx, p, &owner),
                Content::Empty
                | Content::Complex { particle: None, .. }
                | Content::Simple { .. } => {}
            }
            walk_attributes(ctx, &c.attributes, &owner);
        }
        TypeDef::Simple(s) => match &s.variety {
            SimpleVariety::Restriction { base, .. } => simple_ref(ctx, base, &owner, "Base"),
            SimpleVariety::List { item } => simple_ref(ctx, item, &owner, "Item"),
            SimpleVariety::Union { members } => {
                for (i, m) in members.iter().enumerate() {
                    simple_ref(ctx, m, &owner, &format!("Member{}", i + 1));
                }
            }
        },
    }
}

fn simple_ref<'a>(ctx: &mut Ctx<'a>, r: &'a TypeRef, owner: &Owner, field: &str) {
    if let TypeRef::Anonymous(def) = r {
        let origin = Origin::Nested {
            owner: owner.clone(),
            field: field.to_owned(),
        };
        let id = push(ctx, def, None, origin);
        walk_type(ctx, def, id);
    }
}

fn walk_particle<'a>(ctx: &mut Ctx<'a>, p: &'a Particle, owner: &Owner) {
    match p {
        Particle::Element(ElementParticle::Local { decl, .. }) => {
            nested(ctx, &decl.type_ref, owner, &decl.name.local)
        }
        Particle::Group { items, .. } => {
            for item in items {
                walk_particle(ctx, item, owner);
            }
        }
        Particle::Element(ElementParticle::Ref { .. })
        | Particle::GroupRef { .. }
        | Particle::Any(_) => {}
    }
}

fn walk_attributes<'a>(ctx: &mut Ctx<'a>, attrs: &'a [AttributeUse], owner: &Owner) {
    for a in attrs {
        if let AttributeUse::Local { decl, .. } = a {
            nested(ctx, &decl.type_ref, owner, &decl.name.local);
        }
    }
}
