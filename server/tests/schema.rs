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

/// Calls made against one server, each request and answer kept for xmllint.
struct Exchanges {
    s: metadata_server::RunningServer,
    h: MetadataHeaders,
    docs: Vec<(String, Vec<u8>)>,
}

impl Exchanges {
    async fn new() -> Self {
        let s = start().await;
        let h = headers_with(Some(&s.access_token()));
        Self {
            s,
            h,
            docs: Vec::new(),
        }
    }

    async fn call(&mut self, name: &str, body: B) -> Vec<u8> {
        let req = request_xml(&self.h, &body);
        let raw = post_soap(&self.s, req.clone()).await;
        self.docs.push((format!("{name} request"), req));
        self.docs
            .push((format!("{name} answer ({})", raw.status), raw.body.clone()));
        raw.body
    }
}

#[tokio::test]
async fn crud_requests_and_answers_validate_against_the_wsdl_schema() {
    let mut x = Exchanges::new().await;
    let q = ListMetadataQuery {
        r#type: "ApexClass".into(),
        folder: None,
    };
    x.call(
        "create",
        B::CreateMetadata(CreateMetadata {
            metadata: vec![class("A"), class("A")],
        }),
    )
    .await;
    x.call(
        "create objects",
        B::CreateMetadata(CreateMetadata {
            metadata: vec![object("O__c")],
        }),
    )
    .await;
    // A missing name comes back as an empty record; only types without required elements
    // (CustomObject) stay schema-valid that way, as on Salesforce (see the README).
    let read = ReadMetadata {
        r#type: "ApexClass".into(),
        full_names: vec!["A".into()],
    };
    x.call("read", B::ReadMetadata(read)).await;
    let read = ReadMetadata {
        r#type: "CustomObject".into(),
        full_names: vec!["O__c".into(), "Missing__c".into()],
    };
    x.call("read object", B::ReadMetadata(read)).await;
    x.call(
        "update",
        B::UpdateMetadata(UpdateMetadataElement {
            metadata: vec![class("A"), class("B")],
        }),
    )
    .await;
    x.call(
        "upsert",
        B::UpsertMetadata(UpsertMetadata {
            metadata: vec![class("A"), class("C")],
        }),
    )
    .await;
    let rename = RenameMetadata {
        r#type: "ApexClass".into(),
        old_full_name: "C".into(),
        new_full_name: "D".into(),
    };
    x.call("rename", B::RenameMetadata(rename)).await;
    x.call(
        "list",
        B::ListMetadata(ListMetadata {
            queries: vec![q],
            as_of_version: 66.0,
        }),
    )
    .await;
    x.call(
        "describe",
        B::DescribeMetadata(DescribeMetadata {
            as_of_version: 66.0,
        }),
    )
    .await;
    let dvt = DescribeValueType {
        r#type: "{http://soap.sforce.com/2006/04/metadata}ApexClass".into(),
    };
    x.call("describeValueType", B::DescribeValueType(dvt)).await;
    let del = DeleteMetadata {
        r#type: "ApexClass".into(),
        full_names: vec!["D".into(), "Nope".into()],
    };
    x.call("delete", B::DeleteMetadata(del)).await;
    let too_many = (0..11).map(|i| class(&format!("N{i}"))).collect();
    x.call(
        "limit fault",
        B::CreateMetadata(CreateMetadata { metadata: too_many }),
    )
    .await;

    assert!(x.docs.len() >= 24, "{}", x.docs.len());
    assert_valid("crud", &x.docs);
}

#[tokio::test]
async fn async_requests_answers_and_faults_validate_against_the_wsdl_schema() {
    let mut x = Exchanges::new().await;
    x.call(
        "create",
        B::CreateMetadata(CreateMetadata {
            metadata: vec![class("A")],
        }),
    )
    .await;
    let opts = DeployOptions {
        single_package: true,
        ..DeployOptions::default()
    };
    let id = async_id(
        &x.call(
            "deploy",
            B::Deploy(Deploy {
                zip_file: zip(),
                deploy_options: opts.clone(),
            }),
        )
        .await,
    );
    for i in 0..3 {
        let check = CheckDeployStatus {
            async_process_id: id.clone(),
            include_details: true,
        };
        x.call(
            &format!("checkDeployStatus {i}"),
            B::CheckDeployStatus(check),
        )
        .await;
    }
    let id2 = async_id(
        &x.call(
            "deploy 2",
            B::Deploy(Deploy {
                zip_file: b"junk".to_vec(),
                deploy_options: opts,
            }),
        )
        .await,
    );
    x.call(
        "cancel",
        B::CancelDeploy(CancelDeploy {
            string: id2.clone(),
        }),
    )
    .await;
    let check = CheckDeployStatus {
        async_process_id: id2,
        include_details: true,
    };
    x.call("checkDeployStatus canceled", B::CheckDeployStatus(check))
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
        unpackaged: Some(Box::new(pkg)),
        ..RetrieveRequest::default()
    };
    let rid = async_id(
        &x.call(
            "retrieve",
            B::Retrieve(Retrieve {
                retrieve_request: req,
            }),
        )
        .await,
    );
    for i in 0..3 {
        let check = CheckRetrieveStatus {
            async_process_id: rid.clone(),
            include_zip: true,
        };
        x.call(
            &format!("checkRetrieveStatus {i}"),
            B::CheckRetrieveStatus(check),
        )
        .await;
    }
    x.s.expire_all_sessions();
    x.call(
        "session fault",
        B::DescribeMetadata(DescribeMetadata {
            as_of_version: 66.0,
        }),
    )
    .await;
    assert!(x.docs.len() >= 22, "{}", x.docs.len());
    assert_valid("async", &x.docs);
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
