//! Support for the reliability and security suites in `tests/`: a hostile HTTP server
//! ([`wire`]), Metadata API clients pointed at it, SOAP envelopes written by hand, and
//! peak-memory probes run in child processes ([`memory`]).

pub mod memory;
pub mod wire;

use std::io::{Read, Write};
use std::sync::Arc;
use std::time::Duration;

use runtime::auth::StaticToken;
use runtime::client::RetryPolicy;
use runtime::transport::{ReqwestTransport, TransportBuilder};
use runtime::xml::ReaderLimits;
use runtime::{AccessToken, Credential, SoapClient};

/// The token every test client sends; tests check it never shows up where it must not.
pub const TOKEN: &str = "00Dxx0000001gPL!AQ4AQTOKEN-SECRET-do-not-print";

/// The Metadata namespace.
pub const MD_NS: &str = "http://soap.sforce.com/2006/04/metadata";

/// The transport the hostile suites use: no proxy, a small response limit and short
/// timeouts so that every case ends quickly.
pub fn transport() -> TransportBuilder {
    ReqwestTransport::builder()
        .no_proxy()
        .max_response_bytes(8 * 1024 * 1024)
        .connect_timeout(Duration::from_secs(2))
        .read_timeout(Duration::from_secs(2))
        .timeout(Duration::from_secs(10))
}

/// A retry policy with short waits, so retried cases stay fast.
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 2,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(40),
    }
}

/// A Metadata API client for the org at `url` with a static [`TOKEN`], over `transport`.
pub fn client(
    url: &str,
    transport: TransportBuilder,
    retry: RetryPolicy,
) -> metadata::MetadataClient {
    client_with(url, transport, retry, ReaderLimits::default())
}

/// [`client`] with the given decode limits.
pub fn client_with(
    url: &str,
    transport: TransportBuilder,
    retry: RetryPolicy,
    limits: ReaderLimits,
) -> metadata::MetadataClient {
    let transport = Arc::new(transport.build().expect("transport builds"));
    let credential = Credential::builder(StaticToken::new(AccessToken::new(TOKEN, url)))
        .transport(transport)
        .build()
        .expect("credential builds");
    let soap = SoapClient::builder(credential)
        .retry(retry)
        .decode_limits(limits)
        .build();
    metadata::MetadataClient::new(soap)
}

/// `<soapenv:Envelope ...><soapenv:Body>{body}</soapenv:Body></soapenv:Envelope>` with the
/// Metadata namespace as default and `xsi`/`xsd` declared.
pub fn envelope(body: &str) -> String {
    format!("{}{body}{}", envelope_head(), ENVELOPE_TAIL)
}

/// The part of [`envelope`] before the body content.
pub fn envelope_head() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="{MD_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soapenv:Body>"#
    )
}

/// The part of [`envelope`] after the body content.
pub const ENVELOPE_TAIL: &str = "</soapenv:Body></soapenv:Envelope>";

/// A SOAP 1.1 fault envelope with `code` (e.g. `sf:INVALID_SESSION_ID`) and `text`.
pub fn fault(code: &str, text: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="{MD_NS}"><soapenv:Body><soapenv:Fault><faultcode>{code}</faultcode><faultstring>{text}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>"#
    )
}

/// A `readMetadata` request body.
pub fn read_request(ty: &str, names: &[&str]) -> metadata::ReadMetadata {
    metadata::ReadMetadata {
        r#type: ty.to_owned(),
        full_names: names.iter().map(|s| (*s).to_owned()).collect(),
    }
}

/// gzip-compresses `data`.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into a Vec cannot fail.
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

/// Undoes [`gzip`]; corrupt input gives what could be read.
pub fn gunzip(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = flate2::read::GzDecoder::new(data).read_to_end(&mut out);
    out
}

/// A gzip bomb: `n` zero bytes (rounded up to MiB) as gzip members of 1 MiB each, one
/// compressed member repeated (gzip allows concatenated members, and decoders that read
/// them all must be bounded too). About 1 KB per MiB; cheap to build.
pub fn gzip_of_zeros(n: usize) -> Vec<u8> {
    let member = gzip(&vec![0u8; 1 << 20]);
    member.repeat(n.div_ceil(1 << 20))
}
