//! Typed fault details: a fault's `detail` (kept losslessly as XML) decoded into the
//! generated enum of a binding's declared `wsdl:fault` elements.

use super::Fault;
use crate::error::Error;
use crate::xml::{AnyValue, Body, DecodeError, DecodeErrorKind, Reader};

impl Fault {
    /// The detail's first element decoded through `D`'s dispatch (a generated
    /// `{Binding}FaultDetail`): `None` when there is no detail element, or when its element
    /// is none `D` knows; `Some(Err)` when it is one but does not decode.
    pub fn detail_as<D: Body>(&self) -> Option<Result<D, DecodeError>> {
        let doc = detail_document(self.detail.as_ref()?);
        let mut r = match Reader::new(doc.as_bytes()) {
            Ok(r) => r,
            Err(e) => return Some(Err(e)),
        };
        let first = r.root().and_then(|_| r.next_child());
        let s = match first {
            Ok(Some(s)) => s,
            Ok(None) => return None,
            Err(e) => return Some(Err(e)),
        };
        match D::read_body(&mut r, &s) {
            Err(e) if matches!(e.kind(), DecodeErrorKind::UnexpectedBody { .. }) => None,
            other => Some(other),
        }
    }
}

impl Error {
    /// For a [`Error::Fault`], the fault's detail decoded as `D` (see
    /// [`Fault::detail_as`]); `None` for any other error.
    pub fn fault_detail<D: Body>(&self) -> Option<Result<D, DecodeError>> {
        match self {
            Self::Fault { fault, .. } => fault.detail_as(),
            _ => None,
        }
    }
}

/// `<detail xmlns:p=".." ...>inner</detail>`: the captured XML with the namespace bindings
/// it relies on, as a document of its own.
fn detail_document(d: &AnyValue) -> String {
    let mut out = String::from("<detail");
    for (prefix, uri) in d.bindings() {
        out.push_str(if prefix.is_empty() {
            " xmlns"
        } else {
            " xmlns:"
        });
        out.push_str(prefix);
        out.push_str("=\"");
        for c in uri.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '"' => out.push_str("&quot;"),
                c => out.push(c),
            }
        }
        out.push('"');
    }
    out.push('>');
    out.push_str(d.inner_xml());
    out.push_str("</detail>");
    out
}
