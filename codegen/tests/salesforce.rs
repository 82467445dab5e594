//! The four Salesforce WSDLs generate, parse as Rust, and name what users reach for.

mod common;

fn generate(file: &str) -> Option<codegen::Generated> {
    let dir = common::shared_wsdl_dir()?;
    let g = codegen::Builder::new()
        .wsdl(dir.join(file))
        .generate()
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    syn::parse_file(&g.code)
        .unwrap_or_else(|e| panic!("{file}: generated code does not parse: {e}"));
    Some(g)
}

fn assert_has(code: &str, needles: &[&str]) {
    for n in needles {
        assert!(code.contains(n), "missing `{n}`");
    }
}

#[test]
fn metadata_v66() {
    let Some(g) = generate("metadata.wsdl") else {
        return;
    };
    assert_has(
        &g.code,
        &[
            "pub struct Metadata {",
            "pub enum AnyMetadata {",
            "    CustomObject(Box<CustomObject>),",
            "pub enum AnyMetadataWithContent {",
            "pub struct MetadataClient {",
            "pub struct MetadataHeaders {",
            "pub enum MetadataBody {",
            "pub const READ_METADATA: rt::Operation",
            "pub records: Vec<AnyMetadata>,",
            "pub value: rt::Nillable<rt::AnyValue>,",
            "pub zip_file: Vec<u8>,",
            "pub async fn check_deploy_status_with_headers(",
        ],
    );
    // Inherited fields come first, flattened: CustomObject starts with Metadata's fullName.
    let at = g
        .code
        .find("pub struct CustomObject {")
        .expect("CustomObject");
    let first_field = g.code[at..].lines().nth(1).unwrap_or_default();
    assert_eq!(first_field.trim(), "pub full_name: Option<String>,");
}

#[test]
fn metadata_is_deterministic() {
    let Some(a) = generate("metadata.wsdl") else {
        return;
    };
    let Some(b) = generate("metadata.wsdl") else {
        return;
    };
    assert!(a.code == b.code, "two generations of metadata.wsdl differ");
}

#[test]
fn metadata_v47() {
    let Some(g) = generate("metadata-v47.wsdl") else {
        return;
    };
    assert_has(
        &g.code,
        &["pub enum AnyMetadata {", "pub struct MetadataClient {"],
    );
}

#[test]
fn partner() {
    let Some(g) = generate("partner.wsdl") else {
        return;
    };
    assert_has(
        &g.code,
        &[
            "pub struct SObject {",
            "pub any: Vec<rt::AnyValue>,",
            "pub struct SoapClient {",
            "pub async fn login(",
        ],
    );
}

#[test]
fn apex() {
    let Some(g) = generate("apex.wsdl") else {
        return;
    };
    assert_has(
        &g.code,
        &["pub struct ApexClient {", "pub async fn execute_anonymous("],
    );
}

#[test]
fn corpus_wsdls_the_generator_handles() {
    for file in [
        "corpus/eu-vies/checkVatService.wsdl",
        "corpus/wsdot-ferries/ferry.wsdl",
        "corpus/ews-2007/Services.wsdl",
    ] {
        let Some(g) = generate(file) else { return };
        assert!(g.code.contains("Client {"), "{file}: no client");
    }
}
