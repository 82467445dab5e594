//! Round trips per feature on the real Metadata API types: every request encoded here is
//! also validated by xmllint against metadata.wsdl's own schema (see common/schema.rs).
//! Responses carrying what the schema cannot (unknown xsi:type, unknown enum value) are
//! round-tripped without the validator.

mod common;

use metadata::decode::{MetadataEnvelope, decode_envelope, encode_envelope};
use metadata::*;
use runtime::soap::{Message, SoapVersion, encode_request};
use runtime::xml::{AnyValue, Nillable, XSD_NS, XSI_NS};

const TOKEN: &str = "00D5e000000AbCd!ARwAQTestTokenOnly";

/// Encodes a request the way the client does (SessionHeader written from the token),
/// decodes it again and checks that body and headers came back unchanged.
fn request(headers: &MetadataHeaders, body: MetadataBody) -> Vec<u8> {
    let xml = encode_request(SoapVersion::Soap11, headers, &body, Some((&SESSION, TOKEN)))
        .unwrap_or_else(|e| panic!("encode: {e}"));
    let env = decode_envelope(&xml).unwrap_or_else(|e| panic!("decode again: {e}\n{}", text(&xml)));
    let mut expected = headers.clone();
    expected.session_header = Some(SessionHeader {
        session_id: TOKEN.to_owned(),
    });
    assert_eq!(env.headers, expected);
    assert_eq!(env.body, Message::Body(body));
    xml
}

fn validate(docs: &[(&str, Vec<u8>)]) {
    if let Some(v) = common::schema::validator("roundtrip") {
        v.assert_valid(docs);
    }
}

fn text(xml: &[u8]) -> String {
    String::from_utf8_lossy(xml).into_owned()
}

fn create(items: Vec<AnyMetadata>) -> MetadataBody {
    MetadataBody::CreateMetadata(CreateMetadata { metadata: items })
}

fn decode_file(name: &str) -> MetadataEnvelope {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    let xml = std::fs::read(&path).expect("read sample");
    decode_envelope(&xml).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Re-encodes a decoded envelope, decodes that, and checks equality; returns the bytes.
fn reencode(env: &MetadataEnvelope) -> Vec<u8> {
    let xml = encode_envelope(env).expect("re-encode");
    let again = decode_envelope(&xml).unwrap_or_else(|e| panic!("{e}\n{}", text(&xml)));
    assert_eq!(&again, env);
    xml
}

fn records(env: MetadataEnvelope) -> Vec<AnyMetadata> {
    match env.body {
        Message::Body(MetadataBody::ReadMetadataResponse(r)) => r.result.records,
        other => panic!("not a readMetadataResponse: {other:?}"),
    }
}

/// Every `xsi:type` in the document, resolved through the namespaces in scope where it
/// is written: (element local name, type namespace, type local name).
fn xsi_types(xml: &[u8]) -> Vec<(String, String, String)> {
    let doc = roxmltree::Document::parse(std::str::from_utf8(xml).expect("utf-8")).expect("xml");
    doc.descendants()
        .filter_map(|n| {
            let v = n.attribute((XSI_NS, "type"))?;
            let (prefix, local) = v.split_once(':').map_or((None, v), |(p, l)| (Some(p), l));
            let ns = n.lookup_namespace_uri(prefix).unwrap_or_default();
            Some((
                n.tag_name().name().to_owned(),
                ns.to_owned(),
                local.to_owned(),
            ))
        })
        .collect()
}

fn typed(elem: &str, ns: &str, ty: &str) -> (String, String, String) {
    (elem.to_owned(), ns.to_owned(), ty.to_owned())
}

fn invoice_object() -> CustomObject {
    CustomObject {
        full_name: Some("Invoice__c".into()),
        deployment_status: Some(DeploymentStatus::Deployed),
        label: Some("Invoice".into()),
        plural_label: Some("Invoices".into()),
        sharing_model: Some(SharingModel::ReadWrite),
        name_field: Some(Box::new(CustomField {
            label: Some("Invoice Number".into()),
            r#type: Some(FieldType::Text),
            ..Default::default()
        })),
        fields: vec![CustomField {
            full_name: Some("Amount__c".into()),
            label: Some("Amount".into()),
            r#type: Some(FieldType::Currency),
            precision: Some(18),
            scale: Some(2),
            ..Default::default()
        }],
        ..Default::default()
    }
}

/// A Flow whose action call sets fields of every level of its hierarchy:
/// FlowBaseElement (processMetadataValues) > FlowElement (name, description) >
/// FlowNode (label, locationX/Y) > FlowActionCall (actionName, actionType...).
fn reminder_flow() -> Flow {
    let value = |s: &str| FlowElementReferenceOrValue {
        string_value: Some(s.into()),
        ..Default::default()
    };
    Flow {
        full_name: Some("Invoice_Reminder".into()),
        label: "Invoice Reminder".into(),
        api_version: Some(Nillable::Value(66.0)),
        process_type: Some(FlowProcessType::AutoLaunchedFlow),
        status: Some(FlowVersionStatus::Active),
        action_calls: vec![FlowActionCall {
            process_metadata_values: vec![FlowMetadataValue {
                name: "emailAlertSelection".into(),
                value: Some(Box::new(value("Invoice_Overdue"))),
            }],
            name: Some("Send_Reminder".into()),
            description: Some("Emails the customer".into()),
            label: Some("Send Reminder".into()),
            location_x: 176,
            location_y: 335,
            action_name: Some("Invoice__c.Invoice_Overdue".into()),
            action_type: Some(InvocableActionType::EmailAlert),
            input_parameters: vec![FlowActionCallInputParameter {
                name: "SObjectRowId".into(),
                value: Some(Box::new(FlowElementReferenceOrValue {
                    element_reference: Some("$Record.Id".into()),
                    ..Default::default()
                })),
                ..Default::default()
            }],
            ..Default::default()
        }],
        ..Default::default()
    }
}

#[test]
fn inheritance_at_each_depth_writes_bound_xsi_types_and_round_trips() {
    let territory = SharingTerritoryRule {
        full_name: Some("West_Coast".into()),
        access_level: "Read".into(),
        label: "West Coast".into(),
        shared_to: SharedTo {
            territory: vec!["West".into()],
            ..Default::default()
        },
        shared_from: SharedTo {
            territory_and_subordinates: vec!["Sales".into()],
            ..Default::default()
        },
        ..Default::default()
    };
    let items = vec![
        // Metadata > CustomObject
        AnyMetadata::CustomObject(Box::new(invoice_object())),
        // Metadata > MetadataWithContent > ApexClass
        AnyMetadata::ApexClass(Box::new(ApexClass {
            full_name: Some("InvoiceService".into()),
            content: Some(b"public class InvoiceService {}".to_vec()),
            api_version: 66.0,
            status: ApexCodeUnitStatus::Active,
            ..Default::default()
        })),
        // Metadata > MetadataWithContent > WaveDashboard > WaveComponent
        AnyMetadata::WaveComponent(Box::new(WaveComponent {
            full_name: Some("Sales_Widget".into()),
            content: Some(b"{\"widgets\":{}}".to_vec()),
            application: "Sales".into(),
            master_label: "Sales Widget".into(),
            ..Default::default()
        })),
        // Metadata > Flow, and inside it FlowBaseElement > FlowElement > FlowNode > FlowActionCall
        AnyMetadata::Flow(Box::new(reminder_flow())),
        // Metadata > SharingRules holding a SharingTerritoryRule in a slot typed
        // SharingOwnerRule (SharingBaseRule > SharingOwnerRule > SharingTerritoryRule)
        AnyMetadata::SharingRules(Box::new(SharingRules {
            full_name: Some("Account".into()),
            sharing_owner_rules: vec![AnySharingOwnerRule::SharingTerritoryRule(Box::new(
                territory,
            ))],
            ..Default::default()
        })),
    ];
    let xml = request(&MetadataHeaders::default(), create(items));
    let ns = metadata::NS;
    assert_eq!(
        xsi_types(&xml),
        [
            typed("metadata", ns, "CustomObject"),
            typed("metadata", ns, "ApexClass"),
            typed("metadata", ns, "WaveComponent"),
            typed("metadata", ns, "Flow"),
            typed("metadata", ns, "SharingRules"),
            typed("sharingOwnerRules", ns, "SharingTerritoryRule"),
        ]
    );
    validate(&[("inheritance", xml)]);
}

#[test]
fn inherited_fields_are_plain_fields_of_the_subtype() {
    let flow = reminder_flow();
    let call = &flow.action_calls[0];
    // One place per level, no ceremony: base fields live on the subtype itself.
    assert_eq!(flow.full_name.as_deref(), Some("Invoice_Reminder")); // Metadata
    assert_eq!(call.process_metadata_values.len(), 1); // FlowBaseElement
    assert_eq!(call.name.as_deref(), Some("Send_Reminder")); // FlowElement
    assert_eq!(call.location_x, 176); // FlowNode
    assert_eq!(
        call.action_name.as_deref(),
        Some("Invoice__c.Invoice_Overdue")
    ); // FlowActionCall

    let env = decode_file("read_metadata_response.xml");
    let recs = records(env);
    let AnyMetadata::Flow(read) = &recs[1] else {
        panic!("record 1 is {}", recs[1].type_name())
    };
    let call = &read.action_calls[0];
    assert_eq!(call.process_metadata_values[0].name, "emailAlertSelection");
    assert_eq!(call.description.as_deref(), Some("Emails the customer"));
    assert_eq!((call.location_x, call.location_y), (176, 335));
    assert_eq!(call.action_type, Some(InvocableActionType::EmailAlert));
}

#[test]
fn the_base_type_itself_goes_without_xsi_type() {
    let base = AnyMetadata::Metadata(Box::new(Metadata {
        full_name: Some("Anything".into()),
        ..Default::default()
    }));
    let xml = request(&MetadataHeaders::default(), create(vec![base]));
    assert!(xsi_types(&xml).is_empty(), "{}", text(&xml));
    validate(&[("base", xml)]);
}

#[test]
fn unknown_xsi_type_is_kept_with_its_xml_and_written_back_bound() {
    let env = decode_file("unknown_xsi_type.xml");
    let xml = reencode(&env);
    let recs = records(env);
    let AnyMetadata::Unknown(v) = &recs[0] else {
        panic!("expected Unknown, got {}", recs[0].type_name())
    };
    assert_eq!(recs[0].type_name(), "HolographicDashboard");
    assert_eq!(v.xsi_type(), Some((metadata::NS, "HolographicDashboard")));
    assert!(
        v.inner_xml().contains("<hologramDepth>3</hologramDepth>"),
        "{}",
        v.inner_xml()
    );
    assert!(
        matches!(&recs[1], AnyMetadata::ApexClass(c) if c.content.as_deref() == Some(&b"public class Hello {}"[..]))
    );
    assert_eq!(
        xsi_types(&xml)[0],
        typed("records", metadata::NS, "HolographicDashboard")
    );
}

#[test]
fn other_prefixes_resolve_and_are_rewritten_consistently() {
    let env = decode_file("other_prefixes.xml");
    let xml = reencode(&env);
    let recs = records(env);
    let names: Vec<&str> = recs.iter().map(AnyMetadata::type_name).collect();
    assert_eq!(names, ["CustomObject", "ApexClass", "CustomMetadata"]);
    let AnyMetadata::CustomMetadata(cm) = &recs[2] else {
        panic!("not CustomMetadata")
    };
    let Nillable::Value(v) = &cm.values[0].value else {
        panic!("nil")
    };
    assert_eq!(v.xsi_type(), Some((XSD_NS, "double")));
    let types = xsi_types(&xml);
    assert!(
        types.contains(&typed("value", XSD_NS, "double")),
        "{types:?}"
    );
    assert!(
        types.contains(&typed("records", metadata::NS, "CustomMetadata")),
        "{types:?}"
    );
}

#[test]
fn nil_is_read_and_written() {
    let env = decode_file("nil_values.xml");
    reencode(&env);
    let recs = records(env);
    let AnyMetadata::Flow(flow) = &recs[0] else {
        panic!("not a Flow")
    };
    assert_eq!(flow.api_version, Some(Nillable::Nil));
    assert_eq!(flow.trigger_order, Some(Nillable::Nil));

    let mut flow = reminder_flow();
    flow.api_version = Some(Nillable::Nil);
    flow.trigger_order = Some(Nillable::Nil);
    let cmd = CustomMetadata {
        full_name: Some("Tax_Rate.Default".into()),
        label: Some("Default".into()),
        values: vec![CustomMetadataValue {
            field: "Notes__c".into(),
            value: Nillable::Nil,
        }],
        ..Default::default()
    };
    let items = vec![
        AnyMetadata::Flow(Box::new(flow)),
        AnyMetadata::CustomMetadata(Box::new(cmd)),
    ];
    let xml = request(&MetadataHeaders::default(), create(items));
    let doc = text(&xml);
    assert_eq!(doc.matches("xsi:nil=\"true\"").count(), 3, "{doc}");
    validate(&[("nil", xml)]);
}

#[test]
fn unknown_enum_values_are_kept() {
    let env = decode_file("unknown_enum_value.xml");
    let xml = reencode(&env);
    let recs = records(env);
    let AnyMetadata::CustomObject(obj) = &recs[0] else {
        panic!("not a CustomObject")
    };
    assert_eq!(
        obj.sharing_model,
        Some(SharingModel::Unknown("ControlledByCampaign2027".into()))
    );
    assert!(text(&xml).contains(">ControlledByCampaign2027</"));
}

#[test]
fn unknown_elements_are_skipped() {
    let recs = records(decode_file("unknown_element.xml"));
    let AnyMetadata::CustomObject(obj) = &recs[0] else {
        panic!("not a CustomObject")
    };
    assert_eq!(obj.label.as_deref(), Some("Shipment"));
    assert_eq!(obj.plural_label.as_deref(), Some("Shipments"));
}

#[test]
fn out_of_order_elements_land_in_their_fields_and_are_written_in_schema_order() {
    let env = decode_file("out_of_order.xml");
    let Message::Body(MetadataBody::CheckDeployStatusResponse(r)) = &env.body else {
        panic!("wrong body")
    };
    assert_eq!(r.result.status, DeployStatus::InProgress);
    assert_eq!(r.result.number_components_deployed, 5);
    assert_eq!(
        r.result.state_detail.as_deref(),
        Some("Processing Type: CustomObject")
    );
    let xml = reencode(&env);
    let doc = text(&xml);
    let pos = |s: &str| doc.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(pos("<checkOnly>") < pos("<createdBy>") && pos("<done>") < pos("<status>"));

    // A request written out of order (xmllint would refuse it as is) comes out valid.
    let scrambled = br#"<?xml version="1.0"?><e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><createMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><metadata xsi:type="CustomObject"><sharingModel>Read</sharingModel><label>Invoice</label><pluralLabel>Invoices</pluralLabel><nameField><type>Text</type><label>Number</label></nameField><deploymentStatus>Deployed</deploymentStatus><fullName>Invoice__c</fullName></metadata></createMetadata></e:Body></e:Envelope>"#;
    let env = decode_envelope(scrambled).expect("decode scrambled");
    let Message::Body(body) = env.body else {
        panic!("fault")
    };
    validate(&[("reordered", request(&MetadataHeaders::default(), body))]);
}

#[test]
fn any_type_values_keep_their_xsi_type_and_text() {
    let recs = records(decode_file("any_type_values.xml"));
    let AnyMetadata::CustomMetadata(cm) = &recs[0] else {
        panic!("not CustomMetadata")
    };
    let got: Vec<(&str, String)> = cm
        .values
        .iter()
        .map(|v| match &v.value {
            Nillable::Value(a) => (a.type_name(), a.text().unwrap_or_default()),
            Nillable::Nil => ("nil", String::new()),
        })
        .collect();
    assert_eq!(
        got,
        [
            ("string", "EU & EFTA".to_owned()),
            ("double", "0.2".to_owned()),
            ("boolean", "true".to_owned()),
            ("date", "2024-01-01".to_owned()),
        ]
    );

    let value = |field: &str, v: AnyValue| CustomMetadataValue {
        field: field.into(),
        value: Nillable::Value(v),
    };
    let cmd = CustomMetadata {
        full_name: Some("Tax_Rate.Default".into()),
        label: Some("Default".into()),
        protected: Some(false),
        values: vec![
            value("Region__c", AnyValue::string("EU & <EFTA>").expect("text")),
            value("Rate__c", AnyValue::double(0.2)),
            value("Active__c", AnyValue::boolean(true)),
            value("Count__c", AnyValue::long(-7)),
            value(
                "Since__c",
                AnyValue::xsd("date", "2024-01-01").expect("text"),
            ),
        ],
        ..Default::default()
    };
    let xml = request(
        &MetadataHeaders::default(),
        create(vec![AnyMetadata::CustomMetadata(Box::new(cmd))]),
    );
    let types: Vec<String> = xsi_types(&xml)
        .into_iter()
        .filter(|(_, ns, _)| ns == XSD_NS)
        .map(|(_, _, t)| t)
        .collect();
    assert_eq!(types, ["string", "double", "boolean", "long", "date"]);
    validate(&[("any-type", xml)]);
}

#[test]
fn base64_content_round_trips_every_byte() {
    let all_bytes: Vec<u8> = (0..=255u8).cycle().take(4099).collect();
    let resource = StaticResource {
        full_name: Some("Blob".into()),
        content: Some(all_bytes.clone()),
        cache_control: StaticResourceCacheControl::Private,
        content_type: "application/octet-stream".into(),
        ..Default::default()
    };
    let create_xml = request(
        &MetadataHeaders::default(),
        create(vec![AnyMetadata::StaticResource(Box::new(resource))]),
    );
    let files = zip::Files::from([("package.xml".to_owned(), all_bytes.clone())]);
    let zip_file = zip::zip_files(&files).expect("zip");
    let deploy = MetadataBody::Deploy(Deploy {
        zip_file: zip_file.clone(),
        deploy_options: DeployOptions {
            single_package: true,
            rollback_on_error: true,
            ..Default::default()
        },
    });
    let deploy_xml = request(&MetadataHeaders::default(), deploy);
    let env = decode_envelope(&deploy_xml).expect("decode");
    let Message::Body(MetadataBody::Deploy(d)) = env.body else {
        panic!("not a deploy")
    };
    assert_eq!(d.zip_file, zip_file);
    assert_eq!(zip::unzip(&d.zip_file).expect("unzip"), files);
    validate(&[
        ("base64-content", create_xml),
        ("base64-deploy", deploy_xml),
    ]);
}
