//! A request of every Metadata API operation, with every input header, encoded the way the
//! client sends it and validated by xmllint against the WSDL's own schema.

mod common;

use metadata::decode::decode_envelope;
use metadata::*;
use runtime::soap::{Message, SoapVersion, encode_request};

fn all_headers() -> MetadataHeaders {
    MetadataHeaders {
        // Replaced by the token at send time: never written as set here.
        session_header: Some(SessionHeader {
            session_id: "caller-set, must not be sent".into(),
        }),
        call_options: Some(CallOptions {
            client: "metadata-tests".into(),
            perf_option: PerfOption::None_,
            ui_request_id: "req-1".into(),
        }),
        all_or_none_header: Some(AllOrNoneHeader { all_or_none: true }),
        debugging_header: Some(DebuggingHeader {
            categories: vec![
                LogInfo {
                    category: LogCategory::ApexCode,
                    level: LogCategoryLevel::Debug_,
                },
                LogInfo {
                    category: LogCategory::Db,
                    level: LogCategoryLevel::Info,
                },
            ],
            debug_level: LogType::Detail,
        }),
        debugging_info: None,
    }
}

fn package() -> Package {
    metadata::package_of(
        [
            ("CustomObject", vec!["Account", "Invoice__c"]),
            ("ApexClass", vec!["*"]),
        ],
        "66.0",
    )
}

fn custom_object(name: &str) -> AnyMetadata {
    AnyMetadata::CustomObject(Box::new(CustomObject {
        full_name: Some(name.into()),
        label: Some(name.into()),
        ..Default::default()
    }))
}

/// One request body per operation of the binding.
fn requests() -> Vec<(&'static str, MetadataBody)> {
    let names = || vec!["Account".to_owned(), "Invoice__c".to_owned()];
    vec![
        (
            "cancelDeploy",
            MetadataBody::CancelDeploy(CancelDeploy {
                string: "0Af000000000001AAA".into(),
            }),
        ),
        (
            "checkDeployStatus",
            MetadataBody::CheckDeployStatus(CheckDeployStatus {
                async_process_id: "0Af000000000001AAA".into(),
                include_details: true,
            }),
        ),
        (
            "checkRetrieveStatus",
            MetadataBody::CheckRetrieveStatus(CheckRetrieveStatus {
                async_process_id: "09S000000000001AAA".into(),
                include_zip: true,
            }),
        ),
        (
            "createMetadata",
            MetadataBody::CreateMetadata(CreateMetadata {
                metadata: vec![custom_object("A__c"), custom_object("B__c")],
            }),
        ),
        (
            "deleteMetadata",
            MetadataBody::DeleteMetadata(DeleteMetadata {
                r#type: "CustomObject".into(),
                full_names: names(),
            }),
        ),
        (
            "deploy",
            MetadataBody::Deploy(Deploy {
                zip_file: b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0".to_vec(),
                deploy_options: DeployOptions {
                    run_tests: vec!["InvoiceTest".into()],
                    test_level: TestLevel::RunSpecifiedTests,
                    ..Default::default()
                },
            }),
        ),
        (
            "deployRecentValidation",
            MetadataBody::DeployRecentValidation(DeployRecentValidation {
                validation_id: "0Af000000000002AAA".into(),
            }),
        ),
        (
            "describeMetadata",
            MetadataBody::DescribeMetadata(DescribeMetadata {
                as_of_version: 66.0,
            }),
        ),
        (
            "describeValueType",
            MetadataBody::DescribeValueType(DescribeValueType {
                r#type: "{http://soap.sforce.com/2006/04/metadata}CustomObject".into(),
            }),
        ),
        (
            "listMetadata",
            MetadataBody::ListMetadata(ListMetadata {
                queries: vec![
                    ListMetadataQuery {
                        r#type: "Report".into(),
                        folder: Some("Sales".into()),
                    },
                    ListMetadataQuery {
                        r#type: "ApexClass".into(),
                        folder: None,
                    },
                ],
                as_of_version: 66.0,
            }),
        ),
        (
            "readMetadata",
            MetadataBody::ReadMetadata(ReadMetadata {
                r#type: "CustomObject".into(),
                full_names: names(),
            }),
        ),
        (
            "renameMetadata",
            MetadataBody::RenameMetadata(RenameMetadata {
                r#type: "CustomObject".into(),
                old_full_name: "Old__c".into(),
                new_full_name: "New__c".into(),
            }),
        ),
        (
            "retrieve",
            MetadataBody::Retrieve(Retrieve {
                retrieve_request: RetrieveRequest {
                    api_version: 66.0,
                    single_package: true,
                    unpackaged: Some(Box::new(package())),
                    ..Default::default()
                },
            }),
        ),
        (
            "updateMetadata",
            MetadataBody::UpdateMetadata(UpdateMetadataElement {
                metadata: vec![custom_object("A__c")],
            }),
        ),
        (
            "upsertMetadata",
            MetadataBody::UpsertMetadata(UpsertMetadata {
                metadata: vec![custom_object("A__c")],
            }),
        ),
    ]
}

#[test]
fn every_operation_request_is_schema_valid_and_round_trips() {
    let token = "00Dtoken!forTests";
    let headers = all_headers();
    let mut docs = Vec::new();
    for (name, body) in requests() {
        let xml = encode_request(
            SoapVersion::Soap11,
            &headers,
            &body,
            Some((&SESSION, token)),
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = String::from_utf8_lossy(&xml).into_owned();
        assert!(
            !text.contains("caller-set"),
            "{name}: the caller's session id was sent"
        );
        assert_eq!(
            text.matches("SessionHeader").count(),
            2,
            "{name}: one SessionHeader"
        );
        let env = decode_envelope(&xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(env.body, Message::Body(body), "{name}");
        assert_eq!(
            env.headers.session_header.map(|s| s.session_id).as_deref(),
            Some(token)
        );
        assert_eq!(env.headers.call_options, headers.call_options, "{name}");
        assert_eq!(
            env.headers.debugging_header, headers.debugging_header,
            "{name}"
        );
        docs.push((name, xml));
    }
    assert_eq!(docs.len(), 15);
    if let Some(v) = common::schema::validator("requests") {
        v.assert_valid(&docs);
    }
}

#[test]
fn the_validator_is_a_real_judge() {
    // A body the schema forbids (unknown element in a sequence) must be rejected, or the
    // passing tests above would prove nothing.
    let Some(v) = common::schema::validator("validator_judges") else {
        return;
    };
    let bad = br#"<?xml version="1.0"?><e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><readMetadata xmlns="http://soap.sforce.com/2006/04/metadata"><fullNames>A</fullNames><type>CustomObject</type></readMetadata></e:Body></e:Envelope>"#;
    let r = std::panic::catch_unwind(|| v.assert_valid(&[("out-of-order", bad.to_vec())]));
    assert!(r.is_err(), "xmllint accepted an out-of-order readMetadata");
}
