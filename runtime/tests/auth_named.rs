//! Named credentials: the TOML file (secret references, the plaintext rule, errors),
//! `callout:` resolution, and merge fields in REST-style requests over real TCP.

mod client_support;

use std::path::PathBuf;
use std::sync::Arc;

use client_support::{FakeOrg, Recorded, Reply, TestServer, start_org};
use runtime::error::Error;
use runtime::transport::Method;
use runtime::{NamedCredentials, RestClient, RestRequest};

fn config_err(text: &str) -> String {
    match NamedCredentials::from_toml(text) {
        Err(Error::Config { message }) => message,
        Err(other) => panic!("not a config error: {other}"),
        Ok(_) => panic!("accepted:\n{text}"),
    }
}

#[test]
fn clear_text_secrets_are_refused_unless_allowed() {
    let text = r#"
        [Org]
        url = "https://acme.my.salesforce.com"
        [Org.auth]
        type = "refresh_token"
        client_id = "cid"
        refresh_token = "5Aep-CLEAR-SECRET"
    "#;
    let msg = config_err(text);
    assert!(
        msg.contains("[Org.auth]") && msg.contains("`refresh_token`"),
        "{msg}"
    );
    assert!(!msg.contains("CLEAR-SECRET"), "{msg}");
    let allowed = text.replace("[Org.auth]", "allow_plaintext_secrets = true\n[Org.auth]");
    let named = NamedCredentials::from_toml(&allowed).unwrap();
    assert!(named.get("Org").is_ok());
    assert!(!format!("{named:?} {:?}", named.get("Org").unwrap()).contains("CLEAR-SECRET"));
}

#[test]
fn malformed_files_say_what_and_where() {
    let cases = [
        ("not toml [", "not valid TOML"),
        ("[Org]\nurl = \"https://x\"", "`auth` is required"),
        ("[Org]\n[Org.auth]\ntype = \"magic\"", "unknown auth type"),
        (
            "[Org]\ncolour = 1\n[Org.auth]\ntype = \"env\"",
            "unknown key(s): colour",
        ),
        (
            "[Org]\n[Org.auth]\ntype = \"env\"\ntoken_var = 5",
            "must be a string",
        ),
        (
            "[Org]\n[Org.auth]\ntype = \"static\"\ntoken_env = \"A\"\ntoken_file = \"b\"",
            "give only one of",
        ),
        (
            "[Org]\n[Org.auth]\ntype = \"jwt_bearer\"\nclient_id = \"c\"",
            "`username` is required",
        ),
        (
            "[Org]\nurl = \"not a url\"\n[Org.auth]\ntype = \"env\"",
            "invalid URL",
        ),
        ("Org = 5", "must be a table"),
    ];
    for (text, want) in cases {
        let msg = config_err(text);
        assert!(msg.contains(want), "{text:?}: {msg}");
    }
}

#[test]
fn unknown_names_and_unset_variables_are_config_errors() {
    let named = NamedCredentials::from_toml(
        "[Org]\nurl = \"https://x.example\"\n[Org.auth]\ntype = \"static\"\ntoken_env = \"NET_TEST_UNSET_VAR\"",
    )
    .unwrap();
    let err = named.get("Nope").unwrap_err();
    assert!(
        err.to_string().contains("no credential named \"Nope\""),
        "{err}"
    );
    let err = named.get("Org").unwrap_err();
    assert!(err.to_string().contains("NET_TEST_UNSET_VAR"), "{err}");
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("net-named-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn secrets_come_from_files_relative_to_the_config_and_from_env() {
    let dir = temp_dir("files");
    std::fs::write(dir.join("token.txt"), "00Dfile!TOKEN\n").unwrap();
    std::fs::write(
        dir.join("creds.toml"),
        r#"
        [FromFile]
        url = "https://file.example"
        api_version = "60.0"
        [FromFile.auth]
        type = "static"
        token_file = "token.txt"

        [FromEnv]
        [FromEnv.auth]
        type = "static"
        instance_url = "https://env.example"
        token_env = "PATH"
        "#,
    )
    .unwrap();
    let named = NamedCredentials::load(dir.join("creds.toml")).unwrap();
    assert_eq!(named.names().collect::<Vec<_>>(), ["FromEnv", "FromFile"]);
    let file = named.get("FromFile").unwrap();
    assert_eq!(file.api_version(), "60.0");
    assert_eq!(
        file.token().await.unwrap().token.secret.expose(),
        "00Dfile!TOKEN"
    );
    let env = named.get("FromEnv").unwrap();
    let t = env.token().await.unwrap();
    assert_eq!(t.token.secret.expose(), std::env::var("PATH").unwrap());
    assert_eq!(t.token.instance_url, "https://env.example");
}

#[tokio::test]
async fn one_name_shares_one_session() {
    let named = NamedCredentials::from_toml(
        "[Org]\nurl = \"https://x.example\"\nallow_plaintext_secrets = true\n[Org.auth]\ntype = \"static\"\ntoken = \"t\"",
    )
    .unwrap();
    let a = named.get("Org").unwrap();
    let b = named.get("Org").unwrap();
    a.token().await.unwrap();
    assert!(std::ptr::eq(a.session(), b.session()));
}

#[test]
fn callout_urls_resolve_to_the_entry_url_path_and_query() {
    let named = NamedCredentials::from_toml(
        "[My_Org]\nurl = \"https://acme.my.salesforce.com/\"\n[My_Org.auth]\ntype = \"env\"",
    )
    .unwrap();
    let (cred, url) = named
        .resolve("callout:My_Org/services/data/v66.0/query?q=SELECT+Id+FROM+Account")
        .unwrap();
    assert_eq!(cred.name(), Some("My_Org"));
    assert_eq!(
        url.as_str(),
        "https://acme.my.salesforce.com/services/data/v66.0/query?q=SELECT+Id+FROM+Account"
    );
    let (_, bare) = named.resolve("callout:My_Org").unwrap();
    assert_eq!(bare.as_str(), "https://acme.my.salesforce.com/");
    let (_, q) = named.resolve("callout:My_Org?x=1").unwrap();
    assert_eq!(q.as_str(), "https://acme.my.salesforce.com/?x=1");
    assert!(named.resolve("callout:Other/x").is_err());
    assert!(named.resolve("https://acme.my.salesforce.com/x").is_err());
}

/// An org whose token endpoint issues tokens, and whose other paths echo the request's
/// headers and body (401 when the Authorization header holds no valid token).
async fn rest_org() -> (Arc<FakeOrg>, TestServer) {
    let org = Arc::new(FakeOrg::default());
    let o = org.clone();
    let server = TestServer::start(Arc::new(move |r: &Recorded| {
        if r.path == client_support::TOKEN_PATH {
            return o.handle(r);
        }
        let auth = r.header("authorization").unwrap_or("");
        let token = auth.strip_prefix("Bearer ").unwrap_or("");
        let rejected = r.path == "/always401" || !o.valid.lock().unwrap().contains(token);
        if r.path != "/open" && rejected {
            return Reply::new(
                401,
                "application/json",
                r#"[{"errorCode":"INVALID_SESSION_ID"}]"#,
            );
        }
        let echo = format!(
            "auth={auth}\nx-user={}\nbody={}",
            r.header("x-user").unwrap_or(""),
            r.text()
        );
        Reply::new(200, "text/plain", echo)
    }))
    .await;
    *org.instance_url.lock().unwrap() = server.url.clone();
    (org, server)
}

fn named_for(server: &TestServer, in_header: bool, in_body: bool) -> Arc<NamedCredentials> {
    let text = format!(
        r#"
        [Org]
        url = "{url}"
        allow_merge_fields_in_header = {in_header}
        allow_merge_fields_in_body = {in_body}
        allow_plaintext_secrets = true
        username = "me@acme.com"
        password = "p<&>\"'w"
        [Org.auth]
        type = "refresh_token"
        client_id = "cid"
        refresh_token = "rt"
        "#,
        url = server.url
    );
    Arc::new(NamedCredentials::from_toml(&text).unwrap())
}

fn merge_request(path: &str) -> RestRequest {
    RestRequest::new(Method::POST, format!("callout:Org{path}"))
        .header("Authorization", "Bearer {!$Credential.OAuthToken}")
        .header("X-User", "{!HTMLENCODE($Credential.Username)}")
        .body("<login><u>{!$Credential.Username}</u><p>{!$Credential.Password}</p></login>")
}

async fn send(named: Arc<NamedCredentials>, req: RestRequest) -> String {
    let resp = RestClient::new(named).send(req).await.unwrap();
    assert_eq!(
        resp.status.as_u16(),
        200,
        "{}",
        String::from_utf8_lossy(&resp.body)
    );
    String::from_utf8(resp.body).unwrap()
}

#[tokio::test]
async fn merge_fields_are_substituted_where_allowed_and_escaped_in_bodies() {
    let (_org, server) = rest_org().await;
    let out = send(named_for(&server, true, true), merge_request("/open")).await;
    assert!(out.contains("auth=Bearer 00Dtok!1-SECRET\n"), "{out}");
    assert!(out.contains("x-user=me@acme.com\n"), "{out}");
    assert!(
        out.contains("body=<login><u>me@acme.com</u><p>p&lt;&amp;&gt;&quot;&apos;w</p></login>"),
        "{out}"
    );
}

#[tokio::test]
async fn merge_fields_are_sent_verbatim_where_not_allowed() {
    let (org, server) = rest_org().await;
    let out = send(named_for(&server, false, false), merge_request("/open")).await;
    assert!(
        out.contains("auth=Bearer {!$Credential.OAuthToken}\n"),
        "{out}"
    );
    assert!(
        out.contains("body=<login><u>{!$Credential.Username}</u>"),
        "{out}"
    );
    assert_eq!(org.grants(), 0, "no token fetched when none is merged");

    let out = send(named_for(&server, true, false), merge_request("/open")).await;
    assert!(out.contains("auth=Bearer 00Dtok!1-SECRET"), "{out}");
    assert!(out.contains("<p>{!$Credential.Password}</p>"), "{out}");

    let out = send(named_for(&server, false, true), merge_request("/open")).await;
    assert!(
        out.contains("auth=Bearer {!$Credential.OAuthToken}"),
        "{out}"
    );
    assert!(out.contains("<u>me@acme.com</u>"), "{out}");
}

#[tokio::test]
async fn a_401_refreshes_the_merged_token_once() {
    let (org, server) = rest_org().await;
    let named = named_for(&server, true, false);
    send(named.clone(), merge_request("/secure")).await;
    org.expire_all();
    let out = send(named.clone(), merge_request("/secure")).await;
    assert!(out.contains("auth=Bearer 00Dtok!2-SECRET"), "{out}");
    assert_eq!(org.grants(), 2);
    // An endpoint that rejects every token: one refresh, then its 401 is returned as is.
    let resp = RestClient::new(named)
        .send(merge_request("/always401"))
        .await
        .unwrap();
    assert_eq!(resp.status.as_u16(), 401);
    assert_eq!(org.grants(), 3);
    assert_eq!(server.count("/always401"), 2);
}

#[tokio::test]
async fn a_merge_field_for_a_missing_value_or_unknown_name_is_an_error() {
    let (_org, server) = rest_org().await;
    let named = named_for(&server, true, true);
    let err = RestClient::new(named.clone())
        .send(RestRequest::new(Method::GET, "callout:Org/x").header("X", "{!$Credential.Pin}"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("unknown merge field"), "{err}");
    let err = RestClient::new(named)
        .send(RestRequest::new(Method::GET, "callout:Org/x").header("X", "a\r\nInjected: 1"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err}");
}

#[tokio::test]
async fn merge_into_a_header_value_cannot_inject_headers() {
    // A username holding CR/LF must not split the header.
    let (_org, server) = rest_org().await;
    let text = format!(
        "[Org]\nurl = \"{}\"\nallow_merge_fields_in_header = true\nusername = \"a\\r\\nX-Evil: 1\"\n[Org.auth]\ntype = \"env\"",
        server.url
    );
    let named = Arc::new(NamedCredentials::from_toml(&text).unwrap());
    let req =
        RestRequest::new(Method::GET, "callout:Org/x").header("X-User", "{!$Credential.Username}");
    let err = RestClient::new(named).send(req).await.unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err}");
    assert!(server.recorded().is_empty());
}

#[tokio::test]
async fn soap_client_endpoint_from_a_callout_url() {
    let org = Arc::new(FakeOrg::default());
    let server = start_org(org.clone()).await;
    let named = named_for(&server, false, false);
    let cred = named.get("Org").unwrap();
    let client = runtime::SoapClient::builder(cred)
        .endpoint_url("callout:Org/services/Soap/m/66.0")
        .unwrap()
        .build();
    use client_support::soap_types::{Echo, EchoResponse, TestHeaders, ops};
    let resp: EchoResponse = client
        .call(
            &ops::READ_ECHO,
            &TestHeaders::default(),
            &Echo { text: "c".into() },
        )
        .await
        .unwrap();
    assert_eq!(resp.result, "c");
}
