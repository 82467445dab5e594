//! Validating documents with libxml2's `xmllint --schema` against a fixture WSDL's own
//! schemas: an independent judge of what the runtime writes. Each `<xsd:schema>` of the
//! WSDL is cut out into a temp dir (with the namespace declarations it inherits), imports
//! without a schemaLocation are pointed at the file of that namespace, and a main schema
//! imports them all. A missing xmllint skips (and fails under `CI=true`).

use std::path::{Path, PathBuf};
use std::process::Command;

/// A validator for one fixture, or `None` (after saying why) without xmllint.
pub struct Validator {
    dir: PathBuf,
}

impl Validator {
    pub fn new(fixture: &str) -> Option<Self> {
        if Command::new("xmllint").arg("--version").output().is_err() {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{fixture}: xmllint (libxml2-utils) is missing, and CI=true requires it"
            );
            eprintln!("{fixture}: xmllint validation skipped, xmllint is not installed");
            return None;
        }
        let wsdl = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(fixture)
            .join(format!("{fixture}.wsdl"));
        let text = std::fs::read_to_string(&wsdl).expect("read fixture WSDL");
        let dir =
            std::env::temp_dir().join(format!("stub-tests-xsd-{}-{fixture}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let schemas = schemas(&text);
        let mut main = String::from(
            "<?xml version=\"1.0\"?>\n<xsd:schema xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n",
        );
        for (i, (ns, _)) in schemas.iter().enumerate() {
            main.push_str(&format!(
                "<xsd:import namespace=\"{ns}\" schemaLocation=\"s{i}.xsd\"/>\n"
            ));
        }
        main.push_str("</xsd:schema>\n");
        for (i, (_, body)) in schemas.iter().enumerate() {
            let mut body = body.clone();
            for (j, (ns, _)) in schemas.iter().enumerate() {
                let bare = format!("<xsd:import namespace=\"{ns}\"/>");
                let located =
                    format!("<xsd:import namespace=\"{ns}\" schemaLocation=\"s{j}.xsd\"/>");
                body = body.replace(&bare, &located);
            }
            std::fs::write(dir.join(format!("s{i}.xsd")), body).expect("write xsd");
        }
        std::fs::write(dir.join("main.xsd"), main).expect("write xsd");
        Some(Self { dir })
    }

    /// Asserts that `xml` (a whole document) validates.
    pub fn assert_valid(&self, name: &str, xml: &[u8]) {
        let path = self.dir.join(format!("{name}.xml"));
        std::fs::write(&path, xml).expect("write document");
        let out = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(self.dir.join("main.xsd"))
            .arg(&path)
            .output()
            .expect("run xmllint");
        assert!(
            out.status.success(),
            "xmllint rejected {name}:\n{}\n{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(xml)
        );
    }
}

/// Every `<xsd:schema>` of a WSDL as (targetNamespace, standalone schema document).
fn schemas(wsdl: &str) -> Vec<(String, String)> {
    let root_start = wsdl.find("<definitions").expect("<definitions>");
    let root_tag = &wsdl[root_start..root_start + wsdl[root_start..].find('>').expect("tag end")];
    let mut out = Vec::new();
    let mut rest = wsdl;
    while let Some(start) = rest.find("<xsd:schema") {
        let end = rest[start..].find("</xsd:schema>").expect("closed schema") + start;
        let schema = &rest[start..end + "</xsd:schema>".len()];
        let tag_end = schema.find('>').expect("tag end");
        let mut extra = String::new();
        for decl in root_tag
            .split_whitespace()
            .filter(|a| a.starts_with("xmlns"))
        {
            let name = decl.split('=').next().unwrap_or_default();
            if !schema[..tag_end].contains(&format!("{name}=")) {
                extra.push(' ');
                extra.push_str(decl.trim_end_matches('/'));
            }
        }
        let ns = attr(&schema[..tag_end], "targetNamespace");
        let head = "<xsd:schema".len();
        out.push((
            ns,
            format!(
                "<?xml version=\"1.0\"?>\n{}{extra}{}\n",
                &schema[..head],
                &schema[head..]
            ),
        ));
        rest = &rest[end..];
    }
    out
}

fn attr(tag: &str, name: &str) -> String {
    let key = format!("{name}=\"");
    tag.find(&key)
        .map(|i| {
            let v = &tag[i + key.len()..];
            v[..v.find('"').unwrap_or(v.len())].to_owned()
        })
        .unwrap_or_default()
}
