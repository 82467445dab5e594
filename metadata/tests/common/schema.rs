//! Validating encoded envelopes with libxml2's `xmllint` against the WSDL's own schema: an
//! independent judge of our XML. The `xsd:schema` element is cut out of metadata.wsdl into
//! a temp dir at test time (the WSDL is never copied into the project), next to a small
//! SOAP 1.1 envelope schema of our own whose Header and Body validate their children
//! strictly against the global elements of the Metadata schema.

use std::path::{Path, PathBuf};
use std::process::Command;

const ENVELOPE_XSD: &str = r###"<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"
    targetNamespace="http://schemas.xmlsoap.org/soap/envelope/" elementFormDefault="qualified">
  <xs:element name="Envelope">
    <xs:complexType>
      <xs:sequence>
        <xs:element ref="env:Header" minOccurs="0"/>
        <xs:element ref="env:Body"/>
      </xs:sequence>
      <xs:anyAttribute namespace="##other" processContents="lax"/>
    </xs:complexType>
  </xs:element>
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
</xs:schema>
"###;

const MAIN_XSD: &str = r###"<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="http://schemas.xmlsoap.org/soap/envelope/" schemaLocation="envelope.xsd"/>
  <xs:import namespace="http://soap.sforce.com/2006/04/metadata" schemaLocation="metadata.xsd"/>
</xs:schema>
"###;

/// The validator, or `None` (after saying why) when the WSDL or xmllint is missing.
/// Under `CI=true` a missing xmllint is a failure (.ci/run installs it).
pub struct Validator {
    dir: PathBuf,
}

impl Validator {
    pub fn new(test: &str) -> Option<Self> {
        let wsdl = super::metadata_wsdl(test)?;
        if Command::new("xmllint").arg("--version").output().is_err() {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{test}: xmllint (libxml2-utils) is missing, and CI=true requires it"
            );
            eprintln!("{test}: skipped, xmllint (libxml2-utils) is not installed");
            return None;
        }
        let dir = super::temp_dir(&format!("xsd-{test}"));
        let text = std::fs::read_to_string(&wsdl).expect("read metadata.wsdl");
        std::fs::write(dir.join("metadata.xsd"), extract_schema(&text)).expect("write xsd");
        std::fs::write(dir.join("envelope.xsd"), ENVELOPE_XSD).expect("write xsd");
        std::fs::write(dir.join("main.xsd"), MAIN_XSD).expect("write xsd");
        Some(Self { dir })
    }

    /// Validates every `(name, envelope)` in one xmllint run; panics listing each
    /// document xmllint rejects, with its messages and the document itself.
    pub fn assert_valid(&self, docs: &[(&str, Vec<u8>)]) {
        let mut paths = Vec::new();
        for (i, (name, xml)) in docs.iter().enumerate() {
            let path = self.dir.join(format!("{i:03}-{name}.xml"));
            std::fs::write(&path, xml).expect("write document");
            paths.push(path);
        }
        let out = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(self.dir.join("main.xsd"))
            .args(&paths)
            .output()
            .expect("run xmllint");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let failures: Vec<String> = paths
            .iter()
            .zip(docs)
            .filter(|(p, _)| !stderr.contains(&format!("{} validates", p.display())))
            .map(|(p, (name, xml))| report(p, name, xml, &stderr))
            .collect();
        assert!(
            failures.is_empty() && out.status.success(),
            "xmllint rejected {} of {} documents:\n{}\n(status {:?})",
            failures.len(),
            docs.len(),
            failures.join("\n"),
            out.status
        );
    }
}

fn report(path: &Path, name: &str, xml: &[u8], stderr: &str) -> String {
    let file = path.display().to_string();
    let messages: Vec<&str> = stderr.lines().filter(|l| l.starts_with(&file)).collect();
    format!(
        "--- {name}:\n{}\n{}",
        messages.join("\n"),
        String::from_utf8_lossy(xml)
    )
}

/// The WSDL's `xsd:schema` element as a standalone schema document: the namespace
/// declarations it inherits from `<definitions>` are copied onto it.
fn extract_schema(wsdl: &str) -> String {
    let start = wsdl
        .find("<xsd:schema")
        .expect("metadata.wsdl has an <xsd:schema>");
    let end = wsdl
        .find("</xsd:schema>")
        .expect("metadata.wsdl closes </xsd:schema>")
        + "</xsd:schema>".len();
    let root_start = wsdl
        .find("<definitions")
        .expect("metadata.wsdl has <definitions>");
    let root_tag = &wsdl[root_start..root_start + wsdl[root_start..].find('>').expect("tag end")];
    let schema = &wsdl[start..end];
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
    let head = "<xsd:schema".len();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}{extra}{}\n",
        &schema[..head],
        &schema[head..]
    )
}
