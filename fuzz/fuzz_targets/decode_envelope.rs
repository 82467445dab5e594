//! Any bytes as a Metadata API response: decoding through the generated header set and body
//! dispatch gives an envelope or a typed error, never a panic. A body that decodes is
//! written back and must decode equal (after one normalising pass).
#![no_main]

use libfuzzer_sys::fuzz_target;
use metadata::{MetadataBody, MetadataHeaders};
use runtime::soap::{Envelope, Fault, Message, decode_envelope, encode_envelope, encode_fault};

type Env = Envelope<MetadataHeaders, MetadataBody>;

fn encode(env: &Env) -> Result<Vec<u8>, runtime::xml::EncodeError> {
    match &env.body {
        Message::Body(b) => encode_envelope(env.version, &env.headers, b),
        Message::Fault(f) => encode_fault(env.version, f),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(first) = decode_envelope::<MetadataHeaders, MetadataBody>(data) else { return };
    let xml = encode(&first).expect("an envelope we read encodes");
    let second: Env = decode_envelope(&xml).expect("an envelope we wrote decodes");
    let xml2 = encode(&second).expect("an envelope we read encodes");
    let third: Env = decode_envelope(&xml2).expect("an envelope we wrote decodes");
    // Fault envelopes carry no headers when written by encode_fault.
    if matches!(second.body, Message::Body(_)) {
        assert_eq!(second.headers, third.headers, "headers round trip");
    }
    match (&second.body, &third.body) {
        (Message::Fault(a), Message::Fault(b)) => {
            assert_eq!(meaning(a), meaning(b), "fault round trip");
        }
        (a, b) => assert_eq!(a, b, "body round trip"),
    }
});

/// What a fault means: codes by namespace and local name (their lexical form is how they
/// were written: an undeclared prefix is not written back), and the rest as read.
fn meaning(f: &Fault) -> impl PartialEq + std::fmt::Debug + '_ {
    let codes: Vec<(&str, &str)> = std::iter::once(&f.code)
        .chain(&f.subcodes)
        .map(|c| (c.ns.as_str(), c.local.as_str()))
        .collect();
    (codes, &f.string, &f.actor, &f.node, &f.detail)
}
