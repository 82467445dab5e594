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
