//! The decode example's library side (`metadata::decode`) on hand-written envelopes in
//! Salesforce's own style, and the example binary as a process.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use metadata::decode::{Command, DecodeFileError, MetadataEnvelope, Mode, UsageError};
use metadata::{AnyMetadata, MetadataBody};
use runtime::soap::Message;
use runtime::xml::DecodeErrorKind;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn decode(name: &str) -> MetadataEnvelope {
    let xml = std::fs::read(data(name)).expect("read sample");
    metadata::decode::decode_envelope(&xml).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn body(env: MetadataEnvelope) -> MetadataBody {
    match env.body {
        Message::Body(b) => b,
        Message::Fault(f) => panic!("unexpected fault {f:?}"),
    }
}

fn run(mode: Mode, name: &str) -> Result<String, DecodeFileError> {
    Command {
        mode,
        path: data(name),
    }
    .run()
}

const GOOD: &[&str] = &[
    "read_metadata_response.xml",
    "list_metadata_response.xml",
    "deploy_response.xml",
    "check_deploy_status_response.xml",
    "check_retrieve_status_response.xml",
    "create_metadata_request.xml",
    "fault_invalid_session.xml",
    "out_of_order.xml",
    "unknown_enum_value.xml",
    "unknown_element.xml",
    "unknown_xsi_type.xml",
    "nil_values.xml",
    "any_type_values.xml",
    "other_prefixes.xml",
];

#[test]
fn every_sample_decodes_and_round_trips() {
    for name in GOOD {
        let dump = run(Mode::Dump, name).unwrap_or_else(|e| panic!("{e}"));
        assert!(dump.contains("Envelope {"), "{name}: {dump}");
        let ok = run(Mode::RoundTrip, name).unwrap_or_else(|e| panic!("{e}"));
        assert!(ok.contains("round trip OK"), "{name}: {ok}");
    }
}

#[test]
fn reencode_prints_an_envelope_that_decodes_to_the_same_value() {
    for name in GOOD {
        let text = run(Mode::Reencode, name).unwrap_or_else(|e| panic!("{e}"));
        assert!(text.starts_with("<?xml"), "{name}: {text}");
        let again = metadata::decode::decode_envelope(text.trim_end().as_bytes())
            .unwrap_or_else(|e| panic!("{name}: re-encoded does not decode: {e}"));
        assert_eq!(again, decode(name), "{name}");
    }
}

#[test]
fn dump_shows_the_polymorphic_records() {
    let dump = run(Mode::Dump, "read_metadata_response.xml").expect("dump");
    for needle in [
        "ReadMetadataResponse(",
        "CustomObject(",
        "Flow(",
        "\"Send_Reminder\"",
        "Picklist",
    ] {
        assert!(dump.contains(needle), "missing {needle} in\n{dump}");
    }
}

#[test]
fn output_header_and_request_headers_are_typed() {
    let env = decode("check_deploy_status_response.xml");
    let info = env.headers.debugging_info.clone().expect("DebuggingInfo");
    assert!(info.debug_log.contains("EXECUTION_STARTED"));
    let MetadataBody::CheckDeployStatusResponse(r) = body(env) else {
        panic!("wrong body")
    };
    assert_eq!(
        r.result.details.component_failures[0].problem.as_deref(),
        Some("Unexpected token '}'.")
    );
    assert_eq!(r.result.number_components_total, 2);

    let env = decode("create_metadata_request.xml");
    let h = &env.headers;
    assert_eq!(
        h.call_options.as_ref().map(|c| c.client.as_str()),
        Some("acme-deployer/1.2")
    );
    assert_eq!(
        h.all_or_none_header.as_ref().map(|a| a.all_or_none),
        Some(true)
    );
    assert!(
        h.session_header
            .as_ref()
            .is_some_and(|s| s.session_id.starts_with("00D"))
    );
    let MetadataBody::CreateMetadata(c) = body(env) else {
        panic!("wrong body")
    };
    let kinds: Vec<&str> = c.metadata.iter().map(AnyMetadata::type_name).collect();
    assert_eq!(kinds, ["CustomObject", "ApexClass", "CustomMetadata"]);
    let AnyMetadata::ApexClass(class) = &c.metadata[1] else {
        panic!("not an ApexClass")
    };
    assert_eq!(
        class.content.as_deref(),
        Some(&b"public class InvoiceService {}"[..])
    );
}

#[test]
fn a_fault_decodes_with_its_resolved_code() {
    let env = decode("fault_invalid_session.xml");
    let Message::Fault(f) = env.body else {
        panic!("not a fault")
    };
    assert_eq!(f.code.ns, metadata::NS);
    assert_eq!(f.code.local, "INVALID_SESSION_ID");
    assert!(
        f.string
            .starts_with("INVALID_SESSION_ID: Invalid Session ID")
    );
}

#[test]
fn retrieve_zip_is_base64_decoded_into_a_real_archive() {
    let MetadataBody::CheckRetrieveStatusResponse(r) =
        body(decode("check_retrieve_status_response.xml"))
    else {
        panic!("wrong body")
    };
    let files = metadata::zip::unzip(&r.result.zip_file).expect("a zip");
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "unpackaged/objects/Invoice__c.object",
            "unpackaged/package.xml"
        ]
    );
    let package =
        metadata::parse_package_xml(&files["unpackaged/package.xml"], "zip").expect("package");
    assert_eq!(package.types[0].name, "CustomObject");
    assert_eq!(package.version, "66.0");
}

#[test]
fn errors_name_the_file_and_where() {
    let e = run(Mode::Dump, "bad_value.xml").expect_err("bad boolean");
    let DecodeFileError::Decode { source, .. } = &e else {
        panic!("{e:?}")
    };
    assert!(
        matches!(source.kind(), DecodeErrorKind::InvalidValue { .. }),
        "{source:?}"
    );
    assert_eq!(source.path(), "/Envelope/Body/deployResponse/result/done");
    let text = e.to_string();
    assert!(
        text.contains("bad_value.xml") && text.contains("maybe"),
        "{text}"
    );

    let e = run(Mode::Dump, "not_an_envelope.xml").expect_err("a package.xml");
    assert!(e.to_string().contains("not a SOAP envelope"), "{e}");

    let e = run(Mode::Dump, "no_such_file.xml").expect_err("missing");
    assert!(matches!(e, DecodeFileError::Read { .. }), "{e:?}");
    assert!(e.to_string().contains("no_such_file.xml"));
}

#[test]
fn truncated_and_foreign_bodies_are_errors_not_panics() {
    let dir = common::temp_dir("decode");
    let full = std::fs::read(data("read_metadata_response.xml")).expect("read");
    for cut in [0, 10, full.len() / 3, full.len() / 2, full.len() - 20] {
        let path = dir.join(format!("cut{cut}.xml"));
        std::fs::write(&path, &full[..cut]).expect("write");
        let e = Command {
            mode: Mode::Dump,
            path,
        }
        .run()
        .expect_err("truncated");
        assert!(matches!(e, DecodeFileError::Decode { .. }), "{e:?}");
    }
    let foreign = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><p:loginResponse xmlns:p="urn:partner.soap.sforce.com"/></s:Body></s:Envelope>"#;
    let path = dir.join("foreign.xml");
    std::fs::write(&path, foreign).expect("write");
    let e = Command {
        mode: Mode::Dump,
        path,
    }
    .run()
    .expect_err("foreign body");
    let DecodeFileError::Decode { source, .. } = &e else {
        panic!("{e:?}")
    };
    assert!(
        matches!(source.kind(), DecodeErrorKind::UnexpectedBody { .. }),
        "{source:?}"
    );
}

#[test]
fn command_line_parsing() {
    let parse = |a: &[&str]| Command::parse(a.iter().map(|s| s.to_string()));
    assert_eq!(parse(&["x.xml"]).map(|c| c.mode), Ok(Mode::Dump));
    assert_eq!(
        parse(&["--roundtrip", "x.xml"]).map(|c| c.mode),
        Ok(Mode::RoundTrip)
    );
    assert_eq!(
        parse(&["x.xml", "--reencode"]).map(|c| c.mode),
        Ok(Mode::Reencode)
    );
    assert_eq!(parse(&[]), Err(UsageError::NoFile));
    assert_eq!(parse(&["a.xml", "b.xml"]), Err(UsageError::TooManyFiles));
    assert_eq!(
        parse(&["--roundtrip", "--reencode", "a"]),
        Err(UsageError::TwoModes)
    );
    assert_eq!(parse(&["--help"]), Err(UsageError::Help));
    assert!(matches!(
        parse(&["--frobnicate", "a"]),
        Err(UsageError::UnknownFlag(_))
    ));
    assert!(UsageError::NoFile.to_string().contains("usage: decode"));
}

/// The example binary as a process. `cargo test` builds examples next to the test
/// binaries (target/<profile>/examples); when it is not there (e.g. `cargo test --test
/// decode` alone) the test says so and checks nothing more.
#[test]
fn example_binary_exits_zero_on_success_and_non_zero_with_a_message() {
    let Some(exe) = common::example_binary("decode") else {
        return;
    };
    let ok = Process::new(&exe)
        .arg("--roundtrip")
        .arg(data("read_metadata_response.xml"))
        .output()
        .expect("run example");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("round trip OK"));

    let bad = Process::new(&exe)
        .arg(data("bad_value.xml"))
        .output()
        .expect("run example");
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.starts_with("error: ") && stderr.contains("/deployResponse/result/done"),
        "{stderr}"
    );
    assert!(bad.stdout.is_empty());

    let usage = Process::new(&exe).output().expect("run example");
    assert_eq!(usage.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&usage.stderr).contains("usage: decode"));
}
