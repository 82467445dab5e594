//! `xsd:list` and `xsd:union` simple types: a list is a newtype over `Vec<Item>` (written
//! space-separated), a union an enum over its member types, tried in declaration order,
//! with a `String` variant keeping any text no member accepts (nothing is lost).

use wsdl::model::{SimpleVariety, TypeDef, TypeRef};

use super::{Ctx, Id, Kind, Resolved};
use crate::ir;
use crate::names::{Scope, upper_camel};

/// How deep unions of unions are flattened before giving up (a cycle).
const MAX_UNION_DEPTH: usize = 16;

impl<'a> Ctx<'a> {
    /// The list or union variety of entry `id`, if it is one.
    pub(super) fn list_or_union(&self, id: Id) -> Option<&'a SimpleVariety> {
        let def: &'a TypeDef = self.entries[id].def;
        match def {
            TypeDef::Simple(s)
                if matches!(
                    s.variety,
                    SimpleVariety::List { .. } | SimpleVariety::Union { .. }
                ) =>
            {
                Some(&s.variety)
            }
            _ => None,
        }
    }

    /// The generated types a list's item or a union's members name (for pruning).
    pub(super) fn simple_refs(&mut self, id: Id) -> Vec<Id> {
        let TypeDef::Simple(s) = self.entries[id].def else {
            return Vec::new();
        };
        let at = s.at.clone();
        let refs: Vec<&TypeRef> = match &s.variety {
            SimpleVariety::Restriction { base, .. } => vec![base],
            SimpleVariety::List { item } => vec![item],
            SimpleVariety::Union { members } => members.iter().collect(),
        };
        refs.into_iter()
            .filter_map(|r| match self.resolve(Some(r), &at)? {
                Resolved::Entry(e) => Some(e),
                Resolved::Builtin(_) => None,
            })
            .collect()
    }

    pub(super) fn list_type(&mut self, id: Id, item: &TypeRef) -> ir::ListType {
        let e = &self.entries[id];
        let (ident, doc, at) = (e.rust.clone(), e.def.doc().map(str::to_owned), e.at.clone());
        let item = self
            .simple_ty(item, &at)
            .map_or(ir::Ty::Builtin(ir::Builtin::String), |(t, _)| t);
        if item == ir::Ty::Named(ident.clone()) {
            self.problem(&at, "list type whose items are the list itself");
        }
        ir::ListType {
            extra: self.type_extra(&[self.xml_local(id), &ident]),
            ident,
            doc,
            item,
        }
    }

    pub(super) fn union_type(&mut self, id: Id, members: &[TypeRef]) -> ir::Union {
        let e = &self.entries[id];
        let (ident, doc, at) = (e.rust.clone(), e.def.doc().map(str::to_owned), e.at.clone());
        let mut scope = Scope::new();
        let mut out: Vec<ir::UnionMember> = Vec::new();
        self.union_members(members, &at, 0, &mut scope, &mut out);
        ir::Union {
            extra: self.type_extra(&[self.xml_local(id), &ident]),
            ident,
            doc,
            members: out,
            other: scope.claim("Other", "_"),
        }
    }

    /// Appends the members of a union, those of member unions in their place.
    fn union_members(
        &mut self,
        members: &[TypeRef],
        at: &wsdl::model::Location,
        depth: usize,
        scope: &mut Scope,
        out: &mut Vec<ir::UnionMember>,
    ) {
        if depth > MAX_UNION_DEPTH {
            self.problem(at, "union types that contain each other");
            return;
        }
        for m in members {
            if let Some(Resolved::Entry(e)) = self.resolve(Some(m), at)
                && let Some(SimpleVariety::Union { members: inner }) = self.list_or_union(e)
            {
                let at = self.entries[e].at.clone();
                self.union_members(inner, &at, depth + 1, scope, out);
                continue;
            }
            let Some((ty, target)) = self.simple_ty(m, at) else {
                continue;
            };
            // The same type twice: the second could never match.
            if out.iter().any(|x| x.ty == ty) {
                continue;
            }
            let name = match &ty {
                ir::Ty::Named(n) => n.clone(),
                ir::Ty::Builtin(b) => upper_camel(&format!("{b:?}"), "V"),
            };
            let unlisted = target
                .filter(|t| self.entries[*t].kind == Kind::Enum)
                .map(|t| super::items::enumeration(self, t).unknown);
            out.push(ir::UnionMember {
                variant: scope.claim(&name, ""),
                ty,
                unlisted,
            });
        }
    }

    /// The local XML name of an entry (`""` when anonymous), for type patterns.
    fn xml_local(&self, id: Id) -> &str {
        self.entries[id]
            .xml
            .as_ref()
            .map_or("", |q| q.local.as_str())
    }
}
