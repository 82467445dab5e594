//! Each token source over real TCP (or a fake `sf` program): static, environment,
//! refresh-token, client-credentials, password, JWT bearer (verified with the public key),
//! SOAP login(), the Salesforce CLI.

mod client_support;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use client_support::soap_types::{Echo, EchoResponse, TestHeaders, ops};
use client_support::{FakeOrg, Recorded, Reply, TOKEN_PATH, TestServer, start_org};
use runtime::auth::{
    ClientCredentialsGrant, EnvToken, JwtBearerGrant, PasswordGrant, RefreshTokenGrant, SfCli,
    SoapLogin, StaticToken, TokenSource,
};
use runtime::error::{AuthErrorKind, Error};
use runtime::transport::ReqwestTransport;
use runtime::{AccessToken, Credential, Secret, SoapClient};

fn transport() -> ReqwestTransport {
    ReqwestTransport::new().unwrap()
}

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/auth_data")
        .join(name)
}

/// A token endpoint that records requests and answers like Salesforce.
async fn token_server() -> (Arc<FakeOrg>, TestServer) {
    let org = Arc::new(FakeOrg::default());
    let server = start_org(org.clone()).await;
    (org, server)
}

fn last_grant(server: &TestServer) -> Recorded {
    server
        .recorded()
        .into_iter()
        .rev()
        .find(|r| r.path == TOKEN_PATH)
        .unwrap()
}

#[tokio::test]
async fn static_token_is_handed_out_and_cannot_refresh() {
    let cred =
        Credential::from_token(AccessToken::new("00Dstatic!X", "https://x.example")).unwrap();
    let t = cred.token().await.unwrap();
    assert_eq!(t.token.secret.expose(), "00Dstatic!X");
    assert_eq!(t.generation, 1);
    let err = cred.refresh(t.generation).await.unwrap_err();
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
    assert!(!StaticToken::new(AccessToken::new("a", "https://x")).can_refresh());
}

#[tokio::test]
async fn env_source_reports_missing_variables_by_name() {
    let src = EnvToken::new("NET_TEST_SURELY_UNSET_TOKEN", "NET_TEST_SURELY_UNSET_URL");
    let err = src.fetch(&transport()).await.unwrap_err();
    assert!(
        err.to_string().contains("NET_TEST_SURELY_UNSET_TOKEN"),
        "{err}"
    );
}

/// Environment variables can't be set in-process (`set_var` is unsafe and unsafe code is
/// forbidden), so this test re-runs itself in a child process with them set.
#[test]
fn env_source_reads_its_variables() {
    if std::env::var("NET_TEST_CHILD").is_ok() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let t = rt
            .block_on(EnvToken::default().fetch(&transport()))
            .unwrap();
        assert_eq!(t.secret.expose(), "00Denv!TOKEN");
        assert_eq!(t.instance_url, "https://env.my.salesforce.com");
        let t = rt
            .block_on(EnvToken::new("MY_TOK", "MY_URL").fetch(&transport()))
            .unwrap();
        assert_eq!(t.secret.expose(), "other");
        return;
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "env_source_reads_its_variables",
            "--test-threads=1",
        ])
        .env("NET_TEST_CHILD", "1")
        .env("SF_ACCESS_TOKEN", "00Denv!TOKEN")
        .env("SF_INSTANCE_URL", "https://env.my.salesforce.com/")
        .env("MY_TOK", "other")
        .env("MY_URL", "https://other.example")
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && printed.contains("1 passed"),
        "{printed}"
    );
}

#[tokio::test]
async fn client_credentials_grant_posts_its_form() {
    let (_org, server) = token_server().await;
    let g = ClientCredentialsGrant::new(&server.url, "cid", Secret::new("CS-SECRET")).unwrap();
    let t = g.fetch(&transport()).await.unwrap();
    assert_eq!(t.secret.expose(), "00Dtok!1-SECRET");
    assert_eq!(t.instance_url, server.url);
    assert_eq!(
        t.issued_at,
        Some(UNIX_EPOCH + Duration::from_millis(1_700_000_000_000))
    );
    let r = last_grant(&server);
    assert_eq!(r.method, "POST");
    assert_eq!(
        r.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        r.form_value("grant_type").as_deref(),
        Some("client_credentials")
    );
    assert_eq!(r.form_value("client_id").as_deref(), Some("cid"));
    assert_eq!(r.form_value("client_secret").as_deref(), Some("CS-SECRET"));
}

#[tokio::test]
async fn password_grant_posts_username_and_password() {
    let (_org, server) = token_server().await;
    let g = PasswordGrant::new(&server.url, "cid", "me@x.com", Secret::new("pw&+=TOKEN"))
        .unwrap()
        .client_secret(Secret::new("cs"));
    g.fetch(&transport()).await.unwrap();
    let r = last_grant(&server);
    assert_eq!(r.form_value("grant_type").as_deref(), Some("password"));
    assert_eq!(r.form_value("username").as_deref(), Some("me@x.com"));
    assert_eq!(r.form_value("password").as_deref(), Some("pw&+=TOKEN"));
    assert_eq!(g.username(), Some("me@x.com"));
}

#[tokio::test]
async fn token_endpoint_errors_are_auth_errors_without_secrets() {
    let (org, server) = token_server().await;
    org.fail_grants
        .store(true, std::sync::atomic::Ordering::SeqCst);
    let g = RefreshTokenGrant::new(&server.url, "cid", Secret::new("RT-SECRET")).unwrap();
    let err = g.fetch(&transport()).await.unwrap_err();
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
    let text = format!("{err} {err:?}");
    assert!(
        text.contains("invalid_grant") && !text.contains("RT-SECRET"),
        "{text}"
    );
}

#[tokio::test]
async fn unreadable_token_json_never_quotes_the_body() {
    let server = TestServer::start(Arc::new(|_| {
        Reply::new(
            200,
            "application/json",
            r#"{"access_token": "LEAKY-TOKEN", "instance_url": 5}"#,
        )
    }))
    .await;
    let g = RefreshTokenGrant::new(&server.url, "cid", Secret::new("r")).unwrap();
    let err = g.fetch(&transport()).await.unwrap_err();
    assert!(!format!("{err} {err:?}").contains("LEAKY-TOKEN"), "{err:?}");
}

#[tokio::test]
async fn jwt_bearer_sends_an_rs256_assertion_the_public_key_verifies() {
    let (_org, server) = token_server().await;
    let g = JwtBearerGrant::from_key_file(
        &server.url,
        "3MVG9client",
        "ci@acme.com",
        &data("jwt_test_only_key.pem"),
    )
    .unwrap();
    let t = g.fetch(&transport()).await.unwrap();
    assert_eq!(t.secret.expose(), "00Dtok!1-SECRET");
    let r = last_grant(&server);
    assert_eq!(
        r.form_value("grant_type").as_deref(),
        Some("urn:ietf:params:oauth:grant-type:jwt-bearer")
    );
    let assertion = r.form_value("assertion").unwrap();
    let public = std::fs::read(data("jwt_test_only_key.pub.pem")).unwrap();
    let key = jsonwebtoken::DecodingKey::from_rsa_pem(&public).unwrap();
    let mut v = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    v.set_audience(&[server.url.as_str()]);
    v.set_issuer(&["3MVG9client"]);
    v.sub = Some("ci@acme.com".into());
    let claims = jsonwebtoken::decode::<serde_json::Value>(&assertion, &key, &v)
        .unwrap()
        .claims;
    let exp = claims["exp"].as_u64().unwrap();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(exp > now && exp <= now + 180, "exp {exp} now {now}");
}

#[tokio::test]
async fn jwt_bearer_rejects_a_bad_key_without_quoting_it() {
    let err = JwtBearerGrant::new(
        "https://login.salesforce.com",
        "c",
        "u",
        Secret::new("-----BEGIN PRIVATE KEY-----\nNOTAKEY-SECRETBYTES\n-----END PRIVATE KEY-----"),
    )
    .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err}");
    assert!(!format!("{err} {err:?}").contains("SECRETBYTES"));
}

/// A partner endpoint answering login().
async fn login_server() -> TestServer {
    let s = Arc::new(std::sync::Mutex::new(String::new()));
    let base = s.clone();
    let server = TestServer::start(Arc::new(move |r| {
        let body = r.text();
        let url = base.lock().unwrap().clone();
        if body.contains("<password>p&lt;w&amp;d</password>") && body.contains("<username>u@x.com</username>") {
            Reply::xml(200, login_ok(&url))
        } else {
            Reply::xml(500, client_support::soap_types::fault_xml(
                "sf:INVALID_LOGIN",
                "INVALID_LOGIN: Invalid username, password, security token; or user locked out.",
            ))
        }
    }))
    .await;
    *s.lock().unwrap() = server.url.clone();
    server
}

fn login_ok(url: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com"><soapenv:Body><loginResponse><result><metadataServerUrl>{url}/services/Soap/m/66.0/00Dx0000000001</metadataServerUrl><passwordExpired>false</passwordExpired><sandbox>false</sandbox><serverUrl>{url}/services/Soap/u/66.0/00Dx0000000001</serverUrl><sessionId>00Dx!LOGIN&amp;SESSION</sessionId><userId>005x</userId><userInfo><sessionSecondsValid>7200</sessionSecondsValid></userInfo></result></loginResponse></soapenv:Body></soapenv:Envelope>"#
    )
}

#[tokio::test]
async fn soap_login_returns_session_and_metadata_url() {
    let server = login_server().await;
    let src = SoapLogin::new(&server.url, "66.0", "u@x.com", Secret::new("p<w&d")).unwrap();
    let t = src.fetch(&transport()).await.unwrap();
    assert_eq!(t.secret.expose(), "00Dx!LOGIN&SESSION");
    assert_eq!(t.instance_url, server.url);
    assert_eq!(
        t.metadata_url.as_deref(),
        Some(format!("{}/services/Soap/m/66.0/00Dx0000000001", server.url).as_str())
    );
    let left = t
        .expires_at
        .unwrap()
        .duration_since(SystemTime::now())
        .unwrap();
    assert!(left > Duration::from_secs(7100) && left <= Duration::from_secs(7200));
    let r = &server.recorded()[0];
    assert_eq!(r.path, "/services/Soap/u/66.0");
    assert_eq!(r.header("soapaction"), Some("\"\""));
}

#[tokio::test]
async fn soap_login_invalid_login_is_an_auth_error() {
    let server = login_server().await;
    let src = SoapLogin::new(&server.url, "66.0", "u@x.com", Secret::new("WRONG-PW")).unwrap();
    let err = src.fetch(&transport()).await.unwrap_err();
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
    let text = format!("{err} {err:?}");
    assert!(
        text.contains("INVALID_LOGIN") && !text.contains("WRONG-PW"),
        "{text}"
    );
}

#[tokio::test]
async fn soap_client_over_login_calls_the_metadata_server_url() {
    let org = Arc::new(FakeOrg::default());
    org.valid
        .lock()
        .unwrap()
        .insert("00Dx!LOGIN&amp;SESSION".into());
    let api = start_org(org).await;
    // A login endpoint whose metadataServerUrl points at the API server.
    let api_url = api.url.clone();
    let login = TestServer::start(Arc::new(move |_| Reply::xml(200, login_ok(&api_url)))).await;
    let src = SoapLogin::new(&login.url, "66.0", "u", Secret::new("p")).unwrap();
    let client = SoapClient::new(Credential::builder(src).build().unwrap());
    let resp: EchoResponse = client
        .call(
            &ops::READ_ECHO,
            &TestHeaders::default(),
            &Echo { text: "md".into() },
        )
        .await
        .unwrap();
    assert_eq!(resp.result, "md");
    assert_eq!(
        api.recorded()[0].path,
        "/services/Soap/m/66.0/00Dx0000000001"
    );
}

/// Writes an executable shell script into a fresh temporary directory.
fn script(name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("net-sf-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sf");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[tokio::test]
async fn sf_cli_output_gives_token_and_instance() {
    let sf = script(
        "ok",
        r#"[ "$1 $2 $3 $4 $5" = "org display --json --target-org myorg" ] || { echo '{"status":1,"message":"bad args"}'; exit 2; }
echo '{"status":0,"result":{"id":"00Dx","accessToken":"00Dcli!TOKEN","instanceUrl":"https://cli.my.salesforce.com","username":"u@x.com"}}'"#,
    );
    let src = SfCli::new().program(&sf).target_org("myorg");
    let t = src.fetch(&transport()).await.unwrap();
    assert_eq!(t.secret.expose(), "00Dcli!TOKEN");
    assert_eq!(t.instance_url, "https://cli.my.salesforce.com");
}

#[tokio::test]
async fn sf_cli_failures_are_auth_errors_with_the_cli_message() {
    let sf = script(
        "fail",
        r#"echo '{"status":1,"name":"NamedOrgNotFound","message":"No authorization information found for nope."}'; exit 1"#,
    );
    let err = SfCli::new()
        .program(&sf)
        .target_org("nope")
        .fetch(&transport())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Auth {
                kind: AuthErrorKind::TokenFetch,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string().contains("No authorization information"),
        "{err}"
    );

    let missing = SfCli::new()
        .program("/nonexistent/sf")
        .fetch(&transport())
        .await
        .unwrap_err();
    assert!(missing.to_string().contains("could not start"), "{missing}");

    let garbage = script("garbage", "echo 'accessToken=LEAK not json'");
    let err = SfCli::new()
        .program(&garbage)
        .fetch(&transport())
        .await
        .unwrap_err();
    assert!(!err.to_string().contains("LEAK"), "{err}");

    let slow = script("slow", "sleep 5");
    let started = std::time::Instant::now();
    let err = SfCli::new()
        .program(&slow)
        .timeout(Duration::from_millis(200))
        .fetch(&transport())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("did not finish"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn soap_login_hostile_or_broken_answers_are_errors() {
    let answers = [
        (200, "<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>"),
        (200, "not xml at all"),
        (
            200,
            "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><loginResponse><result><sessionId>x</sessionId>",
        ),
        (
            200,
            "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><r/></s:Body></s:Envelope>",
        ),
        (503, "<html>down</html>"),
    ];
    for (status, body) in answers {
        let server =
            TestServer::start(Arc::new(move |_| Reply::new(status, "text/xml", body))).await;
        let src = SoapLogin::new(&server.url, "66.0", "u", Secret::new("p")).unwrap();
        let err = src.fetch(&transport()).await.unwrap_err();
        assert!(
            matches!(
                err,
                Error::Auth { .. } | Error::HttpStatus { status: 503, .. }
            ),
            "{body}: {err}"
        );
    }
}
