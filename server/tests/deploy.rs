//! deploy / retrieve over real TCP: progress by polls, zip bytes intact both ways, failures,
//! cancel, quick deploy, destructive changes, and a restart between deploy and polling.

mod common;

use std::time::Duration;

use common::{fault, make_zip, ok, start, start_with, unzip};
use metadata::{
    AnyMetadata, ApexClass, CancelDeploy, CheckDeployStatus, CheckRetrieveStatus, CreateMetadata,
    Deploy, DeployOptions, DeployRecentValidation, DeployResult, DeployStatus, MetadataBody as B,
    Package, PackageTypeMembers, ReadMetadata, Retrieve, RetrieveRequest, RetrieveResult,
    RetrieveStatus,
};
use metadata_server::{AsyncSteps, RunningServer, Server};

const PACKAGE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata">
    <types><members>Foo</members><name>ApexClass</name></types>
    <types><members>Invoice__c</members><name>CustomObject</name></types>
    <types><members>hello</members><name>LightningComponentBundle</name></types>
    <types><members>logo</members><name>StaticResource</name></types>
    <version>66.0</version>
</Package>
"#;

const CLASS_META: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<ApexClass xmlns=\"http://soap.sforce.com/2006/04/metadata\">\r\n    <apiVersion>66.0</apiVersion>\r\n    <status>Active</status>\r\n</ApexClass>\r\n";

const OBJECT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <!-- comments and odd spacing must survive the round trip -->
    <fields>
        <fullName>Amount__c</fullName>
        <label>Amount</label>
        <precision>18</precision>
        <scale>2</scale>
        <type>Currency</type>
    </fields>
    <label>Invoice</label>
    <pluralLabel>Invoices</pluralLabel>
    <sharingModel>ReadWrite</sharingModel>
</CustomObject>"#;

const LWC_META: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>66.0</apiVersion>
    <isExposed>false</isExposed>
</LightningComponentBundle>
"#;

const RESOURCE_META: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata">
    <cacheControl>Private</cacheControl>
    <contentType>application/octet-stream</contentType>
</StaticResource>
"#;

/// Binary content, every byte value, and a body with no trailing newline.
fn files() -> Vec<(&'static str, Vec<u8>)> {
    let binary: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    vec![
        ("package.xml", PACKAGE.as_bytes().to_vec()),
        ("classes/Foo.cls", b"public class Foo { /* \xc3\xa9 */ }".to_vec()),
        ("classes/Foo.cls-meta.xml", CLASS_META.as_bytes().to_vec()),
        ("objects/Invoice__c.object", OBJECT.as_bytes().to_vec()),
        ("lwc/hello/hello.js", b"import { LightningElement } from 'lwc';\nexport default class Hello extends LightningElement {}\n".to_vec()),
        ("lwc/hello/hello.html", b"<template><p>hi</p></template>".to_vec()),
        ("lwc/hello/hello.js-meta.xml", LWC_META.as_bytes().to_vec()),
        ("staticresources/logo.resource", binary),
        ("staticresources/logo.resource-meta.xml", RESOURCE_META.as_bytes().to_vec()),
    ]
}

fn zip_of(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, d)| (*n, d.as_slice())).collect();
    make_zip(&refs)
}

fn options() -> DeployOptions {
    DeployOptions {
        single_package: true,
        rollback_on_error: true,
        ..DeployOptions::default()
    }
}

async fn deploy(s: &RunningServer, t: &str, zip: Vec<u8>, o: DeployOptions) -> String {
    let B::DeployResponse(r) = ok(
        s,
        t,
        B::Deploy(Deploy {
            zip_file: zip,
            deploy_options: o,
        }),
    )
    .await
    else {
        panic!()
    };
    assert!(!r.result.done);
    r.result.id
}

async fn check(s: &RunningServer, t: &str, id: &str) -> DeployResult {
    let body = B::CheckDeployStatus(CheckDeployStatus {
        async_process_id: id.to_owned(),
        include_details: true,
    });
    let B::CheckDeployStatusResponse(r) = ok(s, t, body).await else {
        panic!()
    };
    r.result
}

async fn until_done(s: &RunningServer, t: &str, id: &str) -> DeployResult {
    for _ in 0..20 {
        let r = check(s, t, id).await;
        if r.done {
            return r;
        }
    }
    panic!("deploy {id} never finished")
}

fn request(types: &[(&str, &[&str])], single: bool) -> RetrieveRequest {
    RetrieveRequest {
        api_version: 66.0,
        single_package: single,
        unpackaged: Some(Box::new(Package {
            types: types
                .iter()
                .map(|(n, m)| PackageTypeMembers {
                    name: (*n).to_owned(),
                    members: m.iter().map(|x| (*x).to_owned()).collect(),
                })
                .collect(),
            version: "66.0".to_owned(),
            ..Package::default()
        })),
        ..RetrieveRequest::default()
    }
}

async fn retrieve(s: &RunningServer, t: &str, req: RetrieveRequest) -> RetrieveResult {
    let B::RetrieveResponse(r) = ok(
        s,
        t,
        B::Retrieve(Retrieve {
            retrieve_request: req,
        }),
    )
    .await
    else {
        panic!()
    };
    let mut statuses = Vec::new();
    for _ in 0..20 {
        let body = B::CheckRetrieveStatus(CheckRetrieveStatus {
            async_process_id: r.result.id.clone(),
            include_zip: true,
        });
        let B::CheckRetrieveStatusResponse(st) = ok(s, t, body).await else {
            panic!()
        };
        statuses.push(st.result.status.clone());
        if st.result.done {
            assert_eq!(
                statuses,
                [
                    RetrieveStatus::Pending,
                    RetrieveStatus::InProgress,
                    RetrieveStatus::Succeeded
                ]
            );
            return st.result;
        }
    }
    panic!("retrieve never finished")
}

#[tokio::test]
async fn deploy_progresses_by_polls_and_writes_when_done() {
    let s = start().await;
    let t = s.access_token();
    let zip = zip_of(&files());
    let id = deploy(&s, &t, zip.clone(), options()).await;
    assert_eq!(s.last_deploy_zip().as_deref(), Some(&zip[..]));
    let first = check(&s, &t, &id).await;
    assert_eq!(
        (first.status.clone(), first.done),
        (DeployStatus::Pending, false)
    );
    assert!(
        s.components("ApexClass").is_empty(),
        "nothing is written before the deploy is done"
    );
    assert_eq!(check(&s, &t, &id).await.status, DeployStatus::InProgress);
    let done = check(&s, &t, &id).await;
    assert_eq!(done.status, DeployStatus::Succeeded, "{done:?}");
    assert!(done.done && done.success);
    assert_eq!(
        (
            done.number_components_total,
            done.number_components_deployed,
            done.number_component_errors
        ),
        (4, 4, 0)
    );
    let succ: Vec<_> = done
        .details
        .component_successes
        .iter()
        .map(|m| (m.full_name.as_str(), m.created))
        .collect();
    assert!(
        succ.contains(&("Foo", true)) && succ.contains(&("package.xml", false)),
        "{succ:?}"
    );
}

/// A server holding `files()`, deployed to completion.
async fn deployed() -> (RunningServer, String) {
    let s = start().await;
    let t = s.access_token();
    let id = deploy(&s, &t, zip_of(&files()), options()).await;
    assert!(until_done(&s, &t, &id).await.success);
    (s, t)
}

#[tokio::test]
async fn deployed_files_are_read_as_their_types() {
    let (s, t) = deployed().await;
    // The typed view: readMetadata sees the class with its body as content.
    let read = ReadMetadata {
        r#type: "ApexClass".into(),
        full_names: vec!["Foo".into()],
    };
    let B::ReadMetadataResponse(r) = ok(&s, &t, B::ReadMetadata(read)).await else {
        panic!()
    };
    let AnyMetadata::ApexClass(c) = &r.result.records[0] else {
        panic!("{r:?}")
    };
    assert_eq!(c.content.as_deref(), Some(&files()[1].1[..]));
    assert_eq!(c.api_version, 66.0);

    // The object's fields are components of their own, as on Salesforce.
    let q = metadata::ListMetadataQuery {
        r#type: "CustomField".into(),
        folder: None,
    };
    let list = metadata::ListMetadata {
        queries: vec![q],
        as_of_version: 66.0,
    };
    let B::ListMetadataResponse(l) = ok(&s, &t, B::ListMetadata(list)).await else {
        panic!()
    };
    let fields: Vec<_> = l
        .result
        .iter()
        .map(|p| (p.full_name.as_str(), p.file_name.as_str()))
        .collect();
    assert_eq!(
        fields,
        [("Invoice__c.Amount__c", "objects/Invoice__c.object")]
    );
    let read = ReadMetadata {
        r#type: "CustomField".into(),
        full_names: vec!["Invoice__c.Amount__c".into()],
    };
    let B::ReadMetadataResponse(r) = ok(&s, &t, B::ReadMetadata(read)).await else {
        panic!()
    };
    let AnyMetadata::CustomField(f) = &r.result.records[0] else {
        panic!("{r:?}")
    };
    assert_eq!(
        (f.full_name.as_deref(), f.label.as_deref(), f.scale),
        (Some("Invoice__c.Amount__c"), Some("Amount"), Some(2))
    );
}

#[tokio::test]
async fn retrieve_returns_the_deployed_bytes() {
    let (s, t) = deployed().await;
    let req = request(
        &[
            ("ApexClass", &["Foo"]),
            ("CustomObject", &["*"]),
            ("LightningComponentBundle", &["hello"]),
            ("StaticResource", &["logo"]),
        ],
        false,
    );
    let got = retrieve(&s, &t, req).await;
    assert!(got.success && got.messages.is_empty(), "{:?}", got.messages);
    let retrieved = unzip(&got.zip_file);
    for (path, bytes) in files().iter().filter(|(p, _)| *p != "package.xml") {
        let found = retrieved
            .iter()
            .find(|(p, _)| *p == format!("unpackaged/{path}"));
        assert_eq!(
            found.map(|(_, b)| b),
            Some(bytes),
            "{path} comes back byte for byte"
        );
    }
    let pkg = retrieved
        .iter()
        .find(|(p, _)| p == "unpackaged/package.xml")
        .expect("package.xml");
    assert!(String::from_utf8_lossy(&pkg.1).contains("<members>*</members>"));
    let props: Vec<_> = got
        .file_properties
        .iter()
        .map(|p| p.file_name.as_str())
        .collect();
    assert!(
        props.contains(&"unpackaged/classes/Foo.cls") && props.contains(&"unpackaged/package.xml"),
        "{props:?}"
    );

    // The same again, without the zip (includeZip=false) and at the root (singlePackage).
    let B::RetrieveResponse(r) = ok(
        &s,
        &t,
        B::Retrieve(Retrieve {
            retrieve_request: request(&[("ApexClass", &["*"])], true),
        }),
    )
    .await
    else {
        panic!()
    };
    for _ in 0..3 {
        ok(
            &s,
            &t,
            B::CheckRetrieveStatus(CheckRetrieveStatus {
                async_process_id: r.result.id.clone(),
                include_zip: false,
            }),
        )
        .await;
    }
    let body = B::CheckRetrieveStatus(CheckRetrieveStatus {
        async_process_id: r.result.id.clone(),
        include_zip: true,
    });
    let B::CheckRetrieveStatusResponse(st) = ok(&s, &t, body).await else {
        panic!()
    };
    let names: Vec<String> = unzip(&st.result.zip_file)
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert_eq!(
        names,
        ["classes/Foo.cls", "classes/Foo.cls-meta.xml", "package.xml"]
    );
}

#[tokio::test]
async fn components_created_by_crud_are_retrieved_as_files() {
    let s = start().await;
    let t = s.access_token();
    let class = AnyMetadata::ApexClass(Box::new(ApexClass {
        full_name: Some("Made".into()),
        api_version: 66.0,
        content: Some(b"public class Made {}".to_vec()),
        ..ApexClass::default()
    }));
    ok(
        &s,
        &t,
        B::CreateMetadata(CreateMetadata {
            metadata: vec![class],
        }),
    )
    .await;
    let got = retrieve(
        &s,
        &t,
        request(&[("ApexClass", &["Made", "Missing"])], true),
    )
    .await;
    let files = unzip(&got.zip_file);
    let body = files
        .iter()
        .find(|(p, _)| p == "classes/Made.cls")
        .expect("body file");
    assert_eq!(body.1, b"public class Made {}");
    let meta = files
        .iter()
        .find(|(p, _)| p == "classes/Made.cls-meta.xml")
        .expect("meta file");
    let meta = String::from_utf8_lossy(&meta.1);
    assert!(
        meta.contains("ApexClass") && meta.contains("66.0") && !meta.contains("<content"),
        "{meta}"
    );
    assert!(
        got.messages.iter().any(|m| m.problem.contains("'Missing'")),
        "{:?}",
        got.messages
    );
}

#[tokio::test]
async fn bad_zips_fail_with_component_failures() {
    let s = start_with(Server::builder().deploy_steps(AsyncSteps {
        pending: 0,
        in_progress: 0,
    }))
    .await;
    let t = s.access_token();
    let not_zip = until_done(
        &s,
        &t,
        &deploy(&s, &t, b"definitely not a zip".to_vec(), options()).await,
    )
    .await;
    assert_eq!(not_zip.status, DeployStatus::Failed);
    assert!(
        not_zip
            .error_message
            .as_deref()
            .unwrap_or("")
            .contains("zip"),
        "{not_zip:?}"
    );
    assert!(!not_zip.details.component_failures.is_empty());

    let no_pkg = zip_of(&[("classes/Foo.cls", b"x".to_vec())]);
    let r = until_done(&s, &t, &deploy(&s, &t, no_pkg, options()).await).await;
    assert_eq!(r.error_message.as_deref(), Some("No package.xml found"));

    let mut broken = files();
    broken.retain(|(p, _)| *p != "lwc/hello/hello.js-meta.xml");
    broken[3].1 = b"<CustomObject xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n<label>x</label>\n</Broken>".to_vec();
    let r = until_done(&s, &t, &deploy(&s, &t, zip_of(&broken), options()).await).await;
    assert_eq!(r.status, DeployStatus::Failed);
    assert_eq!(
        r.number_component_errors, 2,
        "{:?}",
        r.details.component_failures
    );
    let problems: Vec<_> = r
        .details
        .component_failures
        .iter()
        .map(|f| (f.full_name.clone(), f.problem.clone().unwrap_or_default()))
        .collect();
    assert!(
        problems
            .iter()
            .any(|(n, p)| n == "Invoice__c" && p.contains("line 3")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|(n, p)| n == "hello" && p.contains("-meta.xml")),
        "{problems:?}"
    );
    assert!(
        s.components("ApexClass").is_empty(),
        "rollbackOnError: nothing written"
    );

    let partial = DeployOptions {
        rollback_on_error: false,
        ..options()
    };
    let r = until_done(&s, &t, &deploy(&s, &t, zip_of(&broken), partial).await).await;
    assert_eq!(r.status, DeployStatus::SucceededPartial);
    assert_eq!(s.components("ApexClass"), ["Foo"]);

    let missing = PACKAGE.replace(
        "<members>Foo</members>",
        "<members>Foo</members><members>Ghost</members>",
    );
    let mut f = files();
    f[0].1 = missing.into_bytes();
    let r = until_done(&s, &t, &deploy(&s, &t, zip_of(&f), options()).await).await;
    let p = r.details.component_failures[0]
        .problem
        .clone()
        .unwrap_or_default();
    assert!(
        p.contains("'Ghost'") && p.contains("not found in zipped directory"),
        "{p}"
    );
}

#[tokio::test]
async fn cancel_quick_deploy_and_destructive_changes() {
    let s = start().await;
    let t = s.access_token();
    let id = deploy(&s, &t, zip_of(&files()), options()).await;
    let B::CancelDeployResponse(c) =
        ok(&s, &t, B::CancelDeploy(CancelDeploy { string: id.clone() })).await
    else {
        panic!()
    };
    assert_eq!((c.result.done, c.result.id.as_str()), (false, id.as_str()));
    let r = check(&s, &t, &id).await;
    assert_eq!((r.status, r.done), (DeployStatus::Canceled, true));
    assert_eq!(s.component_count(), 0);

    let validate = DeployOptions {
        check_only: true,
        ..options()
    };
    let vid = deploy(&s, &t, zip_of(&files()), validate).await;
    let v = until_done(&s, &t, &vid).await;
    assert!(v.success && v.check_only);
    assert_eq!(s.component_count(), 0, "a validation writes nothing");
    let B::DeployRecentValidationResponse(q) = ok(
        &s,
        &t,
        B::DeployRecentValidation(DeployRecentValidation {
            validation_id: vid.clone(),
        }),
    )
    .await
    else {
        panic!()
    };
    assert_ne!(q.result, vid);
    assert!(until_done(&s, &t, &q.result).await.success);
    assert_eq!(s.component_count(), 4);
    let (_, f) = fault(
        &s,
        Some(&t),
        B::DeployRecentValidation(DeployRecentValidation { validation_id: id }),
    )
    .await;
    assert_eq!(f.code.local, "INVALID_ID_FIELD");

    let destructive = r#"<Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>Foo</members><members>Never</members><name>ApexClass</name></types><version>66.0</version></Package>"#;
    let empty_pkg = r#"<Package xmlns="http://soap.sforce.com/2006/04/metadata"><version>66.0</version></Package>"#;
    let zip = zip_of(&[
        ("package.xml", empty_pkg.into()),
        ("destructiveChanges.xml", destructive.into()),
    ]);
    let r = until_done(&s, &t, &deploy(&s, &t, zip, options()).await).await;
    assert!(r.success, "{r:?}");
    assert!(s.components("ApexClass").is_empty());
    assert!(
        r.details
            .component_successes
            .iter()
            .any(|m| m.deleted && m.full_name == "Foo")
    );

    let (status, f) = fault(
        &s,
        Some(&t),
        B::CheckDeployStatus(CheckDeployStatus {
            async_process_id: "0AfNOPE".into(),
            include_details: false,
        }),
    )
    .await;
    assert_eq!(
        (status, f.code.local.as_str()),
        (500, "INVALID_CROSS_REFERENCE_KEY")
    );
}

/// cancelDeploy as live clients send it (`asyncProcessId`, not the WSDL's `String`), and
/// retrieve with `RetrieveRequest`: both accepted.
#[tokio::test]
async fn wire_names_of_live_clients_are_accepted() {
    let s = start().await;
    let t = s.access_token();
    let id = deploy(&s, &t, zip_of(&files()), options()).await;
    let cancel = format!(
        r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:met="http://soap.sforce.com/2006/04/metadata"><soapenv:Header><met:SessionHeader><met:sessionId>{t}</met:sessionId></met:SessionHeader></soapenv:Header><soapenv:Body><met:cancelDeploy><met:asyncProcessId>{id}</met:asyncProcessId></met:cancelDeploy></soapenv:Body></soapenv:Envelope>"#
    );
    let raw = common::post_soap(&s, cancel.into_bytes()).await;
    assert_eq!(raw.status, 200, "{}", raw.text());
    assert!(raw.text().contains(&id));
    let retrieve = format!(
        r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:met="http://soap.sforce.com/2006/04/metadata"><soapenv:Header><met:SessionHeader><met:sessionId>{t}</met:sessionId></met:SessionHeader></soapenv:Header><soapenv:Body><met:retrieve><met:RetrieveRequest><met:apiVersion>66.0</met:apiVersion><met:singlePackage>true</met:singlePackage><met:unpackaged><met:types><met:members>*</met:members><met:name>ApexClass</met:name></met:types><met:version>66.0</met:version></met:unpackaged></met:RetrieveRequest></met:retrieve></soapenv:Body></soapenv:Envelope>"#
    );
    let raw = common::post_soap(&s, retrieve.into_bytes()).await;
    assert_eq!(raw.status, 200, "{}", raw.text());
    assert!(
        raw.text().contains("<state>Queued</state>") || raw.text().contains(":state>Queued<"),
        "{}",
        raw.text()
    );
}

#[tokio::test]
async fn polling_resumes_after_a_restart() {
    let s = start().await;
    let t = s.access_token();
    let id = deploy(&s, &t, zip_of(&files()), options()).await;
    assert_eq!(check(&s, &t, &id).await.status, DeployStatus::Pending);
    let url = s.url();
    s.restart(Duration::from_millis(200))
        .await
        .expect("restart");
    assert_eq!(s.url(), url, "same port");
    let r = until_done(&s, &t, &id).await;
    assert_eq!(r.status, DeployStatus::Succeeded);
    assert_eq!(s.components("ApexClass"), ["Foo"]);
}
