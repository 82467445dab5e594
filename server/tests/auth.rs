//! Sessions and their expiry, the OAuth grants (refresh token, password, client credentials,
//! JWT bearer), the partner login(), and the project's own runtime client against it all.

mod common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{fault, ok, post, start, start_with};
use metadata::{ListMetadata, ListMetadataQuery, MetadataBody as B};
use metadata_server::{RunningServer, Server};
use serde_json::Value;

fn list() -> B {
    B::ListMetadata(ListMetadata {
        queries: vec![ListMetadataQuery {
            r#type: "ApexClass".into(),
            folder: None,
        }],
        as_of_version: 66.0,
    })
}

const ILLEGAL: &str =
    "INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session";

async fn assert_refused(s: &RunningServer, token: Option<&str>) {
    let (status, f) = fault(s, token, list()).await;
    assert_eq!(status, 500);
    assert_eq!(
        (f.code.ns.as_str(), f.code.local.as_str()),
        (metadata::NS, "INVALID_SESSION_ID")
    );
    assert_eq!(f.string, ILLEGAL);
}

#[tokio::test]
async fn sessions_expire_on_command_and_by_time() {
    let s = start().await;
    assert_refused(&s, None).await;
    assert_refused(&s, Some("00Dmade!up")).await;
    let (a, b) = (s.access_token(), s.access_token());
    ok(&s, &a, list()).await;
    assert!(s.expire_session(&a));
    assert!(!s.expire_session("never issued"));
    assert_refused(&s, Some(&a)).await;
    ok(&s, &b, list()).await;
    assert_eq!(s.expire_all_sessions(), 1);
    assert_refused(&s, Some(&b)).await;
    assert_eq!(s.invalid_session_count(), 4);

    // The fault on the wire, as Salesforce writes it: `sf` bound to the Metadata namespace.
    let raw = common::post_soap(
        &s,
        common::request_xml(&common::headers_with(Some(&b)), &list()),
    )
    .await;
    let text = raw.text();
    assert!(
        text.contains("<faultcode>sf:INVALID_SESSION_ID</faultcode>"),
        "{text}"
    );
    assert!(
        text.contains(r#"xmlns:sf="http://soap.sforce.com/2006/04/metadata""#),
        "{text}"
    );
    assert!(
        text.contains(&format!("<faultstring>{ILLEGAL}</faultstring>")),
        "{text}"
    );
    assert!(
        raw.header("content-type")
            .unwrap_or_default()
            .starts_with("text/xml")
    );

    s.set_session_ttl(Some(Duration::from_millis(150)));
    let short = s.access_token();
    ok(&s, &short, list()).await;
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_refused(&s, Some(&short)).await;
    let timed = start_with(Server::builder().session_ttl(Some(Duration::ZERO))).await;
    assert_refused(&timed, Some(&timed.access_token())).await;
}

async fn token(s: &RunningServer, form: &[(&str, &str)]) -> (u16, Value) {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish();
    let raw = post(
        &format!("{}/services/oauth2/token", s.url()),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        body.into_bytes(),
    )
    .await;
    assert!(
        raw.header("content-type")
            .unwrap_or_default()
            .starts_with("application/json")
    );
    (raw.status, serde_json::from_slice(&raw.body).expect("JSON"))
}

fn refused(v: &(u16, Value), error: &str, description: &str) {
    assert_eq!(v.0, 400, "{v:?}");
    assert_eq!(v.1["error"], error, "{v:?}");
    assert!(
        v.1["error_description"]
            .as_str()
            .unwrap_or_default()
            .contains(description),
        "{v:?}"
    );
}

#[tokio::test]
async fn oauth_grants() {
    let s = start().await;
    let (id, secret, rt) = (
        s.client_id().to_owned(),
        s.client_secret().to_owned(),
        s.refresh_token().to_owned(),
    );
    let (status, v) = token(
        &s,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", &id),
            ("refresh_token", &rt),
        ],
    )
    .await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["instance_url"], s.url());
    assert_eq!(v["token_type"], "Bearer");
    assert!(
        v["issued_at"]
            .as_str()
            .is_some_and(|t| t.len() >= 13 && t.bytes().all(|b| b.is_ascii_digit())),
        "{v}"
    );
    assert!(
        v["id"]
            .as_str()
            .is_some_and(|i| i.ends_with(&format!("/id/{}/005LS0000000001AAA", s.org_id())))
    );
    assert!(
        v["signature"].as_str().is_some_and(|g| g.len() == 44),
        "HMAC-SHA256 in base64: {v}"
    );
    ok(&s, v["access_token"].as_str().unwrap(), list()).await;
    assert_eq!(s.refresh_count(), 1);

    let with_secret = [
        ("grant_type", "refresh_token"),
        ("client_id", id.as_str()),
        ("client_secret", secret.as_str()),
        ("refresh_token", rt.as_str()),
    ];
    assert_eq!(token(&s, &with_secret).await.0, 200);
    refused(
        &token(
            &s,
            &[
                ("grant_type", "refresh_token"),
                ("client_id", &id),
                ("refresh_token", "nope"),
            ],
        )
        .await,
        "invalid_grant",
        "expired access/refresh token",
    );
    refused(
        &token(
            &s,
            &[
                ("grant_type", "refresh_token"),
                ("client_id", "other"),
                ("refresh_token", &rt),
            ],
        )
        .await,
        "invalid_client_id",
        "client identifier invalid",
    );
    s.set_refresh_token_revoked(true);
    refused(&token(&s, &with_secret).await, "invalid_grant", "expired");
    s.set_refresh_token_revoked(false);
    s.fail_next_grants(1);
    refused(
        &token(&s, &with_secret).await,
        "invalid_grant",
        "authentication failure",
    );
    assert_eq!(token(&s, &with_secret).await.0, 200);

    let (user, pass) = (s.username().to_owned(), s.password().to_owned());
    let pw = [
        ("grant_type", "password"),
        ("client_id", &id),
        ("client_secret", &secret),
        ("username", &user),
        ("password", &pass),
    ];
    assert_eq!(token(&s, &pw).await.0, 200);
    let mut bad = pw;
    bad[4].1 = "wrong";
    refused(
        &token(&s, &bad).await,
        "invalid_grant",
        "authentication failure",
    );
    refused(
        &token(&s, &pw[..4]).await,
        "invalid_grant",
        "authentication failure",
    );

    let cc = [
        ("grant_type", "client_credentials"),
        ("client_id", id.as_str()),
        ("client_secret", secret.as_str()),
    ];
    assert_eq!(token(&s, &cc).await.0, 200);
    refused(
        &token(&s, &cc[..2]).await,
        "invalid_client",
        "invalid client credentials",
    );
    refused(
        &token(&s, &[("grant_type", "authorization_code")]).await,
        "unsupported_grant_type",
        "not supported",
    );

    let g = s.grant_counts();
    assert_eq!(
        (
            g.refresh_token,
            g.password,
            g.client_credentials,
            g.jwt_bearer
        ),
        (3, 1, 1, 0)
    );
    assert_eq!(g.refused, 8);
    assert_eq!(g.total(), 5);
}

fn assertion(key: &str, iss: &str, sub: &str, aud: &str, exp_in: i64) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let claims = serde_json::json!({ "iss": iss, "sub": sub, "aud": aud, "exp": now + exp_in });
    let pem = std::fs::read(common::data(key)).expect("test key");
    let key = jsonwebtoken::EncodingKey::from_rsa_pem(&pem).expect("RSA key");
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256),
        &claims,
        &key,
    )
    .expect("signed")
}

#[tokio::test]
async fn jwt_bearer_grant_checks_signature_and_claims() {
    let pem = std::fs::read_to_string(common::data("jwt_test_key.pub.pem")).unwrap();
    let s = start_with(Server::builder().jwt_public_key_pem(pem)).await;
    let (id, user, url) = (s.client_id().to_owned(), s.username().to_owned(), s.url());
    let s = &s;
    let grant = |a: String| async move {
        token(
            s,
            &[
                ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                ("assertion", &a),
            ],
        )
        .await
    };
    let good = grant(assertion("jwt_test_key.pem", &id, &user, &url, 180)).await;
    assert_eq!(good.0, 200, "{good:?}");
    ok(s, good.1["access_token"].as_str().unwrap(), list()).await;
    let sf_aud = grant(assertion(
        "jwt_test_key.pem",
        &id,
        &user,
        "https://login.salesforce.com",
        180,
    ))
    .await;
    assert_eq!(sf_aud.0, 200);
    refused(
        &grant(assertion("other_key.pem", &id, &user, &url, 180)).await,
        "invalid_grant",
        "invalid assertion",
    );
    refused(
        &grant(assertion("jwt_test_key.pem", "someone", &user, &url, 180)).await,
        "invalid_client_id",
        "client identifier",
    );
    refused(
        &grant(assertion(
            "jwt_test_key.pem",
            &id,
            &user,
            "https://evil.example",
            180,
        ))
        .await,
        "invalid_grant",
        "audience is invalid",
    );
    refused(
        &grant(assertion("jwt_test_key.pem", &id, &user, &url, -600)).await,
        "invalid_grant",
        "expired",
    );
    refused(
        &grant(assertion(
            "jwt_test_key.pem",
            &id,
            "stranger@x.test",
            &url,
            180,
        ))
        .await,
        "invalid_grant",
        "approved",
    );
    refused(
        &grant("not.a.jwt".to_owned()).await,
        "invalid_grant",
        "invalid assertion",
    );
    // As simple-salesforce writes it: `exp` a string of digits; `aud` may be an array.
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let claims = serde_json::json!({ "iss": id, "sub": user, "aud": [url.clone()], "exp": (now + 120).to_string() });
    let pem = std::fs::read(common::data("jwt_test_key.pem")).unwrap();
    let key = jsonwebtoken::EncodingKey::from_rsa_pem(&pem).unwrap();
    let a = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256),
        &claims,
        &key,
    )
    .unwrap();
    assert_eq!(grant(a).await.0, 200);
    assert_eq!(s.grant_counts().jwt_bearer, 3);

    let plain = start().await;
    let (_, v) = token(
        &plain,
        &[
            ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
            ("assertion", "x"),
        ],
    )
    .await;
    assert_eq!(v["error"], "invalid_grant");
    let bad_key = Server::builder()
        .jwt_public_key_pem("not a key")
        .start()
        .await;
    assert!(matches!(
        bad_key,
        Err(metadata_server::StartError::JwtKey(_))
    ));
}

fn between<'a>(text: &'a str, tag: &str) -> &'a str {
    let open = format!("<{tag}>");
    let start = text
        .find(&open)
        .map(|i| i + open.len())
        .unwrap_or_else(|| panic!("no <{tag}> in {text}"));
    let end = text[start..].find(&format!("</{tag}>")).expect("closed") + start;
    &text[start..end]
}

async fn login(s: &RunningServer, user: &str, pass: &str) -> common::Raw {
    let xml = format!(
        r#"<?xml version="1.0" encoding="utf-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:partner.soap.sforce.com"><soapenv:Body><urn:login><urn:username>{user}</urn:username><urn:password>{pass}</urn:password></urn:login></soapenv:Body></soapenv:Envelope>"#
    );
    let url = format!("{}/services/Soap/u/66.0", s.url());
    post(
        &url,
        &[
            ("Content-Type", "text/xml; charset=UTF-8"),
            ("SOAPAction", "login"),
        ],
        xml.into_bytes(),
    )
    .await
}

#[tokio::test]
async fn partner_login_and_logout() {
    let s = start_with(Server::builder().security_token("TOKEN123")).await;
    let raw = login(&s, s.username(), &format!("{}TOKEN123", s.password())).await;
    let text = raw.text();
    assert_eq!(raw.status, 200, "{text}");
    assert_eq!(between(&text, "metadataServerUrl"), s.metadata_url("66.0"));
    assert!(between(&text, "serverUrl").starts_with(&format!("{}/services/Soap/u/", s.url())));
    assert_eq!(between(&text, "sessionSecondsValid"), "7200");
    assert_eq!(between(&text, "organizationId"), s.org_id());
    let session = between(&text, "sessionId").to_owned();
    ok(&s, &session, list()).await;
    assert_eq!(s.grant_counts().login, 1);

    let bad = login(&s, s.username(), s.password()).await;
    let text = bad.text();
    assert_eq!(bad.status, 500);
    assert!(
        text.contains("<faultcode>sf:INVALID_LOGIN</faultcode>"),
        "{text}"
    );
    assert!(
        text.contains(r#"xmlns:sf="urn:fault.partner.soap.sforce.com""#),
        "{text}"
    );
    assert!(
        text.contains("<sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode>"),
        "{text}"
    );
    assert_eq!(s.grant_counts().refused, 1);

    // Both answers are valid against the schemas inside partner.wsdl.
    if let Some(dir) = common::partner_schema_dir("login") {
        let docs = [
            ("login".to_owned(), raw.body.clone()),
            ("fault".to_owned(), bad.body.clone()),
        ];
        for (name, ok, msg) in common::lint(&dir, "envelope.xsd", &docs).unwrap_or_default() {
            assert!(ok, "{name}: {msg}");
        }
    }

    let logout = format!(
        r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:partner.soap.sforce.com"><soapenv:Header><urn:SessionHeader><urn:sessionId>{session}</urn:sessionId></urn:SessionHeader></soapenv:Header><soapenv:Body><urn:logout/></soapenv:Body></soapenv:Envelope>"#
    );
    let url = format!("{}/services/Soap/u/66.0", s.url());
    let out = post(
        &url,
        &[("Content-Type", "text/xml")],
        logout.clone().into_bytes(),
    )
    .await;
    assert_eq!(out.status, 200, "{}", out.text());
    let (_, f) = fault(&s, Some(&session), list()).await;
    assert_eq!(f.code.local, "INVALID_SESSION_ID");
    assert_eq!(
        post(&url, &[("Content-Type", "text/xml")], logout.into_bytes())
            .await
            .status,
        500
    );
}

/// The project's runtime and generated client against this server: a refresh-token
/// credential, a forced expiry healed by one refresh.
#[tokio::test]
async fn the_runtime_client_refreshes_once_on_expiry() {
    use runtime::auth::{Credential, RefreshTokenGrant, Secret};
    let s = start().await;
    let grant = RefreshTokenGrant::new(&s.url(), s.client_id(), Secret::new(s.refresh_token()))
        .expect("grant")
        .client_secret(Secret::new(s.client_secret()));
    let cred = Credential::builder(grant)
        .api_version("66.0")
        .build()
        .expect("credential");
    let client = metadata::MetadataClient::new(runtime::client::SoapClient::from(cred));
    let query = ListMetadata {
        queries: vec![ListMetadataQuery {
            r#type: "ApexClass".into(),
            folder: None,
        }],
        as_of_version: 66.0,
    };
    client.list_metadata(&query).await.expect("first call");
    assert_eq!(s.refresh_count(), 1);
    s.expire_all_sessions();
    client
        .list_metadata(&query)
        .await
        .expect("healed by a refresh");
    assert_eq!(s.refresh_count(), 2);
    assert_eq!(
        s.call_count("listMetadata"),
        3,
        "one call refused, then retried"
    );
    assert_eq!(s.invalid_session_count(), 1);
}
