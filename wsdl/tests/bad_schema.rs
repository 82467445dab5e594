//! Bad XML Schema inside a WSDL: each case is a typed error naming file:line:col and the
//! offending name. `@@` marks the element the error must point at.

mod common;

use std::path::Path;

use common::{assert_points, load_err, wsdl_doc};
use wsdl::{Error, RefKind};

fn schema_err(body: &str) -> (Error, String) {
    load_err(&wsdl_doc(body, ""), Path::new("bad.wsdl"))
}

#[test]
fn unresolved_type_reference() {
    let (err, at) = schema_err(r#"      @@<xsd:element name="a" type="tns:Foo"/>"#);
    assert!(
        matches!(&err, Error::Unresolved(list) if list.len() == 1 && list[0].kind == RefKind::Type)
    );
    assert_points(&err, &at, "unresolved type reference tns:Foo");
    assert_eq!(
        err.to_string(),
        format!("{at}: unresolved type reference tns:Foo")
    );
}

#[test]
fn all_unresolved_references_in_one_go() {
    let body = r#"
      <xsd:complexType name="T">
        <xsd:sequence>
          <xsd:element name="a" type="tns:NoType"/>
          <xsd:element ref="tns:noElement"/>
          <xsd:group ref="tns:noGroup"/>
        </xsd:sequence>
        <xsd:attribute ref="tns:noAttr"/>
        <xsd:attributeGroup ref="tns:noAttrGroup"/>
      </xsd:complexType>
      <xsd:complexType name="U">
        <xsd:complexContent><xsd:extension base="tns:NoBase"/></xsd:complexContent>
      </xsd:complexType>
      <xsd:simpleType name="L"><xsd:list itemType="tns:NoItem"/></xsd:simpleType>
      <xsd:simpleType name="N"><xsd:union memberTypes="xsd:int tns:NoMember"/></xsd:simpleType>
      <xsd:element name="s" type="xsd:string" substitutionGroup="tns:noHead"/>"#;
    let (text, _) = (wsdl_doc(body, ""), ());
    let err = wsdl::load_str(&text, Path::new("bad.wsdl")).expect_err("unresolved");
    let Error::Unresolved(list) = &err else {
        panic!("{err}")
    };
    let got: Vec<(RefKind, &str, String)> = list
        .iter()
        .map(|u| {
            (
                u.kind,
                u.name.as_str(),
                format!("{}:{}", u.at.line, u.at.col),
            )
        })
        .collect();
    let want = [
        (RefKind::Type, "tns:NoType", "11:11"),
        (RefKind::Element, "tns:noElement", "12:11"),
        (RefKind::Group, "tns:noGroup", "13:11"),
        (RefKind::Attribute, "tns:noAttr", "15:9"),
        (RefKind::AttributeGroup, "tns:noAttrGroup", "16:9"),
        (RefKind::Type, "tns:NoBase", "19:29"),
        (RefKind::Type, "tns:NoItem", "21:32"),
        (RefKind::Type, "tns:NoMember", "22:32"),
        (RefKind::Element, "tns:noHead", "23:7"),
    ];
    let want: Vec<(RefKind, &str, String)> = want
        .iter()
        .map(|(k, n, p)| (*k, *n, p.to_string()))
        .collect();
    assert_eq!(got, want);
    let text = err.to_string();
    assert!(text.starts_with("9 unresolved references:"), "{text}");
    assert!(
        text.contains("bad.wsdl:21:32: unresolved type reference tns:NoItem"),
        "{text}"
    );
}

#[test]
fn undeclared_prefix() {
    let (err, at) = schema_err(r#"      @@<xsd:element name="a" type="nope:Foo"/>"#);
    assert!(matches!(&err, Error::Unresolved(l) if l[0].kind == RefKind::Prefix));
    assert_points(&err, &at, "undeclared namespace prefix in nope:Foo");
}

#[test]
fn unprefixed_name_without_default_namespace_is_in_no_namespace() {
    // With the default namespace undeclared, `Foo` is {}Foo, not {urn:t}Foo.
    let body = r#"      <xsd:complexType name="Foo"/>
      @@<xsd:element xmlns="" name="a" type="Foo"/>"#;
    let (err, at) = schema_err(body);
    assert_points(&err, &at, "unresolved type reference Foo");
}

#[test]
fn max_occurs_not_a_number() {
    let body = r#"      <xsd:complexType name="T"><xsd:sequence>
        @@<xsd:element name="a" type="xsd:string" maxOccurs="x"/>
      </xsd:sequence></xsd:complexType>"#;
    let (err, at) = schema_err(body);
    assert!(matches!(&err, Error::Invalid { name, .. } if name == "maxOccurs"));
    assert_points(
        &err,
        &at,
        "`x` is neither a non-negative integer nor unbounded",
    );
}

#[test]
fn min_occurs_exceeds_max_occurs() {
    let body = r#"      <xsd:complexType name="T"><xsd:sequence minOccurs="0">
        <xsd:element name="ok" type="xsd:string" minOccurs="0" maxOccurs="unbounded"/>
        @@<xsd:element name="a" type="xsd:string" minOccurs="3" maxOccurs="2"/>
      </xsd:sequence></xsd:complexType>"#;
    let (err, at) = schema_err(body);
    assert!(matches!(&err, Error::Invalid { .. }));
    assert_points(&err, &at, "minOccurs 3 exceeds maxOccurs 2");
}

#[test]
fn negative_min_occurs() {
    let body = r#"      <xsd:group name="G">@@<xsd:sequence minOccurs="-1"/></xsd:group>"#;
    let (err, at) = schema_err(body);
    assert_points(&err, &at, "invalid minOccurs: `-1`");
}

#[test]
fn duplicate_complex_type() {
    let body = r#"      <xsd:complexType name="T"/>
      @@<xsd:simpleType name="T"><xsd:restriction base="xsd:string"/></xsd:simpleType>"#;
    let (err, at) = schema_err(body);
    let Error::DuplicateDefinition { first, kind, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!((first.line, first.col, *kind), (8, 7, "type"));
    assert_points(
        &err,
        &at,
        "duplicate type {urn:t}T (first defined at bad.wsdl:8:7)",
    );
}

#[test]
fn duplicate_global_element() {
    let body = r#"      <xsd:element name="e" type="xsd:int"/>
      @@<xsd:element name="e" type="xsd:string"/>"#;
    let (err, at) = schema_err(body);
    assert!(matches!(
        err,
        Error::DuplicateDefinition {
            kind: "element",
            ..
        }
    ));
    assert_points(&err, &at, "duplicate element {urn:t}e");
}

#[test]
fn redefine_is_unsupported() {
    let (err, at) = schema_err(r#"      @@<xsd:redefine schemaLocation="x.xsd"/>"#);
    assert!(matches!(err, Error::Unsupported { .. }));
    assert_points(&err, &at, "unsupported: xsd:redefine");
}

#[test]
fn override_is_unsupported() {
    let (err, at) = schema_err(r#"      @@<xsd:override schemaLocation="x.xsd"/>"#);
    assert_points(&err, &at, "unsupported: xsd:override");
}

#[test]
fn top_level_complex_type_without_name() {
    let (err, at) = schema_err(r#"      @@<xsd:complexType><xsd:sequence/></xsd:complexType>"#);
    assert!(matches!(&err, Error::Invalid { name, .. } if name == "name"));
    assert_points(&err, &at, "<complexType> lacks the required attribute name");
}

#[test]
fn named_type_and_inline_type_together() {
    let body = r#"      <xsd:element name="e" type="xsd:string">
        @@<xsd:complexType/>
      </xsd:element>"#;
    let (err, at) = schema_err(body);
    assert_points(
        &err,
        &at,
        "invalid type: a declaration may name one type or hold one inline type",
    );
}

#[test]
fn nillable_not_boolean() {
    let (err, at) =
        schema_err(r#"      @@<xsd:element name="e" type="xsd:string" nillable="maybe"/>"#);
    assert_points(&err, &at, "invalid nillable: `maybe` is not a boolean");
}

#[test]
fn attribute_use_unknown() {
    let body = r#"      <xsd:complexType name="T">
        @@<xsd:attribute name="a" type="xsd:string" use="sometimes"/>
      </xsd:complexType>"#;
    let (err, at) = schema_err(body);
    assert_points(
        &err,
        &at,
        "invalid use: `sometimes` is not optional, required or prohibited",
    );
}

#[test]
fn simple_type_without_variety() {
    let (err, at) =
        schema_err(r#"      @@<xsd:simpleType name="S"><xsd:annotation/></xsd:simpleType>"#);
    assert_points(
        &err,
        &at,
        "invalid simpleType: a simpleType needs a restriction, list or union",
    );
}

#[test]
fn unknown_facet() {
    let body = r#"      <xsd:simpleType name="S"><xsd:restriction base="xsd:int">
        @@<xsd:assertion test="$value gt 0"/>
      </xsd:restriction></xsd:simpleType>"#;
    let (err, at) = schema_err(body);
    assert_points(&err, &at, "unsupported: facet xsd:assertion");
}

#[test]
fn enumeration_without_value() {
    let body = r#"      <xsd:simpleType name="S"><xsd:restriction base="xsd:string">
        <xsd:enumeration value="ok"/>@@<xsd:enumeration/>
      </xsd:restriction></xsd:simpleType>"#;
    let (err, at) = schema_err(body);
    assert_points(
        &err,
        &at,
        "<enumeration> lacks the required attribute value",
    );
}

#[test]
fn length_not_a_number() {
    let body = r#"      <xsd:simpleType name="S"><xsd:restriction base="xsd:string">
        @@<xsd:maxLength value="ten"/>
      </xsd:restriction></xsd:simpleType>"#;
    let (err, at) = schema_err(body);
    assert_points(
        &err,
        &at,
        "invalid maxLength: `ten` is not a non-negative integer",
    );
}

#[test]
fn element_with_name_and_ref() {
    let body = r#"      <xsd:element name="g" type="xsd:int"/>
      <xsd:complexType name="T"><xsd:sequence>
        @@<xsd:element name="a" ref="tns:g"/>
      </xsd:sequence></xsd:complexType>"#;
    let (err, at) = schema_err(body);
    assert_points(
        &err,
        &at,
        "invalid ref: an element has either name or ref, not both",
    );
}

#[test]
fn global_element_ref() {
    let (err, at) = schema_err(r#"      @@<xsd:element ref="tns:x"/>"#);
    assert_points(&err, &at, "invalid ref: a global element can't be a ref");
}

#[test]
fn qname_with_empty_local_part() {
    let (err, at) = schema_err(r#"      @@<xsd:element name="e" type="tns:"/>"#);
    assert_points(&err, &at, "invalid type: `tns:` is not a QName");
}

#[test]
fn malformed_soap_array_type() {
    let body = r#"      <xsd:complexType name="A"><xsd:complexContent>
        <xsd:restriction base="soapenc:Array" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">
          @@<xsd:attribute ref="soapenc:arrayType" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" wsdl:arrayType="tns:Item"/>
        </xsd:restriction>
      </xsd:complexContent></xsd:complexType>"#;
    let (err, at) = schema_err(body);
    assert_points(
        &err,
        &at,
        "invalid wsdl:arrayType: `tns:Item` is not an array type",
    );
}

#[test]
fn two_content_models() {
    let body = r#"      <xsd:complexType name="T">
        <xsd:sequence/>
        @@<xsd:choice/>
      </xsd:complexType>"#;
    let (err, at) = schema_err(body);
    assert_points(&err, &at, "a complexType holds at most one content model");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 5_000;
    let body = format!(
        "      <xsd:complexType name=\"T\">{}{}</xsd:complexType>",
        "<xsd:sequence>".repeat(depth),
        "</xsd:sequence>".repeat(depth)
    );
    let text = wsdl_doc(&body, "");
    let err = wsdl::load_str(&text, Path::new("deep.wsdl")).expect_err("too deep");
    assert!(matches!(err, Error::Unsupported { .. }), "{err}");
    let at = err.location().expect("location");
    assert_eq!(at.line, 8);
    assert!(err.to_string().contains("nesting deeper than"), "{err}");
}

#[test]
fn columns_count_characters_not_bytes() {
    // Three two-byte characters precede the element on its line.
    let body = r#"      <!--ééé-->@@<xsd:element name="a" type="tns:Missing"/>"#;
    let (err, at) = schema_err(body);
    assert!(at.ends_with(":8:17"), "{at}");
    assert_points(&err, &at, "tns:Missing");
}

#[test]
fn default_and_fixed_together() {
    let (err, at) =
        schema_err(r#"      @@<xsd:attribute name="a" type="xsd:int" default="1" fixed="2"/>"#);
    assert_points(&err, &at, "invalid default: both default and fixed given");
}

#[test]
fn errors_travel_between_threads() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<Error>();
}
