//! Builder options: pruning to chosen operations.

use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../tests/fixtures/{name}/{name}.wsdl"))
}

#[test]
fn operations_filter_keeps_only_what_they_reach() {
    let g = codegen::Builder::new()
        .wsdl(fixture("service"))
        .operations(["deleteMetadata"])
        .generate()
        .expect("generates");
    let code = &g.code;
    assert!(code.contains("pub struct DeleteMetadata {"));
    assert!(code.contains("pub async fn delete_metadata("));
    assert!(code.contains("pub session_header: Option<SessionHeader>,"));
    for gone in [
        "ReadMetadata",
        "struct ReadResult",
        "CustomObject",
        "CallOptions",
        "fn notify",
        "AnyMetadata",
    ] {
        assert!(!code.contains(gone), "`{gone}` should be pruned");
    }
    syn::parse_file(code).expect("parses");
}

#[test]
fn pruned_bases_keep_only_generated_subtypes() {
    let base = codegen::Builder::new()
        .wsdl(fixture("service"))
        .operations(["readMetadata"]);
    let g = base.clone().generate().expect("generates");
    assert!(g.code.contains("pub enum AnyMetadata {"));
    assert!(
        !g.code.contains("CustomObject"),
        "subtypes are not pulled in by their base"
    );
    let g = base
        .keep_type("CustomObject")
        .generate()
        .expect("generates");
    assert!(g.code.contains("    CustomObject(Box<CustomObject>),"));
}

#[test]
fn unknown_operation_is_an_error() {
    let err = codegen::Builder::new()
        .wsdl(fixture("service"))
        .operations(["nope"])
        .generate()
        .expect_err("fails");
    assert!(
        err.to_string()
            .contains("operation `nope` (from the operations filter) is in no SOAP binding"),
        "{err}"
    );
}

#[test]
fn renames_change_rust_names_only() {
    let g = codegen::Builder::new()
        .wsdl(fixture("service"))
        .rename_type("ReadResult", "Records")
        .rename_type("readMetadata", "ReadRequest")
        .rename_field("readMetadata", "fullNames", "names")
        .generate()
        .expect("generates");
    let code = &g.code;
    assert!(code.contains("pub struct Records {"));
    assert!(code.contains("pub struct ReadRequest {"));
    assert!(code.contains("pub names: Vec<String>,"));
    assert!(code.contains("rt::FieldInfo::new(\"fullNames\", NS, rt::REPEATED)"));
    assert!(code.contains("body: &ReadRequest,"));
    assert!(!code.contains("struct ReadResult"));
}

#[test]
fn element_name_override_changes_the_wire_name() {
    let g = codegen::Builder::new()
        .wsdl(fixture("service"))
        .element_name_override("readMetadata", "fullNames", "FullNames")
        .element_name_override("deleteMetadata", "deleteMetadata", "DeleteMetadata")
        .generate()
        .expect("generates");
    assert!(
        g.code
            .contains("rt::FieldInfo::new(\"FullNames\", NS, rt::REPEATED)")
    );
    assert!(
        g.code.contains("pub full_names: Vec<String>,"),
        "Rust names stay"
    );
    assert!(g.code.contains("local: \"DeleteMetadata\""));
    assert!(
        g.code.contains("(NS, \"DeleteMetadata\") => {")
            || g.code.contains("(NS, \"DeleteMetadata\") =>")
    );
    let err = codegen::Builder::new()
        .wsdl(fixture("service"))
        .element_name_override("readMetadata", "nothing", "X")
        .generate()
        .expect_err("unmatched override");
    assert!(
        err.to_string()
            .contains("has no body element or child element `nothing`"),
        "{err}"
    );
}

#[test]
fn type_and_field_attributes_are_added() {
    let g = codegen::Builder::new()
        .wsdl(fixture("enums"))
        .type_attribute("*", "#[doc(alias = \"any\")]")
        .type_attribute("Settings", "#[non_exhaustive]")
        .field_attribute("Settings.id", "#[doc(alias = \"identifier\")]")
        .generate()
        .expect("generates");
    let code = &g.code;
    assert!(
        code.contains("#[non_exhaustive]\npub struct Settings {"),
        "{code}"
    );
    assert!(code.contains("#[doc(alias = \"any\")]\npub enum SharingModel {"));
    assert!(
        code.contains("    #[doc(alias = \"identifier\")]\n    pub id: Id,"),
        "{code}"
    );
}

#[test]
fn invalid_options_are_errors() {
    let b = codegen::Builder::new().wsdl(fixture("enums"));
    let err = b
        .clone()
        .rename_type("Settings", "not an ident")
        .generate()
        .expect_err("bad");
    assert!(matches!(err, codegen::Error::Option(_)), "{err}");
    let err = b
        .clone()
        .type_attribute("*", "derive(Hash)")
        .generate()
        .expect_err("bad");
    assert!(
        err.to_string().contains("is not an outer attribute"),
        "{err}"
    );
    let err = b.runtime_path("not a path!").generate().expect_err("bad");
    assert!(matches!(err, codegen::Error::Option(_)), "{err}");
}

#[test]
fn serde_derives_every_generated_type_behind_a_feature_or_always() {
    let gated = codegen::Builder::new()
        .wsdl(fixture("groups"))
        .serde(true)
        .generate()
        .expect("generates");
    let attr = "#[cfg_attr(feature = \"serde\", derive(serde::Serialize, serde::Deserialize))]";
    // Structs, choice enums and group structs alike.
    for ty in [
        "pub struct Person {",
        "pub enum PersonChoice {",
        "pub struct FullName {",
    ] {
        let at = gated.code.find(ty).unwrap_or_else(|| panic!("{ty}"));
        assert!(gated.code[..at].ends_with(&format!("{attr}\n")), "{ty}");
    }
    // The binding's headers struct, body enum and fault detail enum too.
    for (wsdl, ty) in [
        ("service", "pub struct MetadataHeaders {"),
        ("service", "pub enum MetadataBody {"),
        ("faults", "pub enum StoreFaultDetail {"),
    ] {
        let out = codegen::Builder::new()
            .wsdl(fixture(wsdl))
            .serde(true)
            .generate()
            .expect("generates");
        let at = out.code.find(ty).unwrap_or_else(|| panic!("{ty}"));
        // Its own attributes: what follows the previous item's closing brace.
        let own = &out.code[out.code[..at].rfind("}\n").unwrap_or(0)..at];
        assert!(own.contains(attr), "{ty}: {own}");
    }
    let always = codegen::Builder::new()
        .wsdl(fixture("lists"))
        .serde_unconditional(true)
        .generate()
        .expect("generates");
    assert!(always.code.contains(
        "#[derive(serde::Serialize, serde::Deserialize)]\npub struct IntList(pub Vec<i32>);"
    ));
    assert!(!always.code.contains("cfg_attr(feature"));
    let off = codegen::Builder::new()
        .wsdl(fixture("lists"))
        .generate()
        .expect("generates");
    assert!(!off.code.contains("serde"));
}

#[test]
fn cli_help_documents_every_option() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_codegen"))
        .arg("--help")
        .output()
        .expect("run codegen --help");
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{help}");
    for flag in [
        "--out",
        "--runtime-path",
        "--operation",
        "--keep-type",
        "--rename-type",
        "--rename-field",
        "--element-name",
        "--type-attribute",
        "--field-attribute",
        "--map-location",
        "--serde",
        "--serde-unconditional",
    ] {
        let line = help
            .lines()
            .position(|l| l.trim_start().starts_with(flag) || l.contains(&format!(", {flag}")))
            .unwrap_or_else(|| panic!("{flag} missing from --help:\n{help}"));
        // Each option carries a description (on its line or the next).
        let described = help
            .lines()
            .nth(line + 1)
            .is_some_and(|l| !l.trim().is_empty());
        assert!(described, "{flag} has no description:\n{help}");
    }
}
