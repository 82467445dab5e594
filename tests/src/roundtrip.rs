//! Generated fixture types driven through the runtime: encode, decode, compare.

use runtime::__private as rt;
use runtime::soap::{self, Message, SoapVersion};

use crate::{
    attributes as attr, choice, enums, inheritance as inh, rpc, service, substitution as sub,
    values,
};

/// Writes `v` as element `n`, reads it back.
fn roundtrip<T: rt::XmlValue>(v: &T, n: &rt::Name) -> (T, String) {
    let mut w = rt::Writer::new();
    v.write_xml(&mut w, n).expect("encodes");
    let bytes = w.into_bytes();
    let text = String::from_utf8(bytes.clone()).expect("utf-8");
    (read(&bytes).unwrap_or_else(|e| panic!("{e}: {text}")), text)
}

fn read<T: rt::XmlValue>(xml: &[u8]) -> rt::Result<T> {
    let mut r = rt::Reader::new(xml)?;
    let s = r.root()?;
    T::read_xml(&mut r, &s)
}

fn body<B: rt::Body>(xml: &str) -> Result<B, rt::DecodeError> {
    let env = format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>{xml}</s:Body></s:Envelope>"#
    );
    match soap::decode_envelope::<values::Empty, B>(env.as_bytes())?.body {
        Message::Body(b) => Ok(b),
        Message::Fault(f) => panic!("unexpected fault {f:?}"),
    }
}

fn apex_class() -> inh::ApexClass {
    inh::ApexClass {
        full_name: Some("Hello".into()),
        content: Some(b"class Hello {}".to_vec()),
        api_version: 66.0,
        status: "Active".into(),
    }
}

#[test]
fn subtypes_at_every_depth_round_trip_with_xsi_type() {
    let result = inh::ReadResult {
        records: vec![
            inh::AnyMetadata::Metadata(Box::new(inh::Metadata {
                full_name: Some("plain".into()),
            })),
            inh::AnyMetadata::CustomObject(Box::new(inh::CustomObject {
                full_name: Some("Invoice__c".into()),
                label: Some("Invoice".into()),
                fields: vec![inh::CustomField {
                    full_name: Some("Amount__c".into()),
                    length: Some(18),
                }],
            })),
            inh::AnyMetadata::ApexClass(Box::new(apex_class())),
        ],
        primary: inh::AnyMetadataWithContent::ApexClass(Box::new(apex_class())),
        shape: Some(inh::AnyShape::Circle(Box::new(inh::Circle {
            name: "c".into(),
            radius: 2.5,
        }))),
    };
    let xml =
        soap::encode_envelope(SoapVersion::Soap11, &values::Empty {}, &result).expect("encodes");
    let text = String::from_utf8_lossy(&xml);
    assert!(
        text.contains(":type=\"") && text.contains("ApexClass\""),
        "{text}"
    );
    let back = soap::decode_envelope::<values::Empty, inh::ReadResult>(&xml).expect("decodes");
    let Message::Body(back) = back.body else {
        panic!("fault")
    };
    assert_eq!(back, result);
    assert_eq!(back.records[2].type_name(), "ApexClass");
    // Inherited fields are plain fields of the subtype.
    let inh::AnyMetadata::ApexClass(a) = &back.records[2] else {
        panic!("variant")
    };
    assert_eq!(a.full_name.as_deref(), Some("Hello"));
}

#[test]
fn unknown_xsi_type_is_kept_and_written_back() {
    let xml = r#"<t:readResult xmlns:t="urn:example:inheritance" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
        <t:records i:type="t:Mystery"><t:fullName>x</t:fullName><t:secret>42</t:secret></t:records>
        <t:primary><t:fullName>p</t:fullName></t:primary>
    </t:readResult>"#;
    let r: inh::ReadResult = body(xml).expect("decodes");
    let inh::AnyMetadata::Unknown(v) = &r.records[0] else {
        panic!("{:?}", r.records[0])
    };
    assert_eq!(r.records[0].type_name(), "Mystery");
    assert!(v.inner_xml().contains("42"), "{}", v.inner_xml());
    // No xsi:type on a concrete base's slot: the base itself.
    assert!(matches!(
        r.primary,
        inh::AnyMetadataWithContent::MetadataWithContent(_)
    ));
    let (again, text) = roundtrip(
        &r,
        &rt::Name {
            ns: inh::NS,
            local: "readResult",
        },
    );
    assert_eq!(again, r);
    assert!(text.contains("Mystery") && text.contains("42"), "{text}");
}

#[test]
fn abstract_base_without_xsi_type_is_an_error() {
    let xml = r#"<t:readResult xmlns:t="urn:example:inheritance">
        <t:primary/><t:shape><t:name>n</t:name></t:shape></t:readResult>"#;
    let err = body::<inh::ReadResult>(xml).expect_err("abstract");
    assert!(err.to_string().contains("shape"), "{err}");
}

#[test]
fn enums_keep_unknown_values_and_reject_nothing() {
    let s = enums::Settings {
        id: "001000000000001AAA".into(),
        sharing: Some(enums::SharingModel::Unknown_("BrandNew".into())),
        priorities: vec![enums::Priority::V2, enums::Priority::Unknown("9".into())],
        mode: enums::SettingsMode::Safe,
        related: Some(enums::Ids(vec!["a".into(), "b".into()])),
    };
    let (back, text) = roundtrip(
        &s,
        &rt::Name {
            ns: enums::NS,
            local: "settings",
        },
    );
    assert_eq!(back, s);
    assert!(
        text.contains(">BrandNew<") && text.contains(">2<") && text.contains(">safe<"),
        "{text}"
    );
    let (v, _) = roundtrip(
        &enums::SharingModel::ReadWrite3,
        &rt::Name { ns: "", local: "m" },
    );
    assert_eq!(v, enums::SharingModel::ReadWrite3);
}

#[test]
fn nil_any_and_wildcards_round_trip() {
    let fv = values::FieldValue {
        field: "Amount".into(),
        value: rt::Nillable::Nil,
        note: Some(rt::Nillable::Value("n".into())),
        to_null: vec![rt::Nillable::Nil, rt::Nillable::Value("x".into())],
        untyped: Some(rt::AnyValue::long(7)),
    };
    let (back, text) = roundtrip(
        &fv,
        &rt::Name {
            ns: values::NS,
            local: "fv",
        },
    );
    assert_eq!(back, fv);
    assert!(text.contains("nil=\"true\""), "{text}");
    let xml = r#"<t:o xmlns:t="urn:example:values"><t:type>Account</t:type><t:Id>001</t:Id>
        <t:Name>Acme</t:Name><t:Extra a="1">x</t:Extra></t:o>"#;
    let o: values::SObject = read(xml.as_bytes()).expect("decodes");
    assert_eq!(o.r#type, "Account");
    assert_eq!(o.any.len(), 2);
    let (again, _) = roundtrip(
        &o,
        &rt::Name {
            ns: values::NS,
            local: "o",
        },
    );
    assert_eq!(again, o);
}

#[test]
fn recursion_is_boxed_and_round_trips() {
    let leaf = values::Node {
        parent: None,
        children: vec![],
        other: values::Other { back: None },
    };
    let node = values::Node {
        parent: Some(Box::new(leaf.clone())),
        children: vec![leaf.clone(), leaf.clone()],
        other: values::Other {
            back: Some(Box::new(leaf)),
        },
    };
    let (back, _) = roundtrip(
        &node,
        &rt::Name {
            ns: values::NS,
            local: "node",
        },
    );
    assert_eq!(back, node);
}

/// The service fixture is generated with serde: a decoded envelope's headers struct and
/// body enum go through JSON and back equal.
#[test]
fn decoded_headers_and_body_round_trip_through_json() {
    let xml = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="urn:example:service">
        <s:Header><m:SessionHeader><m:sessionId>00D!x</m:sessionId></m:SessionHeader>
          <m:CallOptions><m:client>cli</m:client></m:CallOptions></s:Header>
        <s:Body><m:readMetadata><m:type>CustomObject</m:type><m:fullNames>Account</m:fullNames>
          <m:fullNames>Invoice__c</m:fullNames></m:readMetadata></s:Body></s:Envelope>"#;
    let env =
        soap::decode_envelope::<service::MetadataHeaders, service::MetadataBody>(xml.as_bytes())
            .expect("decodes");
    let Message::Body(body) = env.body else {
        panic!("fault")
    };
    assert!(env.headers.session_header.is_some() && env.headers.call_options.is_some());
    assert!(
        matches!(&body, service::MetadataBody::ReadMetadata(r) if r.full_names.len() == 2),
        "{body:?}"
    );
    let json = serde_json::to_string(&(&env.headers, &body)).expect("to JSON");
    let (headers, back): (service::MetadataHeaders, service::MetadataBody) =
        serde_json::from_str(&json).expect("from JSON");
    assert_eq!((headers, back), (env.headers, body), "{json}");
}

#[test]
fn body_dispatch_and_headers_round_trip() {
    let headers = service::MetadataHeaders {
        session_header: Some(service::SessionHeader {
            session_id: "00D!token".into(),
        }),
        call_options: Some(service::CallOptions {
            client: "cli".into(),
        }),
        debugging_info: None,
    };
    let req = service::MetadataBody::ReadMetadata(service::ReadMetadata {
        r#type: "CustomObject".into(),
        full_names: vec!["Account".into(), "Invoice__c".into()],
    });
    let xml = soap::encode_envelope(SoapVersion::Soap11, &headers, &req).expect("encodes");
    let env = soap::decode_envelope::<service::MetadataHeaders, service::MetadataBody>(&xml)
        .expect("decodes");
    assert_eq!(env.headers, headers);
    let Message::Body(b) = env.body else {
        panic!("fault")
    };
    assert_eq!(b, req);
    let err = body::<service::MetadataBody>(r#"<x:nope xmlns:x="urn:example:service"/>"#)
        .expect_err("unknown body");
    assert!(err.to_string().contains("nope"), "{err}");
}

#[test]
fn attributes_and_simple_content_round_trip() {
    let price = |v: &str| attr::Price {
        value: v.parse().expect("decimal"),
        currency: attr::Currency::Eur,
        lang: Some("de".into()),
    };
    let order = attr::Order {
        items: vec![
            attr::AnyItem::Item(Box::new(attr::Item {
                id: "i1".into(),
                version: Some(3),
                hidden: None,
                value: Some("v".into()),
                name: "Pen".into(),
                price: attr::AnyPrice::Price(Box::new(price("1.50"))),
            })),
            attr::AnyItem::Book(Box::new(attr::Book {
                id: "b1".into(),
                version: None,
                hidden: Some(true),
                value: None,
                edition: Some(2),
                name: "Rust".into(),
                price: attr::AnyPrice::Price(Box::new(price("30"))),
                isbn: "978".into(),
            })),
        ],
        total: attr::AnyPrice::DiscountedPrice(Box::new(attr::DiscountedPrice {
            value: "1.35".parse().expect("decimal"),
            currency: attr::Currency::Unknown("CHF".into()),
            lang: None,
            percent: 10.0,
        })),
    };
    let (back, text) = roundtrip(
        &order,
        &rt::Name {
            ns: attr::NS,
            local: "order",
        },
    );
    assert_eq!(back, order);
    assert!(
        text.contains("currency=\"EUR\"") && text.contains(">1.50<"),
        "{text}"
    );
    assert!(text.contains(":lang=\"de\""), "{text}");
    assert!(
        text.contains("percent=\"10.0\"") && text.contains("edition=\"2\""),
        "{text}"
    );
}

#[test]
fn missing_required_attributes_fail_naming_element_and_attribute() {
    const ITEM: &str = r#"<a:name>Pen</a:name><a:price currency="EUR">1</a:price>"#;
    let order = |item_attrs: &str, total: &str| {
        format!(
            r#"<a:order xmlns:a="urn:example:attributes" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><a:items {item_attrs}>{ITEM}</a:items>{total}</a:order>"#
        )
    };
    let total = r#"<a:total currency="USD">1</a:total>"#;
    let ok = order(r#"id="i1""#, total);
    let back: attr::Order = read(ok.as_bytes()).unwrap_or_else(|e| panic!("{e}: {ok}"));
    assert_eq!(
        back.total,
        attr::AnyPrice::Price(Box::new(attr::Price {
            value: "1".parse().expect("decimal"),
            currency: attr::Currency::Usd,
            lang: None,
        }))
    );
    let discounted = r#"<a:total xsi:type="a:DiscountedPrice" currency="USD">1</a:total>"#;
    let book = order(r#"xsi:type="a:Book" version="2""#, total)
        .replace("</a:items>", "<a:isbn>1</a:isbn></a:items>");
    let cases = [
        // `id` comes from an attribute group; `version` (optional) does not stand in for it.
        (order(r#"version="2""#, total), "id", "/order/items"),
        // Inherited by a subtype chosen with xsi:type.
        (book, "id", "/order/items"),
        (
            order(r#"id="i1""#, "<a:total>1</a:total>"),
            "currency",
            "/order/total",
        ),
        // The subtype's own required attribute.
        (order(r#"id="i1""#, discounted), "percent", "/order/total"),
    ];
    for (doc, name, path) in cases {
        let e = read::<attr::Order>(doc.as_bytes()).expect_err(&doc);
        let kind = runtime::xml::DecodeErrorKind::MissingAttribute { name };
        assert_eq!(e.kind(), &kind, "{doc}");
        assert_eq!(e.path(), path, "{doc}");
    }
}

#[test]
fn repeated_choice_keeps_the_order_of_alternatives() {
    let square = choice::Shape {
        name: "sq".into(),
        choice: choice::ShapeChoice::Side(2.0),
        choice2: Some(choice::ShapeChoice2::Pattern(rt::Nillable::Nil)),
    };
    let group = choice::Shape {
        name: "g".into(),
        choice: choice::ShapeChoice::Group(Box::new(square.clone())),
        choice2: None,
    };
    let drawing = choice::Drawing {
        choice: vec![
            choice::DrawingChoice::Note("first".into()),
            choice::DrawingChoice::Shape(Box::new(group)),
            choice::DrawingChoice::Note("between".into()),
            choice::DrawingChoice::Shape(Box::new(square)),
        ],
        choice2: choice::DrawingChoice2::FirstLast(Box::new(choice::DrawingChoice2FirstLast {
            first: "Ada".into(),
            last: "Lovelace".into(),
        })),
    };
    let (back, text) = roundtrip(
        &drawing,
        &rt::Name {
            ns: choice::NS,
            local: "drawing",
        },
    );
    assert_eq!(back, drawing);
    let first = text.find(">first<").expect("first note");
    let between = text.find(">between<").expect("second note");
    let group_at = text.find(">g<").expect("group");
    assert!(first < group_at && group_at < between, "{text}");
}

#[test]
fn rpc_wrappers_round_trip() {
    let req = rpc::QuoteBody::GetQuote(rpc::GetQuote {
        symbol: "ACME".into(),
        count: 2,
        trace: "t".into(),
    });
    let xml =
        soap::encode_envelope(SoapVersion::Soap11, &rpc::QuoteHeaders {}, &req).expect("encodes");
    let text = String::from_utf8_lossy(&xml).into_owned();
    assert!(
        text.contains("urn:example:rpc:calls") && text.contains("GetQuote"),
        "{text}"
    );
    let env = soap::decode_envelope::<rpc::QuoteHeaders, rpc::QuoteBody>(&xml).expect("decodes");
    let Message::Body(b) = env.body else {
        panic!("fault")
    };
    assert_eq!(b, req);
}

#[test]
fn substitution_group_members_stand_in_for_their_head() {
    let xml = r#"<t:folder xmlns:t="urn:example:substitution">
        <t:Task><t:subject>a</t:subject></t:Task>
        <t:Meeting><t:subject>b</t:subject><t:from>x</t:from></t:Meeting>
        <t:Message><t:from>y</t:from></t:Message>
        <t:Sticky>s</t:Sticky></t:folder>"#;
    let folder: sub::Folder = read(xml.as_bytes()).expect("decodes");
    assert_eq!(folder.choice.len(), 3);
    assert!(matches!(folder.choice[0], sub::ItemChoice::Task(_)));
    let sub::ItemChoice::Meeting(m) = &folder.choice[1] else {
        panic!("{:?}", folder.choice[1])
    };
    assert_eq!(m.from.as_deref(), Some("x"));
    assert_eq!(folder.choice2, sub::NoteChoice::Sticky("s".into()));
    let (back, _) = roundtrip(
        &folder,
        &rt::Name {
            ns: sub::NS,
            local: "folder",
        },
    );
    assert_eq!(back, folder);
}
