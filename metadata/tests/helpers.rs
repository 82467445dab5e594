//! The deploy / retrieve / CRUD helpers end to end against the local Metadata API server
//! over real TCP, with a refresh-token credential.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use metadata::{
    AnyMetadata, CustomMetadata, CustomObject, DeployOptions, DeployStatus, HelperError,
    MetadataClient, Outcome, PollOptions, RetrieveStatus,
};
use metadata_server::{AsyncSteps, Injection, RunningServer, Server};
use runtime::ExceptionCode;
use runtime::auth::{Credential, RefreshTokenGrant, Secret};

fn client(s: &RunningServer) -> MetadataClient {
    let grant = RefreshTokenGrant::new(&s.url(), s.client_id(), Secret::new(s.refresh_token()))
        .expect("grant")
        .client_secret(Secret::new(s.client_secret()));
    let cred = Credential::builder(grant)
        .api_version("66.0")
        .build()
        .expect("credential");
    MetadataClient::new(cred.into())
}

fn fast(timeout: Option<Duration>) -> PollOptions {
    PollOptions {
        initial_interval: Duration::from_millis(10),
        max_interval: Duration::from_millis(40),
        timeout,
    }
}

const PACKAGE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata">
    <types><members>Greeter</members><name>ApexClass</name></types>
    <types><members>logo</members><name>StaticResource</name></types>
    <version>66.0</version>
</Package>
"#;

/// A Metadata API format directory: text with CRLF and non-ASCII, and binary content.
fn project() -> BTreeMap<String, Vec<u8>> {
    let binary: Vec<u8> = (0..=255u8).rev().cycle().take(70_000).collect();
    let meta = |t: &str, body: &str| {
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<{t} xmlns=\"http://soap.sforce.com/2006/04/metadata\">{body}</{t}>\r\n")
            .into_bytes()
    };
    BTreeMap::from([
        ("package.xml".into(), PACKAGE.as_bytes().to_vec()),
        (
            "classes/Greeter.cls".into(),
            "public class Greeter { // h\u{e9}llo\r\n}"
                .as_bytes()
                .to_vec(),
        ),
        (
            "classes/Greeter.cls-meta.xml".into(),
            meta(
                "ApexClass",
                "<apiVersion>66.0</apiVersion><status>Active</status>",
            ),
        ),
        ("staticresources/logo.resource".into(), binary),
        (
            "staticresources/logo.resource-meta.xml".into(),
            meta(
                "StaticResource",
                "<cacheControl>Public</cacheControl><contentType>image/png</contentType>",
            ),
        ),
    ])
}

fn options() -> DeployOptions {
    DeployOptions {
        single_package: true,
        rollback_on_error: true,
        ..DeployOptions::default()
    }
}

#[tokio::test]
async fn deploy_dir_then_retrieve_returns_every_byte() {
    let s = Server::builder().start().await.expect("server");
    let md = client(&s);
    let dir = common::temp_dir("deploy-dir");
    let files = project();
    metadata::zip::write_files(&files, &dir).expect("write project");

    let mut seen = Vec::new();
    let outcome = md
        .deploy_dir(&dir, options())
        .poll_options(fast(Some(Duration::from_secs(30))))
        .on_progress(|r| seen.push(r.status.clone()))
        .await
        .expect("deploy");
    let Outcome::Done(result) = outcome else {
        panic!("timed out")
    };
    assert_eq!(result.status, DeployStatus::Succeeded, "{result:?}");
    assert!(result.success && result.done);
    assert_eq!(
        seen,
        [
            DeployStatus::Pending,
            DeployStatus::InProgress,
            DeployStatus::Succeeded
        ]
    );
    assert_eq!(
        s.call_count("checkDeployStatus"),
        3,
        "one status call per progress report"
    );
    assert_eq!(
        s.last_deploy_zip(),
        Some(metadata::zip::zip_dir(&dir).expect("zip"))
    );

    let mut statuses = Vec::new();
    let outcome = md
        .retrieve_types([("ApexClass", ["Greeter"]), ("StaticResource", ["logo"])])
        .poll_options(fast(None))
        .on_progress(|r| statuses.push(r.status.clone()))
        .await
        .expect("retrieve");
    let result = outcome.done().expect("retrieve finished");
    assert_eq!(statuses.last(), Some(&RetrieveStatus::Succeeded));
    let got = metadata::zip::unzip(&result.zip_file).expect("unzip");
    for (path, bytes) in files.iter().filter(|(p, _)| *p != "package.xml") {
        assert_eq!(got.get(path), Some(bytes), "{path} changed on the way");
    }

    // The same by package.xml, read from the project.
    let by_file = md
        .retrieve_package_xml(dir.join("package.xml"))
        .poll_options(fast(None))
        .await
        .expect("retrieve by package.xml")
        .done()
        .expect("finished");
    let again = metadata::zip::unzip(&by_file.zip_file).expect("unzip");
    assert_eq!(
        again.get("staticresources/logo.resource"),
        files.get("staticresources/logo.resource")
    );
}

#[tokio::test]
async fn a_failed_deploy_is_a_result_not_an_error() {
    let s = Server::builder()
        .deploy_steps(AsyncSteps {
            pending: 0,
            in_progress: 0,
        })
        .start()
        .await
        .expect("server");
    let md = client(&s);
    let outcome = md
        .deploy_zip(b"not a zip at all".to_vec(), options())
        .poll_options(fast(None))
        .await
        .expect("deploy call");
    let result = outcome.done().expect("finished");
    assert_eq!(result.status, DeployStatus::Failed);
    assert!(!result.success);
}

#[tokio::test]
async fn a_timeout_returns_the_id_and_polling_resumes_from_it() {
    let steps = AsyncSteps {
        pending: 6,
        in_progress: 6,
    };
    let s = Server::builder()
        .deploy_steps(steps)
        .retrieve_steps(steps)
        .start()
        .await
        .expect("server");
    let md = client(&s);
    let zip = metadata::zip::zip_files(&project()).expect("zip");
    let quick = PollOptions {
        initial_interval: Duration::from_millis(20),
        max_interval: Duration::from_millis(20),
        timeout: Some(Duration::from_millis(90)),
    };
    let outcome = md
        .deploy_zip(zip, options())
        .poll_options(quick.clone())
        .await
        .expect("deploy");
    let Outcome::TimedOut { id } = outcome else {
        panic!("finished too early: {outcome:?}")
    };
    assert_eq!(id.len(), 18, "{id}");
    let polls = s.call_count("checkDeployStatus");
    assert!((1..=12).contains(&polls), "{polls} polls in 90 ms");
    let done = md
        .resume_deploy(&id)
        .poll_options(fast(None))
        .await
        .expect("resume")
        .done()
        .expect("finished");
    assert_eq!(
        (done.id.as_str(), done.status.clone()),
        (id.as_str(), DeployStatus::Succeeded)
    );

    let outcome = md
        .retrieve_types([("ApexClass", ["*"])])
        .poll_options(quick)
        .await
        .expect("retrieve");
    let Outcome::TimedOut { id } = outcome else {
        panic!("finished too early")
    };
    let done = md
        .resume_retrieve(id)
        .poll_options(fast(None))
        .await
        .expect("resume");
    assert!(
        done.done()
            .is_some_and(|r| r.status == RetrieveStatus::Succeeded)
    );
}

fn objects(n: usize) -> Vec<AnyMetadata> {
    (0..n)
        .map(|i| {
            AnyMetadata::CustomObject(Box::new(CustomObject {
                full_name: Some(format!("Thing{i:03}__c")),
                label: Some(format!("Thing {i}")),
                ..Default::default()
            }))
        })
        .collect()
}

#[tokio::test]
async fn crud_of_25_components_takes_3_calls_with_results_in_input_order() {
    let s = Server::builder().start().await.expect("server");
    let md = client(&s);
    let names: Vec<String> = (0..25).map(|i| format!("Thing{i:03}__c")).collect();

    let created = md.create_many(objects(25)).await.expect("create");
    assert_eq!(s.call_count("createMetadata"), 3);
    let got: Vec<&str> = created.iter().map(|r| r.full_name.as_str()).collect();
    assert_eq!(got, names);
    assert!(created.iter().all(|r| r.success));

    let read = md
        .read_many("CustomObject", names.iter().rev().cloned())
        .await
        .expect("read");
    assert_eq!(s.call_count("readMetadata"), 3);
    let got: Vec<String> = read.records.iter().map(full_name).collect();
    assert_eq!(got, names.iter().rev().cloned().collect::<Vec<_>>());

    assert_eq!(md.update_many(objects(25)).await.expect("update").len(), 25);
    assert_eq!(s.call_count("updateMetadata"), 3);
    let upserted = md.upsert_many(objects(26)).await.expect("upsert");
    assert_eq!(s.call_count("upsertMetadata"), 3);
    assert_eq!(
        upserted.iter().filter(|r| r.created).count(),
        1,
        "only Thing025__c is new"
    );
    assert_eq!(upserted[25].full_name, "Thing025__c");

    let deleted = md
        .delete_many("CustomObject", names.clone())
        .await
        .expect("delete");
    assert_eq!(s.call_count("deleteMetadata"), 3);
    let got: Vec<&str> = deleted.iter().map(|r| r.full_name.as_str()).collect();
    assert_eq!(got, names);
}

fn full_name(md: &AnyMetadata) -> String {
    match md {
        AnyMetadata::CustomObject(o) => o.full_name.clone().unwrap_or_default(),
        other => panic!("unexpected {}", other.type_name()),
    }
}

#[tokio::test]
async fn custom_metadata_goes_200_per_call() {
    let s = Server::builder().start().await.expect("server");
    let md = client(&s);
    let records: Vec<AnyMetadata> = (0..250)
        .map(|i| {
            AnyMetadata::CustomMetadata(Box::new(CustomMetadata {
                full_name: Some(format!("Rate.R{i:03}")),
                label: Some(format!("Rate {i}")),
                ..Default::default()
            }))
        })
        .collect();
    let results = md.create_many(records).await.expect("create");
    assert_eq!(s.call_count("createMetadata"), 2);
    assert_eq!(results.len(), 250);
    assert_eq!(results[249].full_name, "Rate.R249");
    assert!(results.iter().all(|r| r.success));
}

#[tokio::test]
async fn mixed_types_are_sent_one_type_per_call() {
    let s = Server::builder().start().await.expect("server");
    let md = client(&s);
    let mut items = objects(3);
    items.insert(
        1,
        AnyMetadata::CustomMetadata(Box::new(CustomMetadata {
            full_name: Some("Rate.Mixed".into()),
            label: Some("Mixed".into()),
            ..Default::default()
        })),
    );
    let results = md.create_many(items).await.expect("create");
    let got: Vec<&str> = results.iter().map(|r| r.full_name.as_str()).collect();
    assert_eq!(
        got,
        ["Thing000__c", "Rate.Mixed", "Thing001__c", "Thing002__c"]
    );
    assert!(results.iter().all(|r| r.success), "{results:?}");
    assert_eq!(s.call_count("createMetadata"), 3);
}

#[tokio::test]
async fn list_many_sends_three_queries_per_call() {
    let s = Server::builder()
        .sample_data(true)
        .start()
        .await
        .expect("server");
    let md = client(&s);
    let types = [
        "ApexClass",
        "CustomObject",
        "Layout",
        "CustomLabels",
        "ApexPage",
        "Flow",
        "Profile",
    ];
    md.list_many(types).await.expect("list");
    assert_eq!(s.call_count("listMetadata"), 3);
}

#[tokio::test]
async fn a_failing_call_is_a_typed_error_and_nothing_is_resent() {
    let s = Server::builder().start().await.expect("server");
    let md = client(&s);
    md.create_many(objects(1)).await.expect("warm up");
    s.inject(Injection::status(500).on_operation("createMetadata"));
    let e = md
        .create_many(objects(12))
        .await
        .expect_err("injected failure");
    let HelperError::Call(inner) = &e else {
        panic!("{e:?}")
    };
    assert!(
        matches!(inner, runtime::Error::HttpStatus { status: 500, .. }),
        "{inner:?}"
    );
    assert!(
        inner
            .exception_code()
            .is_none_or(|c| *c != ExceptionCode::InvalidSessionId)
    );
    // The warm-up call only: the failed chunk is not retried (writes never are) and the
    // helper stops at the first failure.
    assert_eq!(s.call_count("createMetadata"), 1);
    assert_eq!(s.components("CustomObject"), ["Thing000__c"]);
}

#[tokio::test]
async fn a_missing_package_xml_is_an_io_error_naming_the_file() {
    let s = Server::builder().start().await.expect("server");
    let md = client(&s);
    let e = md
        .retrieve_package_xml("/nonexistent/package.xml")
        .await
        .expect_err("no such file");
    assert!(matches!(e, HelperError::Io { .. }), "{e:?}");
    assert!(e.to_string().contains("/nonexistent/package.xml"));
    assert_eq!(s.call_count("retrieve"), 0);
}
