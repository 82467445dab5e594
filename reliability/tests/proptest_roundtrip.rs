//! Property tests through the generated Metadata stubs and the SOAP envelope (the runtime's
//! own proptests cover its XML core with hand-written types):
//! - any string XML 1.0 can carry survives in every position a Metadata message has: element
//!   text, enum values the WSDL does not list, anyType content, header fields, the session
//!   token, fault code/string/actor; any bytes survive base64; a character XML cannot carry
//!   is an encode error naming the element, never dropped;
//! - random CustomObject / CustomField / Flow / CustomMetadata / ApexClass values round-trip
//!   equal through upsertMetadata and readMetadataResponse envelopes.

use metadata::{
    AnyMetadata, ApexClass, ApexCodeUnitStatus, CallOptions, CustomField, CustomMetadata,
    CustomMetadataValue, CustomObject, DeployStatus, FieldType, Flow, FlowComparisonOperator,
    FlowCondition, FlowDecision, FlowElementReferenceOrValue, FlowRule, MetadataBody,
    MetadataHeaders, ReadMetadataResponse, ReadResult, SharingModel, UpsertMetadata,
};
use proptest::prelude::*;
use runtime::__private as rt;
use runtime::soap::{
    Fault, FaultCode, Message, SoapVersion, decode_envelope, decode_fault, encode_envelope,
    encode_fault, encode_request,
};
use runtime::xml::EncodeErrorKind;

/// Characters XML 1.0 can carry, biased to the ones writers get wrong.
fn xml_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(vec!['<', '>', '&', '"', '\'', ']', '\t', '\n', '\r', ' ', ';', '#', ':', '\u{85}', '\u{2028}', '\u{FEFF}', '\u{FFFD}', '\u{E000}', '\u{1F600}', '\u{10FFFF}', '\u{7F}']),
        3 => any::<char>().prop_filter("XML char", |c| matches!(*c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::collection::vec(xml_char(), 0..24).prop_map(|v| v.into_iter().collect()),
        1 => Just("]]>".to_owned()),
        1 => Just("a]]>b<![CDATA[c&amp;".to_owned()),
        1 => Just("\r\n\r \t".to_owned()),
    ]
}

fn non_empty_text() -> impl Strategy<Value = String> {
    text().prop_map(|s| if s.is_empty() { "x".to_owned() } else { s })
}

/// Characters XML 1.0 cannot carry.
fn bad_char() -> impl Strategy<Value = char> {
    prop_oneof![
        (1u32..0x20)
            .prop_filter("not tab/lf/cr", |c| ![9, 10, 13].contains(c))
            .prop_map(|c| char::from_u32(c).unwrap_or('\u{1}')),
        Just('\u{0}'),
        Just('\u{FFFE}'),
        Just('\u{FFFF}'),
    ]
}

fn custom_field() -> impl Strategy<Value = CustomField> {
    (
        (
            prop::option::of(text()),
            prop::option::of(text()),
            prop::option::of(text()),
        ),
        (
            prop::option::of(any::<i32>()),
            prop::option::of(any::<i32>()),
            prop::option::of(any::<bool>()),
        ),
        prop::option::of(prop_oneof![
            Just(FieldType::Text),
            Just(FieldType::Checkbox),
            non_empty_text().prop_map(FieldType::Unknown)
        ]),
        prop::option::of(text()),
    )
        .prop_map(
            |((full_name, label, description), (length, precision, required), r#type, formula)| {
                CustomField {
                    full_name,
                    label,
                    description,
                    length,
                    precision,
                    required,
                    r#type,
                    formula,
                    ..CustomField::default()
                }
            },
        )
}

fn custom_object() -> impl Strategy<Value = CustomObject> {
    (
        prop::option::of(text()),
        prop::option::of(text()),
        prop::collection::vec(custom_field(), 0..4),
        prop::option::of(prop_oneof![
            Just(SharingModel::Private),
            Just(SharingModel::Read),
            non_empty_text().prop_map(SharingModel::Unknown)
        ]),
        prop::option::of(any::<bool>()),
    )
        .prop_map(
            |(full_name, label, fields, sharing_model, enable_feeds)| CustomObject {
                full_name,
                label,
                fields,
                sharing_model,
                enable_feeds,
                ..CustomObject::default()
            },
        )
}

fn nillable<T: std::fmt::Debug + Clone>(
    s: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<rt::Nillable<T>>> {
    prop::option::of(
        prop_oneof![1 => Just(rt::Nillable::Nil), 3 => s.prop_map(rt::Nillable::Value)],
    )
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("not NaN", |f| !f.is_nan()),
        Just(f64::INFINITY),
        Just(-0.0),
        Just(1e-320)
    ]
}

fn condition() -> impl Strategy<Value = FlowCondition> {
    let leaf = (
        prop::option::of(text()),
        prop::option::of(text()),
        nillable(any::<bool>()),
        nillable(finite()),
    )
        .prop_map(
            |(left, string_value, boolean_value, number_value)| FlowCondition {
                left_value_reference: left,
                operator: FlowComparisonOperator::EqualTo,
                right_value: Some(Box::new(FlowElementReferenceOrValue {
                    string_value,
                    boolean_value,
                    number_value,
                    ..Default::default()
                })),
                ..FlowCondition::default()
            },
        );
    leaf.prop_recursive(3, 12, 3, |inner| {
        (prop::collection::vec(inner, 0..3), prop::option::of(text())).prop_map(
            |(conditions, condition_logic)| FlowCondition {
                conditions,
                condition_logic,
                ..FlowCondition::default()
            },
        )
    })
}

fn flow() -> impl Strategy<Value = Flow> {
    let rule = (text(), text(), prop::collection::vec(condition(), 0..3)).prop_map(
        |(label, condition_logic, conditions)| FlowRule {
            label,
            condition_logic,
            conditions,
            ..FlowRule::default()
        },
    );
    let decision = (
        prop::option::of(text()),
        any::<i32>(),
        prop::collection::vec(rule, 0..3),
    )
        .prop_map(|(name, location_x, rules)| FlowDecision {
            name,
            location_x,
            rules,
            ..FlowDecision::default()
        });
    (
        prop::option::of(text()),
        text(),
        nillable(finite()),
        prop::collection::vec(decision, 0..3),
    )
        .prop_map(|(full_name, label, api_version, decisions)| Flow {
            full_name,
            label,
            api_version,
            decisions,
            ..Flow::default()
        })
}

fn custom_metadata() -> impl Strategy<Value = CustomMetadata> {
    let value = prop_oneof![
        Just(rt::Nillable::Nil),
        text().prop_map(|s| rt::Nillable::Value(rt::AnyValue::string(&s).unwrap_or_default())),
        any::<i64>().prop_map(|v| rt::Nillable::Value(rt::AnyValue::long(v))),
        any::<bool>().prop_map(|v| rt::Nillable::Value(rt::AnyValue::boolean(v))),
        finite().prop_map(|v| rt::Nillable::Value(rt::AnyValue::double(v))),
    ];
    let v =
        (non_empty_text(), value).prop_map(|(field, value)| CustomMetadataValue { field, value });
    (prop::option::of(text()), prop::collection::vec(v, 0..4)).prop_map(|(full_name, values)| {
        CustomMetadata {
            full_name,
            values,
            ..CustomMetadata::default()
        }
    })
}

fn apex_class() -> impl Strategy<Value = ApexClass> {
    (
        prop::option::of(text()),
        prop::option::of(prop::collection::vec(any::<u8>(), 0..300)),
        finite(),
    )
        .prop_map(|(full_name, content, api_version)| ApexClass {
            full_name,
            content,
            api_version,
            status: ApexCodeUnitStatus::Active,
            ..ApexClass::default()
        })
}

fn any_metadata() -> impl Strategy<Value = AnyMetadata> {
    prop_oneof![
        custom_object().prop_map(|v| AnyMetadata::CustomObject(Box::new(v))),
        custom_field().prop_map(|v| AnyMetadata::CustomField(Box::new(v))),
        flow().prop_map(|v| AnyMetadata::Flow(Box::new(v))),
        custom_metadata().prop_map(|v| AnyMetadata::CustomMetadata(Box::new(v))),
        apex_class().prop_map(|v| AnyMetadata::ApexClass(Box::new(v))),
    ]
}

fn round_trip(
    headers: &MetadataHeaders,
    body: MetadataBody,
    v: SoapVersion,
) -> Result<(), TestCaseError> {
    let xml = encode_envelope(v, headers, &body).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let env = decode_envelope::<MetadataHeaders, MetadataBody>(&xml)
        .map_err(|e| TestCaseError::fail(format!("{e}\n{}", String::from_utf8_lossy(&xml))))?;
    prop_assert_eq!(&env.headers, headers);
    prop_assert_eq!(env.body, Message::Body(body));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_types_round_trip(records in prop::collection::vec(any_metadata(), 0..4), v in prop_oneof![Just(SoapVersion::Soap11), Just(SoapVersion::Soap12)]) {
        let up = MetadataBody::UpsertMetadata(UpsertMetadata { metadata: records.clone() });
        round_trip(&MetadataHeaders::default(), up, v)?;
        let read = MetadataBody::ReadMetadataResponse(ReadMetadataResponse { result: ReadResult { records } });
        round_trip(&MetadataHeaders::default(), read, v)?;
    }

    #[test]
    fn strings_survive_in_headers_and_unlisted_enum_values(client in text(), log in text(), status in non_empty_text()) {
        let headers = MetadataHeaders {
            call_options: Some(CallOptions { client: client.clone(), ui_request_id: client, ..CallOptions::default() }),
            debugging_info: Some(metadata::DebuggingInfo { debug_log: log }),
            ..MetadataHeaders::default()
        };
        let known = DeployStatus::Succeeded;
        let status = if matches!(status.as_str(), "Pending" | "InProgress" | "Succeeded" | "SucceededPartial" | "Failed" | "Canceling" | "Canceled") { known } else { DeployStatus::Unknown(status) };
        let result = metadata::DeployResult { status, ..metadata::DeployResult::default() };
        let body = MetadataBody::CheckDeployStatusResponse(metadata::CheckDeployStatusResponse { result });
        round_trip(&headers, body, SoapVersion::Soap11)?;
    }

    #[test]
    fn the_session_token_survives_any_characters(token in text()) {
        let body = MetadataBody::ReadMetadata(metadata::ReadMetadata { r#type: "ApexClass".into(), full_names: vec![] });
        let info = metadata::ops::READ_METADATA.session.expect("readMetadata takes a SessionHeader");
        let xml = encode_request(SoapVersion::Soap11, &MetadataHeaders::default(), &body, Some((info, &token))).unwrap();
        let env = decode_envelope::<MetadataHeaders, MetadataBody>(&xml).unwrap();
        prop_assert_eq!(env.headers.session_header.map(|h| h.session_id), Some(token));
    }

    #[test]
    fn faults_keep_their_text(string in text(), actor in prop::option::of(text()), local in "[A-Z_]{1,20}", v in prop_oneof![Just(SoapVersion::Soap11), Just(SoapVersion::Soap12)]) {
        let f = Fault { code: FaultCode::new(metadata::NS, &local), string, actor, ..Fault::default() };
        let back = decode_fault(&encode_fault(v, &f).unwrap()).unwrap();
        prop_assert_eq!((&back.code.ns, &back.code.local), (&f.code.ns, &f.code.local));
        prop_assert_eq!((&back.string, &back.actor), (&f.string, &f.actor));
    }

    #[test]
    fn any_bytes_survive_base64(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let class = ApexClass { content: Some(bytes), api_version: 66.0, ..ApexClass::default() };
        let body = MetadataBody::UpsertMetadata(UpsertMetadata { metadata: vec![AnyMetadata::ApexClass(Box::new(class))] });
        round_trip(&MetadataHeaders::default(), body, SoapVersion::Soap11)?;
    }

    #[test]
    fn unwritable_characters_are_encode_errors(a in text(), c in bad_char(), b in text()) {
        let label = format!("{a}{c}{b}");
        let obj = CustomObject { label: Some(label), ..CustomObject::default() };
        let body = MetadataBody::UpsertMetadata(UpsertMetadata { metadata: vec![AnyMetadata::CustomObject(Box::new(obj))] });
        let e = encode_envelope(SoapVersion::Soap11, &MetadataHeaders::default(), &body).unwrap_err();
        prop_assert!(matches!(e.kind(), EncodeErrorKind::InvalidChar { code, at } if *code == c as u32 && *at == a.len()), "{:?}", e);
        prop_assert!(e.to_string().contains("label"), "{}", e);
    }
}
