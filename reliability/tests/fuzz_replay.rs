//! Replays the fuzz corpora as plain tests: every seed in `fuzz/seeds/<target>` and every
//! input that once crashed a target (`fuzz/regressions/<target>`) goes through the same
//! checks the fuzz targets make (`fuzz/fuzz_targets/*.rs`), in every `cargo test`; the
//! coverage-guided runs are `fuzz/run.sh` (short ones in `.ci/run`, after the tests).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use metadata::{MetadataBody, MetadataHeaders};
use runtime::soap::{
    Envelope, Fault, Message, SoapVersion, decode_envelope, decode_fault, encode_envelope,
    encode_fault,
};
use runtime::xml::{DecodeErrorKind, EncodeError};

type Env = Envelope<MetadataHeaders, MetadataBody>;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// The files of `fuzz/{kind}/{target}`, sorted.
fn inputs(kind: &str, target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = fuzz_dir().join(kind).join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .map(|p| {
                    let name = p.display().to_string();
                    (name, std::fs::read(&p).unwrap_or_default())
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn encode(env: &Env) -> Result<Vec<u8>, EncodeError> {
    match &env.body {
        Message::Body(b) => encode_envelope(env.version, &env.headers, b),
        Message::Fault(f) => encode_fault(env.version, f),
    }
}

/// The `decode_envelope` target's check: a decoded envelope writes back and reaches a
/// fixpoint after one normalising pass.
fn check_envelope(data: &[u8]) -> Result<bool, String> {
    let Ok(first) = decode_envelope::<MetadataHeaders, MetadataBody>(data) else {
        return Ok(false);
    };
    let xml = encode(&first).map_err(|e| format!("decoded but does not encode: {e}"))?;
    let second: Env = decode_envelope(&xml).map_err(|e| format!("own output: {e}"))?;
    let xml2 = encode(&second).map_err(|e| format!("second encode: {e}"))?;
    let third: Env = decode_envelope(&xml2).map_err(|e| format!("own output: {e}"))?;
    if matches!(second.body, Message::Body(_)) && second.headers != third.headers {
        return Err("headers differ after a round trip".into());
    }
    let same = match (&second.body, &third.body) {
        (Message::Fault(a), Message::Fault(b)) => meaning(a) == meaning(b),
        (a, b) => a == b,
    };
    if !same {
        return Err("body differs after a round trip".into());
    }
    Ok(true)
}

/// The `decode_fault` target's check.
fn check_fault(data: &[u8]) -> Result<bool, String> {
    let Ok(first) = decode_fault(data) else {
        return Ok(false);
    };
    let is12 = data.windows(19).any(|w| w == b"2003/05/soap-envelo");
    let v = if is12 {
        SoapVersion::Soap12
    } else {
        SoapVersion::Soap11
    };
    let xml = encode_fault(v, &first).map_err(|e| format!("decoded but does not encode: {e}"))?;
    let second = decode_fault(&xml).map_err(|e| format!("own output: {e}"))?;
    let xml2 = encode_fault(v, &second).map_err(|e| format!("second encode: {e}"))?;
    let third = decode_fault(&xml2).map_err(|e| format!("own output: {e}"))?;
    if meaning(&second) != meaning(&third) {
        return Err(format!(
            "fault differs after a round trip: {second:?} vs {third:?}"
        ));
    }
    Ok(true)
}

/// What a fault means: codes by namespace and local name (their lexical form is how they
/// were written: an undeclared prefix is not written back), and the rest as read.
fn meaning(f: &Fault) -> impl PartialEq + std::fmt::Debug + '_ {
    let codes: Vec<(&str, &str)> = std::iter::once(&f.code)
        .chain(&f.subcodes)
        .map(|c| (c.ns.as_str(), c.local.as_str()))
        .collect();
    (codes, &f.string, &f.actor, &f.node, &f.detail)
}

/// The WSDL targets' check: loading ends (quickly) in a model or a typed error, and a model
/// generates code or a typed error other than `Internal`.
fn check_wsdl(data: &[u8]) -> Result<bool, String> {
    let text = String::from_utf8_lossy(data);
    let started = Instant::now();
    let loaded = wsdl::load_str(&text, Path::new("/nonexistent-fuzz/in.wsdl"));
    if started.elapsed() > Duration::from_secs(10) {
        return Err(format!("loading took {:?}", started.elapsed()));
    }
    let Ok(defs) = loaded else { return Ok(false) };
    match codegen::generate_from(&defs, "in.wsdl", "::runtime") {
        Err(codegen::Error::Internal(e)) => Err(format!("generated code does not parse: {e}")),
        Ok(_) => Ok(true),
        Err(_) => Ok(false),
    }
}

fn replay(target: &str, check: fn(&[u8]) -> Result<bool, String>) -> (usize, usize) {
    let mut failures = Vec::new();
    let (mut total, mut accepted) = (0, 0);
    for kind in ["seeds", "regressions"] {
        for (name, data) in inputs(kind, target) {
            total += 1;
            match check(&data) {
                Ok(ok) => accepted += usize::from(ok),
                Err(e) => failures.push(format!("{name}: {e}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("{target}: {total} inputs replayed, {accepted} accepted");
    (total, accepted)
}

#[test]
fn envelope_corpus_replays() {
    let (total, accepted) = replay("decode_envelope", check_envelope);
    assert!(
        total >= 10 && accepted >= 9,
        "the seeds are meant to decode"
    );
}

#[test]
fn fault_corpus_replays() {
    let (total, accepted) = replay("decode_fault", check_fault);
    assert!(total >= 5 && accepted >= 5, "the seeds are meant to decode");
}

#[test]
fn wsdl_corpus_replays() {
    let (total, accepted) = replay("wsdl_load", check_wsdl);
    assert!(total >= 3 && accepted >= 2, "the seeds are meant to load");
    let seed = std::fs::read(fuzz_dir().join("fuzz_targets/seed.wsdl")).unwrap();
    assert_eq!(
        check_wsdl(&seed),
        Ok(true),
        "the structure-aware seed generates"
    );
}

/// Found by `decode_envelope` / `decode_fault`: raw C0 control characters (here NUL and
/// U+0001) were accepted by the reader, so a decoded value could not be written back.
/// Now a syntax error naming the character, in text, attributes and anyType content.
#[test]
fn raw_control_characters_are_syntax_errors() {
    let envelopes: Vec<_> = inputs("regressions", "decode_envelope")
        .into_iter()
        .filter(|(n, _)| n.contains("nul"))
        .collect();
    let faults: Vec<_> = inputs("regressions", "decode_fault")
        .into_iter()
        .filter(|(n, _)| n.contains("control-char"))
        .collect();
    for (name, data) in envelopes.iter().chain(&faults) {
        let mut results = vec![decode_envelope::<MetadataHeaders, MetadataBody>(data).map(|_| ())];
        if faults.iter().any(|(n, _)| n == name) {
            results.push(decode_fault(data).map(|_| ()));
        }
        for r in results {
            let e = r.expect_err(name);
            assert!(
                matches!(e.kind(), DecodeErrorKind::Syntax(m) if m.contains("not allowed in XML")),
                "{name}: {e}"
            );
        }
    }
    let ns = r#"xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;
    let docs = [
        format!(
            "<soapenv:Envelope {ns}><soapenv:Body><readMetadataResponse><result><records><fullName a=\"x\u{1}\">f</fullName></records></result></readMetadataResponse></soapenv:Body></soapenv:Envelope>"
        ),
        format!(
            "<soapenv:Envelope {ns}><soapenv:Body><readMetadataResponse><result><records xsi:type=\"CustomMetadata\"><values><field>f</field><value><x>\u{8}</x></value></values></records></result></readMetadataResponse></soapenv:Body></soapenv:Envelope>"
        ),
        format!(
            "<soapenv:Envelope {ns}><soapenv:Body><readMetadataResponse><result><records><fullName>\u{FFFF}</fullName></records></result></readMetadataResponse></soapenv:Body></soapenv:Envelope>"
        ),
    ];
    for d in docs {
        let e = decode_envelope::<MetadataHeaders, MetadataBody>(d.as_bytes()).unwrap_err();
        assert!(matches!(e.kind(), DecodeErrorKind::Syntax(_)), "{e}");
    }
    // Tab, LF, CR and characters beyond U+FFFF stay readable.
    let ok = format!(
        "<soapenv:Envelope {ns}><soapenv:Body><readMetadataResponse><result><records><fullName>a\tb\nc\u{10FFFF}\u{FFFD}</fullName></records></result></readMetadataResponse></soapenv:Body></soapenv:Envelope>"
    );
    assert!(decode_envelope::<MetadataHeaders, MetadataBody>(ok.as_bytes()).is_ok());
}

/// Found while fuzzing the loader: an import or include naming `/dev/zero` read without
/// end. Now files are read up to a size limit and the import is an I/O error with its place.
#[test]
fn an_include_of_an_endless_file_is_an_error() {
    let data =
        std::fs::read(fuzz_dir().join("regressions/wsdl_load/include-dev-zero.wsdl")).unwrap();
    let started = Instant::now();
    let e = wsdl::load_str(&String::from_utf8_lossy(&data), Path::new("dz.wsdl")).unwrap_err();
    let text = e.to_string();
    assert!(matches!(e, wsdl::Error::Io { .. }), "{text}");
    assert!(
        text.starts_with("dz.wsdl:1:") && text.contains("larger than"),
        "{text}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

/// Found by `decode_fault` and `decode_envelope`: a faultcode that is not a QName (two or
/// three colons) is kept (a fault is more useful than an error about it). Its local part
/// was everything after the first colon, so each write and read peeled one more piece off;
/// now it is what follows the last colon, and one write later the fault is stable.
#[test]
fn faultcodes_that_are_not_qnames_are_kept_and_stable() {
    let files = [
        "decode_fault/faultcode-with-two-colons.xml",
        "decode_fault/faultcode-with-three-colons.xml",
        "decode_envelope/fault-code-with-two-colons.xml",
    ];
    for name in files {
        let data = std::fs::read(fuzz_dir().join("regressions").join(name)).unwrap();
        let f = decode_fault(&data).unwrap();
        assert!(f.code.lexical.matches(':').count() >= 2, "{name}: {f:?}");
        assert!(
            !f.code.local.contains(':') && !f.code.local.is_empty(),
            "{name}: {f:?}"
        );
        assert_eq!(check_fault(&data), Ok(true), "{name}");
        assert_eq!(check_envelope(&data), Ok(true), "{name}");
    }
}
