//! Bad WSDLs through the generator's entry point (`codegen::Builder`), from files on disk:
//! every error, from the loader or from the generator's own stage, names file:line:col of
//! the offending element (`@@` marks it in the cases below) and says what is wrong.
//!
//! The loader's own bad-WSDL suite has 50+ cases (wsdl/tests/bad_wsdl.rs, bad_schema.rs,
//! files.rs); these add the generator stage and check that positions survive the Builder.

use std::path::PathBuf;

const HEAD: &str = r#"<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
             xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t"
             xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">
  <types>
    <xsd:schema targetNamespace="urn:t" elementFormDefault="qualified">
      <xsd:element name="req" type="xsd:string"/>
"#;

const MID: &str = "    </xsd:schema>\n  </types>\n";

/// A message, portType, binding and service around operation `op` (input `tns:In`).
fn service(message_parts: &str, binding_extra: &str) -> String {
    format!(
        r#"  <message name="In">{message_parts}</message>
  <portType name="PT"><operation name="op"><input message="tns:In"/></operation></portType>
  <binding name="B" type="tns:PT">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="op"><soap:operation soapAction=""/><input><soap:body use="literal"/></input></operation>{binding_extra}
  </binding>
  <service name="S"><port name="P" binding="tns:B"><soap:address location="http://localhost/"/></port></service>
"#
    )
}

fn ok_service() -> String {
    service(r#"<part name="p" element="tns:req"/>"#, "")
}

/// Writes `schema` + `rest` as a WSDL file; returns its path and the `file:line:col` of
/// the `@@` marker (removed).
fn write_case(n: usize, schema: &str, rest: &str) -> (PathBuf, String) {
    let marked = format!("{HEAD}{schema}\n{MID}{rest}</definitions>\n");
    let at = marked.find("@@").expect("case has a marker");
    let line = marked[..at].matches('\n').count() + 1;
    let col = marked[..at]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count())
        + 1;
    let dir = std::env::temp_dir().join(format!("reliability-badwsdl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("case{n}.wsdl"));
    std::fs::write(&path, marked.replace("@@", "")).unwrap();
    let pos = format!("{}:{line}:{col}", path.display());
    (path, pos)
}

struct Case {
    name: &'static str,
    schema: &'static str,
    rest: String,
    /// What the message must say.
    says: &'static str,
    /// The stage: `true` for the generator's own checks.
    generator: bool,
    operations: Option<&'static [&'static str]>,
}

fn case(name: &'static str, schema: &'static str, says: &'static str) -> Case {
    Case {
        name,
        schema,
        rest: ok_service(),
        says,
        generator: true,
        operations: None,
    }
}

fn cases() -> Vec<Case> {
    vec![
        case(
            "a type extending itself",
            r#"      @@<xsd:complexType name="Loop"><xsd:complexContent><xsd:extension base="tns:Loop"/></xsd:complexContent></xsd:complexType>"#,
            "derives from itself",
        ),
        case(
            "two types extending each other",
            r#"      <xsd:complexType name="A"><xsd:complexContent><xsd:extension base="tns:B"/></xsd:complexContent></xsd:complexType>
      @@<xsd:complexType name="B"><xsd:complexContent><xsd:extension base="tns:A"/></xsd:complexContent></xsd:complexType>"#,
            "derives from itself",
        ),
        case(
            "a simple type restricting itself",
            r#"      @@<xsd:simpleType name="S"><xsd:restriction base="tns:S"/></xsd:simpleType>"#,
            "restricts itself",
        ),
        Case {
            rest: service(r#"<part name="a" type="xsd:int"/>"#, "")
                .replace(r#"style="document""#, r#"style="rpc""#)
                .replace(
                    r#"<soap:body use="literal"/>"#,
                    r#"<soap:body use="encoded" namespace="urn:t" encodingStyle="urn:own"/>"#,
                )
                .replace(
                    "<operation name=\"op\"><soap:operation",
                    "@@<operation name=\"op\"><soap:operation",
                ),
            ..case(
                "rpc/encoded with an encodingStyle other than SOAP encoding",
                "",
                "encodingStyle `urn:own`",
            )
        },
        Case {
            rest: service(r#"<part name="p" element="tns:req"/>"#, "")
                .replace(
                    r#"<soap:body use="literal"/>"#,
                    r#"<soap:body use="encoded" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/>"#,
                )
                .replace(
                    "<operation name=\"op\"><soap:operation",
                    "@@<operation name=\"op\"><soap:operation",
                ),
            ..case("document/encoded", "", "document/encoded")
        },
        case(
            "a two-dimensional SOAP-encoded array",
            r#"      <xsd:complexType name="Grid"><xsd:complexContent><xsd:restriction base="soapenc:Array">
        @@<xsd:attribute ref="soapenc:arrayType" wsdl:arrayType="xsd:int[,]"/>
      </xsd:restriction></xsd:complexContent></xsd:complexType>"#,
            "multi-dimensional SOAP array",
        ),
        case(
            "complexContent extending a simple type",
            r#"      <xsd:simpleType name="Code"><xsd:restriction base="xsd:string"/></xsd:simpleType>
      @@<xsd:complexType name="C"><xsd:complexContent><xsd:extension base="tns:Code"/></xsd:complexContent></xsd:complexType>"#,
            "is not a complex type",
        ),
        case(
            "an attribute typed with a complex type",
            r#"      <xsd:complexType name="Inner"><xsd:sequence/></xsd:complexType>
      <xsd:complexType name="Outer"><xsd:sequence/>@@<xsd:attribute name="a" type="tns:Inner"/></xsd:complexType>"#,
            "a complex type where a simple type is needed",
        ),
        Case {
            rest: service(r#"@@<part name="p" type="xsd:string"/>"#, ""),
            ..case(
                "a document-style part with a type",
                "",
                "document-style part with a type",
            )
        },
        Case {
            rest: service(
                r#"<part name="p" element="tns:req"/><part name="q" element="tns:req"/>"#,
                "",
            )
            .replace(
                "<operation name=\"op\"><soap:operation",
                "@@<operation name=\"op\"><soap:operation",
            ),
            ..case(
                "two body parts in a document-style message",
                "",
                "2 body parts",
            )
        },
        Case {
            rest: ok_service().replace("<binding name=", "@@<binding name="),
            operations: Some(&["op", "noSuchOperation"]),
            ..case(
                "an operations filter naming a missing operation",
                "",
                "noSuchOperation",
            )
        },
        Case {
            generator: false,
            ..case(
                "an unresolved type (loader stage)",
                r#"      @@<xsd:element name="x" type="tns:Nowhere"/>"#,
                "tns:Nowhere",
            )
        },
        Case {
            generator: false,
            ..case(
                "a global element defined twice (loader stage)",
                r#"      @@<xsd:element name="req" type="xsd:int"/>"#,
                "req",
            )
        },
    ]
}

#[test]
fn generator_errors_name_file_line_and_column() {
    let all = cases();
    let mut failures = Vec::new();
    for (n, c) in all.iter().enumerate() {
        let (path, at) = write_case(n, c.schema, &c.rest);
        let mut b = codegen::Builder::new().wsdl(&path);
        if let Some(ops) = c.operations {
            b = b.operations(ops.iter().copied());
        }
        let err = match b.generate() {
            Ok(_) => {
                failures.push(format!("{}: generated", c.name));
                continue;
            }
            Err(e) => e,
        };
        let text = err.to_string();
        let stage_ok = matches!(err, codegen::Error::Schema(_)) == c.generator;
        let line_ok = text
            .lines()
            .any(|l| l.starts_with(&format!("{at}: ")) && l.contains(c.says));
        if !stage_ok || !line_ok {
            failures.push(format!(
                "{}: expected `{at}: ...{}...` ({}), got {err:?}\n{text}",
                c.name,
                c.says,
                if c.generator { "generator" } else { "loader" }
            ));
        }
    }
    println!("{} bad-WSDL cases through codegen::Builder", all.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
