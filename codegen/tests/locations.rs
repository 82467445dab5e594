//! `Builder::map_location`: imports by URL read local files (nothing is fetched), and what
//! those schemas hold generates like any other (mixed content kept whole as XML).

use std::path::PathBuf;

const URL: &str = "http://example.invalid/schemas/t.xsd";

const WSDL: &str = r#"<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:xsd="http://www.w3.org/2001/XMLSchema"
             xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:t" targetNamespace="urn:t">
  <types>
    <xsd:schema targetNamespace="urn:w">
      <xsd:import namespace="urn:t" schemaLocation="http://example.invalid/schemas/t.xsd"/>
    </xsd:schema>
  </types>
  <message name="m"><part name="p" element="tns:Note"/></message>
  <portType name="P"><operation name="op"><input message="tns:m"/><output message="tns:m"/></operation></portType>
  <binding name="B" type="tns:P">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="op"><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
  </binding>
</definitions>
"#;

const XSD: &str = r#"<?xml version="1.0"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t"
            elementFormDefault="qualified">
  <xsd:complexType name="Documentation" mixed="true">
    <xsd:sequence><xsd:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xsd:sequence>
  </xsd:complexType>
  <xsd:element name="Note">
    <xsd:complexType>
      <xsd:sequence>
        <xsd:element name="text" type="tns:Documentation"/>
        <xsd:choice><xsd:element name="a" type="xsd:int"/><xsd:element name="b" type="xsd:string"/></xsd:choice>
        <xsd:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
      </xsd:sequence>
    </xsd:complexType>
  </xsd:element>
</xsd:schema>
"#;

/// A fresh directory holding the WSDL and, elsewhere, the schema it imports by URL.
fn files(tag: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("codegen-loc-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("local")).expect("temp dir");
    let wsdl = dir.join("svc.wsdl");
    let xsd = dir.join("local/t.xsd");
    std::fs::write(&wsdl, WSDL).expect("write wsdl");
    std::fs::write(&xsd, XSD).expect("write xsd");
    (wsdl, xsd)
}

#[test]
fn mapped_url_import_is_read_from_the_local_file() {
    let (wsdl, xsd) = files("mapped");
    let g = codegen::Builder::new()
        .wsdl(&wsdl)
        .map_location(URL, &xsd)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(g.inputs.contains(&xsd), "{:?}", g.inputs);
    // Mixed content: the whole element, text and children, as XML.
    assert!(
        g.code.contains("pub type Documentation = rt::AnyValue;"),
        "{}",
        g.code
    );
    // The wildcard after the choice is its own field, not merged into the choice.
    assert!(g.code.contains("pub any: Vec<rt::AnyValue>"), "{}", g.code);
}

#[test]
fn unmapped_url_import_is_not_fetched() {
    let (wsdl, _) = files("unmapped");
    let err = codegen::Builder::new()
        .wsdl(&wsdl)
        .generate()
        .expect_err("tns:Note cannot resolve without the schema");
    assert!(err.to_string().contains("Note"), "{err}");
}

#[test]
fn cli_maps_locations() {
    let (wsdl, xsd) = files("cli");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_codegen"))
        .arg(&wsdl)
        .arg("--map-location")
        .arg(format!("{URL}={}", xsd.display()))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("pub struct Note"), "{stdout}");
}
