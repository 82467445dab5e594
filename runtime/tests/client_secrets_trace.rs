//! Captures every log line at TRACE level while tokens, refresh tokens, client secrets,
//! passwords and session ids flow through every path (calls, refreshes, failures, login,
//! merge fields), then checks that none of them was logged, printed or put in an error.
//! One test in its own binary: it installs the process-wide subscriber.

mod client_support;

use std::sync::Arc;
use std::sync::atomic::Ordering;

use client_support::soap_types::{Echo, EchoResponse, SessionHeader, TestHeaders, ops};
use client_support::{FakeOrg, Reply, TestServer, start_org, trace};
use runtime::auth::{PasswordGrant, RefreshTokenGrant, SoapLogin};
use runtime::transport::Method;
use runtime::{Credential, NamedCredentials, RestClient, RestRequest, Secret, SoapClient};

const SECRETS: &[&str] = &[
    "SECRET",        // every token the fake org issues contains it
    "00Dtok!",       // ... and starts with it
    "RT-HIDDEN",     // refresh token
    "CS-HIDDEN",     // client secret
    "PW-HIDDEN",     // passwords
    "CALLER-HIDDEN", // a caller-set session id
    "LOGIN-HIDDEN",  // a login() session id
];

#[tokio::test]
async fn no_secret_reaches_logs_errors_or_debug_output() {
    let logs = trace::capture_all();
    let mut printed = String::new();

    let org = Arc::new(FakeOrg::default());
    let server = start_org(org.clone()).await;
    let grant = RefreshTokenGrant::new(&server.url, "cid", Secret::new("RT-HIDDEN"))
        .unwrap()
        .client_secret(Secret::new("CS-HIDDEN"));
    let cred = Credential::builder(grant).build().unwrap();
    let client = SoapClient::new(cred.clone());
    let headers = TestHeaders {
        session_header: Some(SessionHeader {
            session_id: "CALLER-HIDDEN".into(),
        }),
        call_options: None,
    };
    let echo = Echo {
        text: "hello".into(),
    };

    // A call, an expiry healed by a refresh, a failing refresh.
    let r: EchoResponse = client.call(&ops::READ_ECHO, &headers, &echo).await.unwrap();
    printed += &format!("{r:?}{client:?}{cred:?}{:?}", cred.token().await.unwrap());
    org.expire_all();
    let _: EchoResponse = client.call(&ops::READ_ECHO, &headers, &echo).await.unwrap();
    org.expire_all();
    org.fail_grants.store(true, Ordering::SeqCst);
    let err = client
        .call::<_, _, EchoResponse>(&ops::READ_ECHO, &headers, &echo)
        .await
        .unwrap_err();
    printed += &format!("{err}{err:?}");
    org.fail_grants.store(false, Ordering::SeqCst);

    // The password grant and login().
    let pw = PasswordGrant::new(&server.url, "cid", "u", Secret::new("PW-HIDDEN")).unwrap();
    printed += &format!("{pw:?}");
    let c = Credential::builder(pw).build().unwrap();
    printed += &format!("{:?}", c.token().await.unwrap());
    let login = TestServer::start(Arc::new(|_| {
        Reply::xml(200, "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><loginResponse xmlns=\"urn:partner.soap.sforce.com\"><result><serverUrl>http://127.0.0.1:1/x</serverUrl><sessionId>LOGIN-HIDDEN</sessionId></result></loginResponse></s:Body></s:Envelope>")
    }))
    .await;
    let src = SoapLogin::new(&login.url, "66.0", "u", Secret::new("PW-HIDDEN")).unwrap();
    let c = Credential::builder(src).build().unwrap();
    printed += &format!("{c:?}{:?}", c.token().await.unwrap());
    let err = SoapClient::new(c)
        .call::<_, _, EchoResponse>(&ops::READ_ECHO, &headers, &echo)
        .await;
    printed += &format!("{err:?}");

    // Merge fields in a REST-style request.
    let toml = format!(
        "[Org]\nurl = \"{}\"\nallow_merge_fields_in_header = true\nallow_merge_fields_in_body = true\n\
         allow_plaintext_secrets = true\npassword = \"PW-HIDDEN\"\n[Org.auth]\ntype = \"refresh_token\"\n\
         client_id = \"c\"\nrefresh_token = \"RT-HIDDEN\"\n",
        server.url
    );
    let named = Arc::new(NamedCredentials::from_toml(&toml).unwrap());
    let req = RestRequest::new(Method::POST, "callout:Org/rest")
        .header("Authorization", "Bearer {!$Credential.OAuthToken}")
        .body("<p>{!$Credential.Password}</p>");
    printed += &format!("{req:?}{named:?}{:?}", named.get("Org").unwrap());
    let resp = RestClient::new(named).send(req).await.unwrap();
    printed += &format!("{resp:?}");

    let logged = logs.text();
    assert!(
        logged.contains("SOAP call"),
        "debug summaries are logged:\n{logged}"
    );
    assert!(
        logged.contains("SOAP request") && logged.contains("***"),
        "trace bodies are logged, redacted"
    );
    for secret in SECRETS {
        assert!(!logged.contains(secret), "{secret} in the logs:\n{logged}");
        assert!(!printed.contains(secret), "{secret} printed:\n{printed}");
    }
}
