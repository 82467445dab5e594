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

/// Marks, in a test's XML, the spot (the `<` right after it) an error must point at.
pub const MARK: &str = "@@";

/// Where `MARK` is in `text`, as `line:col` (1-based, columns in characters), and
/// the text without the marks.
pub fn find_mark(text: &str) -> (String, String) {
    let pos = text.find(MARK).expect("test text carries a @@ mark");
    let before = &text[..pos];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (text.replace(MARK, ""), format!("{line}:{col}"))
}

/// A WSDL around `schema_body` (inside one xsd:schema of namespace `urn:t`, prefix
/// `tns`) and `wsdl_body` (after wsdl:types).
pub fn wsdl_doc(schema_body: &str, wsdl_body: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:t" targetNamespace="urn:t">
  <types>
    <xsd:schema targetNamespace="urn:t" elementFormDefault="qualified">
{schema_body}
    </xsd:schema>
  </types>
{wsdl_body}
</definitions>
"#
    )
}

/// Loads `text` (with a @@ mark) as `file` and returns the error and the expected
/// `file:line:col` of the mark.
pub fn load_err(text: &str, file: &Path) -> (wsdl::Error, String) {
    let (text, pos) = find_mark(text);
    let err = match wsdl::load_str(&text, file) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e,
    };
    (err, format!("{}:{pos}", file.display()))
}

/// Asserts the error points at `at` and its message names `needle`.
#[track_caller]
pub fn assert_points(err: &wsdl::Error, at: &str, needle: &str) {
    let loc = err.location().map(|l| l.to_string());
    assert_eq!(loc.as_deref(), Some(at), "error: {err}");
    let msg = err.to_string();
    assert!(msg.contains(at), "message lacks the position {at}: {msg}");
    assert!(msg.contains(needle), "message lacks {needle:?}: {msg}");
}
