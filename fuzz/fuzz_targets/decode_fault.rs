//! Any bytes as an HTTP 500 body: `decode_fault` gives a fault or a typed error, never a
//! panic. A fault that decodes is written back and must decode to the same fault again
//! (after one normalising pass: the writer picks its own prefixes).
#![no_main]

use libfuzzer_sys::fuzz_target;
use runtime::soap::{Fault, SoapVersion, decode_fault, encode_fault};

/// What a fault means: codes by namespace and local name (their lexical form is how they
/// were written: an undeclared prefix is not written back), and the rest as read.
fn meaning(f: &Fault) -> impl PartialEq + std::fmt::Debug + '_ {
    let codes: Vec<(&str, &str)> = std::iter::once(&f.code)
        .chain(&f.subcodes)
        .map(|c| (c.ns.as_str(), c.local.as_str()))
        .collect();
    (codes, &f.string, &f.actor, &f.node, &f.detail)
}

fuzz_target!(|data: &[u8]| {
    let Ok(first) = decode_fault(data) else { return };
    let version = if data.windows(19).any(|w| w == b"2003/05/soap-envelo") {
        SoapVersion::Soap12
    } else {
        SoapVersion::Soap11
    };
    let xml = encode_fault(version, &first).expect("a fault we read encodes");
    let second = decode_fault(&xml).expect("a fault we wrote decodes");
    let xml2 = encode_fault(version, &second).expect("a fault we read encodes");
    let third = decode_fault(&xml2).expect("a fault we wrote decodes");
    assert_eq!(meaning(&second), meaning(&third), "fault round trip is not stable");
});
