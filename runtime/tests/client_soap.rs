//! SoapClient over real TCP against a fake org: session injection, refresh once on
//! INVALID_SESSION_ID (single-flight across 32 calls), failing refreshes, no loops,
//! read-only retries, HTTP errors, SOAP 1.2 headers, the blocking façade.

mod client_support;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use client_support::soap_types::{
    CallOptions, Echo, EchoResponse, SessionHeader, TestHeaders, echo_response_xml, fault_xml, ops,
};
use client_support::{FakeOrg, Reply, TOKEN_PATH, TestServer, start_org};
use runtime::auth::{AccessToken, RefreshTokenGrant, Secret, StaticToken};
use runtime::client::{Endpoint, RetryPolicy};
use runtime::error::{AuthErrorKind, Error};
use runtime::transport::ReqwestTransport;
use runtime::{Blocking, Credential, ExceptionCode, SoapClient};

const PATH: &str = "/services/Soap/m/66.0";

/// A client over the OAuth refresh-token grant of `server`.
fn oauth_client(server: &TestServer) -> SoapClient {
    let grant = RefreshTokenGrant::new(&server.url, "client-id", Secret::new("REFRESH-SECRET"))
        .unwrap()
        .client_secret(Secret::new("CLIENT-SECRET"));
    let cred = Credential::builder(grant).build().unwrap();
    SoapClient::builder(cred)
        .retry(RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(50),
        })
        .build()
}

fn echo(text: &str) -> Echo {
    Echo { text: text.into() }
}

async fn call(c: &SoapClient, text: &str) -> Result<EchoResponse, Error> {
    c.call(&ops::READ_ECHO, &TestHeaders::default(), &echo(text))
        .await
}

#[tokio::test]
async fn session_header_is_written_from_the_token_and_replaces_a_caller_set_one() {
    let org = Arc::new(FakeOrg::default());
    let server = start_org(org.clone()).await;
    let client = oauth_client(&server);
    let headers = TestHeaders {
        session_header: Some(SessionHeader {
            session_id: "CALLER-SET".into(),
        }),
        call_options: Some(CallOptions {
            client: Some("me".into()),
        }),
    };
    let (out_headers, resp): (TestHeaders, EchoResponse) = client
        .call_with_headers(&ops::READ_ECHO, &headers, &echo("hello"))
        .await
        .unwrap();
    assert_eq!(resp.result, "hello");
    assert_eq!(
        out_headers.call_options.unwrap().client.as_deref(),
        Some("srv")
    );
    let soap = server
        .recorded()
        .into_iter()
        .find(|r| r.path == PATH)
        .unwrap();
    let xml = soap.text();
    assert!(xml.contains("00Dtok!1-SECRET"), "{xml}");
    assert!(!xml.contains("CALLER-SET"), "{xml}");
    assert_eq!(
        xml.matches("sessionId>").count(),
        2,
        "one SessionHeader: {xml}"
    );
    assert!(
        xml.contains("<client>me</client>") || xml.contains(":client>me<"),
        "{xml}"
    );
    assert_eq!(soap.header("content-type"), Some("text/xml; charset=UTF-8"));
    assert_eq!(soap.header("soapaction"), Some("\"\""));
    let grant = server
        .recorded()
        .into_iter()
        .find(|r| r.path == TOKEN_PATH)
        .unwrap();
    assert_eq!(
        grant.form_value("grant_type").as_deref(),
        Some("refresh_token")
    );
    assert_eq!(
        grant.form_value("refresh_token").as_deref(),
        Some("REFRESH-SECRET")
    );
    assert_eq!(
        grant.form_value("client_secret").as_deref(),
        Some("CLIENT-SECRET")
    );
}

#[tokio::test]
async fn expired_token_is_refreshed_once_and_the_call_retried() {
    let org = Arc::new(FakeOrg::default());
    let server = start_org(org.clone()).await;
    let client = oauth_client(&server);
    call(&client, "one").await.unwrap();
    org.expire_all();
    let resp = call(&client, "two").await.unwrap();
    assert_eq!(resp.result, "two");
    assert_eq!(org.grants(), 2);
    assert_eq!(
        server.count(PATH),
        3,
        "first call, rejected call, retried call"
    );
}

#[tokio::test]
async fn thirty_two_concurrent_calls_share_one_refresh() {
    let org = Arc::new(FakeOrg::default());
    org.grant_delay_ms.store(100, Ordering::SeqCst);
    let server = start_org(org.clone()).await;
    let client = oauth_client(&server);
    call(&client, "warm-up").await.unwrap();
    org.expire_all();
    let tasks: Vec<_> = (0..32)
        .map(|i| {
            let c = client.clone();
            tokio::spawn(async move { call(&c, &format!("n{i}")).await })
        })
        .collect();
    for (i, t) in tasks.into_iter().enumerate() {
        assert_eq!(t.await.unwrap().unwrap().result, format!("n{i}"));
    }
    assert_eq!(org.grants(), 2, "the first token plus ONE refresh");
}

#[tokio::test]
async fn a_failing_refresh_is_one_auth_error_per_call_and_one_grant_attempt() {
    let org = Arc::new(FakeOrg::default());
    let server = start_org(org.clone()).await;
    let client = oauth_client(&server);
    call(&client, "warm-up").await.unwrap();
    org.expire_all();
    org.fail_grants.store(true, Ordering::SeqCst);
    // Long enough that all 32 calls are rejected while the one refresh is under way
    // (a call rejected after a failure has been reported would rightly try again).
    org.grant_delay_ms.store(1000, Ordering::SeqCst);
    let tasks: Vec<_> = (0..32)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move { call(&c, "x").await })
        })
        .collect();
    for t in tasks {
        let err = t.await.unwrap().unwrap_err();
        assert!(
            matches!(
                err,
                Error::Auth {
                    kind: AuthErrorKind::Rejected,
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("invalid_grant"), "{err}");
    }
    assert_eq!(
        server.count(TOKEN_PATH),
        2,
        "first grant + ONE failed refresh"
    );
    // Later calls try again (and succeed once the grant works again).
    org.fail_grants.store(false, Ordering::SeqCst);
    org.grant_delay_ms.store(0, Ordering::SeqCst);
    assert_eq!(call(&client, "back").await.unwrap().result, "back");
}

#[tokio::test]
async fn a_second_invalid_session_id_is_an_auth_error_not_a_loop() {
    // The token endpoint issues tokens the SOAP endpoint never accepts.
    let org = Arc::new(FakeOrg::default());
    let o = org.clone();
    let server = TestServer::start(Arc::new(move |r| {
        if r.path == TOKEN_PATH {
            let reply = o.handle(r);
            o.expire_all();
            return reply;
        }
        o.handle(r)
    }))
    .await;
    *org.instance_url.lock().unwrap() = server.url.clone();
    let client = oauth_client(&server);
    let err = call(&client, "x").await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Auth {
                kind: AuthErrorKind::SessionInvalid,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(server.count(PATH), 2, "the call and ONE retry");
    assert_eq!(org.grants(), 2);
}

#[tokio::test]
async fn a_static_token_that_expires_is_an_auth_error_at_once() {
    let org = Arc::new(FakeOrg::default());
    let server = start_org(org.clone()).await;
    let token = AccessToken::new("00Dstatic!NOT-ISSUED", server.url.clone());
    let client = SoapClient::new(
        Credential::builder(StaticToken::new(token))
            .build()
            .unwrap(),
    );
    let err = call(&client, "x").await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Auth {
                kind: AuthErrorKind::SessionInvalid,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(server.count(PATH), 1);
}

/// A server answering `first` `n` times, then echoing.
async fn flaky(status: u16, n: usize) -> (Arc<FakeOrg>, TestServer) {
    let org = Arc::new(FakeOrg::default());
    let o = org.clone();
    let seen = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let server = TestServer::start(Arc::new(move |r| {
        if r.path == PATH && seen.fetch_add(1, Ordering::SeqCst) < n {
            return Reply::new(status, "text/html", "<html>busy</html>");
        }
        o.handle(r)
    }))
    .await;
    *org.instance_url.lock().unwrap() = server.url.clone();
    (org, server)
}

#[tokio::test]
async fn reads_are_retried_on_503_and_502() {
    for status in [503, 502] {
        let (_org, server) = flaky(status, 2).await;
        let client = oauth_client(&server);
        assert_eq!(call(&client, "r").await.unwrap().result, "r");
        assert_eq!(server.count(PATH), 3);
    }
}

#[tokio::test]
async fn reads_give_up_after_the_retry_budget() {
    let (_org, server) = flaky(503, 100).await;
    let client = oauth_client(&server);
    let err = call(&client, "r").await.unwrap_err();
    let Error::HttpStatus { status, body, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(*status, 503);
    assert_eq!(body, b"<html>busy</html>");
    assert_eq!(server.count(PATH), 3, "1 + max_retries 2");
}

#[tokio::test]
async fn writes_are_never_replayed() {
    let (_org, server) = flaky(503, 1).await;
    let client = oauth_client(&server);
    let err = client
        .call::<_, _, EchoResponse>(&ops::WRITE_ECHO, &TestHeaders::default(), &echo("w"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::HttpStatus { status: 503, .. }),
        "{err}"
    );
    assert_eq!(server.count(PATH), 1);
    let soap = server
        .recorded()
        .into_iter()
        .find(|r| r.path == PATH)
        .unwrap();
    assert_eq!(soap.header("soapaction"), Some("\"writeEcho\""));
}

#[tokio::test]
async fn other_faults_and_html_errors_are_typed() {
    let org = Arc::new(FakeOrg::default());
    let o = org.clone();
    let server = TestServer::start(Arc::new(move |r| match (r.path.as_str(), o.grants()) {
        (PATH, _) if r.text().contains("html") => Reply::new(500, "text/html", "<html>oops</html>"),
        (PATH, _) => Reply::xml(
            500,
            fault_xml("sf:INVALID_TYPE", "INVALID_TYPE: no such type"),
        ),
        _ => o.handle(r),
    }))
    .await;
    *org.instance_url.lock().unwrap() = server.url.clone();
    let client = oauth_client(&server);
    let err = call(&client, "x").await.unwrap_err();
    assert_eq!(
        err.exception_code(),
        Some(&ExceptionCode::InvalidType),
        "{err}"
    );
    let Error::Fault { fault, .. } = &err else {
        panic!()
    };
    assert_eq!(fault.string, "INVALID_TYPE: no such type");
    let err = call(&client, "html").await.unwrap_err();
    assert!(
        matches!(err, Error::HttpStatus { status: 500, .. }),
        "{err}"
    );
    assert_eq!(server.count(PATH), 2, "faults are not retried");
}

#[tokio::test]
async fn a_bad_response_body_is_a_decode_error() {
    let org = Arc::new(FakeOrg::default());
    let o = org.clone();
    let server = TestServer::start(Arc::new(move |r| match r.path.as_str() {
        PATH => Reply::xml(200, echo_response_xml("x").replace("</result>", "")),
        _ => o.handle(r),
    }))
    .await;
    *org.instance_url.lock().unwrap() = server.url.clone();
    let err = call(&oauth_client(&server), "x").await.unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err}");
}

#[tokio::test]
async fn soap12_sends_its_content_type_with_the_action() {
    let org = Arc::new(FakeOrg::default());
    let server = start_org(org.clone()).await;
    let client = oauth_client(&server);
    // The fake answers with a 1.1 envelope; only the request's headers matter here.
    let _ = client
        .call::<_, _, EchoResponse>(&ops::ECHO_12, &TestHeaders::default(), &echo("x"))
        .await;
    let soap = server
        .recorded()
        .into_iter()
        .find(|r| r.path == PATH)
        .unwrap();
    assert_eq!(
        soap.header("content-type"),
        Some("application/soap+xml; charset=UTF-8; action=\"urn:echo\"")
    );
    assert_eq!(soap.header("soapaction"), None);
    assert!(
        soap.text()
            .contains("http://www.w3.org/2003/05/soap-envelope")
    );
}

#[tokio::test]
async fn explicit_endpoints_and_other_apis() {
    let org = Arc::new(FakeOrg::default());
    let server = start_org(org.clone()).await;
    let grant = RefreshTokenGrant::new(&server.url, "id", Secret::new("r")).unwrap();
    let cred = Credential::builder(grant)
        .api_version("59.0")
        .build()
        .unwrap();
    let partner = SoapClient::builder(cred.clone())
        .endpoint(Endpoint::Api("u".into()))
        .build();
    let _ = call(&partner, "x").await;
    let fixed = SoapClient::builder(cred.clone())
        .endpoint_url(&format!("{}/custom/soap", server.url))
        .unwrap()
        .build();
    let _ = call(&fixed, "x").await;
    let paths: Vec<String> = server.recorded().into_iter().map(|r| r.path).collect();
    assert!(
        paths.contains(&"/services/Soap/u/59.0".to_owned()),
        "{paths:?}"
    );
    assert!(paths.contains(&"/custom/soap".to_owned()), "{paths:?}");
    let err = SoapClient::builder(cred)
        .endpoint_url("callout:Other/x")
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err}");
}

#[test]
fn the_blocking_facade_calls_without_an_async_runtime() {
    let rt = Blocking::new().unwrap();
    let org = Arc::new(FakeOrg::default());
    // The test server needs a runtime of its own, on another thread.
    let server_rt = tokio::runtime::Runtime::new().unwrap();
    let server = server_rt.block_on(start_org(org.clone()));
    let transport = Arc::new(ReqwestTransport::new().unwrap());
    let grant = RefreshTokenGrant::new(&server.url, "id", Secret::new("r")).unwrap();
    let cred = Credential::builder(grant)
        .transport(transport)
        .build()
        .unwrap();
    let client = SoapClient::new(cred);
    let resp = rt.block_on(call(&client, "sync")).unwrap().unwrap();
    assert_eq!(resp.result, "sync");
    // Inside a runtime, block_on refuses instead of panicking.
    let inner = server_rt.block_on(async { rt.block_on(async { 1 }) });
    assert!(matches!(inner, Err(Error::Config { .. })));
    drop(server);
}

#[tokio::test]
async fn a_token_about_to_expire_is_replaced_before_use() {
    use runtime::auth::TokenSource;
    use runtime::transport::{BoxFuture, Transport};
    /// Hands out tokens that expire 10 s after issue (inside the one-minute margin).
    #[derive(Debug, Default)]
    struct ShortLived(std::sync::atomic::AtomicUsize);
    impl TokenSource for ShortLived {
        fn fetch<'a>(&'a self, _: &'a dyn Transport) -> BoxFuture<'a, Result<AccessToken, Error>> {
            Box::pin(async move {
                let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
                let mut t = AccessToken::new(format!("short-{n}"), "https://x.example");
                t.expires_at = Some(std::time::SystemTime::now() + Duration::from_secs(10));
                Ok(t)
            })
        }
    }
    let cred = Credential::builder(ShortLived::default()).build().unwrap();
    let first = cred.token().await.unwrap();
    let second = cred.token().await.unwrap();
    assert_eq!(first.token.secret.expose(), "short-1");
    assert_eq!(second.token.secret.expose(), "short-2");
    assert_eq!(second.generation, 2);
    let client: SoapClient = cred.into();
    assert!(matches!(client.endpoint(), Endpoint::Metadata));
}
