//! Cases below the XML: broken connections, lying lengths, huge and compressed bodies,
//! stalls, and HTTP answers that are not SOAP.

use std::sync::Arc;
use std::time::Duration;

use reliability_tests::wire::{Action, Body, Framing};
use reliability_tests::{envelope, gzip, gzip_of_zeros, transport};
use runtime::error::TransportErrorKind as K;
use runtime::transport::TransportBuilder;

use super::{Call, Case, Expect, decode, transport_err};

const GIB: u64 = 1 << 30;

/// A valid `readMetadataResponse` envelope.
fn ok_body() -> Vec<u8> {
    envelope("<readMetadataResponse><result/></readMetadataResponse>").into_bytes()
}

/// `n` bytes of whitespace (rounded down to 64 KiB) inside an otherwise valid envelope,
/// streamed.
fn padded(n: u64) -> Body {
    let xml = ok_body();
    let cut = xml.windows(9).position(|w| w == b"<result/>").unwrap_or(0);
    Body::Stream {
        prefix: xml[..cut].to_vec(),
        chunk: vec![b' '; 64 * 1024],
        times: n / (64 * 1024),
        suffix: xml[cut..].to_vec(),
    }
}

/// 1 GiB of whitespace inside an otherwise valid envelope, streamed.
fn gigabyte() -> Body {
    padded(GIB)
}

fn short_read_timeout() -> TransportBuilder {
    transport().read_timeout(Duration::from_millis(300))
}

fn short_total_timeout() -> TransportBuilder {
    transport()
        .read_timeout(Duration::from_secs(5))
        .timeout(Duration::from_millis(800))
}

fn io_or_timeout() -> Expect {
    Expect::AnyOf(vec![transport_err(K::Io), transport_err(K::Timeout)])
}

/// Connections that break, stall or never speak HTTP.
pub fn transport_cases() -> Vec<Case> {
    vec![
        Case::new(
            "body shorter than its Content-Length",
            Action::xml(200, ok_body()).framed(Framing::LieLength(100_000)),
            transport_err(K::Io),
        ),
        Case::new(
            "chunked body without its last chunk",
            Action::xml(200, ok_body()).framed(Framing::ChunkedUnterminated),
            transport_err(K::Io),
        ),
        Case::new(
            "connection closed without an answer (read retried, then an error)",
            Action::Close,
            transport_err(K::Io),
        )
        .hits(3),
        Case::new(
            "connection closed without an answer to a write (never replayed)",
            Action::Close,
            transport_err(K::Io),
        )
        .call(Call::Write)
        .hits(1),
        Case::new(
            "connection reset in the middle of the body",
            Action::ResetAfter(
                [
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 5000\r\n\r\n"
                        .as_slice(),
                    &ok_body()[..40],
                ]
                .concat(),
            ),
            transport_err(K::Io),
        ),
        Case::new(
            "connection reset before the status line",
            Action::ResetAfter(b"HTTP/1.1 2".to_vec()),
            transport_err(K::Io),
        ),
        Case::new(
            "server stalls after the request: the read timeout fires",
            Action::Stall,
            transport_err(K::Timeout),
        )
        .transport(short_read_timeout)
        .hits(1)
        .max_time(Duration::from_secs(5)),
        Case::new(
            "server trickles the body: the total timeout fires",
            Action::xml(200, ok_body())
                .body(padded(1 << 20))
                .framed(Framing::Chunked)
                .paced(Duration::from_millis(100)),
            transport_err(K::Timeout),
        )
        .transport(short_total_timeout)
        .max_time(Duration::from_secs(5)),
        Case::new(
            "not HTTP at all",
            Action::Raw(b"SSH-2.0-OpenSSH_9.6\r\n\r\n".to_vec()),
            transport_err(K::Io),
        ),
        Case::new(
            "a status line with a status of six digits",
            Action::Raw(b"HTTP/1.1 200000 OK\r\nContent-Length: 0\r\n\r\n".to_vec()),
            transport_err(K::Io),
        ),
        Case::new(
            "headers that never end",
            Action::EndlessHeaders,
            io_or_timeout(),
        ),
        Case::new(
            "a 1 MB header line",
            Action::Raw(
                format!(
                    "HTTP/1.1 200 OK\r\nX-Big: {}\r\nContent-Length: 0\r\n\r\n",
                    "b".repeat(1 << 20)
                )
                .into_bytes(),
            ),
            transport_err(K::Io),
        ),
    ]
}

/// HTTP answers that are complete but wrong: statuses, sizes, encodings, content types.
pub fn http_cases() -> Vec<Case> {
    let html = b"<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><h1>Down for maintenance</h1></body></html>".to_vec();
    vec![
        Case::new(
            "an HTML 503 page (read retried, then the status with the page kept)",
            Action::reply(503, "text/html", html.clone()),
            Expect::Status(503),
        )
        .hits(3),
        Case::new(
            "an HTML 503 page to a write (never replayed)",
            Action::reply(503, "text/html", html.clone()),
            Expect::Status(503),
        )
        .call(Call::Write)
        .hits(1),
        Case::new(
            "a 503 asking to retry after a day: the wait is capped",
            Action::reply(503, "text/html", html.clone()).header("Retry-After", "86400"),
            Expect::Status(503),
        )
        .hits(3)
        .max_time(Duration::from_secs(3)),
        Case::new(
            "an HTML 500 page (not a fault)",
            Action::reply(500, "text/html", html.clone()),
            Expect::Status(500),
        ),
        Case::new(
            "an HTML page with status 200 and text/html",
            Action::reply(200, "text/html", html.clone()),
            decode("Doctype"),
        ),
        Case::new(
            "JSON with status 200",
            Action::reply(200, "application/json", br#"{"error":"nope"}"#.to_vec()),
            Expect::AnyOf(vec![decode("Syntax"), decode("UnexpectedText")]),
        ),
        Case::new(
            "an empty 200 body",
            Action::xml(200, Vec::new()),
            Expect::AnyOf(vec![decode("UnexpectedEof"), decode("Syntax")]),
        ),
        Case::new(
            "a 302 redirect is not followed",
            redirect(),
            Expect::Status(302),
        )
        .hits(1),
        Case::new(
            "the answer of another operation to a typed readMetadata",
            Action::xml(200, envelope("<listMetadataResponse/>")),
            decode("UnexpectedBody"),
        )
        .call(Call::Read),
        Case::new(
            "a 503, then a broken answer to the retry",
            Action::Close,
            Expect::AnyOf(vec![decode("UnexpectedEof"), decode("Syntax")]),
        )
        .script(Arc::new(|n, _| {
            if n == 0 {
                Action::reply(503, "text/html", b"busy".to_vec())
            } else {
                Action::xml(200, ok_body()[..300].to_vec())
            }
        }))
        .hits(2),
        Case::new(
            "a 401 with a challenge",
            Action::reply(401, "text/plain", b"Unauthorized".to_vec())
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\""),
            Expect::Status(401),
        ),
        Case::new(
            "a 1 GiB body announced by Content-Length is refused before reading",
            Action::xml(200, Vec::new()).body(gigabyte()),
            transport_err(K::ResponseTooLarge),
        )
        .max_time(Duration::from_secs(5)),
        Case::new(
            "a 1 GiB chunked body is cut at the size limit",
            Action::xml(200, Vec::new())
                .body(gigabyte())
                .framed(Framing::Chunked),
            transport_err(K::ResponseTooLarge),
        ),
        Case::new(
            "a 1 GiB body delimited by closing the connection is cut at the size limit",
            Action::xml(200, Vec::new())
                .body(gigabyte())
                .framed(Framing::Close),
            transport_err(K::ResponseTooLarge),
        ),
        Case::new(
            "a gzip bomb (1 GiB of zeros in about 1 MB)",
            Action::xml(200, gzip_of_zeros(GIB as usize)).header("Content-Encoding", "gzip"),
            transport_err(K::ResponseTooLarge),
        ),
        Case::new(
            "a one-member gzip bomb (64 MiB of zeros)",
            Action::xml(200, gzip(&vec![0u8; 64 << 20])).header("Content-Encoding", "gzip"),
            transport_err(K::ResponseTooLarge),
        ),
        Case::new(
            "corrupt gzip",
            Action::xml(200, b"\x1f\x8b\x08\x00garbage-not-deflate".to_vec())
                .header("Content-Encoding", "gzip"),
            transport_err(K::Decompress),
        ),
        Case::new(
            "gzip declared, plain XML sent",
            Action::xml(200, ok_body()).header("Content-Encoding", "gzip"),
            transport_err(K::Decompress),
        ),
        Case::new(
            "an encoding the client never asked for (br)",
            Action::xml(200, ok_body()).header("Content-Encoding", "br"),
            transport_err(K::Decompress),
        ),
        Case::new(
            "gzip of a truncated gzip stream",
            Action::xml(200, truncated_gzip()).header("Content-Encoding", "gzip"),
            transport_err(K::Decompress),
        ),
        Case::new(
            "a SOAP fault with status 200",
            Action::xml(
                200,
                reliability_tests::fault("sf:UNKNOWN_EXCEPTION", "boom"),
            ),
            Expect::Fault("UNKNOWN_EXCEPTION"),
        ),
        Case::new(
            "INVALID_SESSION_ID with a token that cannot be refreshed (one request, no loop)",
            Action::xml(
                500,
                reliability_tests::fault("sf:INVALID_SESSION_ID", "Invalid Session ID"),
            ),
            Expect::Auth,
        )
        .hits(1),
        Case::new(
            "a 500 whose fault is cut short is kept as an HTTP error",
            Action::xml(
                500,
                reliability_tests::fault("sf:X", "y").as_bytes()[..120].to_vec(),
            ),
            Expect::Status(500),
        ),
    ]
}

fn redirect() -> Action {
    Action::reply(302, "text/html", Vec::new()).header("Location", "http://127.0.0.1:9/steal")
}

fn truncated_gzip() -> Vec<u8> {
    let g = gzip(&ok_body().repeat(50));
    g[..g.len() / 2].to_vec()
}
