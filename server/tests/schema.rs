//! Every kind of request the stubs encode and every answer the server writes, validated with
//! `xmllint --schema` against the schema inside metadata.wsdl (cut out at test time).

mod common;

use common::{V, assert_valid, headers_with, make_zip, post_soap, request_xml, start};
use metadata::{
    AnyMetadata, ApexClass, CancelDeploy, CheckDeployStatus, CheckRetrieveStatus, CreateMetadata,
    CustomObject, DeleteMetadata, Deploy, DeployOptions, DescribeMetadata, DescribeValueType,
    ListMetadata, ListMetadataQuery, MetadataBody as B, MetadataHeaders, Package,
    PackageTypeMembers, ReadMetadata, RenameMetadata, Retrieve, RetrieveRequest,
    UpdateMetadataElement, UpsertMetadata,
};
use runtime::soap::{Message, decode_envelope};

fn class(name: &str) -> AnyMetadata {
    AnyMetadata::ApexClass(Box::new(ApexClass {
        full_name: Some(name.to_owned()),
        api_version: 66.0,
        content: Some(b"public class X {}".to_vec()),
        ..ApexClass::default()
    }))
}

fn object(name: &str) -> AnyMetadata {
    AnyMetadata::CustomObject(Box::new(CustomObject {
        full_name: Some(name.to_owned()),
        label: Some("L".into()),
        plural_label: Some("Ls".into()),
        ..CustomObject::default()
    }))
}

const META: &str = r#"<?xml version="1.0" encoding="UTF-8"?><ApexClass xmlns="http://soap.sforce.com/2006/04/metadata"><apiVersion>66.0</apiVersion><status>Active</status></ApexClass>"#;
const PKG: &str = r#"<Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>Z</members><members>Missing</members><name>ApexClass</name></types><version>66.0</version></Package>"#;

fn zip() -> Vec<u8> {
    make_zip(&[
        ("package.xml", PKG.as_bytes()),
        ("classes/Z.cls", b"public class Z {}"),
        ("classes/Z.cls-meta.xml", META.as_bytes()),
    ])
}

/// The id in an AsyncResult answer.
fn async_id(xml: &[u8]) -> String {
    match decode_envelope::<MetadataHeaders, B>(xml)
        .expect("decodes")
        .body
    {
        Message::Body(B::DeployResponse(r)) => r.result.id,
        Message::Body(B::RetrieveResponse(r)) => r.result.id,
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn requests_and_answers_validate_against_the_wsdl_schema() {
    let s = start().await;
    let t = s.access_token();
    let h = headers_with(Some(&t));
    let mut docs: Vec<(String, Vec<u8>)> = Vec::new();
    let exchange = async |name: &str, body: B, docs: &mut Vec<(String, Vec<u8>)>| {
        let req = request_xml(&h, &body);
        let raw = post_soap(&s, req.clone()).await;
        docs.push((format!("{name} request"), req));
        docs.push((format!("{name} answer ({})", raw.status), raw.body.clone()));
        raw.body
    };
    let q = ListMetadataQuery {
        r#type: "ApexClass".into(),
        folder: None,
    };
    exchange(
        "create",
        B::CreateMetadata(CreateMetadata {
            metadata: vec![class("A"), class("A")],
        }),
        &mut docs,
    )
    .await;
    exchange(
        "create objects",
        B::CreateMetadata(CreateMetadata {
            metadata: vec![object("O__c")],
        }),
        &mut docs,
    )
    .await;
    // A missing name comes back as an empty record; only types without required elements
    // (CustomObject) stay schema-valid that way, as on Salesforce (see the README).
    let read = ReadMetadata {
        r#type: "ApexClass".into(),
        full_names: vec!["A".into()],
    };
    exchange("read", B::ReadMetadata(read), &mut docs).await;
    let read = ReadMetadata {
        r#type: "CustomObject".into(),
        full_names: vec!["O__c".into(), "Missing__c".into()],
    };
    exchange("read object", B::ReadMetadata(read), &mut docs).await;
    exchange(
        "update",
        B::UpdateMetadata(UpdateMetadataElement {
            metadata: vec![class("A"), class("B")],
        }),
        &mut docs,
    )
    .await;
    exchange(
        "upsert",
        B::UpsertMetadata(UpsertMetadata {
            metadata: vec![class("A"), class("C")],
        }),
        &mut docs,
    )
    .await;
    let rename = RenameMetadata {
        r#type: "ApexClass".into(),
        old_full_name: "C".into(),
        new_full_name: "D".into(),
    };
    exchange("rename", B::RenameMetadata(rename), &mut docs).await;
    exchange(
        "list",
        B::ListMetadata(ListMetadata {
            queries: vec![q],
            as_of_version: 66.0,
        }),
        &mut docs,
    )
    .await;
    exchange(
        "describe",
        B::DescribeMetadata(DescribeMetadata {
            as_of_version: 66.0,
        }),
        &mut docs,
    )
    .await;
    let dvt = DescribeValueType {
        r#type: "{http://soap.sforce.com/2006/04/metadata}ApexClass".into(),
    };
    exchange("describeValueType", B::DescribeValueType(dvt), &mut docs).await;
    let del = DeleteMetadata {
        r#type: "ApexClass".into(),
        full_names: vec!["D".into(), "Nope".into()],
    };
    exchange("delete", B::DeleteMetadata(del), &mut docs).await;
    let too_many = (0..11).map(|i| class(&format!("N{i}"))).collect();
    exchange(
        "limit fault",
        B::CreateMetadata(CreateMetadata { metadata: too_many }),
        &mut docs,
    )
    .await;

    let opts = DeployOptions {
        single_package: true,
        ..DeployOptions::default()
    };
    let id = async_id(
        &exchange(
            "deploy",
            B::Deploy(Deploy {
                zip_file: zip(),
                deploy_options: opts.clone(),
            }),
            &mut docs,
        )
        .await,
    );
    for i in 0..3 {
        let check = CheckDeployStatus {
            async_process_id: id.clone(),
            include_details: true,
        };
        exchange(
            &format!("checkDeployStatus {i}"),
            B::CheckDeployStatus(check),
            &mut docs,
        )
        .await;
    }
    let id2 = async_id(
        &exchange(
            "deploy 2",
            B::Deploy(Deploy {
                zip_file: b"junk".to_vec(),
                deploy_options: opts,
            }),
            &mut docs,
        )
        .await,
    );
    exchange(
        "cancel",
        B::CancelDeploy(CancelDeploy {
            string: id2.clone(),
        }),
        &mut docs,
    )
    .await;
    let check = CheckDeployStatus {
        async_process_id: id2,
        include_details: true,
    };
    exchange(
        "checkDeployStatus canceled",
        B::CheckDeployStatus(check),
        &mut docs,
    )
    .await;

    let pkg = Package {
        types: vec![PackageTypeMembers {
            name: "ApexClass".into(),
            members: vec!["*".into(), "Ghost".into()],
        }],
        version: V.into(),
        ..Package::default()
    };
    let req = RetrieveRequest {
        api_version: 66.0,
        unpackaged: Some(pkg),
        ..RetrieveRequest::default()
    };
    let rid = async_id(
        &exchange(
            "retrieve",
            B::Retrieve(Retrieve {
                retrieve_request: req,
            }),
            &mut docs,
        )
        .await,
    );
    for i in 0..3 {
        let check = CheckRetrieveStatus {
            async_process_id: rid.clone(),
            include_zip: true,
        };
        exchange(
            &format!("checkRetrieveStatus {i}"),
            B::CheckRetrieveStatus(check),
            &mut docs,
        )
        .await;
    }
    s.expire_all_sessions();
    exchange(
        "session fault",
        B::DescribeMetadata(DescribeMetadata {
            as_of_version: 66.0,
        }),
        &mut docs,
    )
    .await;
    assert!(docs.len() >= 48, "{}", docs.len());
    assert_valid("all", &docs);
}

/// The check has teeth: a document that breaks the schema is reported.
#[tokio::test]
async fn xmllint_rejects_what_the_schema_forbids() {
    let body = B::ReadMetadata(ReadMetadata {
        r#type: "ApexClass".into(),
        full_names: vec!["A".into()],
    });
    let good = request_xml(&headers_with(Some("t")), &body);
    let bad = String::from_utf8(good.clone())
        .unwrap()
        .replace("fullNames>", "fullName>")
        .into_bytes();
    let Some(results) = common::xmllint("teeth", &[("good".into(), good), ("bad".into(), bad)])
    else {
        return;
    };
    assert!(results[0].1, "{}", results[0].2);
    assert!(!results[1].1, "an unknown element must not validate");
}
