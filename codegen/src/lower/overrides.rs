//! Wire-name overrides (`Builder::element_name_override`): live servers sometimes send or
//! expect an element name the WSDL does not say (Salesforce's `retrieve` takes
//! `RetrieveRequest` where the WSDL says `retrieveRequest`). The Rust names stay those the
//! WSDL implies; only the XML name in the tables changes.

use std::collections::BTreeSet;

use crate::ir::{File, Item};

/// Applies every override; returns a message for each that matched nothing.
pub fn apply(
    file: &mut File,
    overrides: &std::collections::BTreeMap<(String, String), String>,
) -> Vec<String> {
    let mut unmatched = Vec::new();
    for ((op, from), to) in overrides {
        let types: BTreeSet<String> = file
            .bindings
            .iter()
            .flat_map(|b| &b.operations)
            .filter(|o| &o.name == op)
            .flat_map(|o| o.input.iter().chain(&o.output).cloned())
            .collect();
        let mut hits = 0;
        for item in &mut file.items {
            let Item::Struct(s) = item else { continue };
            if !types.contains(&s.ident) {
                continue;
            }
            for x in s
                .fields
                .iter_mut()
                .filter_map(|f| f.xml.as_mut())
                .filter(|x| &x.local == from)
            {
                x.local.clone_from(to);
                hits += 1;
            }
            if let Some(e) = s.element.as_mut().filter(|e| &e.local == from) {
                e.local.clone_from(to);
                hits += 1;
            }
        }
        for b in &mut file.bindings {
            for v in b
                .body_variants
                .iter_mut()
                .filter(|v| types.contains(&v.ty) && &v.element.local == from)
            {
                v.element.local.clone_from(to);
            }
        }
        if hits == 0 {
            unmatched.push(format!(
                "element name override: operation `{op}` has no body element or child element `{from}`"
            ));
        }
    }
    unmatched
}
