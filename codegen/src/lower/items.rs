//! Arena entries -> IR items: structs (fields named and boxed), enums, aliases, `Any*`
//! enums and element newtypes, in a stable order.

use std::collections::BTreeMap;

use wsdl::model::{QName, SimpleVariety, TypeDef};

use super::attrs::RawAttr;
use super::choice::RawAlt;
use super::fields::RawField;
use super::reach::Reach;
use super::{Ctx, Id, Kind, Origin, boxing};
use crate::ir::{self, Item, XmlName};
use crate::names::{Scope, snake, upper_camel};

/// The items, and the sorted names of every named complex type (`TYPE_NAMES`).
#[derive(Debug, Default)]
pub struct Items {
    pub items: Vec<Item>,
    pub type_names: Vec<XmlName>,
}

/// An XML name whose namespace is still a URI (see `namespaces::assign`).
pub fn xml_name(q: &QName) -> XmlName {
    XmlName {
        ns: (!q.ns.is_empty()).then(|| q.ns.clone()),
        local: q.local.clone(),
    }
}

/// The flattened fields of every struct entry.
pub fn all_fields(ctx: &mut Ctx<'_>) -> BTreeMap<Id, Vec<RawField>> {
    let mut fields = BTreeMap::new();
    for id in 0..ctx.entries.len() {
        if ctx.entries[id].kind == Kind::Struct {
            let f = ctx.fields_of(id);
            fields.insert(id, f);
        }
    }
    fields
}

/// What a struct holds besides child elements.
#[derive(Debug, Default)]
pub struct Extras {
    pub attrs: Vec<RawAttr>,
    /// simpleContent: the text's type and the generated type it refers to.
    pub text: Option<(ir::Ty, Option<Id>)>,
    /// Has an `xsd:anyAttribute` wildcard.
    pub any_attrs: bool,
}

/// The attributes and text of every struct entry.
pub fn all_extras(ctx: &mut Ctx<'_>) -> BTreeMap<Id, Extras> {
    let mut out = BTreeMap::new();
    for id in 0..ctx.entries.len() {
        if ctx.entries[id].kind == Kind::Struct {
            let attrs = ctx.attrs_of(id);
            let text = ctx.text_of(id);
            let any_attrs = ctx.any_attrs_of(id);
            out.insert(
                id,
                Extras {
                    attrs,
                    text,
                    any_attrs,
                },
            );
        }
    }
    out
}

pub fn build(
    ctx: &mut Ctx<'_>,
    fields: &BTreeMap<Id, Vec<RawField>>,
    extras: &BTreeMap<Id, Extras>,
    keep: &Reach,
) -> Items {
    let boxed = boxing::back_edges(fields);
    let mut out = Items::default();
    let mut emitted = std::collections::BTreeSet::new();
    for id in (0..ctx.entries.len()).filter(|id| keep.has(*id)) {
        let item = match ctx.entries[id].kind {
            Kind::Struct => Item::Struct(structure(ctx, id, &fields[&id], &extras[&id], &boxed)),
            Kind::Enum => Item::Enum(enumeration(ctx, id)),
            Kind::Alias => match ctx.list_or_union(id) {
                Some(SimpleVariety::List { item }) => Item::List(ctx.list_type(id, item)),
                Some(SimpleVariety::Union { members }) => Item::Union(ctx.union_type(id, members)),
                _ => Item::Alias(alias(ctx, id)),
            },
            Kind::SoapArray => Item::SoapArray(ctx.soap_array_item(id)),
        };
        let choices = match &item {
            Item::Struct(s) => choice_enums(ctx, s, &mut emitted),
            _ => Vec::new(),
        };
        out.items.push(item);
        out.items.extend(choices);
        if ctx.entries[id].poly.is_some() {
            out.items.push(Item::Poly(poly(ctx, id, keep)));
        }
    }
    group_items(ctx, &mut out.items, &mut emitted);
    for (q, name, r) in ctx
        .newtypes
        .clone()
        .into_iter()
        .filter(|(q, ..)| keep.has_element(q))
    {
        let decl = &ctx.defs.schemas.elements[&q];
        out.items.push(Item::Newtype(ir::Newtype {
            extra: ctx.type_extra(&[&q.local, &name]),
            ident: name,
            doc: decl.doc.clone(),
            inner: ctx.slot_ty(r).0,
            nillable: decl.nillable,
            element: xml_name(&q),
        }));
    }
    let mut names: Vec<&QName> = ctx
        .entries
        .iter()
        .enumerate()
        .filter(|(id, e)| e.kind == Kind::Struct && keep.has(*id))
        .map(|(_, e)| e)
        .filter_map(|e| e.xml.as_ref())
        .collect();
    names.sort();
    out.type_names = names.into_iter().map(xml_name).collect();
    out
}

/// The structs of group alternatives that emitted choice enums use (and the choice enums
/// those structs use in turn).
fn group_items(
    ctx: &Ctx<'_>,
    items: &mut Vec<Item>,
    emitted: &mut std::collections::BTreeSet<String>,
) {
    let mut done = std::collections::BTreeSet::new();
    loop {
        let wanted: Vec<String> = items
            .iter()
            .filter_map(|i| match i {
                Item::Choice(c) => Some(c),
                _ => None,
            })
            .flat_map(|c| c.alts.iter())
            .filter(|a| !a.group.is_empty())
            .filter_map(|a| match &a.ty {
                ir::Ty::Named(n) if !done.contains(n) => Some(n.clone()),
                _ => None,
            })
            .collect();
        if wanted.is_empty() {
            return;
        }
        for name in wanted {
            if !done.insert(name.clone()) {
                continue;
            }
            if let Some((s, _)) = ctx.group_structs.iter().find(|(s, _)| s.ident == name) {
                let choices = choice_enums(ctx, s, emitted);
                items.push(Item::Struct(s.clone()));
                items.extend(choices);
            }
        }
    }
}

fn doc_of(def: &TypeDef) -> Option<String> {
    match def {
        TypeDef::Complex(c) => c.doc.clone(),
        TypeDef::Simple(s) => s.doc.clone(),
    }
}

/// The name `rt::TypeInfo` reports for a type: its own, its element's, or its field's.
fn type_xml(ctx: &Ctx<'_>, id: Id) -> XmlName {
    let e = &ctx.entries[id];
    match (&e.xml, &e.origin) {
        (Some(q), _) | (None, Origin::Element(q)) => xml_name(q),
        (None, Origin::Nested { field, .. }) => XmlName {
            ns: None,
            local: field.clone(),
        },
        (None, Origin::Named) => XmlName {
            ns: None,
            local: e.rust.clone(),
        },
    }
}

fn structure(
    ctx: &Ctx<'_>,
    id: Id,
    raw: &[RawField],
    extras: &Extras,
    boxed: &std::collections::BTreeSet<(Id, usize)>,
) -> ir::Struct {
    let e = &ctx.entries[id];
    let mut scope = Scope::new();
    let text = extras.text.as_ref().map(|(ty, _)| ir::Text {
        ident: scope.claim("value", ""),
        ty: ty.clone(),
    });
    // A type is known by its XML name (its element's, when anonymous) and its Rust name.
    let xml_local = match (&e.xml, &e.origin) {
        (Some(q), _) | (None, Origin::Element(q)) => q.local.as_str(),
        _ => "",
    };
    let tn: [&str; 2] = [xml_local, &e.rust];
    let mut name_field = |xml_local: &str, default: String| {
        let wanted = ctx
            .field_rename(&tn, &[xml_local, &default])
            .unwrap_or(default);
        let ident = scope.claim(&wanted, "");
        let extra = ctx.field_extra(&tn, &[xml_local, &wanted]);
        (ident, extra)
    };
    let fields = raw
        .iter()
        .enumerate()
        .map(|(i, f)| {
            // Elementless fields: a wildcard's `any`, a choice's `choice`.
            let unnamed = if f.choice.is_empty() { "any" } else { "choice" };
            let local = f.xml.as_ref().map_or(unnamed, |q| q.local.as_str());
            let (ident, extra) = name_field(
                local,
                f.xml
                    .as_ref()
                    .map_or_else(|| unnamed.to_owned(), |q| snake(&q.local)),
            );
            ir::Field {
                ident,
                extra,
                doc: f.doc.clone(),
                xml: f.xml.as_ref().map(xml_name),
                ty: f.ty.clone(),
                occurs: f.occurs,
                nillable: f.nillable,
                // Cycles need a box; an optional struct gets one too, so an absent one
                // costs a pointer, not the struct's size (issue 5 (a): memory).
                boxed: boxed.contains(&(id, i))
                    || (f.occurs == ir::Occurs::Optional && f.target.is_some()),
                choice: f.choice.iter().map(alt).collect(),
            }
        })
        .collect();
    let attrs = extras
        .attrs
        .iter()
        .map(|a| {
            let (ident, extra) = name_field(&a.xml.local, snake(&a.xml.local));
            ir::Attr {
                ident,
                extra,
                doc: a.doc.clone(),
                xml: xml_name(&a.xml),
                ty: a.ty.clone(),
                required: a.required,
            }
        })
        .collect();
    let any_attrs = extras
        .any_attrs
        .then(|| name_field("otherAttributes", "other_attributes".to_owned()).0);
    let element_doc = match &e.origin {
        Origin::Element(q) => ctx.defs.schemas.elements.get(q).and_then(|d| d.doc.clone()),
        _ => None,
    };
    ir::Struct {
        ident: e.rust.clone(),
        extra: ctx.type_extra(&tn),
        doc: element_doc.or_else(|| doc_of(e.def)),
        xml: type_xml(ctx, id),
        fields,
        attrs,
        text,
        element: e.element.as_ref().map(xml_name),
        any_attrs,
    }
}

pub(super) fn alt(a: &RawAlt) -> ir::ChoiceAlt {
    ir::ChoiceAlt {
        variant: a.variant.clone(),
        xml: xml_name(&a.xml),
        ty: a.ty.clone(),
        nillable: a.nillable,
        boxed: a.boxed,
        group: a.group.clone(),
        any: a.any.clone(),
    }
}

/// The choice enums `s` uses that were not emitted yet, in field order.
fn choice_enums(
    ctx: &Ctx<'_>,
    s: &ir::Struct,
    emitted: &mut std::collections::BTreeSet<String>,
) -> Vec<Item> {
    s.fields
        .iter()
        .filter(|f| !f.choice.is_empty())
        .filter_map(|f| match &f.ty {
            ir::Ty::Named(n) if emitted.insert(n.clone()) => Some(Item::Choice(ir::ChoiceEnum {
                extra: ctx.type_extra(&[n]),
                ident: n.clone(),
                alts: f.choice.clone(),
            })),
            _ => None,
        })
        .collect()
}

pub(super) fn enumeration(ctx: &Ctx<'_>, id: Id) -> ir::Enum {
    let e = &ctx.entries[id];
    let mut scope = Scope::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut variants = Vec::new();
    let values = match e.def {
        TypeDef::Simple(s) => match &s.variety {
            SimpleVariety::Restriction { facets, .. } => facets.enumerations.as_slice(),
            _ => &[],
        },
        TypeDef::Complex(_) => &[],
    };
    // A value listed twice would make an unreachable match arm.
    for v in values.iter().filter(|v| seen.insert(v.value.clone())) {
        variants.push(ir::Variant {
            ident: scope.claim(&upper_camel(&v.value, "V"), ""),
            value: v.value.clone(),
            doc: v.doc.clone(),
        });
    }
    let xml_local = e.xml.as_ref().map_or("", |q| q.local.as_str());
    ir::Enum {
        ident: e.rust.clone(),
        extra: ctx.type_extra(&[xml_local, &e.rust]),
        doc: doc_of(e.def),
        variants,
        unknown: scope.claim("Unknown", "_"),
    }
}

fn alias(ctx: &mut Ctx<'_>, id: Id) -> ir::Alias {
    let e = &ctx.entries[id];
    let (def, at, ident) = (e.def, e.at.clone(), e.rust.clone());
    let target = match def {
        TypeDef::Simple(s) => match &s.variety {
            SimpleVariety::Restriction { base, .. } => {
                let r = ctx.resolve(Some(base), &at);
                r.map_or(ir::Ty::Builtin(ir::Builtin::String), |r| ctx.slot_ty(r).0)
            }
            // Lists and unions are items of their own (see `simple.rs`).
            SimpleVariety::List { .. } | SimpleVariety::Union { .. } => {
                ir::Ty::Builtin(ir::Builtin::String)
            }
        },
        TypeDef::Complex(c) if c.mixed => ir::Ty::Builtin(ir::Builtin::AnyValue),
        TypeDef::Complex(_) => ir::Ty::Builtin(ir::Builtin::String),
    };
    if target == ir::Ty::Named(ident.clone()) {
        ctx.problem(&at, "simple type restricts itself");
    }
    ir::Alias {
        ident,
        doc: doc_of(def),
        target,
    }
}

fn poly(ctx: &Ctx<'_>, id: Id, keep: &Reach) -> ir::Poly {
    let variant = |d: Id| {
        let e = &ctx.entries[d];
        ir::PolyVariant {
            ident: e.rust.clone(),
            ty: e.rust.clone(),
            xml: type_xml(ctx, d),
        }
    };
    let is_abstract = |d: Id| matches!(ctx.entries[d].def, TypeDef::Complex(c) if c.is_abstract);
    let mut variants: Vec<ir::PolyVariant> = ctx
        .inherit
        .descendants(id)
        .into_iter()
        .filter(|&d| ctx.entries[d].xml.is_some() && !is_abstract(d) && keep.has(d))
        .map(variant)
        .collect();
    variants.sort_by(|a, b| a.ident.cmp(&b.ident));
    let base = (!is_abstract(id)).then(|| variant(id));
    let mut scope = Scope::new();
    for v in base.iter().chain(&variants) {
        scope.claim(&v.ident, "");
    }
    let any = ctx.entries[id].poly.clone().unwrap_or_default();
    ir::Poly {
        extra: ctx.type_extra(&[&any]),
        ident: any,
        base_ty: ctx.entries[id].rust.clone(),
        base,
        variants,
        unknown: scope.claim("Unknown", "_"),
    }
}
