//! What XML Schema constructs become in the model.

mod common;

use std::path::Path;

use common::wsdl_doc;
use wsdl::model::{
    AttributeUse, AttributeUseKind, ComplexType, Content, Definitions, Derivation, ElementDecl,
    ElementParticle, GroupKind, MaxOccurs, Occurs, Particle, QName, SimpleType, SimpleVariety,
    TypeDef, TypeRef, XSD_NS,
};

fn load(schema_body: &str) -> Definitions {
    let text = wsdl_doc(schema_body, "");
    wsdl::load_str(&text, Path::new("t.wsdl")).unwrap_or_else(|e| panic!("{e}"))
}

fn t(local: &str) -> QName {
    QName::new("urn:t", local)
}

fn xsd(local: &str) -> QName {
    QName::new(XSD_NS, local)
}

fn complex<'a>(defs: &'a Definitions, name: &str) -> &'a ComplexType {
    match &defs.schemas.types[&t(name)] {
        TypeDef::Complex(c) => c,
        TypeDef::Simple(_) => panic!("{name} is simple"),
    }
}

fn simple<'a>(defs: &'a Definitions, name: &str) -> &'a SimpleType {
    match &defs.schemas.types[&t(name)] {
        TypeDef::Simple(s) => s,
        TypeDef::Complex(_) => panic!("{name} is complex"),
    }
}

fn items(p: &Particle) -> &[Particle] {
    match p {
        Particle::Group { items, .. } => items,
        other => panic!("not a group: {other:?}"),
    }
}

fn local(p: &Particle) -> (&ElementDecl, Occurs) {
    match p {
        Particle::Element(ElementParticle::Local { decl, occurs }) => (decl, *occurs),
        other => panic!("not a local element: {other:?}"),
    }
}

fn anonymous_complex(decl: &ElementDecl) -> &ComplexType {
    match &decl.type_ref {
        Some(TypeRef::Anonymous(b)) => match &**b {
            TypeDef::Complex(c) => c,
            TypeDef::Simple(_) => panic!("simple"),
        },
        other => panic!("not anonymous: {other:?}"),
    }
}

#[test]
fn anonymous_types_nest_and_forms_apply() {
    let defs = load(
        r###"
      <xsd:element name="root">
        <xsd:complexType>
          <xsd:sequence>
            <xsd:element name="level1" minOccurs="0" maxOccurs="unbounded">
              <xsd:complexType>
                <xsd:choice>
                  <xsd:element name="level2" form="unqualified">
                    <xsd:simpleType><xsd:list itemType="xsd:int"/></xsd:simpleType>
                  </xsd:element>
                  <xsd:any namespace="##other"/>
                </xsd:choice>
                <xsd:attribute name="a" type="xsd:string"/>
                <xsd:attribute name="b" type="xsd:string" form="qualified" use="required"/>
              </xsd:complexType>
            </xsd:element>
          </xsd:sequence>
        </xsd:complexType>
      </xsd:element>"###,
    );
    let root = &defs.schemas.elements[&t("root")];
    assert_eq!((root.at.line, root.at.col), (9, 7));
    let seq = match &anonymous_complex(root).content {
        Content::Particles(p) => p,
        other => panic!("{other:?}"),
    };
    let (level1, occurs) = local(&items(seq)[0]);
    assert_eq!(level1.name, t("level1"), "elementFormDefault=qualified");
    assert_eq!(
        occurs,
        Occurs {
            min: 0,
            max: MaxOccurs::Unbounded
        }
    );
    let inner = anonymous_complex(level1);
    let Content::Particles(
        choice @ Particle::Group {
            kind: GroupKind::Choice,
            ..
        },
    ) = &inner.content
    else {
        panic!("{:?}", inner.content)
    };
    let (level2, _) = local(&items(choice)[0]);
    assert_eq!(level2.name, QName::new("", "level2"), "form=unqualified");
    let Some(TypeRef::Anonymous(list)) = &level2.type_ref else {
        panic!()
    };
    assert!(matches!(&**list, TypeDef::Simple(SimpleType {
        variety: SimpleVariety::List { item: TypeRef::Named(n) }, .. }) if *n == xsd("int")));
    let Particle::Any(any) = &items(choice)[1] else {
        panic!()
    };
    assert_eq!(
        (any.namespace.as_str(), any.process_contents.as_str()),
        ("##other", "strict")
    );
    assert_eq!(any.occurs, Occurs::ONE);
    let names: Vec<(String, AttributeUseKind)> = inner
        .attributes
        .iter()
        .map(|a| match a {
            AttributeUse::Local { decl, use_kind } => (decl.name.to_string(), *use_kind),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        names,
        [
            ("a".to_string(), AttributeUseKind::Optional),
            ("{urn:t}b".to_string(), AttributeUseKind::Required)
        ]
    );
}

#[test]
fn documentation_is_trimmed_and_enumerations_keep_theirs() {
    let defs = load(
        r#"
      <xsd:simpleType name="Color">
        <xsd:annotation>
          <xsd:documentation>
              The colours
              we know.

              Second paragraph.
          </xsd:documentation>
          <xsd:appinfo><x/></xsd:appinfo>
        </xsd:annotation>
        <xsd:restriction base="xsd:string">
          <xsd:enumeration value="red">
            <xsd:annotation><xsd:documentation> Like <b>fire</b>. </xsd:documentation></xsd:annotation>
          </xsd:enumeration>
          <xsd:enumeration value=" green "/>
        </xsd:restriction>
      </xsd:simpleType>"#,
    );
    let color = simple(&defs, "Color");
    assert_eq!(
        color.doc.as_deref(),
        Some("The colours\nwe know.\n\nSecond paragraph.")
    );
    let SimpleVariety::Restriction { base, facets } = &color.variety else {
        panic!()
    };
    assert!(matches!(base, TypeRef::Named(n) if *n == xsd("string")));
    let values: Vec<(&str, Option<&str>)> = facets
        .enumerations
        .iter()
        .map(|e| (e.value.as_str(), e.doc.as_deref()))
        .collect();
    assert_eq!(values, [("red", Some("Like fire.")), (" green ", None)]);
}

#[test]
fn every_facet() {
    let defs = load(
        r#"
      <xsd:simpleType name="S">
        <xsd:restriction base="xsd:decimal">
          <xsd:pattern value="\d+"/><xsd:pattern value="[a-z]"/>
          <xsd:length value="3"/><xsd:minLength value="1"/><xsd:maxLength value="9"/>
          <xsd:minInclusive value="0"/><xsd:maxInclusive value="100"/>
          <xsd:minExclusive value="-1"/><xsd:maxExclusive value="101"/>
          <xsd:totalDigits value="5"/><xsd:fractionDigits value="2"/>
          <xsd:whiteSpace value="collapse"/>
        </xsd:restriction>
      </xsd:simpleType>"#,
    );
    let SimpleVariety::Restriction { facets: f, .. } = &simple(&defs, "S").variety else {
        panic!()
    };
    assert_eq!(f.patterns, [r"\d+", "[a-z]"]);
    assert_eq!(
        (f.length, f.min_length, f.max_length),
        (Some(3), Some(1), Some(9))
    );
    assert_eq!(
        (f.min_inclusive.as_deref(), f.max_inclusive.as_deref()),
        (Some("0"), Some("100"))
    );
    assert_eq!(
        (f.min_exclusive.as_deref(), f.max_exclusive.as_deref()),
        (Some("-1"), Some("101"))
    );
    assert_eq!((f.total_digits, f.fraction_digits), (Some(5), Some(2)));
    assert_eq!(f.white_space.as_deref(), Some("collapse"));
}

#[test]
fn unions_lists_and_inline_bases() {
    let defs = load(
        r#"
      <xsd:simpleType name="U">
        <xsd:union memberTypes="xsd:int tns:L">
          <xsd:simpleType><xsd:restriction base="xsd:string"><xsd:enumeration value="x"/></xsd:restriction></xsd:simpleType>
        </xsd:union>
      </xsd:simpleType>
      <xsd:simpleType name="L">
        <xsd:list><xsd:simpleType><xsd:restriction base="xsd:token"/></xsd:simpleType></xsd:list>
      </xsd:simpleType>
      <xsd:simpleType name="R">
        <xsd:restriction><xsd:simpleType><xsd:list itemType="xsd:int"/></xsd:simpleType><xsd:maxLength value="3"/></xsd:restriction>
      </xsd:simpleType>"#,
    );
    let SimpleVariety::Union { members } = &simple(&defs, "U").variety else {
        panic!()
    };
    assert!(
        matches!(&members[..], [TypeRef::Named(a), TypeRef::Named(b), TypeRef::Anonymous(_)]
        if *a == xsd("int") && *b == t("L"))
    );
    assert!(matches!(
        &simple(&defs, "L").variety,
        SimpleVariety::List {
            item: TypeRef::Anonymous(_)
        }
    ));
    let SimpleVariety::Restriction { base, facets } = &simple(&defs, "R").variety else {
        panic!()
    };
    assert!(matches!(base, TypeRef::Anonymous(_)));
    assert_eq!(facets.max_length, Some(3));
}

#[test]
fn derivations_mixed_abstract_and_wildcards() {
    let defs = load(
        r###"
      <xsd:complexType name="Base" abstract="true" mixed="true">
        <xsd:sequence><xsd:element name="a" type="xsd:string"/></xsd:sequence>
        <xsd:anyAttribute namespace="##other" processContents="lax"/>
      </xsd:complexType>
      <xsd:complexType name="Ext">
        <xsd:complexContent>
          <xsd:extension base="tns:Base">
            <xsd:sequence><xsd:element name="b" type="xsd:int" nillable="true"/></xsd:sequence>
            <xsd:attribute name="id" type="xsd:ID"/>
          </xsd:extension>
        </xsd:complexContent>
      </xsd:complexType>
      <xsd:complexType name="Restr">
        <xsd:complexContent mixed="true"><xsd:restriction base="tns:Base"/></xsd:complexContent>
      </xsd:complexType>
      <xsd:complexType name="Text">
        <xsd:simpleContent>
          <xsd:extension base="xsd:string"><xsd:attribute name="lang" type="xsd:language"/></xsd:extension>
        </xsd:simpleContent>
      </xsd:complexType>
      <xsd:complexType name="Short">
        <xsd:simpleContent>
          <xsd:restriction base="tns:Text"><xsd:maxLength value="4"/></xsd:restriction>
        </xsd:simpleContent>
      </xsd:complexType>
      <xsd:complexType name="Nothing"/>"###,
    );
    let base = complex(&defs, "Base");
    assert!(base.is_abstract && base.mixed && base.any_attribute);
    let ext = complex(&defs, "Ext");
    let Content::Complex {
        derivation: Derivation::Extension,
        base: b,
        particle: Some(p),
    } = &ext.content
    else {
        panic!("{:?}", ext.content)
    };
    assert_eq!(*b, t("Base"));
    assert!(local(&items(p)[0]).0.nillable);
    assert_eq!(ext.attributes.len(), 1);
    let restr = complex(&defs, "Restr");
    assert!(restr.mixed);
    assert!(matches!(
        &restr.content,
        Content::Complex {
            derivation: Derivation::Restriction,
            particle: None,
            ..
        }
    ));
    let text = complex(&defs, "Text");
    assert!(
        matches!(&text.content, Content::Simple { derivation: Derivation::Extension, base, .. } if *base == xsd("string"))
    );
    assert_eq!(text.attributes.len(), 1);
    let short = complex(&defs, "Short");
    assert!(
        matches!(&short.content, Content::Simple { derivation: Derivation::Restriction, facets, .. } if facets.max_length == Some(4))
    );
    assert!(matches!(complex(&defs, "Nothing").content, Content::Empty));
}

#[test]
fn groups_attribute_groups_and_refs() {
    let defs = load(
        r#"
      <xsd:group name="G">
        <xsd:sequence>
          <xsd:element ref="tns:top" minOccurs="0"/>
          <xsd:choice maxOccurs="3"><xsd:element name="x" type="xsd:int"/><xsd:group ref="tns:H"/></xsd:choice>
        </xsd:sequence>
      </xsd:group>
      <xsd:group name="H"><xsd:all><xsd:element name="y" type="xsd:int"/></xsd:all></xsd:group>
      <xsd:element name="top" type="xsd:string" default="d" abstract="true"/>
      <xsd:element name="sub" type="xsd:string" fixed="f" substitutionGroup="tns:top"/>
      <xsd:attribute name="ga" type="xsd:int"/>
      <xsd:attributeGroup name="AG">
        <xsd:attribute ref="tns:ga" use="prohibited" default="4"/>
        <xsd:attributeGroup ref="tns:AG2"/>
        <xsd:anyAttribute/>
      </xsd:attributeGroup>
      <xsd:attributeGroup name="AG2"><xsd:attribute name="z" type="xsd:int"/></xsd:attributeGroup>
      <xsd:complexType name="T">
        <xsd:group ref="tns:G" maxOccurs="unbounded"/>
        <xsd:attributeGroup ref="tns:AG"/>
      </xsd:complexType>"#,
    );
    let g = &defs.schemas.groups[&t("G")];
    let seq = items(&g.particle);
    assert!(
        matches!(&seq[0], Particle::Element(ElementParticle::Ref { name, occurs, .. })
        if *name == t("top") && occurs.min == 0)
    );
    assert!(
        matches!(&seq[1], Particle::Group { kind: GroupKind::Choice, occurs, .. }
        if occurs.max == MaxOccurs::Bounded(3))
    );
    assert!(matches!(&items(&seq[1])[1], Particle::GroupRef { name, .. } if *name == t("H")));
    let top = &defs.schemas.elements[&t("top")];
    assert!(top.is_abstract && top.default.as_deref() == Some("d"));
    let sub = &defs.schemas.elements[&t("sub")];
    assert_eq!(
        (sub.substitution_group.clone(), sub.fixed.as_deref()),
        (Some(t("top")), Some("f"))
    );
    let ag = &defs.schemas.attribute_groups[&t("AG")];
    assert!(ag.any_attribute);
    assert!(
        matches!(&ag.attributes[0], AttributeUse::Ref { name, use_kind: AttributeUseKind::Prohibited, default: Some(d), .. }
        if *name == t("ga") && d == "4")
    );
    assert!(matches!(&ag.attributes[1], AttributeUse::GroupRef { name, .. } if *name == t("AG2")));
    let tt = complex(&defs, "T");
    assert!(
        matches!(&tt.content, Content::Particles(Particle::GroupRef { occurs, .. }) if occurs.is_repeated())
    );
    assert!(matches!(
        &tt.attributes[..],
        [AttributeUse::GroupRef { .. }]
    ));
}

#[test]
fn default_namespace_and_no_namespace_schemas() {
    let text = r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:w">
  <types>
    <schema xmlns="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns:t="urn:t">
      <complexType name="A"><sequence><element name="b" type="t:B"/></sequence></complexType>
      <simpleType name="B"><restriction base="string"/></simpleType>
    </schema>
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="">
      <xs:element name="free" type="Free"/>
      <xs:complexType name="Free"/>
    </xs:schema>
  </types>
</definitions>"#;
    let defs = wsdl::load_str(text, Path::new("ns.wsdl")).unwrap_or_else(|e| panic!("{e}"));
    let TypeDef::Simple(b) = &defs.schemas.types[&t("B")] else {
        panic!()
    };
    // `base="string"` takes the default namespace: XML Schema's.
    assert!(
        matches!(&b.variety, SimpleVariety::Restriction { base: TypeRef::Named(n), .. } if *n == xsd("string"))
    );
    let free = &defs.schemas.elements[&QName::new("", "free")];
    assert!(matches!(&free.type_ref, Some(TypeRef::Named(n)) if *n == QName::new("", "Free")));
}

#[test]
fn builtins_resolve_without_declarations() {
    let body: String = wsdl::XSD_BUILTIN_TYPES
        .iter()
        .map(|b| format!("      <xsd:element name=\"e_{b}\" type=\"xsd:{b}\"/>\n"))
        .collect();
    let body = format!(
        "{body}
      <xsd:complexType name=\"DataSet\" xmlns:enc=\"http://schemas.xmlsoap.org/soap/encoding/\">
        <xsd:sequence>
          <xsd:element ref=\"xsd:schema\"/><xsd:any/>
          <xsd:element name=\"s\" type=\"enc:string\"/>
        </xsd:sequence>
        <xsd:attribute ref=\"enc:arrayType\"/>
        <xsd:attribute ref=\"xml:lang\"/>
      </xsd:complexType>"
    );
    let defs = load(&body);
    assert!(wsdl::XSD_BUILTIN_TYPES.len() >= 44);
    assert_eq!(defs.schemas.elements.len(), wsdl::XSD_BUILTIN_TYPES.len());
    assert!(wsdl::is_builtin_type(&xsd("anyType")));
    assert!(!wsdl::is_builtin_type(&xsd("Foo")));
    assert!(!wsdl::is_builtin_type(&t("string")));
}

#[test]
fn elements_without_type_are_any_type() {
    let defs = load(r#"      <xsd:element name="anything"/>"#);
    assert!(defs.schemas.elements[&t("anything")].type_ref.is_none());
}
