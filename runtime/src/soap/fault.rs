//! SOAP faults (1.1 and 1.2): read from a response (also alone, for the HTTP 500 path) and
//! written (for servers and tests).

use std::borrow::Cow;
use std::fmt;

use super::{SoapVersion, close_envelope, is_fault, open_envelope};
use crate::xml::{
    AnyValue, DecodeError, EncodeError, Reader, Start, WriteResult, Writer, XSD_NS, XSI_NS,
    XmlValue,
};

/// A fault code: a qualified name resolved through the namespaces in scope where it was
/// written (`sf:INVALID_SESSION_ID` -> the namespace `sf` is bound to).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FaultCode {
    /// Namespace URI; `""` when unprefixed with no default namespace, or when the prefix is
    /// undeclared (a fault is more useful than an error about it).
    pub ns: String,
    /// Local part, e.g. `INVALID_SESSION_ID`.
    pub local: String,
    /// The text as written, e.g. `sf:INVALID_SESSION_ID`.
    pub lexical: String,
}

impl FaultCode {
    /// A code in namespace `ns`; written with a prefix of the writer's choosing.
    pub fn new(ns: &str, local: &str) -> Self {
        Self {
            ns: ns.to_owned(),
            local: local.to_owned(),
            lexical: local.to_owned(),
        }
    }
    fn from_text(lexical: String, ns: Option<String>) -> Self {
        // After the last colon: a code that is not a QName (`a:b:C`) keeps a colon-free
        // local part, so writing it back (as `local` or `prefix:local`) reads back the same.
        let local = lexical.rsplit(':').next().unwrap_or_default().to_owned();
        Self {
            ns: ns.unwrap_or_default(),
            local,
            lexical,
        }
    }
}

/// A SOAP fault.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fault {
    /// `faultcode` (1.1) or `Code/Value` (1.2).
    pub code: FaultCode,
    /// SOAP 1.2 `Subcode/Value`s, outermost first (empty for 1.1).
    pub subcodes: Vec<FaultCode>,
    /// `faultstring` (1.1) or the first `Reason/Text` (1.2).
    pub string: String,
    /// `faultactor` (1.1) or `Role` (1.2).
    pub actor: Option<String>,
    /// `Node` (1.2 only).
    pub node: Option<String>,
    /// `detail` / `Detail`, kept losslessly.
    pub detail: Option<AnyValue>,
}

impl Fault {
    /// True when the code or a subcode has local name `local` (e.g. `INVALID_SESSION_ID`).
    pub fn has_code(&self, local: &str) -> bool {
        self.code.local == local || self.subcodes.iter().any(|c| c.local == local)
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.subcodes.last().unwrap_or(&self.code);
        write!(f, "SOAP fault {}: {}", code.lexical, self.string)
    }
}

impl std::error::Error for Fault {}

/// Reads a fault response on its own (the HTTP 500 path): headers are skipped; a body that
/// is not a fault is an [`UnexpectedBody`](crate::xml::DecodeErrorKind::UnexpectedBody) error.
pub fn decode_fault(xml: &[u8]) -> Result<Fault, DecodeError> {
    let mut r = Reader::new(xml)?;
    let (version, s) = open_envelope(&mut r, None)?;
    if !is_fault(&r, &s, version)? {
        return Err(r.unexpected_body(&s));
    }
    let fault = read_fault(&mut r, &s, version)?;
    close_envelope(&mut r)?;
    Ok(fault)
}

/// Reads the `Fault` element `s`. Children are matched by local name (SOAP 1.1 children
/// are unqualified, 1.2's are in the envelope namespace); unknown ones are skipped.
pub(super) fn read_fault(
    r: &mut Reader<'_>,
    s: &Start<'_>,
    v: SoapVersion,
) -> Result<Fault, DecodeError> {
    let _ = s;
    let mut f = Fault::default();
    while let Some(c) = r.next_child()? {
        match (v, c.local()) {
            (SoapVersion::Soap11, "faultcode") => {
                let (lex, ns) = r.text_qname(&c)?;
                f.code = FaultCode::from_text(lex, ns);
            }
            (SoapVersion::Soap11, "faultstring") | (SoapVersion::Soap12, "Reason") => {
                f.string = if v == SoapVersion::Soap11 {
                    r.text(&c)?.into_owned()
                } else {
                    read_reason(r)?
                };
            }
            (SoapVersion::Soap11, "faultactor") | (SoapVersion::Soap12, "Role") => {
                f.actor = Some(r.text(&c)?.into_owned());
            }
            (SoapVersion::Soap12, "Node") => f.node = Some(r.text(&c)?.into_owned()),
            (SoapVersion::Soap12, "Code") => read_code12(r, &mut f)?,
            (_, "detail" | "Detail") => f.detail = Some(r.any_value(&c)?),
            _ => r.skip(&c)?,
        }
    }
    r.close();
    Ok(f)
}

/// `Reason`: the first `Text` child.
fn read_reason(r: &mut Reader<'_>) -> Result<String, DecodeError> {
    let mut text = None;
    while let Some(c) = r.next_child()? {
        if c.local() == "Text" && text.is_none() {
            text = Some(r.text(&c)?.into_owned());
        } else {
            r.skip(&c)?;
        }
    }
    r.close();
    Ok(text.unwrap_or_default())
}

/// `Code`: `Value` and nested `Subcode`s (iteratively).
fn read_code12(r: &mut Reader<'_>, f: &mut Fault) -> Result<(), DecodeError> {
    let mut level = 0usize;
    let mut open = 1usize;
    while open > 0 {
        match r.next_child()? {
            Some(c) if c.local() == "Value" => {
                let (lex, ns) = r.text_qname(&c)?;
                let code = FaultCode::from_text(lex, ns);
                if level == 0 {
                    f.code = code
                } else {
                    f.subcodes.push(code)
                }
            }
            Some(c) if c.local() == "Subcode" => {
                level += 1;
                open += 1;
            }
            Some(c) => r.skip(&c)?,
            None => {
                r.close();
                open -= 1;
            }
        }
    }
    Ok(())
}

/// Writes an envelope holding `fault`.
pub fn encode_fault(v: SoapVersion, fault: &Fault) -> Result<Vec<u8>, EncodeError> {
    let mut w = Writer::new();
    w.declaration();
    w.start_prefixed(v.prefix(), v.ns(), "Envelope")?;
    w.declare(Cow::Borrowed("xsi"), Cow::Borrowed(XSI_NS));
    w.declare(Cow::Borrowed("xsd"), Cow::Borrowed(XSD_NS));
    w.start_prefixed(v.prefix(), v.ns(), "Body")?;
    w.start_prefixed(v.prefix(), v.ns(), "Fault")?;
    let r = match v {
        SoapVersion::Soap11 => write_fault11(&mut w, fault),
        SoapVersion::Soap12 => write_fault12(&mut w, v, fault),
    };
    r.map_err(|e| e.within("Fault").within("Body").within("Envelope"))?;
    w.end_element();
    w.end_element();
    w.end_element();
    Ok(w.into_bytes())
}

fn write_fault11(w: &mut Writer, f: &Fault) -> WriteResult {
    let code = code_text(w, &f.code);
    text_el(w, "", "", "faultcode", &code)?;
    text_el(w, "", "", "faultstring", &f.string)?;
    if let Some(a) = &f.actor {
        text_el(w, "", "", "faultactor", a)?;
    }
    if let Some(d) = &f.detail {
        d.write_xml(w, &crate::xml::Name::new("", "detail"))?;
    }
    Ok(())
}

fn write_fault12(w: &mut Writer, v: SoapVersion, f: &Fault) -> WriteResult {
    let (p, ns) = (v.prefix(), v.ns());
    w.start_prefixed(p, ns, "Code")?;
    let code = code_text(w, &f.code);
    text_el(w, p, ns, "Value", &code)?;
    for sc in &f.subcodes {
        w.start_prefixed(p, ns, "Subcode")?;
        let code = code_text(w, sc);
        text_el(w, p, ns, "Value", &code)?;
    }
    for _ in &f.subcodes {
        w.end_element();
    }
    w.end_element();
    w.start_prefixed(p, ns, "Reason")?;
    w.start_prefixed(p, ns, "Text")?;
    w.raw_attr("xml", "lang", "en")?;
    w.begin_content().push_str(&f.string)?;
    w.end_element();
    w.end_element();
    if let Some(n) = &f.node {
        text_el(w, p, ns, "Node", n)?;
    }
    if let Some(a) = &f.actor {
        text_el(w, p, ns, "Role", a)?;
    }
    if let Some(d) = &f.detail {
        d.write_xml(w, &crate::xml::Name::new(ns, "Detail"))?;
    }
    Ok(())
}

/// `prefix:local` for a fault code, with the prefix bound (declared on the root if needed).
fn code_text(w: &mut Writer, c: &FaultCode) -> String {
    if c.ns.is_empty() {
        return c.local.clone();
    }
    // Keep the prefix it was read with where possible, so a fault reads back equal.
    let preferred = crate::xml::split_qname(&c.lexical).0;
    format!("{}:{}", w.prefix_for_preferred(&c.ns, preferred), c.local)
}

fn text_el(
    w: &mut Writer,
    prefix: &'static str,
    ns: &'static str,
    local: &'static str,
    text: &str,
) -> WriteResult {
    let r = if prefix.is_empty() {
        w.start_element(ns, local)
    } else {
        w.start_prefixed(prefix, ns, local)
    };
    r?;
    w.begin_content()
        .push_str(text)
        .map_err(|e| e.within(local))?;
    w.end_element();
    Ok(())
}
