//! Round trips per feature through types written exactly as codegen emits them.

mod common;

use common::*;
use runtime::__private as rt;
use runtime::xml::{DecodeErrorKind, from_slice, to_vec};

const ROOT: rt::Name = rt::Name {
    ns: NS,
    local: "root",
};

fn roundtrip<T: rt::XmlValue + PartialEq + std::fmt::Debug>(v: &T) -> Vec<u8> {
    let xml = to_vec(v, &ROOT).expect("encode");
    let back: T = from_slice(&xml)
        .unwrap_or_else(|e| panic!("decode {e}: {}", String::from_utf8_lossy(&xml)));
    assert_eq!(&back, v, "{}", String::from_utf8_lossy(&xml));
    xml
}

fn sample_object() -> CustomObject {
    CustomObject {
        full_name: Some("Invoice__c".into()),
        fields: vec![
            CustomField {
                full_name: "Amount__c".into(),
                r#type: Some(FieldType::Number),
                length: Some(18),
                default_value: None,
            },
            CustomField {
                full_name: "Note__c".into(),
                r#type: Some(FieldType::Unknown_("Html".into())),
                length: None,
                default_value: Some(rt::Nillable::Nil),
            },
            CustomField {
                full_name: "Code__c".into(),
                r#type: Some(FieldType::Unknown),
                length: None,
                default_value: Some(rt::Nillable::Value("a & b < c".into())),
            },
        ],
        label: "Invoice".into(),
        sharing_model: Some(SharingModel::Unknown("ControlledByCampaign".into())),
        parent: Some(Box::new(CustomObject {
            label: "Parent".into(),
            ..Default::default()
        })),
        value: Some(rt::Nillable::Value(
            rt::AnyValue::string("hello <world>").unwrap(),
        )),
        created: Some("2024-02-29T23:59:59.123456789Z".parse().unwrap()),
        day: Some("2024-05-01+02:00".parse().unwrap()),
        at: Some("24:00:00".parse().unwrap()),
        amount: Some("-000123.4500".parse().unwrap()),
        hex: Some(rt::HexBinary(vec![0, 0xAB, 0xFF])),
        enabled: Some(true),
        count: Some(i64::MIN),
    }
}

#[test]
fn complex_roundtrip_every_feature() {
    let xml = roundtrip(&sample_object());
    let text = String::from_utf8(xml).unwrap();
    assert!(
        text.contains(
            r#"<fullName>Note__c</fullName><type>Html</type><defaultValue xsi:nil="true"/>"#
        ),
        "{text}"
    );
    assert!(
        text.contains("<amount>-000123.4500</amount>"),
        "decimal kept exactly: {text}"
    );
}

#[test]
fn polymorphic_slots_at_every_depth() {
    let records = ReadResult {
        records: vec![
            AnyMetadata::Metadata(Box::new(Metadata {
                full_name: Some("plain".into()),
            })),
            AnyMetadata::MetadataWithContent(Box::new(MetadataWithContent {
                full_name: None,
                content: Some(b"\x00\x01binary\xff".to_vec()),
            })),
            AnyMetadata::ApexClass(Box::new(ApexClass {
                api_version: 66.0,
                ..Default::default()
            })),
            AnyMetadata::ApexClassEx(Box::new(ApexClassEx {
                api_version: 1e300,
                status: Some(ApexCodeUnitStatus::Unknown("Pending".into())),
                tags: vec!["a".into(), "b".into()],
                ..Default::default()
            })),
            AnyMetadata::CustomObject(Box::new(sample_object())),
        ],
    };
    let xml = String::from_utf8(roundtrip(&records)).unwrap();
    // The base itself carries no xsi:type; subtypes carry one, unprefixed: the types are in
    // the element's default namespace (as Salesforce writes `xsi:type="CustomObject"`).
    assert!(
        xml.contains("<records><fullName>plain</fullName></records>"),
        "{xml}"
    );
    assert!(xml.contains(r#"<records xsi:type="ApexClassEx">"#), "{xml}");
    assert!(!xml.contains("xmlns:ns1"), "{xml}");
}

#[test]
fn xsi_type_outside_the_default_namespace_gets_a_prefix() {
    let mut w = rt::Writer::new();
    w.start_element("urn:test:md", "root").unwrap();
    w.start_element("", "records").unwrap();
    // The element is in no namespace: an unprefixed value would name a no-namespace type.
    w.xsi_type("urn:test:md", "ApexClass").unwrap();
    w.end_element();
    w.start_element("urn:test:md", "records").unwrap();
    w.xsi_type("urn:test:md", "ApexClass").unwrap();
    w.end_element();
    w.end_element();
    let xml = String::from_utf8(w.into_bytes()).unwrap();
    assert_eq!(
        xml,
        concat!(
            r#"<root xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns1="urn:test:md" xmlns="urn:test:md">"#,
            r#"<records xmlns="" xsi:type="ns1:ApexClass"/>"#,
            r#"<records xsi:type="ApexClass"/></root>"#
        )
    );
}

#[test]
fn xsi_type_with_arbitrary_prefixes() {
    let docs = [
        // Default namespace holds the types; xsi bound to an odd prefix.
        r#"<r:root xmlns:r="urn:test:md" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:test:md">
             <records i:type="ApexClass"><apiVersion>58.0</apiVersion></records></r:root>"#,
        // Prefix declared on the element itself, xsi prefix rebound inside.
        r#"<root xmlns="urn:test:md"><records xmlns:q="urn:test:md" xmlns:x="http://www.w3.org/2001/XMLSchema-instance"
             x:type="q:ApexClass"><apiVersion>58.0</apiVersion></records></root>"#,
        // The same prefix means different namespaces at different levels.
        r#"<p:root xmlns:p="urn:other" xmlns:xsi="urn:not-xsi"><p:records xmlns:p="urn:test:md"
             xmlns:z="http://www.w3.org/2001/XMLSchema-instance" z:type="p:ApexClass" xsi:type="p:Bogus">
             <p:apiVersion>58.0</p:apiVersion></p:records></p:root>"#,
    ];
    for doc in docs {
        let v: ReadResult = from_slice(doc.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{doc}"));
        let expected = AnyMetadata::ApexClass(Box::new(ApexClass {
            api_version: 58.0,
            ..Default::default()
        }));
        assert_eq!(v.records, vec![expected], "{doc}");
    }
}

#[test]
fn unknown_xsi_type_is_kept_and_written_back() {
    let doc = r#"<root xmlns="urn:test:md" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:m="urn:test:md">
        <records xsi:type="m:FlowDefinition" extra="1"><fullName>F</fullName><m:activeVersionNumber>3</m:activeVersionNumber></records>
        </root>"#;
    let v: ReadResult = from_slice(doc.as_bytes()).unwrap();
    let AnyMetadata::Unknown(any) = &v.records[0] else {
        panic!("{v:?}")
    };
    assert_eq!(any.xsi_type(), Some(("urn:test:md", "FlowDefinition")));
    assert_eq!(any.type_ref().unwrap().lexical, "m:FlowDefinition");
    assert_eq!(any.type_name(), "FlowDefinition");
    assert_eq!(any.attributes(), &[("extra".to_owned(), "1".to_owned())]);
    assert_eq!(
        any.inner_xml(),
        "<fullName>F</fullName><m:activeVersionNumber>3</m:activeVersionNumber>"
    );
    assert_eq!(
        any.bindings(),
        &[
            ("".to_owned(), NS.to_owned()),
            ("m".to_owned(), NS.to_owned())
        ]
    );
    roundtrip(&v);
}

#[test]
fn a_known_type_that_is_not_a_subtype_is_an_error() {
    let doc = r#"<root xmlns="urn:test:md" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <records xsi:type="CustomField"><fullName>x</fullName></records></root>"#;
    let e = from_slice::<ReadResult>(doc.as_bytes()).unwrap_err();
    assert!(
        matches!(e.kind(), DecodeErrorKind::NotASubtype { ty } if ty == "{urn:test:md}CustomField"),
        "{e}"
    );
    assert_eq!(e.path(), "/root/records");
}

#[test]
fn undefined_xsi_type_prefix_is_an_error() {
    let doc = r#"<root xmlns="urn:test:md" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <records xsi:type="nope:ApexClass"/></root>"#;
    let e = from_slice::<ReadResult>(doc.as_bytes()).unwrap_err();
    assert!(
        matches!(e.kind(), DecodeErrorKind::UndefinedPrefix { prefix } if prefix == "nope"),
        "{e}"
    );
}

#[test]
fn out_of_order_and_unknown_elements() {
    let doc = r#"<root xmlns="urn:test:md"><count>7</count><newerField><deep><x/></deep></newerField>
        <label>L</label><fields><length>3</length><fullName>F</fullName></fields><fullName>N</fullName>
        <fields><fullName>G</fullName></fields><other:thing xmlns:other="urn:x"/></root>"#;
    let v: CustomObject = from_slice(doc.as_bytes()).unwrap();
    assert_eq!(v.label, "L");
    assert_eq!(v.full_name.as_deref(), Some("N"));
    assert_eq!(v.count, Some(7));
    assert_eq!(v.fields.len(), 2);
    assert_eq!(v.fields[0].length, Some(3));
    assert_eq!(v.fields[1].full_name, "G");
}

#[test]
fn element_in_wrong_namespace_is_not_a_field() {
    let doc =
        r#"<root xmlns="urn:test:md"><label xmlns="urn:other">no</label><label>yes</label></root>"#;
    let v: CustomObject = from_slice(doc.as_bytes()).unwrap();
    assert_eq!(v.label, "yes");
}

#[test]
fn missing_required_element_names_the_path() {
    let doc = r#"<Envelope><Body><root xmlns="urn:test:md"><label>x</label><fields><length>1</length></fields></root></Body></Envelope>"#;
    let mut r = rt::Reader::new(doc.as_bytes()).unwrap();
    let env = r.root().unwrap();
    let body = r.next_child().unwrap().unwrap();
    let root = r.next_child().unwrap().unwrap();
    let _ = (env, body);
    let e = <CustomObject as rt::XmlValue>::read_xml(&mut r, &root).unwrap_err();
    assert_eq!(
        e.kind(),
        &DecodeErrorKind::MissingElement { name: "fullName" }
    );
    assert_eq!(e.path(), "/Envelope/Body/root/fields");
    assert!(e.to_string().contains("/Envelope/Body/root/fields"), "{e}");
}

#[test]
fn duplicate_singular_element_is_an_error() {
    let doc = r#"<root xmlns="urn:test:md"><label>a</label><label>b</label></root>"#;
    let e = from_slice::<CustomObject>(doc.as_bytes()).unwrap_err();
    assert_eq!(
        e.kind(),
        &DecodeErrorKind::DuplicateElement { name: "label" }
    );
    assert_eq!(e.offset(), doc.find("<label>b").unwrap() as u64);
}

#[test]
fn invalid_values_name_the_element_path() {
    let cases = [
        ("<count>12x</count>", "long", "/root/count"),
        ("<count>99999999999999999999</count>", "long", "/root/count"),
        ("<enabled>yes</enabled>", "boolean", "/root/enabled"),
        (
            "<created>2023-02-29T00:00:00</created>",
            "dateTime",
            "/root/created",
        ),
        (
            "<fields><fullName>f</fullName><length>1.5</length></fields>",
            "int",
            "/root/fields/length",
        ),
        ("<hex>ABC</hex>", "hexBinary", "/root/hex"),
    ];
    for (inner, ty, path) in cases {
        let doc = format!(r#"<root xmlns="urn:test:md"><label>l</label>{inner}</root>"#);
        let e = from_slice::<CustomObject>(doc.as_bytes()).unwrap_err();
        assert!(
            matches!(e.kind(), DecodeErrorKind::InvalidValue { ty: t, .. } if *t == ty),
            "{inner}: {e}"
        );
        assert_eq!(e.path(), path, "{inner}");
    }
}

#[test]
fn nil_handling() {
    let doc = r#"<root xmlns="urn:test:md" xmlns:n="http://www.w3.org/2001/XMLSchema-instance"><label>l</label>
        <value n:nil="true"/><count n:nil="1"></count><fields><fullName>f</fullName><defaultValue n:nil="true"></defaultValue></fields></root>"#;
    let v: CustomObject = from_slice(doc.as_bytes()).unwrap();
    assert_eq!(v.value, Some(rt::Nillable::Nil));
    assert_eq!(
        v.count, None,
        "nil on a non-nillable optional reads as absent"
    );
    assert_eq!(v.fields[0].default_value, Some(rt::Nillable::Nil));
}

#[test]
fn any_type_value_round_trips_under_other_prefixes() {
    // The document binds XSD to `s`, the writer will use `xsd` at the envelope root: the
    // value must still read back equal.
    let doc = r#"<root xmlns="urn:test:md" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"
        xmlns:s="http://www.w3.org/2001/XMLSchema"><label>l</label><value i:type="s:int">42</value></root>"#;
    let v: CustomObject = from_slice(doc.as_bytes()).unwrap();
    let Some(rt::Nillable::Value(any)) = &v.value else {
        panic!()
    };
    assert_eq!(any.xsi_type(), Some((rt::XSD_NS, "int")));
    assert_eq!(any.text().as_deref(), Some("42"));
    let xml = String::from_utf8(roundtrip(&v)).unwrap();
    assert!(
        xml.contains(r#"xmlns:s="http://www.w3.org/2001/XMLSchema""#),
        "{xml}"
    );
    // And a built value reads back equal too.
    let built = CustomObject {
        value: Some(rt::Nillable::Value(rt::AnyValue::long(-5))),
        ..v
    };
    roundtrip(&built);
}

#[test]
fn any_type_with_element_content_and_default_namespace_tricks() {
    let doc = r#"<m:root xmlns:m="urn:test:md" xmlns="urn:inner" xmlns:a="urn:a"><m:label>l</m:label><m:value>
        <item a:flag="1"><a:sub>x</a:sub></item><other xmlns="">plain</other></m:value></m:root>"#;
    let v: CustomObject = from_slice(doc.as_bytes()).unwrap();
    let Some(rt::Nillable::Value(any)) = &v.value else {
        panic!()
    };
    assert_eq!(
        any.bindings(),
        &[
            ("".to_owned(), "urn:inner".to_owned()),
            ("a".to_owned(), "urn:a".to_owned())
        ]
    );
    assert_eq!(any.text(), None);
    let xml = String::from_utf8(roundtrip(&v)).unwrap();
    // The value element keeps its own namespace through a prefix; its content gets the
    // default namespace it was written under.
    assert!(
        xml.contains(r#"<e1:value xmlns:e1="urn:test:md" xmlns="urn:inner" xmlns:a="urn:a">"#),
        "{xml}"
    );
}

#[test]
fn entities_char_refs_and_cdata_assemble_text() {
    let doc = "<root xmlns=\"urn:test:md\"><label>a&amp;b&lt;&gt;&quot;&apos;&#65;&#x1F600;<![CDATA[<x>&amp;]]>z\r\nq</label></root>";
    let v: CustomObject = from_slice(doc.as_bytes()).unwrap();
    assert_eq!(v.label, "a&b<>\"'A\u{1F600}<x>&amp;z\nq");
}

#[test]
fn base64_with_line_breaks_and_entities() {
    let data: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(&data);
    let wrapped: String = b64
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join("&#13;\n");
    let doc = format!(
        r#"<root xmlns="urn:test:md"><content>
        {wrapped}
    </content></root>"#
    );
    let v: MetadataWithContent = from_slice(doc.as_bytes()).unwrap();
    assert_eq!(v.content.as_deref(), Some(&data[..]));
    let bad = r#"<root xmlns="urn:test:md"><content>@@@@</content></root>"#;
    let e = from_slice::<MetadataWithContent>(bad.as_bytes()).unwrap_err();
    assert!(
        matches!(
            e.kind(),
            DecodeErrorKind::InvalidValue {
                ty: "base64Binary",
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn wildcard_attributes_and_simple_content() {
    let doc = r#"<extensible xmlns="urn:test:md" id="7" xml:lang="en" ignored="x"><name>n</name>
        <ext:thing xmlns:ext="urn:ext" ext:a="1">v</ext:thing><more>m</more></extensible>"#;
    let v: Extensible = from_slice(doc.as_bytes()).unwrap();
    assert_eq!(v.id.as_deref(), Some("7"));
    assert_eq!(v.lang.as_deref(), Some("en"));
    assert_eq!(v.any.len(), 2);
    assert_eq!(v.any[0].element_name(), Some(("urn:ext", "thing")));
    assert_eq!(v.any[1].element_name(), Some((NS, "more")));
    let xml = String::from_utf8(roundtrip(&v)).unwrap();
    // The XML namespace is always `xml:` and must never be declared.
    assert!(xml.contains(r#" xml:lang="en""#), "{xml}");
    assert!(
        !xml.contains("xmlns:ns1=\"http://www.w3.org/XML/1998/namespace\""),
        "{xml}"
    );
    assert!(!xml.contains("XML/1998/namespace"), "{xml}");

    let money: Money = from_slice(br#"<m currency="EUR">12.50</m>"#).unwrap();
    assert_eq!(money.currency, "EUR");
    assert_eq!(money.value.as_ref().map(|d| d.as_str()), Some("12.50"));
    roundtrip(&money);
}

#[test]
fn missing_required_attribute_names_the_path_and_attribute() {
    // No attribute at all, only a namespace declaration, or `currency` in another namespace:
    // each lacks the unqualified required `currency`.
    for doc in [
        r#"<m>1</m>"#,
        r#"<m xmlns="urn:x">1</m>"#,
        r#"<m xmlns:o="urn:o" o:currency="EUR">1</m>"#,
    ] {
        let e = from_slice::<Money>(doc.as_bytes()).unwrap_err();
        assert_eq!(
            e.kind(),
            &DecodeErrorKind::MissingAttribute { name: "currency" },
            "{doc}"
        );
        assert_eq!(e.path(), "/m", "{doc}");
        assert!(e.to_string().contains("attribute `currency`"), "{e}");
    }
}

#[test]
fn wildcard_namespace_constraints() {
    let any = rt::FieldInfo::any(rt::OPTIONAL);
    let other = rt::FieldInfo::any_in(rt::OPTIONAL, "!urn:tns");
    let list = rt::FieldInfo::any_in(rt::OPTIONAL, "urn:x ##local");
    for ns in ["", "urn:tns", "urn:x"] {
        assert!(any.admits(ns), "{ns}");
    }
    assert!(other.admits("urn:x") && !other.admits("urn:tns") && !other.admits(""));
    assert!(list.admits("urn:x") && list.admits("") && !list.admits("urn:tns"));
}

#[test]
fn output_is_deterministic() {
    let v = ReadResult {
        records: vec![AnyMetadata::CustomObject(Box::new(sample_object()))],
    };
    let a = to_vec(&v, &ROOT).unwrap();
    let b = to_vec(&v, &ROOT).unwrap();
    assert_eq!(a, b);
}

#[test]
fn missing_xsi_type_error_for_abstract_slots() {
    let doc = br#"<root xmlns="urn:test:md"><records/></root>"#;
    let mut r = rt::Reader::new(doc).unwrap();
    let _root = r.root().unwrap();
    let rec = r.next_child().unwrap().unwrap();
    let e = r.missing_xsi_type(&rec);
    assert_eq!(e.kind(), &DecodeErrorKind::MissingXsiType);
    assert_eq!(e.path(), "/root/records");
}

#[test]
fn empty_typed_record_is_salesforces_not_found_answer() {
    // readMetadata of a name that does not exist answers an empty typed record.
    let doc = r#"<root xmlns="urn:test:md" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><records xsi:type="ApexClass"/><records xsi:type="ApexClass"></records></root>"#;
    let v: ReadResult = from_slice(doc.as_bytes()).unwrap();
    assert_eq!(
        v.records,
        vec![
            AnyMetadata::ApexClass(Box::default()),
            AnyMetadata::ApexClass(Box::default())
        ]
    );
    // With any child present, the required check applies again...
    let doc = r#"<root xmlns="urn:test:md" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><records xsi:type="ApexClass"><fullName>x</fullName></records></root>"#;
    let e = from_slice::<ReadResult>(doc.as_bytes()).unwrap_err();
    assert_eq!(
        e.kind(),
        &DecodeErrorKind::MissingElement { name: "apiVersion" }
    );
    // ...and so it does for an empty element without xsi:type.
    let doc = r#"<root xmlns="urn:test:md"><label>x</label><fields/></root>"#;
    let e = from_slice::<CustomObject>(doc.as_bytes()).unwrap_err();
    assert!(
        matches!(e.kind(), DecodeErrorKind::MissingElement { .. }),
        "{e}"
    );
}
