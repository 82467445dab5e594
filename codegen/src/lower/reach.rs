//! Pruning: with an operations filter, only what the chosen operations reach is generated:
//! their body and header elements, the types of those, the types of their fields, and so
//! on. Subtypes are not pulled in by their base: a slot typed with a base holds the subtypes
//! that are generated, and keeps any other `xsi:type` losslessly as `Unknown`. Types named
//! with `Builder::keep_type` are added (with what they reach).

use std::collections::{BTreeMap, BTreeSet};

use wsdl::model::QName;

use super::fields::RawField;
use super::items::Extras;
use super::{Ctx, Id, Kind, Resolved};

/// What to generate: `None` sets mean everything.
#[derive(Debug, Default)]
pub struct Reach {
    ids: Option<BTreeSet<Id>>,
    elements: Option<BTreeSet<QName>>,
}

impl Reach {
    pub fn all() -> Self {
        Self::default()
    }

    pub fn has(&self, id: Id) -> bool {
        self.ids.as_ref().is_none_or(|s| s.contains(&id))
    }

    pub fn has_element(&self, q: &QName) -> bool {
        self.elements.as_ref().is_none_or(|s| s.contains(q))
    }
}

pub fn compute(
    ctx: &mut Ctx<'_>,
    fields: &BTreeMap<Id, Vec<RawField>>,
    extras: &BTreeMap<Id, Extras>,
    roots: &[QName],
    keep_types: &BTreeSet<String>,
) -> Reach {
    let mut elements = BTreeSet::new();
    let mut stack: Vec<Id> = Vec::new();
    for q in roots {
        if !elements.insert(q.clone()) {
            continue;
        }
        let Some(decl) = ctx.defs.schemas.elements.get(q) else {
            continue;
        };
        if let Some(Resolved::Entry(id)) = ctx.resolve(decl.type_ref.as_ref(), &decl.at) {
            stack.push(id);
        }
    }
    // The types rpc wrappers (which are no schema elements) refer to.
    stack.extend(
        ctx.rpc_structs
            .iter()
            .flat_map(|(_, refs)| refs.iter().copied()),
    );
    for (id, e) in ctx.entries.iter().enumerate() {
        let named = e
            .xml
            .as_ref()
            .is_some_and(|q| keep_types.contains(&q.local));
        if named || (e.xml.is_some() && keep_types.contains(&e.rust)) {
            stack.push(id);
        }
    }
    let mut ids = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !ids.insert(id) {
            continue;
        }
        match ctx.entries[id].kind {
            Kind::Struct => {
                stack.extend(fields[&id].iter().flat_map(|f| f.refs.iter().copied()));
                let x = &extras[&id];
                stack.extend(x.attrs.iter().filter_map(|a| a.refs));
                stack.extend(x.text.as_ref().and_then(|t| t.1));
            }
            Kind::Alias | Kind::Enum => stack.extend(ctx.simple_refs(id)),
            Kind::SoapArray => {
                if let Some((_, Resolved::Entry(item))) = ctx.array_item(id) {
                    stack.push(item);
                }
            }
        }
    }
    Reach {
        ids: Some(ids),
        elements: Some(elements),
    }
}
