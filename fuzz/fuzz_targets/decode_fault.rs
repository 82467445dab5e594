//! Any bytes as an HTTP 500 body: `decode_fault` gives a fault or a typed error, never a
//! panic. A fault that decodes is written back and must decode to the same fault again
//! (after one normalising pass: the writer picks its own prefixes).
#![no_main]

use libfuzzer_sys::fuzz_target;
use runtime::soap::{SoapVersion, decode_fault, encode_fault};

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
    assert_eq!(second, third, "fault round trip is not stable");
});
