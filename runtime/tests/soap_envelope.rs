//! SOAP envelopes and faults through contract-shaped types; written envelopes are judged by
//! libxml2's validator against a schema written for these tests.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use runtime::__private as rt;
use runtime::soap::{
    Envelope, Fault, FaultCode, Message, SOAP11_NS, SoapVersion, decode_envelope, decode_fault,
    encode_envelope, encode_fault, encode_request,
};
use runtime::xml::{DecodeErrorKind, EncodeErrorKind};

type Env = Envelope<MetadataHeaders, MetadataBody>;

fn create_body() -> MetadataBody {
    MetadataBody::CreateMetadata(CreateMetadata {
        metadata: vec![
            AnyMetadata::CustomObject(Box::new(CustomObject {
                full_name: Some("Invoice__c".into()),
                fields: vec![CustomField {
                    full_name: "Amount__c".into(),
                    r#type: Some(FieldType::Number),
                    length: Some(18),
                    default_value: Some(rt::Nillable::Nil),
                }],
                label: "Invoice & <Co>".into(),
                value: Some(rt::Nillable::Value(rt::AnyValue::string("x").unwrap())),
                created: Some("2024-01-02T03:04:05Z".parse().unwrap()),
                amount: Some("1.50".parse().unwrap()),
                hex: Some(rt::HexBinary(vec![1, 2])),
                ..Default::default()
            })),
            AnyMetadata::ApexClassEx(Box::new(ApexClassEx {
                content: Some(b"public class A {}".to_vec()),
                api_version: 66.0,
                tags: vec!["t".into()],
                ..Default::default()
            })),
            AnyMetadata::Metadata(Box::new(Metadata {
                full_name: Some("base".into()),
            })),
        ],
    })
}

fn headers() -> MetadataHeaders {
    MetadataHeaders {
        session_header: Some(SessionHeader {
            session_id: "caller-set".into(),
        }),
        call_options: Some(CallOptions {
            client: Some("tests".into()),
        }),
    }
}

#[test]
fn request_round_trip_both_versions() {
    for v in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let xml = encode_envelope(v, &headers(), &create_body()).unwrap();
        let env: Env = decode_envelope(&xml).unwrap();
        assert_eq!(env.version, v);
        assert_eq!(env.headers, headers());
        assert_eq!(env.body, Message::Body(create_body()));
    }
}

#[test]
fn session_token_is_written_and_a_caller_set_header_replaced() {
    let token = "00Dxx0000001gPL!AQ4AQ&<secret>";
    let xml = encode_request(
        SoapVersion::Soap11,
        &headers(),
        &create_body(),
        Some((&SESSION, token)),
    )
    .unwrap();
    let text = String::from_utf8(xml.clone()).unwrap();
    assert_eq!(text.matches("<SessionHeader").count(), 1, "{text}");
    assert!(!text.contains("caller-set"), "{text}");
    assert!(
        text.contains("<sessionId>00Dxx0000001gPL!AQ4AQ&amp;&lt;secret&gt;</sessionId>"),
        "{text}"
    );
    let env: Env = decode_envelope(&xml).unwrap();
    assert_eq!(env.headers.session_header.unwrap().session_id, token);
    assert_eq!(env.headers.call_options, headers().call_options);
}

#[test]
fn an_unwritable_token_is_an_error_that_does_not_leak_it() {
    let token = "secret-token\u{1}";
    let e = encode_request(
        SoapVersion::Soap11,
        &MetadataHeaders::default(),
        &create_body(),
        Some((&SESSION, token)),
    )
    .unwrap_err();
    assert!(
        matches!(e.kind(), EncodeErrorKind::InvalidChar { code: 1, .. }),
        "{e}"
    );
    assert_eq!(e.path(), "/Envelope/Header/SessionHeader/sessionId");
    assert!(!e.to_string().contains("secret"), "{e}");
    assert!(!format!("{e:?}").contains("secret"), "{e:?}");
}

#[test]
fn empty_headers_write_no_header_block() {
    let body = MetadataBody::ReadMetadata(ReadMetadata {
        r#type: "CustomObject".into(),
        full_names: vec!["A".into()],
    });
    let xml = String::from_utf8(
        encode_envelope(SoapVersion::Soap11, &MetadataHeaders::default(), &body).unwrap(),
    )
    .unwrap();
    assert_eq!(
        xml,
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" "#,
            r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soapenv:Body>"#,
            r#"<readMetadata xmlns="urn:test:md"><type>CustomObject</type><fullNames>A</fullNames></readMetadata></soapenv:Body></soapenv:Envelope>"#
        )
    );
}

#[test]
fn response_with_foreign_prefixes_unknown_headers_and_order() {
    let doc = r#"<?xml version="1.0" encoding="UTF-8"?>
<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="urn:test:md" xmlns:I="http://www.w3.org/2001/XMLSchema-instance">
  <S:Header>
    <m:CallOptions S:mustUnderstand="0"><m:client>c</m:client></m:CallOptions>
    <other:Trace xmlns:other="urn:trace"><id>1</id></other:Trace>
    <m:SessionHeader><m:sessionId>s</m:sessionId></m:SessionHeader>
  </S:Header>
  <S:Body>
    <m:readMetadataResponse><m:result>
      <m:records I:type="m:ApexClass"><m:status>Active</m:status><m:apiVersion>INF</m:apiVersion></m:records>
      <m:records><m:fullName>base</m:fullName></m:records>
    </m:result></m:readMetadataResponse>
  </S:Body>
</S:Envelope>"#;
    let env: Env = decode_envelope(doc.as_bytes()).unwrap();
    assert_eq!(env.headers.session_header.unwrap().session_id, "s");
    assert_eq!(
        env.headers.call_options.unwrap().client.as_deref(),
        Some("c")
    );
    let Message::Body(MetadataBody::ReadMetadataResponse(r)) = env.body else {
        panic!("{:?}", env.body)
    };
    assert_eq!(r.result.records.len(), 2);
    let AnyMetadata::ApexClass(a) = &r.result.records[0] else {
        panic!()
    };
    assert_eq!(a.api_version, f64::INFINITY);
    assert_eq!(a.status, Some(ApexCodeUnitStatus::Active));
}

#[test]
fn errors_for_wrong_envelopes_and_bodies() {
    let e = decode_envelope::<MetadataHeaders, MetadataBody>(b"<html><body>503</body></html>")
        .unwrap_err();
    assert!(matches!(e.kind(), DecodeErrorKind::NotAnEnvelope(_)), "{e}");
    let doc = format!(
        r#"<e:Envelope xmlns:e="{SOAP11_NS}"><e:Body><x:nope xmlns:x="urn:x"/></e:Body></e:Envelope>"#
    );
    let e = decode_envelope::<MetadataHeaders, MetadataBody>(doc.as_bytes()).unwrap_err();
    assert!(
        matches!(e.kind(), DecodeErrorKind::UnexpectedBody { name } if name == "{urn:x}nope"),
        "{e}"
    );
    assert_eq!(e.path(), "/Envelope/Body/nope");
    let doc = format!(r#"<e:Envelope xmlns:e="{SOAP11_NS}"><e:Body/></e:Envelope>"#);
    let e = decode_envelope::<MetadataHeaders, MetadataBody>(doc.as_bytes()).unwrap_err();
    assert!(matches!(e.kind(), DecodeErrorKind::NotAnEnvelope(_)), "{e}");
    let doc = format!(
        r#"<e:Envelope xmlns:e="{SOAP11_NS}"><e:Body><readMetadataResponse xmlns="urn:test:md"><result><records><fullName>a</fullName></records></result></readMetadataResponse></e:Body></e:Envelope>"#
    );
    let e = decode_fault(doc.as_bytes()).unwrap_err();
    assert!(
        matches!(e.kind(), DecodeErrorKind::UnexpectedBody { .. }),
        "{e}"
    );
}

const SF_FAULT: &str = r#"<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:test:md" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_SESSION_ID</faultcode><faultstring>INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session</faultstring><detail><sf:UnexpectedErrorFault xsi:type="sf:UnexpectedErrorFault"><sf:exceptionCode>INVALID_SESSION_ID</sf:exceptionCode><sf:exceptionMessage>Illegal &amp; Session</sf:exceptionMessage></sf:UnexpectedErrorFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>"#;

#[test]
fn soap11_fault_with_sf_prefix_and_detail() {
    let f = decode_fault(SF_FAULT.as_bytes()).unwrap();
    assert_eq!(
        f.code,
        FaultCode {
            ns: NS.into(),
            local: "INVALID_SESSION_ID".into(),
            lexical: "sf:INVALID_SESSION_ID".into()
        }
    );
    assert!(f.has_code("INVALID_SESSION_ID"));
    assert!(
        f.string
            .starts_with("INVALID_SESSION_ID: Invalid Session ID")
    );
    let d = f.detail.as_ref().unwrap();
    assert!(
        d.inner_xml()
            .contains("<sf:exceptionMessage>Illegal &amp; Session</sf:exceptionMessage>")
    );
    assert_eq!(
        d.bindings(),
        &[
            ("sf".to_owned(), NS.to_owned()),
            ("xsi".to_owned(), rt::XSI_NS.to_owned())
        ],
        "the detail keeps the bindings it uses from the envelope"
    );
    // Through decode_envelope too, and the fault survives a write/read round trip equal.
    let env: Env = decode_envelope(SF_FAULT.as_bytes()).unwrap();
    assert_eq!(env.body, Message::Fault(f.clone()));
    let again = decode_fault(&encode_fault(SoapVersion::Soap11, &f).unwrap()).unwrap();
    assert_eq!(again, f);
}

#[test]
fn fault_code_prefix_declared_on_the_element_and_undeclared() {
    let doc = format!(
        r#"<e:Envelope xmlns:e="{SOAP11_NS}"><e:Body><e:Fault><faultcode xmlns:q="urn:q"> q:Boom </faultcode><faultstring>b</faultstring><faultactor>urn:actor</faultactor></e:Fault></e:Body></e:Envelope>"#
    );
    let f = decode_fault(doc.as_bytes()).unwrap();
    assert_eq!(
        (f.code.ns.as_str(), f.code.local.as_str()),
        ("urn:q", "Boom")
    );
    assert_eq!(f.actor.as_deref(), Some("urn:actor"));
    let doc = doc.replace(r#" xmlns:q="urn:q""#, "");
    let f = decode_fault(doc.as_bytes()).unwrap();
    assert_eq!(
        (f.code.ns.as_str(), f.code.lexical.as_str()),
        ("", "q:Boom"),
        "kept, not an error"
    );
}

#[test]
fn soap12_fault_with_subcodes() {
    let doc = r#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:sf="urn:test:md">
      <env:Body><env:Fault>
        <env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>sf:INVALID_SESSION_ID</env:Value>
          <env:Subcode><env:Value>sf:Deeper</env:Value></env:Subcode></env:Subcode></env:Code>
        <env:Reason><env:Text xml:lang="en">Session expired</env:Text><env:Text xml:lang="de">Abgelaufen</env:Text></env:Reason>
        <env:Node>urn:node</env:Node><env:Role>urn:role</env:Role>
        <env:Detail><sf:info>kept</sf:info></env:Detail>
      </env:Fault></env:Body></env:Envelope>"#;
    let f = decode_fault(doc.as_bytes()).unwrap();
    assert_eq!(f.code.ns, "http://www.w3.org/2003/05/soap-envelope");
    assert_eq!(f.code.local, "Sender");
    assert_eq!(
        f.subcodes
            .iter()
            .map(|c| c.local.as_str())
            .collect::<Vec<_>>(),
        ["INVALID_SESSION_ID", "Deeper"]
    );
    assert!(f.has_code("INVALID_SESSION_ID"));
    assert_eq!(f.string, "Session expired");
    assert_eq!(f.node.as_deref(), Some("urn:node"));
    assert_eq!(f.actor.as_deref(), Some("urn:role"));
    assert_eq!(
        f.detail.as_ref().unwrap().inner_xml(),
        "<sf:info>kept</sf:info>"
    );
    let again = decode_fault(&encode_fault(SoapVersion::Soap12, &f).unwrap()).unwrap();
    assert_eq!(again, Fault { ..f });
}

/// Runs `xmllint --noout --schema` on `xml`; `None` when xmllint is not installed (then the
/// test is skipped, except under CI where it must be there).
fn xmllint(schema: &Path, xml: &[u8], name: &str) -> Option<(bool, String)> {
    let path =
        std::env::temp_dir().join(format!("runtime-xmlcore-{}-{name}.xml", std::process::id()));
    std::fs::write(&path, xml).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema)
        .arg(&path)
        .output();
    let _ = std::fs::remove_file(&path);
    match out {
        Ok(o) => Some((
            o.status.success(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )),
        Err(_) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("xmllint is required under CI")
        }
        Err(_) => None,
    }
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

#[test]
fn xmllint_accepts_written_envelopes_and_faults() {
    let schema = data("soap11.xsd");
    let request = encode_request(
        SoapVersion::Soap11,
        &headers(),
        &create_body(),
        Some((&SESSION, "tok")),
    )
    .unwrap();
    let f = decode_fault(SF_FAULT.as_bytes()).unwrap();
    let cases = [
        ("request", request),
        ("fault", encode_fault(SoapVersion::Soap11, &f).unwrap()),
    ];
    for (name, xml) in cases {
        let Some((ok, stderr)) = xmllint(&schema, &xml, name) else {
            eprintln!("xmllint not installed: skipped");
            return;
        };
        assert!(ok, "{name}: {stderr}\n{}", String::from_utf8_lossy(&xml));
    }
}

#[test]
fn xmllint_rejects_a_wrong_xsi_type_so_the_check_has_teeth() {
    let xml = encode_envelope(
        SoapVersion::Soap11,
        &MetadataHeaders::default(),
        &create_body(),
    )
    .unwrap();
    let xml = String::from_utf8(xml).unwrap();
    // The type's namespace is the element's default one: its name goes unprefixed.
    assert!(xml.contains(r#"xsi:type="ApexClassEx""#), "{xml}");
    let broken = xml.replace(r#"xsi:type="ApexClassEx""#, r#"xsi:type="CustomField""#);
    if let Some((ok, _)) = xmllint(&data("soap11.xsd"), broken.as_bytes(), "broken") {
        assert!(!ok, "xmllint accepted an xsi:type that is not a subtype");
    }
}
