//! `cargo run -p metadata --example jwt_org`: a real org through the OAuth 2.0 JWT bearer
//! flow, the usual setup for CI. It needs an org, and says so without one.
//!
//! Setup: a connected app with "Use digital signatures" (the certificate of your key pair),
//! the user pre-authorised, then
//!
//! ```text
//! export SF_CLIENT_ID=3MVG9...            # the connected app's consumer key
//! export SF_USERNAME=ci@acme.com
//! export SF_JWT_KEY_FILE=server.key       # PEM RSA private key
//! export SF_LOGIN_URL=https://test.salesforce.com   # optional (sandboxes)
//! cargo run -p metadata --example jwt_org
//! ```
//!
//! The same entry in a credentials file (what the example builds from the variables):
//!
//! ```toml
//! [CiOrg]
//! api_version = "66.0"
//! [CiOrg.auth]
//! type = "jwt_bearer"
//! client_id_env = "SF_CLIENT_ID"
//! username = "ci@acme.com"
//! key_file = "server.key"
//! ```

mod common;

use std::process::ExitCode;

use metadata::MetadataClient;
use runtime::NamedCredentials;

const HOW: &str = "Set SF_CLIENT_ID (consumer key of a connected app with a certificate), \
SF_USERNAME (a pre-authorised user) and SF_JWT_KEY_FILE (the PEM private key), and \
optionally SF_LOGIN_URL (default https://login.salesforce.com). \
For an offline run against the local server: cargo run -p metadata --example demo";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let missing: Vec<&str> = ["SF_CLIENT_ID", "SF_USERNAME", "SF_JWT_KEY_FILE"]
        .into_iter()
        .filter(|v| std::env::var_os(v).is_none_or(|s| s.is_empty()))
        .collect();
    if !missing.is_empty() {
        return common::needs_an_org(&format!("{} not set", missing.join(", ")), HOW);
    }
    let key_file = std::env::var("SF_JWT_KEY_FILE").unwrap_or_default();
    let username = std::env::var("SF_USERNAME").unwrap_or_default();
    let login_url =
        std::env::var("SF_LOGIN_URL").unwrap_or_else(|_| "https://login.salesforce.com".into());
    // No secret goes into the TOML: the key stays in its file, the consumer key in its
    // variable.
    let toml = format!(
        "[CiOrg]\napi_version = \"66.0\"\n[CiOrg.auth]\ntype = \"jwt_bearer\"\n\
         login_url = {login_url:?}\nclient_id_env = \"SF_CLIENT_ID\"\n\
         username = {username:?}\nkey_file = {key_file:?}\n"
    );
    let credential = match NamedCredentials::from_toml(&toml).and_then(|c| c.get("CiOrg")) {
        Ok(c) => c,
        Err(e) => return common::failed(&e),
    };
    let md = MetadataClient::new(credential.into());
    match common::tour(&md).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => common::failed(&e),
    }
}
