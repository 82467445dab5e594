//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test binary uses a different subset

use std::path::{Path, PathBuf};

use wsdl::model::{Definitions, TypeDef};

/// `<workspace root>/../shared/wsdl`, or `None` (test skipped) when it is absent. Under
/// `CI=true` its absence fails the test.
pub fn shared_wsdl(test: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/wsdl");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{test}: {} is missing (required under CI=true)",
            dir.display()
        );
    }
    eprintln!("{test}: skipped, {} is missing", dir.display());
    None
}

/// Loads a WSDL that must load, with the error's text on failure.
pub fn load_ok(path: &Path) -> Definitions {
    wsdl::load(path).unwrap_or_else(|e| panic!("{} failed to load:\n{e}", path.display()))
}

/// (complex types, simple types) among the named types.
pub fn type_counts(defs: &Definitions) -> (usize, usize) {
    let complex = defs
        .schemas
        .types
        .values()
        .filter(|t| matches!(t, TypeDef::Complex(_)))
        .count();
    (complex, defs.schemas.types.len() - complex)
}

/// How often `needle` occurs in the file: an independent count to compare with.
pub fn occurrences(path: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(path).expect("readable test input");
    text.matches(needle).count()
}

use wsdl::model::{Content, ElementDecl, ElementParticle, Particle, TypeRef};

/// Every element declaration in the set: global, local, inside anonymous types and
/// named groups, at any depth.
pub fn all_element_decls(defs: &Definitions) -> Vec<&ElementDecl> {
    let mut out = Vec::new();
    let s = &defs.schemas;
    for t in s.types.values() {
        walk_type(t, &mut out);
    }
    for e in s.elements.values() {
        walk_decl(e, &mut out);
    }
    for g in s.groups.values() {
        walk_particle(&g.particle, &mut out);
    }
    out
}

fn walk_decl<'a>(decl: &'a ElementDecl, out: &mut Vec<&'a ElementDecl>) {
    out.push(decl);
    if let Some(TypeRef::Anonymous(t)) = &decl.type_ref {
        walk_type(t, out);
    }
}

fn walk_type<'a>(t: &'a TypeDef, out: &mut Vec<&'a ElementDecl>) {
    let TypeDef::Complex(c) = t else { return };
    match &c.content {
        Content::Particles(p)
        | Content::Complex {
            particle: Some(p), ..
        } => walk_particle(p, out),
        _ => {}
    }
}

fn walk_particle<'a>(p: &'a Particle, out: &mut Vec<&'a ElementDecl>) {
    match p {
        Particle::Element(ElementParticle::Local { decl, .. }) => walk_decl(decl, out),
        Particle::Group { items, .. } => items.iter().for_each(|i| walk_particle(i, out)),
        _ => {}
    }
}
