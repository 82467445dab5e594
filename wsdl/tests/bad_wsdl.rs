//! Bad WSDL documents: not XML, wrong roots, broken messages / portTypes / bindings /
//! services. `@@` marks the element the error must point at.

mod common;

use std::path::Path;

use common::{assert_points, load_err, wsdl_doc};
use wsdl::{Error, RefKind};

const TYPES: &str = r#"      <xsd:element name="req" type="xsd:string"/>"#;

fn wsdl_err(body: &str) -> (Error, String) {
    load_err(&wsdl_doc(TYPES, body), Path::new("dir/bad.wsdl"))
}

/// A message, portType, binding and service that are fine, with `binding_ops` as the
/// binding's operations.
fn with_binding(binding_attrs: &str, binding_ops: &str) -> String {
    format!(
        r#"  <message name="In"><part name="p" element="tns:req"/></message>
  <message name="H"><part name="h" element="tns:req"/></message>
  <portType name="PT"><operation name="op"><input message="tns:In"/></operation></portType>
  <binding name="B" type="tns:PT"{binding_attrs}>
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
{binding_ops}
  </binding>"#
    )
}

#[test]
fn not_well_formed() {
    let text = "<definitions>\n  <types>\n</definitions>\n";
    let err = wsdl::load_str(text, Path::new("broken.wsdl")).expect_err("not XML");
    assert!(matches!(err, Error::NotXml { .. }));
    assert_points(&err, "broken.wsdl:3:1", "not well-formed XML");
    assert!(
        !err.to_string().ends_with("3:1"),
        "position not repeated: {err}"
    );
}

#[test]
fn dtd_refused() {
    let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY a \"aaaa\">]>\n<d>&a;</d>";
    let err = wsdl::load_str(text, Path::new("dtd.wsdl")).expect_err("DTD");
    assert!(matches!(err, Error::NotXml { .. }));
    assert_points(&err, "dtd.wsdl:2:1", "DTD");
}

#[test]
fn root_is_not_wsdl() {
    let (err, at) = load_err(
        "<?xml version=\"1.0\"?>\n  @@<html xmlns=\"urn:x\"/>",
        Path::new("x.wsdl"),
    );
    assert!(matches!(err, Error::NotWsdl { .. }));
    assert_points(
        &err,
        &at,
        "expected wsdl:definitions or xsd:schema, found root element {urn:x}html",
    );
}

#[test]
fn wsdl_20_is_unsupported() {
    let text = "@@<description xmlns=\"http://www.w3.org/ns/wsdl\"/>";
    let (err, at) = load_err(text, Path::new("w2.wsdl"));
    assert!(matches!(err, Error::Unsupported { .. }));
    assert_points(&err, &at, "WSDL 2.0");
}

#[test]
fn missing_main_file() {
    let err = wsdl::load("/nonexistent/dir/none.wsdl").expect_err("missing");
    let Error::Io { at, path, .. } = &err else {
        panic!("{err}")
    };
    assert!(at.is_none());
    assert_eq!(path, Path::new("/nonexistent/dir/none.wsdl"));
    assert!(
        err.to_string()
            .starts_with("cannot read /nonexistent/dir/none.wsdl"),
        "{err}"
    );
}

#[test]
fn unresolved_message_in_port_type() {
    let body = r#"  <portType name="PT"><operation name="op">
    @@<input message="tns:Nope"/>
  </operation></portType>"#;
    let (err, at) = wsdl_err(body);
    assert!(matches!(&err, Error::Unresolved(l) if l[0].kind == RefKind::Message));
    assert_points(&err, &at, "unresolved message reference tns:Nope");
}

#[test]
fn unresolved_port_type_in_binding() {
    let body = r#"  @@<binding name="B" type="tns:NoPT">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
  </binding>"#;
    let (err, at) = wsdl_err(body);
    assert_points(&err, &at, "unresolved portType reference tns:NoPT");
}

#[test]
fn unresolved_binding_in_service() {
    let body = r#"  <service name="S">
    @@<port name="P" binding="tns:NoBinding"><soap:address location="http://x"/></port>
  </service>"#;
    let (err, at) = wsdl_err(body);
    assert_points(&err, &at, "unresolved binding reference tns:NoBinding");
}

#[test]
fn unresolved_element_in_part() {
    let body = r#"  <message name="M">@@<part name="p" element="tns:nothing"/></message>"#;
    let (err, at) = wsdl_err(body);
    assert_points(&err, &at, "unresolved element reference tns:nothing");
}

#[test]
fn header_part_missing_from_message() {
    let ops = r#"    <operation name="op"><input>
      <soap:body use="literal"/>
      @@<soap:header message="tns:H" part="wrong" use="literal"/>
    </input></operation>"#;
    let (err, at) = wsdl_err(&with_binding("", ops));
    assert!(matches!(&err, Error::Unresolved(l) if l[0].kind == RefKind::Part));
    assert_points(&err, &at, "unresolved part reference wrong in message H");
}

#[test]
fn header_message_missing() {
    let ops = r#"    <operation name="op"><input>
      @@<soap:header message="tns:NoHeader" part="h" use="literal"/>
    </input></operation>"#;
    let (err, at) = wsdl_err(&with_binding("", ops));
    assert_points(&err, &at, "unresolved message reference tns:NoHeader");
}

#[test]
fn binding_operation_not_in_port_type() {
    let ops =
        r#"    @@<operation name="other"><input><soap:body use="literal"/></input></operation>"#;
    let (err, at) = wsdl_err(&with_binding("", ops));
    assert!(matches!(&err, Error::Unresolved(l) if l[0].kind == RefKind::Operation));
    assert_points(
        &err,
        &at,
        "unresolved operation reference other in portType PT",
    );
}

#[test]
fn body_parts_not_in_message() {
    let ops = r#"    @@<operation name="op"><input><soap:body use="literal" parts="p q"/></input></operation>"#;
    let (err, at) = wsdl_err(&with_binding("", ops));
    assert_points(&err, &at, "unresolved part reference q in message In");
}

#[test]
fn body_use_unknown() {
    let ops =
        r#"    <operation name="op"><input>@@<soap:body use="verbatim"/></input></operation>"#;
    let (err, at) = wsdl_err(&with_binding("", ops));
    assert!(matches!(&err, Error::Invalid { name, .. } if name == "use"));
    assert_points(&err, &at, "`verbatim` is neither literal nor encoded");
}

#[test]
fn soap_style_unknown() {
    let body = r#"  <portType name="PT"/>
  <binding name="B" type="tns:PT">
    @@<soap:binding style="chatty" transport="http://schemas.xmlsoap.org/soap/http"/>
  </binding>"#;
    let (err, at) = wsdl_err(body);
    assert_points(
        &err,
        &at,
        "invalid style: `chatty` is neither document nor rpc",
    );
}

#[test]
fn binding_without_protocol() {
    let body = r#"  <portType name="PT"/>
  @@<binding name="B" type="tns:PT"/>"#;
    let (err, at) = wsdl_err(body);
    assert!(matches!(err, Error::Unsupported { .. }));
    assert_points(
        &err,
        &at,
        "a binding without soap:binding, soap12:binding or http:binding",
    );
}

#[test]
fn mime_attachments_unsupported() {
    let ops = r#"    <operation name="op"><input>
      @@<mime:multipartRelated xmlns:mime="http://schemas.xmlsoap.org/wsdl/mime/"/>
    </input></operation>"#;
    let (err, at) = wsdl_err(&with_binding("", ops));
    assert_points(&err, &at, "unsupported: MIME attachments");
}

#[test]
fn part_with_element_and_type() {
    let body =
        r#"  <message name="M">@@<part name="p" element="tns:req" type="xsd:string"/></message>"#;
    let (err, at) = wsdl_err(body);
    assert_points(
        &err,
        &at,
        "invalid part p: a part names exactly one of element and type",
    );
}

#[test]
fn part_with_neither_element_nor_type() {
    let body = r#"  <message name="M">@@<part name="p"/></message>"#;
    let (err, at) = wsdl_err(body);
    assert_points(&err, &at, "invalid part p");
}

#[test]
fn duplicate_message() {
    let body = r#"  <message name="M"/>
  @@<message name="M"/>"#;
    let (err, at) = wsdl_err(body);
    assert!(matches!(
        err,
        Error::DuplicateDefinition {
            kind: "message",
            ..
        }
    ));
    assert_points(
        &err,
        &at,
        "duplicate message {urn:t}M (first defined at dir/bad.wsdl:11:3)",
    );
}

#[test]
fn operation_without_name() {
    let body =
        r#"  <portType name="PT">@@<operation><input message="tns:M"/></operation></portType>"#;
    let (err, at) = wsdl_err(body);
    assert_points(&err, &at, "<operation> lacks the required attribute name");
}

#[test]
fn missing_imported_schema_file() {
    let body =
        r#"      @@<xsd:import namespace="urn:other" schemaLocation="../schemas/missing.xsd"/>"#;
    let (err, at) = load_err(&wsdl_doc(body, ""), Path::new("dir/sub/bad.wsdl"));
    let Error::Io { path, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(path, Path::new("dir/schemas/missing.xsd"));
    assert_points(&err, &at, "cannot read dir/schemas/missing.xsd");
}

#[test]
fn missing_wsdl_import_file() {
    let text = r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:t">
  @@<import namespace="urn:u" location="other.wsdl"/>
</definitions>"#;
    let (err, at) = load_err(text, Path::new("a/main.wsdl"));
    assert_points(&err, &at, "cannot read a/other.wsdl");
}
