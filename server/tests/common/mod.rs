//! Helpers of the server's integration tests: a started server, raw HTTP posts, SOAP calls
//! encoded and decoded with the generated stubs, zips, and xmllint validation against the
//! schema inside metadata.wsdl.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use metadata::{MetadataBody as B, MetadataHeaders, SessionHeader};
use metadata_server::{Builder, RunningServer, Server};
use runtime::soap::{Fault, Message, SoapVersion, decode_envelope, encode_envelope};

pub const V: &str = "66.0";

pub async fn start() -> RunningServer {
    start_with(Server::builder()).await
}

pub async fn start_with(b: Builder) -> RunningServer {
    b.start().await.expect("server starts")
}

/// An HTTP answer, body as received (not gunzipped).
#[derive(Debug)]
pub struct Raw {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Vec<u8>,
}

impl Raw {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }
}

pub fn http() -> reqwest::Client {
    reqwest::Client::builder().build().expect("client")
}

/// POSTs `body` with the given headers.
pub async fn post(url: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Raw {
    let mut req = http().post(url).body(body);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = req.send().await.expect("request sent");
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let body = resp.bytes().await.expect("body read").to_vec();
    Raw {
        status,
        headers,
        body,
    }
}

pub async fn get(url: &str, auth: Option<&str>) -> Raw {
    let mut req = http().get(url);
    if let Some(t) = auth {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    let resp = req.send().await.expect("request sent");
    let (status, headers) = (resp.status().as_u16(), resp.headers().clone());
    Raw {
        status,
        headers,
        body: resp.bytes().await.expect("body").to_vec(),
    }
}

pub fn headers_with(token: Option<&str>) -> MetadataHeaders {
    MetadataHeaders {
        session_header: token.map(|t| SessionHeader {
            session_id: t.to_owned(),
        }),
        ..MetadataHeaders::default()
    }
}

/// A request envelope encoded with the stubs.
pub fn request_xml(headers: &MetadataHeaders, body: &B) -> Vec<u8> {
    encode_envelope(SoapVersion::Soap11, headers, body).expect("request encodes")
}

/// POSTs raw SOAP to the server's Metadata endpoint.
pub async fn post_soap(server: &RunningServer, xml: Vec<u8>) -> Raw {
    let url = server.metadata_url(V);
    post(
        &url,
        &[
            ("Content-Type", "text/xml; charset=UTF-8"),
            ("SOAPAction", "\"\""),
        ],
        xml,
    )
    .await
}

/// A call: request encoded with the stubs, answer decoded with them.
pub async fn soap_with(
    server: &RunningServer,
    headers: &MetadataHeaders,
    body: &B,
) -> (Raw, Message<B>) {
    let raw = post_soap(server, request_xml(headers, body)).await;
    let env = decode_envelope::<MetadataHeaders, B>(&raw.body)
        .unwrap_or_else(|e| panic!("answer decodes: {e}\n{}", raw.text()));
    (raw, env.body)
}

pub async fn ok(server: &RunningServer, token: &str, body: B) -> B {
    let (raw, m) = soap_with(server, &headers_with(Some(token)), &body).await;
    match m {
        Message::Body(b) => {
            assert_eq!(raw.status, 200, "{}", raw.text());
            b
        }
        Message::Fault(f) => panic!("unexpected fault {f}"),
    }
}

pub async fn fault(server: &RunningServer, token: Option<&str>, body: B) -> (u16, Fault) {
    let (raw, m) = soap_with(server, &headers_with(token), &body).await;
    match m {
        Message::Fault(f) => (raw.status, f),
        Message::Body(b) => panic!("expected a fault, got {b:?}"),
    }
}

/// Writes a zip of `files` (deflated) with the zip crate.
pub fn make_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in files {
        w.start_file(*name, opts).expect("zip entry");
        w.write_all(data).expect("zip write");
    }
    w.finish().expect("zip finish").into_inner()
}

/// The files of a zip, in archive order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut a = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..a.len())
        .map(|i| {
            let mut f = a.by_index(i).expect("entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("entry bytes");
            (f.name().expect("name").to_string(), data)
        })
        .collect()
}

pub fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("gzip");
    out
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn ci() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

/// The real WSDLs, beside the workspace: `None` (test skipped) when absent, except under CI.
pub fn wsdl(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/wsdl")
        .join(name);
    if p.exists() {
        return Some(p);
    }
    assert!(!ci(), "{} is missing (required under CI)", p.display());
    eprintln!("{} not found: skipped", p.display());
    None
}

/// A temporary directory holding soap11.xsd and metadata.xsd (the `xsd:schema` cut out of
/// metadata.wsdl, with the namespace declarations it uses from the WSDL root).
pub fn schema_dir(tag: &str) -> Option<PathBuf> {
    let wsdl = std::fs::read_to_string(wsdl("metadata.wsdl")?).expect("wsdl readable");
    let start = wsdl.find("<xsd:schema").expect("schema start");
    let end = wsdl.find("</xsd:schema>").expect("schema end") + "</xsd:schema>".len();
    let schema = wsdl[start..end].replacen(
        "<xsd:schema ",
        "<xsd:schema xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:tns=\"http://soap.sforce.com/2006/04/metadata\" ",
        1,
    );
    let dir =
        std::env::temp_dir().join(format!("metadata-server-xsd-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("metadata.xsd"), schema).expect("write xsd");
    std::fs::copy(data("soap11.xsd"), dir.join("soap11.xsd")).expect("copy xsd");
    Some(dir)
}

/// Validates each document against the envelope + Metadata schema with one xmllint run.
/// Returns `(name, ok, messages)` per document; `None` when the schema or xmllint is
/// missing outside CI.
pub fn xmllint(tag: &str, docs: &[(String, Vec<u8>)]) -> Option<Vec<(String, bool, String)>> {
    lint(&schema_dir(tag)?, "soap11.xsd", docs)
}

/// The three schemas of partner.wsdl (sobject, partner, fault; they import each other) as
/// files, and an envelope schema over them, in a temporary directory.
pub fn partner_schema_dir(tag: &str) -> Option<PathBuf> {
    let wsdl = std::fs::read_to_string(wsdl("partner.wsdl")?).expect("wsdl readable");
    let parts = [
        ("urn:sobject.partner.soap.sforce.com", "sobject.xsd"),
        ("urn:partner.soap.sforce.com", "partner.xsd"),
        ("urn:fault.partner.soap.sforce.com", "fault.xsd"),
    ];
    let dir = std::env::temp_dir().join(format!(
        "metadata-server-partner-{}-{tag}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (ns, file) in parts {
        let target = format!("targetNamespace=\"{ns}\"");
        let start = wsdl
            .match_indices("<schema ")
            .map(|(i, _)| i)
            .find(|&i| {
                wsdl[i..]
                    .split('>')
                    .next()
                    .is_some_and(|tag| tag.contains(&target))
            })
            .expect("schema of ns");
        let end = wsdl[start..].find("</schema>").expect("schema end") + start + "</schema>".len();
        let open_end = wsdl[start..].find('>').expect("tag end") + start;
        let mut xsd = wsdl[start..end].to_owned();
        for (p, uri) in [
            ("xsd", "http://www.w3.org/2001/XMLSchema"),
            ("fns", parts[2].0),
            ("tns", parts[1].0),
            ("ens", parts[0].0),
        ] {
            if !wsdl[start..open_end].contains(&format!("xmlns:{p}=")) {
                xsd = xsd.replacen("<schema ", &format!("<schema xmlns:{p}=\"{uri}\" "), 1);
            }
        }
        for (other, other_file) in parts {
            let import = format!("<import namespace=\"{other}\"/>");
            xsd = xsd.replace(
                &import,
                &format!("<import namespace=\"{other}\" schemaLocation=\"{other_file}\"/>"),
            );
        }
        std::fs::write(dir.join(file), xsd).expect("write xsd");
    }
    let envelope = std::fs::read_to_string(data("soap11.xsd")).expect("envelope xsd").replace(
        r#"<xsd:import namespace="http://soap.sforce.com/2006/04/metadata" schemaLocation="metadata.xsd"/>"#,
        r#"<xsd:import namespace="urn:partner.soap.sforce.com" schemaLocation="partner.xsd"/><xsd:import namespace="urn:fault.partner.soap.sforce.com" schemaLocation="fault.xsd"/>"#,
    );
    std::fs::write(dir.join("envelope.xsd"), envelope).expect("write envelope");
    Some(dir)
}

/// Runs `xmllint --schema dir/root` over the documents at once (the schema is read once).
pub fn lint(
    dir: &Path,
    root: &str,
    docs: &[(String, Vec<u8>)],
) -> Option<Vec<(String, bool, String)>> {
    let mut paths = Vec::new();
    for (i, (_, xml)) in docs.iter().enumerate() {
        let p = dir.join(format!("doc{i}.xml"));
        std::fs::write(&p, xml).expect("write doc");
        paths.push(p);
    }
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(dir.join(root))
        .args(&paths)
        .output();
    let out = match out {
        Ok(o) => o,
        Err(_) if ci() => panic!("xmllint is required under CI"),
        Err(_) => {
            eprintln!("xmllint not installed: skipped");
            return None;
        }
    };
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let result = docs
        .iter()
        .zip(&paths)
        .map(|((name, _), p)| {
            let p = p.display().to_string();
            let mine: Vec<&str> = stderr.lines().filter(|l| l.starts_with(&p)).collect();
            let ok = mine.iter().any(|l| l.ends_with("validates"))
                && !mine.iter().any(|l| l.contains("error"));
            (
                name.clone(),
                ok,
                if mine.is_empty() {
                    stderr.clone()
                } else {
                    mine.join("\n")
                },
            )
        })
        .collect();
    let _ = std::fs::remove_dir_all(dir);
    Some(result)
}

/// Asserts every document validates.
pub fn assert_valid(tag: &str, docs: &[(String, Vec<u8>)]) {
    let Some(results) = xmllint(tag, docs) else {
        return;
    };
    for ((name, ok, msg), (_, xml)) in results.iter().zip(docs) {
        assert!(
            ok,
            "{name} does not validate:\n{msg}\n{}",
            String::from_utf8_lossy(xml)
        );
    }
}
