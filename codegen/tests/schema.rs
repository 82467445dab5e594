//! Schema coverage at the edges: lists and unions of what cannot be text are positioned
//! errors; group alternatives and nested choices lower to one choice field.

use std::path::Path;

fn schema(body: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:xsd="http://www.w3.org/2001/XMLSchema"
             xmlns:tns="urn:t" targetNamespace="urn:t">
  <types>
    <xsd:schema targetNamespace="urn:t" elementFormDefault="qualified">
{body}
    </xsd:schema>
  </types>
</definitions>
"#
    )
}

fn generate(body: &str) -> Result<String, codegen::Error> {
    let defs = wsdl::load_str(&schema(body), Path::new("mem.wsdl")).expect("loads");
    codegen::generate_from(&defs, "mem.wsdl", "::runtime")
}

#[test]
fn lists_and_unions_of_complex_types_are_positioned_errors() {
    let err = generate(
        r#"      <xsd:complexType name="C"><xsd:sequence/></xsd:complexType>
      <xsd:simpleType name="L"><xsd:list itemType="tns:C"/></xsd:simpleType>
      <xsd:simpleType name="U"><xsd:union memberTypes="xsd:int tns:C"/></xsd:simpleType>"#,
    )
    .expect_err("complex items");
    let text = err.to_string();
    assert!(
        text.contains("mem.wsdl:7:7: a complex type where a simple type is needed"),
        "{text}"
    );
    assert!(
        text.contains("mem.wsdl:8:7: a complex type where a simple type is needed"),
        "{text}"
    );
}

#[test]
fn unions_that_contain_each_other_are_an_error_not_a_hang() {
    let err = generate(
        r#"      <xsd:simpleType name="A"><xsd:union memberTypes="xsd:int tns:B"/></xsd:simpleType>
      <xsd:simpleType name="B"><xsd:union memberTypes="xsd:date tns:A"/></xsd:simpleType>"#,
    )
    .expect_err("cycle");
    assert!(
        err.to_string()
            .contains("union types that contain each other"),
        "{err}"
    );
}

#[test]
fn nested_choices_and_sequences_make_one_choice_field() {
    let code = generate(
        r#"      <xsd:complexType name="T">
        <xsd:choice maxOccurs="unbounded">
          <xsd:element name="a" type="xsd:string"/>
          <xsd:choice>
            <xsd:element name="b" type="xsd:int"/>
            <xsd:sequence><xsd:element name="c" type="xsd:string"/><xsd:element name="d" type="xsd:string"/></xsd:sequence>
          </xsd:choice>
        </xsd:choice>
      </xsd:complexType>"#,
    )
    .expect("generates");
    assert!(code.contains("pub choice: Vec<TChoice>,"), "{code}");
    for variant in ["A(String),", "B(i32),", "CD(Box<TChoiceCD>),"] {
        assert!(code.contains(variant), "{variant}: {code}");
    }
    assert!(code.contains("pub struct TChoiceCD {"), "{code}");
    syn::parse_file(&code).expect("parses");
}

#[test]
fn a_choice_holding_a_wildcard_has_an_any_variant() {
    let code = generate(
        r#"      <xsd:complexType name="T">
        <xsd:choice>
          <xsd:any namespace="urn:other ##targetNamespace"/>
          <xsd:element name="a" type="xsd:string"/>
        </xsd:choice>
      </xsd:complexType>"#,
    )
    .expect("generates");
    // The element alternative first (the enum's Default), the wildcard last.
    assert!(code.contains("pub choice: TChoice,"), "{code}");
    assert!(
        code.contains("pub enum TChoice {\n    A(String),\n    Any(rt::AnyValue),\n}"),
        "{code}"
    );
    assert!(
        code.contains(r#"rt::FieldInfo::any_in(rt::OPTIONAL, "urn:other urn:t")"#),
        "{code}"
    );
    syn::parse_file(&code).expect("parses");
}

#[test]
fn a_choice_holding_a_repeated_wildcard_stays_flattened() {
    let code = generate(
        r#"      <xsd:complexType name="T">
        <xsd:choice>
          <xsd:element name="a" type="xsd:string"/>
          <xsd:any namespace="urn:o" maxOccurs="unbounded"/>
        </xsd:choice>
      </xsd:complexType>"#,
    )
    .expect("generates");
    assert!(code.contains("pub a: Option<String>,"), "{code}");
    assert!(code.contains("pub any: Vec<rt::AnyValue>,"), "{code}");
}

#[test]
fn an_empty_sequence_alternative_makes_the_choice_optional() {
    let code = generate(
        r#"      <xsd:complexType name="T">
        <xsd:choice>
          <xsd:element name="a" type="xsd:string"/>
          <xsd:element name="b" type="xsd:int"/>
          <xsd:sequence/>
        </xsd:choice>
      </xsd:complexType>"#,
    )
    .expect("generates");
    assert!(code.contains("pub choice: Option<TChoice>,"), "{code}");
}
