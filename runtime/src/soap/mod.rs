//! The SOAP 1.1 / 1.2 envelope: typed headers and body, faults, and the plain data the
//! client needs (operations, the SessionHeader's names).

mod detail;
mod encoded;
mod fault;

use std::borrow::Cow;

pub use encoded::{SOAP_ENC_NS, read_encoded, write_encoded};
pub use fault::{Fault, FaultCode, decode_fault, encode_fault};

use crate::xml::{
    Body, Complex, DecodeError, DecodeErrorKind, DynComplex, EncodeError, Name, Reader,
    ReaderLimits, Start, WriteResult, Writer, XSD_NS, XSI_NS,
};

/// SOAP 1.1 envelope namespace.
pub const SOAP11_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// SOAP 1.2 envelope namespace.
pub const SOAP12_NS: &str = "http://www.w3.org/2003/05/soap-envelope";

/// The SOAP version of a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SoapVersion {
    /// SOAP 1.1 (`text/xml`, `SOAPAction` header).
    #[default]
    Soap11,
    /// SOAP 1.2 (`application/soap+xml; action=...`).
    Soap12,
}

impl SoapVersion {
    /// The envelope namespace.
    pub const fn ns(self) -> &'static str {
        match self {
            Self::Soap11 => SOAP11_NS,
            Self::Soap12 => SOAP12_NS,
        }
    }
    /// The media type of requests (without parameters).
    pub const fn content_type(self) -> &'static str {
        match self {
            Self::Soap11 => "text/xml",
            Self::Soap12 => "application/soap+xml",
        }
    }
    /// The version whose envelope namespace is `ns`.
    pub fn from_ns(ns: &str) -> Option<Self> {
        match ns {
            SOAP11_NS => Some(Self::Soap11),
            SOAP12_NS => Some(Self::Soap12),
            _ => None,
        }
    }
    /// The prefix this crate writes for the envelope namespace.
    pub(crate) const fn prefix(self) -> &'static str {
        match self {
            Self::Soap11 => "soapenv",
            Self::Soap12 => "env",
        }
    }
}

/// Where the runtime writes the session token: the SessionHeader element and its child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionHeaderInfo {
    /// The header element, e.g. `{http://soap.sforce.com/2006/04/metadata}SessionHeader`.
    pub element: Name,
    /// Its child holding the token, e.g. `sessionId`.
    pub session_id: Name,
}

/// One operation of a binding (a const in generated code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The operation's name.
    pub name: &'static str,
    /// The `SOAPAction` (1.1) or `action` parameter (1.2).
    pub soap_action: &'static str,
    /// The binding's SOAP version.
    pub version: SoapVersion,
    /// Safe to replay on 502/503 (reads only).
    pub retry_safe: bool,
    /// The SessionHeader the runtime fills from the credential, if the operation takes one.
    pub session: Option<&'static SessionHeaderInfo>,
}

/// A decoded envelope.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope<H, B> {
    /// The envelope's SOAP version.
    pub version: SoapVersion,
    /// The header elements the stubs know (others are skipped).
    pub headers: H,
    /// The body, or a fault.
    pub body: Message<B>,
}

/// The content of a SOAP body.
// A fault is read at most once per call: boxing it would only add noise for callers.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Message<B> {
    /// A body element.
    Body(B),
    /// A SOAP fault.
    Fault(Fault),
}

/// Writes an envelope with `headers` (a `Complex` whose fields are header elements; absent
/// ones are left out, and an empty Header block is omitted) and `body`.
pub fn encode_envelope<H: Complex, B: Body>(
    v: SoapVersion,
    headers: &H,
    body: &B,
) -> Result<Vec<u8>, EncodeError> {
    encode_request(v, headers, body, None)
}

/// Like [`encode_envelope`], and when `session` is given writes that SessionHeader with the
/// token first in the Header block, leaving out any caller-set header of the same name.
pub fn encode_request<H: Complex, B: Body>(
    v: SoapVersion,
    headers: &H,
    body: &B,
    session: Option<(&SessionHeaderInfo, &str)>,
) -> Result<Vec<u8>, EncodeError> {
    encode_core(v, headers, &mut |w| body.write_body(w), session)
}

fn encode_core(
    v: SoapVersion,
    headers: &dyn DynComplex,
    body: &mut dyn FnMut(&mut Writer) -> WriteResult,
    session: Option<(&SessionHeaderInfo, &str)>,
) -> Result<Vec<u8>, EncodeError> {
    let mut w = Writer::with_capacity(16 * 1024);
    w.declaration();
    w.start_prefixed(v.prefix(), v.ns(), "Envelope")?;
    // Pre-declared so xsi:type / xsi:nil and xsd: type names need no declarations below.
    w.declare(Cow::Borrowed("xsi"), Cow::Borrowed(XSI_NS));
    w.declare(Cow::Borrowed("xsd"), Cow::Borrowed(XSD_NS));
    let r = write_header(&mut w, v, headers, session)
        .and_then(|()| write_body_block(&mut w, v, body))
        .map_err(|e| e.within("Envelope"));
    r?;
    w.end_element();
    Ok(w.into_bytes())
}

fn write_header(
    w: &mut Writer,
    v: SoapVersion,
    headers: &dyn DynComplex,
    session: Option<(&SessionHeaderInfo, &str)>,
) -> WriteResult {
    w.begin_content();
    let mark = w.len();
    w.start_prefixed(v.prefix(), v.ns(), "Header")?;
    let empty_len = w.len();
    let r = (|| {
        if let Some((info, token)) = session {
            write_session(w, info, token)?;
        }
        w.set_suppress(session.map(|(info, _)| info.element));
        let r = headers.dyn_write_fields(w);
        w.set_suppress(None);
        r
    })();
    r.map_err(|e| e.within("Header"))?;
    let wrote_nothing = w.len() == empty_len;
    w.end_element();
    if wrote_nothing {
        w.truncate(mark);
    }
    Ok(())
}

/// `<SessionHeader xmlns=".."><sessionId>TOKEN</sessionId></SessionHeader>`.
fn write_session(w: &mut Writer, info: &SessionHeaderInfo, token: &str) -> WriteResult {
    let inner = |w: &mut Writer| -> WriteResult {
        w.start_element(info.session_id.ns, info.session_id.local)?;
        w.begin_content().push_str(token)?;
        w.end_element();
        Ok(())
    };
    w.start_element(info.element.ns, info.element.local)?;
    inner(w).map_err(|e| e.within(info.session_id.local).within(info.element.local))?;
    w.end_element();
    Ok(())
}

fn write_body_block(
    w: &mut Writer,
    v: SoapVersion,
    body: &mut dyn FnMut(&mut Writer) -> WriteResult,
) -> WriteResult {
    w.start_prefixed(v.prefix(), v.ns(), "Body")?;
    body(w).map_err(|e| e.within("Body"))?;
    w.end_element();
    Ok(())
}

/// Reads an envelope: known headers into `H` (unknown ones skipped, in any order), the body
/// through `B`'s dispatch, or a fault. Default [`ReaderLimits`] (nesting, decode budget).
pub fn decode_envelope<H: Complex, B: Body>(xml: &[u8]) -> Result<Envelope<H, B>, DecodeError> {
    decode_envelope_with(xml, ReaderLimits::default())
}

/// [`decode_envelope`] with the given limits.
pub fn decode_envelope_with<H: Complex, B: Body>(
    xml: &[u8],
    limits: ReaderLimits,
) -> Result<Envelope<H, B>, DecodeError> {
    let mut r = Reader::with_limits(xml, limits)?;
    let mut headers = H::default();
    let (version, s) = open_envelope(&mut r, Some(&mut headers))?;
    let body = if is_fault(&r, &s, version)? {
        Message::Fault(fault::read_fault(&mut r, &s, version)?)
    } else {
        Message::Body(B::read_body(&mut r, &s)?)
    };
    close_envelope(&mut r)?;
    Ok(Envelope {
        version,
        headers,
        body,
    })
}

/// True when body element `s` is a `Fault` of the envelope's namespace.
fn is_fault(r: &Reader<'_>, s: &Start<'_>, v: SoapVersion) -> Result<bool, DecodeError> {
    if s.local() != "Fault" {
        return Ok(false);
    }
    Ok(r.name(s)?.ns() == v.ns())
}

/// Reads up to the first element inside `Body`, reading `Header` into `headers` on the way.
fn open_envelope<'a>(
    r: &mut Reader<'a>,
    mut headers: Option<&mut dyn DynComplex>,
) -> Result<(SoapVersion, Start<'a>), DecodeError> {
    let root = r.root()?;
    let name = r.name(&root)?;
    let version = SoapVersion::from_ns(name.ns())
        .filter(|_| name.local() == "Envelope")
        .ok_or_else(|| {
            DecodeError::new(
                DecodeErrorKind::NotAnEnvelope(format!("root element is {name}")),
                String::new(),
                root.offset(),
            )
        })?;
    while let Some(c) = r.next_child()? {
        let in_env = r.name(&c)?.ns() == version.ns();
        match (in_env, c.local(), headers.as_deref_mut()) {
            (true, "Header", Some(h)) => r.read_complex(&c, h)?,
            (true, "Body", _) => match r.next_child()? {
                Some(first) => return Ok((version, first)),
                None => return Err(not_envelope(r, &c, "the Body is empty")),
            },
            _ => r.skip(&c)?,
        }
    }
    Err(not_envelope(r, &root, "no Body"))
}

fn not_envelope(r: &Reader<'_>, s: &Start<'_>, what: &str) -> DecodeError {
    let _ = r;
    DecodeError::new(
        DecodeErrorKind::NotAnEnvelope(what.to_owned()),
        String::new(),
        s.offset(),
    )
}

/// After the body element: skips further body elements and trailing envelope children.
fn close_envelope(r: &mut Reader<'_>) -> Result<(), DecodeError> {
    for _ in 0..2 {
        while let Some(c) = r.next_child()? {
            r.skip(&c)?;
        }
        r.close();
    }
    r.end_document()
}
