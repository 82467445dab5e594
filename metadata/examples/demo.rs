//! `cargo run -p metadata --example demo`: the Metadata API end to end, offline.
//!
//! Starts the local Metadata API server on a loopback port, writes a named-credential file
//! for it (an OAuth refresh-token entry whose secrets live in files beside it, never in
//! the TOML), and then, through the generated `MetadataClient` and this crate's helpers:
//! listMetadata, a polymorphic readMetadata, createMetadata, a deploy and a retrieve with
//! progress, and a session expired on purpose and healed by one token refresh and retry.
//!
//! No Salesforce org and no network needed. `tests/demo.rs` runs the same flow as a test.

use std::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use metadata::{
    AnyMetadata, CustomObject, DeployOptions, MetadataClient, Outcome, PollOptions, SharingModel,
};
use metadata_server::{AsyncSteps, RunningServer, Server};
use runtime::NamedCredentials;

/// Where the demo prints: stdout for the example, a buffer in the test.
pub struct Out(pub Mutex<Box<dyn Write + Send>>);

impl std::fmt::Debug for Out {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Out")
    }
}

impl Out {
    fn line(&self, text: impl AsRef<str>) {
        let mut w = self.0.lock().unwrap_or_else(|p| p.into_inner());
        // Printing is best effort: a closed stdout must not abort the demo.
        let _ = writeln!(w, "{}", text.as_ref());
    }
}

/// What the demo observed, for the test to check.
#[derive(Debug, Default)]
pub struct Report {
    pub listed: Vec<String>,
    pub read_types: Vec<String>,
    pub created: Vec<(String, bool)>,
    pub deploy_progress: Vec<String>,
    pub deploy_status: String,
    pub retrieve_progress: Vec<String>,
    pub retrieved_identical: bool,
    pub refreshes_before_expiry: u64,
    pub refreshes_after_expiry: u64,
    pub invalid_session_faults: u64,
}

#[allow(dead_code)] // the test includes this file and calls `run` only
#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> std::process::ExitCode {
    let out = Out(Mutex::new(Box::new(std::io::stdout())));
    match run(&out).await {
        Ok(_) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("demo failed: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// The whole demo. `work` files go to a fresh temp directory.
pub async fn run(out: &Out) -> Result<Report, Box<dyn Error>> {
    let mut report = Report::default();
    let server = Server::builder()
        .sample_data(true)
        .deploy_steps(AsyncSteps {
            pending: 1,
            in_progress: 2,
        })
        .retrieve_steps(AsyncSteps {
            pending: 1,
            in_progress: 1,
        })
        .start()
        .await?;
    out.line(format!(
        "local Metadata API server listening on {}",
        server.url()
    ));
    let work = work_dir()?;
    let md = connect(&server, &work, out)?;

    list(&md, out, &mut report).await?;
    read(&md, out, &mut report).await?;
    create(&md, out, &mut report).await?;
    let deployed = deploy(&md, &work, out, &mut report).await?;
    retrieve(&md, &work, &deployed, out, &mut report).await?;
    expire_and_heal(&md, &server, out, &mut report).await?;

    out.line("done.");
    let _ = std::fs::remove_dir_all(&work);
    server.shutdown().await;
    Ok(report)
}

fn work_dir() -> Result<PathBuf, Box<dyn Error>> {
    let dir = std::env::temp_dir().join(format!("metadata-demo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Writes `credentials.toml` (+ secret files) and builds the client from its entry.
fn connect(
    server: &RunningServer,
    dir: &Path,
    out: &Out,
) -> Result<MetadataClient, Box<dyn Error>> {
    std::fs::write(dir.join("refresh_token"), server.refresh_token())?;
    std::fs::write(dir.join("client_secret"), server.client_secret())?;
    let toml = format!(
        "# A named credential, as Salesforce's Named Credentials hold them.\n\
         [LocalOrg]\n\
         url = \"{url}\"\n\
         api_version = \"66.0\"\n\n\
         [LocalOrg.auth]\n\
         type = \"refresh_token\"\n\
         login_url = \"{url}\"\n\
         client_id = \"{client_id}\"\n\
         client_secret_file = \"client_secret\"\n\
         refresh_token_file = \"refresh_token\"\n",
        url = server.url(),
        client_id = server.client_id(),
    );
    let path = dir.join("credentials.toml");
    std::fs::write(&path, &toml)?;
    out.line(format!("\nnamed credential written to {}:", path.display()));
    for l in toml.lines() {
        out.line(format!("    {l}"));
    }
    let creds = NamedCredentials::load(&path)?;
    Ok(MetadataClient::new(creds.get("LocalOrg")?.into()))
}

async fn list(md: &MetadataClient, out: &Out, r: &mut Report) -> Result<(), Box<dyn Error>> {
    out.line("\n== listMetadata (CustomObject, ApexClass)");
    let files = md.list_many(["CustomObject", "ApexClass"]).await?;
    for f in &files {
        out.line(format!(
            "    {:<14} {:<20} {}",
            f.r#type, f.full_name, f.file_name
        ));
        r.listed.push(format!("{}:{}", f.r#type, f.full_name));
    }
    Ok(())
}

/// readMetadata holds `AnyMetadata`: one match handles every type it may carry.
async fn read(md: &MetadataClient, out: &Out, r: &mut Report) -> Result<(), Box<dyn Error>> {
    let objects: Vec<String> = r
        .listed
        .iter()
        .filter_map(|n| n.strip_prefix("CustomObject:").map(str::to_owned))
        .collect();
    let classes: Vec<String> = r
        .listed
        .iter()
        .filter_map(|n| n.strip_prefix("ApexClass:").map(str::to_owned))
        .collect();
    out.line(format!(
        "\n== readMetadata: {} CustomObject, {} ApexClass",
        objects.len(),
        classes.len()
    ));
    let mut records = md.read_many("CustomObject", objects).await?.records;
    records.extend(md.read_many("ApexClass", classes).await?.records);
    for record in &records {
        let line = match record {
            AnyMetadata::CustomObject(o) => format!(
                "CustomObject {} ({} fields, sharing {:?})",
                o.full_name.as_deref().unwrap_or("?"),
                o.fields.len(),
                o.sharing_model
            ),
            AnyMetadata::ApexClass(c) => format!(
                "ApexClass {} (API {:.1}, {} bytes of source)",
                c.full_name.as_deref().unwrap_or("?"),
                c.api_version,
                c.content.as_ref().map_or(0, Vec::len)
            ),
            other => format!("{} (another type)", other.type_name()),
        };
        out.line(format!("    {line}"));
        r.read_types.push(record.type_name().to_owned());
    }
    Ok(())
}

async fn create(md: &MetadataClient, out: &Out, r: &mut Report) -> Result<(), Box<dyn Error>> {
    out.line("\n== createMetadata: two custom objects");
    let object = |name: &str, label: &str| {
        AnyMetadata::CustomObject(Box::new(CustomObject {
            full_name: Some(name.to_owned()),
            label: Some(label.to_owned()),
            plural_label: Some(format!("{label}s")),
            sharing_model: Some(SharingModel::ReadWrite),
            ..Default::default()
        }))
    };
    let results = md
        .create_many([
            object("Demo_Order__c", "Demo Order"),
            object("Demo_Shipment__c", "Demo Shipment"),
        ])
        .await?;
    for s in results {
        let why: Vec<&str> = s.errors.iter().map(|e| e.message.as_str()).collect();
        out.line(format!(
            "    {:<18} success={} {}",
            s.full_name,
            s.success,
            why.join("; ")
        ));
        r.created.push((s.full_name, s.success));
    }
    Ok(())
}

const PACKAGE_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata">
    <types>
        <members>DemoGreeter</members>
        <name>ApexClass</name>
    </types>
    <version>66.0</version>
</Package>
"#;

const CLASS: &str = "public with sharing class DemoGreeter {\n    public static String greet(String name) {\n        return 'Hello, ' + name;\n    }\n}\n";

const CLASS_META: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>66.0</apiVersion>
    <status>Active</status>
</ApexClass>
"#;

fn polling() -> PollOptions {
    PollOptions {
        initial_interval: Duration::from_millis(200),
        max_interval: Duration::from_secs(1),
        timeout: Some(Duration::from_secs(60)),
    }
}

/// Deploys a directory in Metadata API format; returns it.
async fn deploy(
    md: &MetadataClient,
    work: &Path,
    out: &Out,
    r: &mut Report,
) -> Result<PathBuf, Box<dyn Error>> {
    let dir = work.join("mdapi");
    std::fs::create_dir_all(dir.join("classes"))?;
    std::fs::write(dir.join("package.xml"), PACKAGE_XML)?;
    std::fs::write(dir.join("classes/DemoGreeter.cls"), CLASS)?;
    std::fs::write(dir.join("classes/DemoGreeter.cls-meta.xml"), CLASS_META)?;
    out.line(format!(
        "\n== deploy {} (package.xml + 1 class)",
        dir.display()
    ));
    let mut progress = Vec::new();
    let options = DeployOptions {
        single_package: true,
        rollback_on_error: true,
        ..Default::default()
    };
    let outcome = md
        .deploy_dir(&dir, options)
        .poll_options(polling())
        .on_progress(|s| {
            let line = format!(
                "{:?} {}/{}",
                s.status, s.number_components_deployed, s.number_components_total
            );
            out.line(format!("    deploy {}: {line}", s.id));
            progress.push(line);
        })
        .await?;
    r.deploy_progress = progress;
    let Outcome::Done(result) = outcome else {
        return Err("the deploy did not finish within the demo's timeout".into());
    };
    r.deploy_status = format!("{:?}", result.status);
    out.line(format!(
        "    result: {:?}, success={}",
        result.status, result.success
    ));
    Ok(dir)
}

/// Retrieves the deployed class and checks the bytes came back unchanged.
async fn retrieve(
    md: &MetadataClient,
    work: &Path,
    deployed: &Path,
    out: &Out,
    r: &mut Report,
) -> Result<(), Box<dyn Error>> {
    out.line("\n== retrieve ApexClass DemoGreeter");
    let mut progress = Vec::new();
    let outcome = md
        .retrieve_types([("ApexClass", ["DemoGreeter"])])
        .poll_options(polling())
        .on_progress(|s| {
            out.line(format!("    retrieve {}: {:?}", s.id, s.status));
            progress.push(format!("{:?}", s.status));
        })
        .await?;
    r.retrieve_progress = progress;
    let Outcome::Done(result) = outcome else {
        return Err("the retrieve did not finish within the demo's timeout".into());
    };
    let into = work.join("retrieved");
    let written = metadata::zip::unzip_to(&result.zip_file, &into)?;
    for p in &written {
        out.line(format!(
            "    {}",
            p.strip_prefix(&into).unwrap_or(p).display()
        ));
    }
    let name = "classes/DemoGreeter.cls";
    r.retrieved_identical = std::fs::read(into.join(name))? == std::fs::read(deployed.join(name))?;
    out.line(format!(
        "    {name} identical to what was deployed: {}",
        r.retrieved_identical
    ));
    Ok(())
}

/// Expires every session on the server: the next call gets INVALID_SESSION_ID, the runtime
/// refreshes the token once and retries, and the caller sees a normal answer.
async fn expire_and_heal(
    md: &MetadataClient,
    server: &RunningServer,
    out: &Out,
    r: &mut Report,
) -> Result<(), Box<dyn Error>> {
    out.line("\n== session expiry");
    r.refreshes_before_expiry = server.refresh_count();
    let expired = server.expire_all_sessions();
    out.line(format!(
        "    the server expired {expired} session(s); refresh-token grants so far: {} (the first token)",
        r.refreshes_before_expiry
    ));
    let files = md.list_many(["ApexClass"]).await?;
    r.refreshes_after_expiry = server.refresh_count();
    r.invalid_session_faults = server.invalid_session_count();
    out.line(format!(
        "    listMetadata answered {} ApexClass: {} INVALID_SESSION_ID fault, healed by {} refresh and one retry",
        files.len(),
        r.invalid_session_faults,
        r.refreshes_after_expiry - r.refreshes_before_expiry
    ));
    out.line(format!(
        "    refresh-token grants now: {}",
        r.refreshes_after_expiry
    ));
    Ok(())
}
