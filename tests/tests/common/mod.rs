//! Shared helpers of the corpus round-trip tests: where the corpus WSDLs and the sample
//! messages are, temp dirs, the decode / re-encode / decode loop, and xmllint (the
//! metadata crate's validator, reused through `#[path]`).
#![allow(dead_code)]

use std::path::PathBuf;

use runtime::__private as rt;
use runtime::soap::{self, Envelope, Message, SoapVersion};

#[path = "../../../metadata/tests/common/xmllint.rs"]
pub mod xmllint;

/// `<workspace root>/../shared/wsdl/corpus/<name>`, or `None` (after saying so) when it is
/// absent. Under `CI=true` its absence is a failure: CI must exercise these tests.
pub fn corpus_dir(test: &str, name: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/wsdl/corpus")
        .join(name);
    if dir.is_dir() {
        return Some(dir.canonicalize().unwrap_or(dir));
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{test}: {} is missing, and CI=true requires it",
        dir.display()
    );
    eprintln!("{test}: skipped, {} is not present", dir.display());
    None
}

/// A fresh empty directory under the system temp dir, unique per process and `tag`.
pub fn temp_dir(tag: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("stub-tests-{}-{tag}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// A hand-written sample message: `tests/fixtures/corpus/<wsdl>/<name>`.
pub fn fixture(wsdl: &str, name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/corpus")
        .join(wsdl)
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn text(xml: &[u8]) -> String {
    String::from_utf8_lossy(xml).into_owned()
}

/// Decodes `xml`, panicking with the error and the document.
pub fn decode<H: rt::Complex, B: rt::Body>(xml: &[u8]) -> Envelope<H, B> {
    soap::decode_envelope(xml).unwrap_or_else(|e| panic!("decode: {e}\n{}", text(xml)))
}

/// Decodes a sample response that must hold a body (not a fault), then re-encodes it in
/// the same SOAP version and decodes that again: both decodes must be equal. Returns the
/// headers and body of the first decode for the caller's assertions.
pub fn body_round_trip<H, B>(xml: &[u8]) -> (H, B)
where
    H: rt::Complex + PartialEq + std::fmt::Debug,
    B: rt::Body + PartialEq + std::fmt::Debug,
{
    let env = decode::<H, B>(xml);
    let again = reencode(&env);
    assert_eq!(again.version, env.version);
    assert_eq!(again.headers, env.headers);
    assert_eq!(again.body, env.body);
    match env.body {
        Message::Body(b) => (env.headers, b),
        Message::Fault(f) => panic!("unexpected fault {f:?}\n{}", text(xml)),
    }
}

/// Decodes a sample fault response, re-encodes the fault and decodes that again: equal.
pub fn fault_round_trip<H, B>(xml: &[u8]) -> soap::Fault
where
    H: rt::Complex + std::fmt::Debug,
    B: rt::Body + std::fmt::Debug,
{
    let env = decode::<H, B>(xml);
    let Message::Fault(f) = env.body else {
        panic!("expected a fault, got {:?}", env.body)
    };
    let bytes = soap::encode_fault(env.version, &f).expect("encode the fault");
    let back = soap::decode_fault(&bytes).unwrap_or_else(|e| panic!("{e}\n{}", text(&bytes)));
    assert_eq!(back, f, "{}", text(&bytes));
    f
}

fn reencode<H: rt::Complex, B: rt::Body>(env: &Envelope<H, B>) -> Envelope<H, B> {
    let Message::Body(body) = &env.body else {
        panic!("a fault here")
    };
    let bytes = soap::encode_envelope(env.version, &env.headers, body).expect("re-encode");
    decode(&bytes)
}

/// Encodes a request as the generated client sends it, decodes it back (equal), and
/// returns the bytes for xmllint.
pub fn request<H, B>(v: SoapVersion, headers: &H, body: &B) -> Vec<u8>
where
    H: rt::Complex + PartialEq + std::fmt::Debug,
    B: rt::Body + PartialEq + std::fmt::Debug + Clone,
{
    let xml = soap::encode_request(v, headers, body, None).expect("encode the request");
    let env = decode::<H, B>(&xml);
    assert_eq!(env.version, v);
    assert_eq!(&env.headers, headers, "{}", text(&xml));
    assert_eq!(env.body, Message::Body(body.clone()), "{}", text(&xml));
    xml
}

/// The decode error of a sample that must not decode.
pub fn decode_error<H: rt::Complex + std::fmt::Debug, B: rt::Body + std::fmt::Debug>(
    xml: &[u8],
) -> rt::DecodeError {
    match soap::decode_envelope::<H, B>(xml) {
        Ok(env) => panic!("decoded a broken message: {env:?}"),
        Err(e) => e,
    }
}

/// A sample response decoded and written again by the runtime: what xmllint judges to
/// check the writer against the schema for the response types too.
pub fn rewritten<H: rt::Complex, B: rt::Body>(xml: &[u8]) -> Vec<u8> {
    let env = decode::<H, B>(xml);
    let Message::Body(body) = &env.body else {
        panic!("a fault here")
    };
    soap::encode_envelope(env.version, &env.headers, body).expect("re-encode")
}
