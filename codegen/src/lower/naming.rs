//! Chooses the Rust name of every generated item, deterministically: named types first (in
//! name order), then `Any*` enums, then global elements, then anonymous nested types. A
//! later claimant of a taken name gets a suffix (`Element` for elements, then numbers).

use std::collections::BTreeMap;

use wsdl::model::{QName, TypeRef};

use super::{Ctx, Id, Kind, Origin, Owner, Resolved};
use crate::names::upper_camel;

pub fn name_types(ctx: &mut Ctx<'_>) {
    for id in 0..ctx.entries.len() {
        if let (Origin::Named, Some(xml)) = (&ctx.entries[id].origin, &ctx.entries[id].xml) {
            let default = upper_camel(&xml.local, "T");
            let name = ctx.type_rename(&[&xml.local, &default]).unwrap_or(default);
            ctx.entries[id].rust = ctx.scope.claim(&name, "");
        }
    }
    let polys: Vec<Id> = ctx.inherit.poly.iter().copied().collect();
    for id in polys {
        let name = format!("Any{}", ctx.entries[id].rust);
        ctx.entries[id].poly = Some(ctx.scope.claim(&name, ""));
    }
    name_elements(ctx);
    for id in 0..ctx.entries.len() {
        let Origin::Nested { owner, field } = &ctx.entries[id].origin else {
            continue;
        };
        let owner = match owner {
            Owner::Type(o) => ctx.entries[*o].rust.clone(),
            Owner::Named(q) => upper_camel(&q.local, "T"),
        };
        let name = format!("{owner}{}", upper_camel(field, ""));
        ctx.entries[id].rust = ctx.scope.claim(&name, "");
    }
}

/// Global elements: an anonymous type is named after its element; an element of a named
/// struct type used by no other element makes that struct its `rt::Element`; any other
/// element gets a newtype wrapper.
fn name_elements(ctx: &mut Ctx<'_>) {
    let elements = &ctx.defs.schemas.elements;
    let mut resolved: BTreeMap<QName, Resolved> = BTreeMap::new();
    let mut uses: BTreeMap<Id, usize> = BTreeMap::new();
    for (q, decl) in elements {
        let Some(r) = ctx.resolve(decl.type_ref.as_ref(), &decl.at) else {
            continue;
        };
        if let (Resolved::Entry(id), Some(TypeRef::Named(_)) | None) = (r, &decl.type_ref) {
            *uses.entry(id).or_default() += 1;
        }
        resolved.insert(q.clone(), r);
    }
    // Elements with anonymous types (the body and header wrappers) pick names first.
    let (anonymous, named): (Vec<_>, Vec<_>) = resolved
        .into_iter()
        .partition(|(q, _)| matches!(elements[q].type_ref, Some(TypeRef::Anonymous(_))));
    for (q, r) in anonymous.into_iter().chain(named) {
        let decl = &elements[&q];
        let default = upper_camel(&q.local, "E");
        let wanted = ctx.type_rename(&[&q.local, &default]).unwrap_or(default);
        match (r, &decl.type_ref) {
            (Resolved::Entry(id), Some(TypeRef::Anonymous(_))) => {
                ctx.entries[id].rust = ctx.scope.claim(&wanted, "Element");
                ctx.entries[id].element = Some(q.clone());
                ctx.element_types.insert(q, ctx.entries[id].rust.clone());
            }
            (Resolved::Entry(id), _) if direct(ctx, id, &uses) && !decl.nillable => {
                ctx.entries[id].element = Some(q.clone());
                ctx.element_types.insert(q, ctx.entries[id].rust.clone());
            }
            _ => {
                let name = ctx.scope.claim(&wanted, "Element");
                ctx.element_types.insert(q.clone(), name.clone());
                ctx.newtypes.push((q, name, r));
            }
        }
    }
}

fn direct(ctx: &Ctx<'_>, id: Id, uses: &BTreeMap<Id, usize>) -> bool {
    let e = &ctx.entries[id];
    e.kind == Kind::Struct && e.poly.is_none() && e.element.is_none() && uses.get(&id) == Some(&1)
}
