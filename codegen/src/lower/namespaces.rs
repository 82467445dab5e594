//! Namespace consts: every namespace URI the IR names becomes `NS`, `NS1`, ...: the WSDL's
//! target namespace (when used) is `NS`, the others follow in URI order.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{File, Item, Namespace, XmlName};

pub fn assign(file: &mut File, target_ns: &str) {
    let mut uris = BTreeSet::new();
    visit(file, &mut |n| {
        if let Some(u) = &n.ns {
            uris.insert(u.clone());
        }
    });
    let mut ordered: Vec<String> = Vec::with_capacity(uris.len());
    if uris.remove(target_ns) {
        ordered.push(target_ns.to_owned());
    }
    ordered.extend(uris);
    let idents: BTreeMap<String, String> = ordered
        .iter()
        .enumerate()
        .map(|(i, u)| {
            (
                u.clone(),
                if i == 0 {
                    "NS".to_owned()
                } else {
                    format!("NS{i}")
                },
            )
        })
        .collect();
    visit(file, &mut |n| {
        if let Some(u) = &mut n.ns {
            *u = idents[u.as_str()].clone();
        }
    });
    file.namespaces = ordered
        .into_iter()
        .map(|uri| Namespace {
            ident: idents[&uri].clone(),
            uri,
        })
        .collect();
}

/// Calls `f` on the XML names of a choice alternative (a group's: each of its elements).
fn alt(a: &mut crate::ir::ChoiceAlt, f: &mut dyn FnMut(&mut XmlName)) {
    f(&mut a.xml);
    a.group.iter_mut().for_each(|g| f(&mut g.xml));
}

/// Calls `f` on every XML name of the file.
fn visit(file: &mut File, f: &mut dyn FnMut(&mut XmlName)) {
    for item in &mut file.items {
        match item {
            Item::Struct(s) => {
                f(&mut s.xml);
                s.element.iter_mut().for_each(&mut *f);
                s.attrs.iter_mut().for_each(|a| f(&mut a.xml));
                for field in &mut s.fields {
                    field.choice.iter_mut().for_each(|a| alt(a, &mut *f));
                }
                s.fields
                    .iter_mut()
                    .filter_map(|x| x.xml.as_mut())
                    .for_each(&mut *f);
            }
            Item::Poly(p) => {
                for v in p.base.iter_mut().chain(&mut p.variants) {
                    f(&mut v.xml);
                }
            }
            Item::Newtype(n) => f(&mut n.element),
            Item::Choice(c) => c.alts.iter_mut().for_each(|a| alt(a, &mut *f)),
            Item::SoapArray(a) => f(&mut a.item_type),
            Item::Encoded(e) => {
                f(&mut e.element);
                for p in &mut e.parts {
                    f(&mut p.xml);
                    p.xsi_type.iter_mut().for_each(&mut *f);
                }
            }
            Item::Enum(_) | Item::Alias(_) | Item::List(_) | Item::Union(_) => {}
        }
    }
    file.type_names.iter_mut().for_each(&mut *f);
    for s in &mut file.sessions {
        f(&mut s.element);
        f(&mut s.session_id);
    }
    for b in &mut file.bindings {
        b.header_fields
            .iter_mut()
            .filter_map(|x| x.xml.as_mut())
            .for_each(&mut *f);
        for v in b
            .body_variants
            .iter_mut()
            .chain(b.faults.iter_mut().flat_map(|x| &mut x.variants))
        {
            f(&mut v.element);
        }
    }
}
