//! (f) a call through the generated client and the runtime's SoapClient against the local
//! Metadata API server over loopback, against a plain reqwest POST of the same request
//! bytes to the same server with the same client settings. Both sides wait for the whole
//! response; only the SoapClient side encodes the request and decodes the answer.
//!
//! Two more lines put the decode in proportion: the plain POST followed by quick-xml's raw
//! event scan of the answer (what any XML reader must at least do), and followed by a
//! quick-xml + serde parse of the answer into plain structs (a typed client without this
//! runtime).

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use bench::{SEED, scan, serde_model, workload};
use criterion::{Criterion, criterion_group, criterion_main};
use metadata::{AnyMetadata, MetadataClient, MetadataHeaders, ReadMetadata};
use metadata_server::{RunningServer, Server};
use runtime::auth::{AccessToken, Credential, StaticToken};
use runtime::soap::{SoapVersion, encode_request};
use runtime::transport::ReqwestTransport;
use runtime::SoapClient;

/// The same settings the runtime's transport gives reqwest, gzip off on both sides (the
/// plain POST sends the bytes as they are).
fn plain_client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .read_timeout(Duration::from_secs(120))
        .redirect(reqwest::redirect::Policy::none())
        .retry(reqwest::retry::never())
        .user_agent("rust-soap-runtime/0.1.0")
        .no_proxy()
        .build()
        .expect("reqwest client")
}

fn generated_client(server: &RunningServer, token: &str) -> MetadataClient {
    let transport = ReqwestTransport::builder()
        .gzip(false)
        .danger_allow_http()
        .no_proxy()
        .build()
        .expect("transport");
    let credential = Credential::builder(StaticToken::new(AccessToken::new(token.to_owned(), server.url())))
        .transport(Arc::new(transport))
        .build()
        .expect("credential");
    let soap = SoapClient::builder(credential)
        .endpoint_url(&server.metadata_url("66.0"))
        .expect("endpoint")
        .build();
    MetadataClient::new(soap)
}

fn one_case(c: &mut Criterion, rt: &tokio::runtime::Runtime, server: &RunningServer, case: &str, names: &[&str]) {
    let token = server.access_token();
    let url = server.metadata_url("66.0");
    let client = generated_client(server, &token);
    let plain = plain_client();
    let body = ReadMetadata {
        r#type: "CustomObject".into(),
        full_names: names.iter().map(|n| (*n).to_owned()).collect(),
    };
    let bytes = encode_request(SoapVersion::Soap11, &MetadataHeaders::default(), &body, Some((&metadata::SESSION, &token)))
        .expect("encodes");
    let typed = rt.block_on(client.read_metadata(&body)).expect("typed call");
    assert_eq!(typed.result.records.len(), names.len(), "server read back the objects");
    let post = || async {
        let r = plain
            .post(&url)
            .header("Content-Type", "text/xml; charset=UTF-8")
            .header("SOAPAction", "\"\"")
            .header("Accept", "text/xml")
            .body(bytes.clone())
            .send()
            .await
            .expect("POST");
        assert!(r.status().is_success(), "status {}", r.status());
        r.bytes().await.expect("body")
    };
    let answer = rt.block_on(post());
    eprintln!("(f) {case}: request {} bytes, response {} bytes", bytes.len(), answer.len());
    let parsed = serde_model::parse_read_metadata(&answer).expect("serde parses the answer");
    assert_eq!(parsed.len(), names.len(), "the serde model reads the same records");

    let mut g = c.benchmark_group(format!("f_call_{case}"));
    g.sample_size(30).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    g.bench_function("soap_client_typed", |b| {
        b.iter(|| rt.block_on(client.read_metadata(black_box(&body))).unwrap())
    });
    g.bench_function("plain_reqwest_post", |b| b.iter(|| rt.block_on(post())));
    g.bench_function("plain_post_raw_scan", |b| {
        b.iter(|| scan::raw_events(&rt.block_on(post())).expect("scans"))
    });
    g.bench_function("plain_post_serde_parse", |b| {
        b.iter(|| serde_model::parse_read_metadata(&rt.block_on(post())).expect("parses"))
    });
    g.finish();
}

fn calls(c: &mut Criterion) {
    // A 300-field object next to the sample data, for a call with a real payload.
    let big = workload::custom_objects(SEED, 1, workload::FIELDS).remove(0);
    let big_name = big.full_name.clone().unwrap_or_default();
    let server = Server::builder()
        .component(AnyMetadata::CustomObject(Box::new(big)))
        .start_in_background()
        .expect("server starts");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    one_case(c, &rt, &server, "small", &["Invoice__c", "Project__c"]);
    one_case(c, &rt, &server, "300_fields", &[big_name.as_str()]);
}

criterion_group!(benches, calls);
criterion_main!(benches);
