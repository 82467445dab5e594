//! Inheritance trees from complexContent derivation: who extends whom, and which named
//! types have named descendants (their slots hold an `Any*` enum).

use std::collections::{BTreeMap, BTreeSet};

use wsdl::model::{Content, TypeDef};

use super::{Ctx, Id, Kind, Resolved};

#[derive(Debug, Default)]
pub struct Tree {
    pub parent: BTreeMap<Id, Id>,
    pub children: BTreeMap<Id, Vec<Id>>,
    /// Named types with at least one named descendant.
    pub poly: BTreeSet<Id>,
}

impl Tree {
    /// Every named descendant of `id` at any depth, in arena order.
    pub fn descendants(&self, id: Id) -> Vec<Id> {
        let mut out = Vec::new();
        let mut stack = vec![id];
        let mut seen = BTreeSet::new();
        while let Some(n) = stack.pop() {
            for &c in self.children.get(&n).into_iter().flatten() {
                if seen.insert(c) {
                    out.push(c);
                    stack.push(c);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// The chain of bases of `id`, nearest first.
    pub fn ancestors(&self, id: Id) -> Vec<Id> {
        let mut out = Vec::new();
        let mut cur = id;
        while let Some(&p) = self.parent.get(&cur) {
            out.push(p);
            cur = p;
        }
        out
    }
}

pub fn compute(ctx: &mut Ctx<'_>) -> Tree {
    let mut tree = Tree::default();
    for id in 0..ctx.entries.len() {
        let TypeDef::Complex(c) = ctx.entries[id].def else {
            continue;
        };
        if ctx.entries[id].kind == Kind::SoapArray {
            continue;
        }
        let base = match &c.content {
            Content::Complex { base, .. } => base,
            // simpleContent deriving from a complex type (itself with simple content)
            // inherits too; deriving from a simple type is no inheritance.
            Content::Simple { base, .. } if is_struct(ctx, base) => base,
            _ => continue,
        };
        if base.ns == wsdl::model::XSD_NS && base.local == "anyType" {
            continue;
        }
        let at = c.at.clone();
        match ctx.resolve_name(base, &at) {
            Some(Resolved::Entry(b)) if ctx.entries[b].kind == Kind::Struct => {
                if creates_cycle(&tree, id, b) {
                    ctx.problem(&at, format!("type derives from itself through `{base}`"));
                    continue;
                }
                tree.parent.insert(id, b);
                tree.children.entry(b).or_default().push(id);
            }
            Some(_) => ctx.problem(
                &at,
                format!("complexContent base `{base}` is not a complex type"),
            ),
            None => {}
        }
    }
    for &id in tree.children.keys() {
        let named = |d: &Id| ctx.entries[*d].xml.is_some();
        if ctx.entries[id].xml.is_some() && tree.descendants(id).iter().any(named) {
            tree.poly.insert(id);
        }
    }
    tree
}

fn creates_cycle(tree: &Tree, child: Id, base: Id) -> bool {
    base == child || tree.ancestors(base).contains(&child)
}

fn is_struct(ctx: &Ctx<'_>, name: &wsdl::model::QName) -> bool {
    ctx.by_name
        .get(name)
        .is_some_and(|b| ctx.entries[*b].kind == Kind::Struct)
}
