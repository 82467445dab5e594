//! Validating encoded envelopes with libxml2's `xmllint --schema`: an independent judge of
//! our XML. Self-contained (no `super::` items) so that other crates' tests reuse it with
//! `#[path = ".../metadata/tests/common/xmllint.rs"] mod xmllint;` (stub-tests does, for
//! the corpus WSDLs). A [`Validator`] is a temp dir holding a root schema `main.xsd` that
//! imports a strict SOAP envelope schema of our own ([`envelope_xsd`]) and the service's
//! schemas; schemas living inside a WSDL are cut out of it at test time
//! ([`extract_schemas`]), the WSDL itself is never copied into the project.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A SOAP envelope schema for namespace `soap_ns` whose Header and Body validate their
/// children *strictly* against the global elements of the imported schemas (the official
/// envelope schemas are `lax`, which would let a misnamed body element through). It also
/// declares the complex types `Envelope` and `Fault` (content `lax`) that some service
/// schemas name (ONVIF's onvif.xsd types `RequestInfo` as `soapenv:Envelope`).
pub fn envelope_xsd(soap_ns: &str) -> String {
    format!(
        r###"<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:env="{soap_ns}"
    targetNamespace="{soap_ns}" elementFormDefault="qualified">
  <xs:element name="Envelope" type="env:Envelope"/>
  <xs:complexType name="Envelope">
    <xs:sequence>
      <xs:element ref="env:Header" minOccurs="0"/>
      <xs:element ref="env:Body"/>
    </xs:sequence>
    <xs:anyAttribute namespace="##other" processContents="lax"/>
  </xs:complexType>
  <xs:element name="Header">
    <xs:complexType>
      <xs:sequence>
        <xs:any namespace="##other" processContents="strict" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
  <xs:element name="Body">
    <xs:complexType>
      <xs:sequence>
        <xs:any namespace="##other" processContents="strict" minOccurs="1" maxOccurs="1"/>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
  <xs:complexType name="Fault">
    <xs:sequence>
      <xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
  </xs:complexType>
</xs:schema>
"###
    )
}

/// A root schema that imports each `(namespace, schemaLocation)`, in order. libxml2 keeps
/// the first schema it loads for a namespace and skips later imports of it, so the
/// envelope schema comes first.
pub fn main_xsd(imports: &[(&str, &str)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n",
    );
    for (ns, location) in imports {
        out.push_str(&format!(
            "  <xs:import namespace=\"{ns}\" schemaLocation=\"{location}\"/>\n"
        ));
    }
    out.push_str("</xs:schema>\n");
    out
}

/// A temp dir of schemas with a root `main.xsd`, and the xmllint run over documents.
pub struct Validator {
    dir: PathBuf,
    env: Vec<(String, String)>,
}

impl Validator {
    /// Writes `files` (name, text) into `dir` (a fresh temp dir, removed when the validator
    /// drops), or returns `None` (after saying why) when xmllint is not installed. Under `CI=true` a missing xmllint is a failure (.ci/run
    /// installs it). `files` must include `main.xsd`.
    pub fn new(test: &str, dir: PathBuf, files: &[(&str, String)]) -> Option<Self> {
        if Command::new("xmllint").arg("--version").output().is_err() {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{test}: xmllint (libxml2-utils) is missing, and CI=true requires it"
            );
            eprintln!("{test}: skipped, xmllint (libxml2-utils) is not installed");
            return None;
        }
        for (name, text) in files {
            std::fs::write(dir.join(name), text).expect("write schema");
        }
        Some(Self {
            dir,
            env: Vec::new(),
        })
    }

    /// Resolves schemaLocation URLs to local files through an XML catalog written into the
    /// dir (`XML_CATALOG_FILES`), for schemas that import others by URL; xmllint runs with
    /// `--nonet`, so an unmapped URL fails instead of being fetched.
    pub fn map_locations(mut self, locations: &[(&str, PathBuf)]) -> Self {
        let mut catalog = String::from(
            "<?xml version=\"1.0\"?>\n<catalog xmlns=\"urn:oasis:names:tc:entity:xmlns:xml:catalog\">\n",
        );
        for (url, path) in locations {
            let path = path.canonicalize().unwrap_or_else(|_| path.clone());
            for kind in ["uri", "system"] {
                let attr = if kind == "uri" { "name" } else { "systemId" };
                catalog.push_str(&format!(
                    "  <{kind} {attr}=\"{url}\" uri=\"file://{}\"/>\n",
                    path.display()
                ));
            }
        }
        catalog.push_str("</catalog>\n");
        let file = self.dir.join("catalog.xml");
        std::fs::write(&file, catalog).expect("write catalog");
        self.env
            .push(("XML_CATALOG_FILES".into(), file.display().to_string()));
        self
    }

    /// Validates every `(name, envelope)` in one xmllint run; panics listing each
    /// document xmllint rejects, with its messages and the document itself.
    pub fn assert_valid(&self, docs: &[(&str, Vec<u8>)]) {
        let failures = self.rejected(docs);
        assert!(
            failures.is_empty(),
            "xmllint rejected {} of {} documents:\n{}",
            failures.len(),
            docs.len(),
            failures.join("\n"),
        );
    }

    /// Runs xmllint over `docs` and returns a report (messages and text) of each document
    /// it rejects; an xmllint that cannot load the schema rejects them all.
    pub fn rejected(&self, docs: &[(&str, Vec<u8>)]) -> Vec<String> {
        let mut paths = Vec::new();
        for (i, (name, xml)) in docs.iter().enumerate() {
            let path = self.dir.join(format!("{i:03}-{name}.xml"));
            std::fs::write(&path, xml).expect("write document");
            paths.push(path);
        }
        let out = Command::new("xmllint")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .arg("--nonet")
            .arg("--noout")
            .arg("--schema")
            .arg(self.dir.join("main.xsd"))
            .args(&paths)
            .output()
            .expect("run xmllint");
        let stderr = String::from_utf8_lossy(&out.stderr);
        paths
            .iter()
            .zip(docs)
            .filter(|(p, _)| !stderr.contains(&format!("{} validates", p.display())))
            .map(|(p, (name, xml))| report(p, name, xml, &stderr))
            .collect()
    }
}

/// The dir is the validator's own (a fresh temp dir): removed with it.
impl Drop for Validator {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn report(path: &Path, name: &str, xml: &[u8], stderr: &str) -> String {
    let file = path.display().to_string();
    let mut messages: Vec<&str> = stderr.lines().filter(|l| l.starts_with(&file)).collect();
    if messages.is_empty() {
        // The schema itself failed to load: xmllint names no document then.
        messages = stderr.lines().take(20).collect();
    }
    format!(
        "--- {name}:\n{}\n{}",
        messages.join("\n"),
        String::from_utf8_lossy(xml)
    )
}

/// Every `<P:schema>` element of a WSDL (whatever prefix P the WSDL binds to XML Schema),
/// each as a standalone schema document: the namespace declarations it inherits from the
/// WSDL's root element are copied onto it. A relative schemaLocation inside keeps working
/// only when the document is written next to the WSDL's own directory layout, so callers
/// write these into a dir and map such locations themselves.
pub fn extract_schemas(wsdl: &str) -> Vec<String> {
    let root_tag = root_tag(wsdl);
    let mut out = Vec::new();
    let mut rest = wsdl;
    while let Some((start, prefix)) = next_schema(rest) {
        let close = format!("</{prefix}schema>");
        let end = rest[start..].find(&close).expect("the schema is closed") + start + close.len();
        out.push(standalone(&rest[start..end], root_tag, prefix));
        rest = &rest[end..];
    }
    out
}

/// The root element's start tag (after the prolog and comments).
fn root_tag(wsdl: &str) -> &str {
    let mut at = 0;
    loop {
        let start = at + wsdl[at..].find('<').expect("an element");
        let tail = &wsdl[start + 1..];
        if !tail.starts_with('?') && !tail.starts_with('!') {
            let end = start + wsdl[start..].find('>').expect("tag end");
            return &wsdl[start..end];
        }
        at = start + 1;
    }
}

/// The offset of the next `<prefix:schema` start tag and its `prefix:` (maybe empty).
fn next_schema(text: &str) -> Option<(usize, &str)> {
    let mut at = 0;
    while let Some(i) = text[at..].find("schema") {
        let i = at + i;
        let lt = text[..i].rfind('<').unwrap_or(0);
        let name = &text[lt + 1..i];
        let after = text[i + "schema".len()..].chars().next();
        let is_tag = name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            || (name.ends_with(':') && !name[..name.len() - 1].contains([' ', ':', '/']));
        if is_tag && matches!(after, Some(' ' | '\t' | '\r' | '\n' | '>')) && lt < i {
            return Some((lt, name));
        }
        at = i + 1;
    }
    None
}

fn standalone(schema: &str, root_tag: &str, prefix: &str) -> String {
    let schema_tag_end = schema.find('>').expect("tag end");
    let mut extra = String::new();
    for decl in root_tag
        .split_whitespace()
        .filter(|a| a.starts_with("xmlns"))
    {
        let name = decl.split('=').next().unwrap_or_default();
        if !schema[..schema_tag_end].contains(&format!("{name}=")) {
            extra.push(' ');
            extra.push_str(decl.trim_end_matches('/'));
        }
    }
    let head = format!("<{prefix}schema").len();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}{extra}{}\n",
        &schema[..head],
        &schema[head..]
    )
}
