//! Several files: imports, includes, chameleons, cycles, and what goes wrong across them.
//! The fixtures are under tests/files.

mod common;

use std::path::{Path, PathBuf};

use common::{assert_points, load_err, wsdl_doc};
use wsdl::Error;
use wsdl::model::{BindingKind, QName, SimpleVariety, TypeDef, TypeRef, XML_NS};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/files")
        .join(rel)
}

fn at(rel: &str, line: u32, col: u32) -> String {
    format!("{}:{line}:{col}", fixture(rel).display())
}

#[test]
fn multi_file_service_loads() {
    let defs = wsdl::load(fixture("goodmulti/service.wsdl")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(defs.name.as_deref(), Some("Multi"));
    assert_eq!(defs.target_ns, "urn:main");
    assert_eq!(
        defs.doc.as_deref(),
        Some("A service spread over\nseveral files.")
    );
    let names: Vec<String> = defs
        .files
        .iter()
        .map(|f| {
            f.strip_prefix(fixture("goodmulti"))
                .expect("inside")
                .display()
                .to_string()
        })
        .collect();
    // Each file once, in load order (breadth first), though common.xsd is included
    // twice and m.xsd / x.xsd / service.wsdl import each other.
    assert_eq!(
        names,
        [
            "service.wsdl",
            "more/messages.wsdl",
            "schemas/extra.xsd",
            "schemas/m.xsd",
            "schemas/x.xsd",
            "schemas/cham.xsd",
            "schemas/common.xsd"
        ]
    );
    let pt = &defs.port_types[&QName::new("urn:msg", "PT")];
    assert_eq!(pt.operations[0].doc.as_deref(), Some("Gets a thing."));
    let binding = &defs.bindings[&QName::new("urn:main", "B")];
    assert_eq!(binding.kind, BindingKind::Soap12);
    assert_eq!(
        binding.operations[0].soap_action.as_deref(),
        Some("urn:get")
    );
    assert!(
        defs.schemas
            .elements
            .contains_key(&QName::new("urn:extra", "extra"))
    );
    assert!(
        defs.schemas
            .elements
            .contains_key(&QName::new("urn:main2", "wrapper"))
    );
    let port = &defs.services[&QName::new("urn:main", "S")].ports[0];
    assert_eq!(port.address.as_deref(), Some("http://example.invalid/s"));
}

#[test]
fn chameleon_include_takes_the_includers_namespace() {
    let defs = wsdl::load(fixture("goodmulti/service.wsdl")).unwrap_or_else(|e| panic!("{e}"));
    let types = &defs.schemas.types;
    let label = &types[&QName::new("urn:m", "Label")];
    assert!(label.at().file.ends_with("cham.xsd"));
    let TypeDef::Simple(label) = label else {
        panic!("simple")
    };
    // `base="LabelBase"` (no prefix, no default namespace) means urn:m's LabelBase.
    let SimpleVariety::Restriction {
        base: TypeRef::Named(base),
        ..
    } = &label.variety
    else {
        panic!("{:?}", label.variety)
    };
    assert_eq!(*base, QName::new("urn:m", "LabelBase"));
    assert!(
        !types.keys().any(|k| k.ns.is_empty()),
        "nothing left in no namespace"
    );
}

#[test]
fn xml_namespace_resolves_without_xml_xsd() {
    let defs = wsdl::load(fixture("goodmulti/service.wsdl")).unwrap_or_else(|e| panic!("{e}"));
    for local in ["lang", "space", "base", "id"] {
        assert!(
            defs.schemas
                .attributes
                .contains_key(&QName::new(XML_NS, local)),
            "{local}"
        );
    }
    assert!(
        defs.schemas
            .attribute_groups
            .contains_key(&QName::new(XML_NS, "specialAttrs"))
    );
}

#[test]
fn include_cycle() {
    let err = wsdl::load(fixture("cycle/main.wsdl")).expect_err("cycle");
    let Error::IncludeCycle { chain, .. } = &err else {
        panic!("{err}")
    };
    let names: Vec<_> = chain
        .iter()
        .map(|p| p.file_name().and_then(|n| n.to_str()))
        .collect();
    assert_eq!(names, [Some("a.xsd"), Some("b.xsd"), Some("a.xsd")]);
    let chain_text = format!(
        "include cycle: {} -> {} -> {}",
        fixture("cycle/a.xsd").display(),
        fixture("cycle/b.xsd").display(),
        fixture("cycle/a.xsd").display()
    );
    assert_points(&err, &at("cycle/b.xsd", 3, 3), &chain_text);
}

#[test]
fn schema_including_itself() {
    let err = wsdl::load(fixture("selfcycle/self.xsd")).expect_err("cycle");
    assert!(matches!(err, Error::IncludeCycle { .. }));
    assert_points(&err, &at("selfcycle/self.xsd", 2, 3), "self.xsd -> ");
}

/// A WSDL placed (virtually) in tests/files/badinc whose schema carries `directive`.
fn badinc(directive: &str) -> (Error, String) {
    let text = wsdl_doc(&format!("      @@{directive}"), "");
    load_err(&text, &fixture("badinc/main.wsdl"))
}

#[test]
fn included_file_is_not_a_schema() {
    let (err, _) = badinc(r#"<xsd:include schemaLocation="not_schema.xsd"/>"#);
    assert!(matches!(err, Error::NotWsdl { .. }));
    assert_points(
        &err,
        &at("badinc/not_schema.xsd", 2, 1),
        "expected xsd:schema, found root element notaschema",
    );
}

#[test]
fn imported_file_is_not_xml() {
    let (err, _) = badinc(r#"<xsd:import namespace="urn:b" schemaLocation="broken.xsd"/>"#);
    assert!(matches!(err, Error::NotXml { .. }));
    assert_points(
        &err,
        &at("badinc/broken.xsd", 3, 1),
        "expected 'xsd:element' tag, not 'xsd:schema'",
    );
}

#[test]
fn included_schema_in_another_namespace() {
    let (err, _) = badinc(r#"<xsd:include schemaLocation="other_ns.xsd"/>"#);
    assert!(matches!(&err, Error::Invalid { name, .. } if name == "targetNamespace"));
    assert_points(
        &err,
        &at("badinc/other_ns.xsd", 1, 1),
        "included schema has targetNamespace urn:other, includer has urn:t",
    );
}

#[test]
fn unresolved_reference_inside_an_imported_file() {
    let (err, _) =
        badinc(r#"<xsd:import namespace="urn:b" schemaLocation="unresolved_inside.xsd"/>"#);
    assert_points(
        &err,
        &at("badinc/unresolved_inside.xsd", 4, 7),
        "unresolved type reference b:Missing",
    );
}

#[test]
fn missing_included_file_points_at_the_include() {
    let (err, mark) = badinc(r#"<xsd:include schemaLocation="sub/none.xsd"/>"#);
    let Error::Io { path, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(*path, fixture("badinc/sub/none.xsd"));
    assert_points(&err, &mark, "none.xsd");
}

#[test]
fn bare_schema_loads_as_schema_only_definitions() {
    let defs = wsdl::load(fixture("goodmulti/schemas/m.xsd")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(defs.target_ns, "urn:m");
    assert!(defs.messages.is_empty() && defs.port_types.is_empty());
    assert!(
        defs.schemas
            .types
            .contains_key(&QName::new("urn:x", "Other"))
    );
}

#[test]
fn mapped_location_is_read_instead_of_the_url() {
    let text = wsdl_doc(
        r#"      <xsd:import namespace="urn:extra" schemaLocation="http://example.invalid/extra.xsd"/>
      <xsd:element name="e" xmlns:e="urn:extra" type="xsd:int" substitutionGroup="e:extra"/>"#,
        "",
    );
    let path = Path::new("virtual.wsdl");
    let err = wsdl::load_str(&text, path).expect_err("URL not fetched");
    assert!(
        err.to_string()
            .contains("http://example.invalid/extra.xsd was not fetched"),
        "{err}"
    );
    let defs = wsdl::Loader::new()
        .map_location(
            "http://example.invalid/extra.xsd",
            fixture("goodmulti/schemas/extra.xsd"),
        )
        .load_str(&text, path)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        defs.schemas
            .elements
            .contains_key(&QName::new("urn:extra", "extra"))
    );
    assert!(defs.warnings.is_empty(), "{:?}", defs.warnings);
}

#[test]
fn unfetched_url_warns_only_when_nothing_else_supplies_its_namespace() {
    let text = wsdl_doc(
        r#"      <xsd:import namespace="urn:extra" schemaLocation="http://example.invalid/extra.xsd"/>
      <xsd:import namespace="urn:extra" schemaLocation="goodmulti/schemas/extra.xsd"/>
      <xsd:import namespace="urn:unused" schemaLocation="http://example.invalid/unused.xsd"/>"#,
        "",
    );
    let defs = wsdl::load_str(&text, &fixture("virtual.wsdl")).unwrap_or_else(|e| panic!("{e}"));
    let warnings: Vec<String> = defs
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.at.line, w.message))
        .collect();
    assert_eq!(
        warnings,
        [
            "10: http://example.invalid/unused.xsd not fetched (no network access): map it to a file with Loader::map_location"
        ]
    );
}
