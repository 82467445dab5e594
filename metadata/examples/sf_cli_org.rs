//! `cargo run -p metadata --example sf_cli_org -- [ALIAS]`: a real org through the
//! Salesforce CLI's stored authorisation (`sf org display --json`), the usual setup on a
//! developer's machine. It needs the `sf` CLI and an org, and says so without them.
//!
//! ```text
//! sf org login web --alias my-org
//! cargo run -p metadata --example sf_cli_org -- my-org    # or SF_TARGET_ORG=my-org
//! ```
//!
//! The same entry in a credentials file:
//!
//! ```toml
//! [Dev]
//! api_version = "66.0"
//! [Dev.auth]
//! type = "sf_cli"
//! target_org = "my-org"
//! ```

mod common;

use std::path::Path;
use std::process::ExitCode;

use metadata::MetadataClient;
use runtime::NamedCredentials;

const HOW: &str = "Install the Salesforce CLI (https://developer.salesforce.com/tools/salesforcecli), \
authorise an org with `sf org login web --alias my-org`, then run \
`cargo run -p metadata --example sf_cli_org -- my-org`. \
For an offline run against the local server: cargo run -p metadata --example demo";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    if !on_path("sf") {
        return common::needs_an_org("the `sf` command is not on PATH", HOW);
    }
    let alias = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("SF_TARGET_ORG").ok());
    let mut toml = String::from("[Dev]\napi_version = \"66.0\"\n[Dev.auth]\ntype = \"sf_cli\"\n");
    if let Some(a) = &alias {
        toml.push_str(&format!("target_org = {a:?}\n"));
    }
    let credential = match NamedCredentials::from_toml(&toml).and_then(|c| c.get("Dev")) {
        Ok(c) => c,
        Err(e) => return common::failed(&e),
    };
    let md = MetadataClient::new(credential.into());
    match common::tour(&md).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("(is the org authorised? `sf org list` shows the CLI's orgs)");
            common::failed(&e)
        }
    }
}

/// Whether `program` is an executable file in a directory of `PATH`.
fn on_path(program: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| is_file(&dir.join(program)))
}

fn is_file(p: &Path) -> bool {
    p.is_file() || p.with_extension("exe").is_file()
}
