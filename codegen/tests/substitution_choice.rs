//! A `ref` to the head of a substitution group as one alternative of a `<choice>` (EWS's
//! `FieldURIOrConstantType`: `<choice><element ref="t:Path"/><element name="Constant"/>`)
//! expands into the group's members, as the same ref in a sequence does: the abstract head
//! never appears on the wire, its members do.

const WSDL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:subst-choice" targetNamespace="urn:subst-choice">
  <types>
    <xsd:schema targetNamespace="urn:subst-choice" elementFormDefault="qualified">
      <xsd:complexType name="PathType" abstract="true"/>
      <xsd:complexType name="FieldType">
        <xsd:complexContent><xsd:extension base="tns:PathType">
          <xsd:attribute name="uri" type="xsd:string" use="required"/>
        </xsd:extension></xsd:complexContent>
      </xsd:complexType>
      <xsd:element name="Path" type="tns:PathType" abstract="true"/>
      <xsd:element name="Field" type="tns:FieldType" substitutionGroup="tns:Path"/>
      <xsd:element name="IndexedField" type="tns:FieldType" substitutionGroup="tns:Path"/>
      <xsd:element name="Compare">
        <xsd:complexType>
          <xsd:choice>
            <xsd:element ref="tns:Path"/>
            <xsd:element name="Constant" type="xsd:string"/>
          </xsd:choice>
        </xsd:complexType>
      </xsd:element>
    </xsd:schema>
  </types>
  <message name="in"><part name="p" element="tns:Compare"/></message>
  <portType name="P"><operation name="compare"><input message="tns:in"/><output message="tns:in"/></operation></portType>
  <binding name="B" type="tns:P">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="compare"><soap:operation soapAction=""/>
      <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output>
    </operation>
  </binding>
</definitions>
"#;

#[test]
fn a_head_in_a_choice_expands_into_its_members() {
    let dir = std::env::temp_dir().join(format!("codegen-subst-choice-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("subst-choice.wsdl");
    std::fs::write(&path, WSDL).expect("write wsdl");
    let g = codegen::Builder::new()
        .wsdl(&path)
        .generate()
        .expect("generates");
    let code = &g.code;
    syn::parse_file(code).expect("parses");
    let squashed: String = code.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        squashed.contains(
            "pub enum CompareChoice { Field(Box<FieldType>), IndexedField(Box<FieldType>), Constant(String), }"
        ),
        "{code}"
    );
    for wire in ["\"Field\"", "\"IndexedField\"", "\"Constant\""] {
        assert!(
            code.contains(&format!("rt::FieldInfo::new({wire}")),
            "{wire}: {code}"
        );
    }
    assert!(!code.contains("FieldInfo::new(\"Path\""), "{code}");
    let _ = std::fs::remove_dir_all(&dir);
}
