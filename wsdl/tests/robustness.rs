//! Mangled input never panics: every prefix of a multi-feature WSDL, and thousands of
//! random single-character mutations of it, load or fail with a located error.

mod common;

use std::path::Path;

use common::wsdl_doc;

fn sample() -> String {
    wsdl_doc(
        r###"      <xsd:element name="req">
        <xsd:complexType>
          <xsd:sequence>
            <xsd:element name="a" type="xsd:int" minOccurs="0" maxOccurs="unbounded"/>
            <xsd:choice><xsd:element ref="tns:other"/><xsd:any namespace="##other"/></xsd:choice>
          </xsd:sequence>
          <xsd:attribute name="id" type="xsd:ID" use="required"/>
          <xsd:attributeGroup ref="tns:AG"/>
        </xsd:complexType>
      </xsd:element>
      <xsd:element name="other" nillable="true" type="tns:Color"/>
      <xsd:attributeGroup name="AG"><xsd:attribute ref="xml:lang"/><xsd:anyAttribute/></xsd:attributeGroup>
      <xsd:simpleType name="Color">
        <xsd:annotation><xsd:documentation>Colours.</xsd:documentation></xsd:annotation>
        <xsd:restriction base="xsd:string"><xsd:enumeration value="red"/><xsd:maxLength value="9"/></xsd:restriction>
      </xsd:simpleType>
      <xsd:simpleType name="U"><xsd:union memberTypes="xsd:int tns:Color"/></xsd:simpleType>
      <xsd:complexType name="E"><xsd:simpleContent><xsd:extension base="tns:Color"/></xsd:simpleContent></xsd:complexType>"###,
        r#"  <message name="In"><part name="p" element="tns:req"/></message>
  <message name="H"><part name="h" element="tns:other"/></message>
  <portType name="PT"><operation name="op"><input message="tns:In"/><output message="tns:In"/></operation></portType>
  <binding name="B" type="tns:PT">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="op">
      <soap:operation soapAction="urn:op"/>
      <input><soap:body use="literal"/><soap:header message="tns:H" part="h" use="literal"/></input>
      <output><soap:body use="literal"/></output>
    </operation>
  </binding>
  <service name="S"><port name="P" binding="tns:B"><soap:address location="http://x.invalid/"/></port></service>"#,
    )
}

fn check(text: &str, what: &str) {
    if let Err(e) = wsdl::load_str(text, Path::new("fuzz.wsdl")) {
        let msg = e.to_string();
        assert!(
            msg.contains("fuzz.wsdl"),
            "{what}: error without a place: {msg}"
        );
    }
}

#[test]
fn sample_is_valid() {
    let defs = wsdl::load_str(&sample(), Path::new("fuzz.wsdl")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(defs.bindings.len(), 1);
}

#[test]
fn every_prefix() {
    let text = sample();
    for end in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
        check(&text[..end], &format!("prefix {end}"));
    }
}

/// A small deterministic generator (xorshift64), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_mutations() {
    let text = sample();
    let bytes = text.as_bytes();
    let alphabet = b"<>/\"'=:#x ab0-9&;\n[]";
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..4000 {
        let mut mutated = bytes.to_vec();
        for _ in 0..=rng.below(3) {
            let at = rng.below(mutated.len());
            match rng.below(3) {
                0 => mutated[at] = alphabet[rng.below(alphabet.len())],
                1 => {
                    mutated.remove(at);
                }
                _ => mutated.insert(at, alphabet[rng.below(alphabet.len())]),
            }
        }
        // The sample is ASCII and so is the alphabet: still UTF-8.
        let mutated = String::from_utf8(mutated).expect("ASCII stays UTF-8");
        check(&mutated, &format!("round {round}"));
    }
}
