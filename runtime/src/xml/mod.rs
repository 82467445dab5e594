//! The XML core: a streaming reader over a byte slice (quick-xml's borrowing event scan with
//! a light namespace stack of our own), a writer into a `Vec<u8>`, the traits generated
//! types implement, and the XSD scalar types.
//!
//! Hostile input is refused with typed errors: DTDs, undefined entities, invalid UTF-8,
//! nesting beyond [`ReaderLimits::max_depth`]; skipping and capturing are iterative.

mod any;
mod any_attr;
mod binary;
mod error;
mod list;
mod name;
mod reader;
mod scalar;
#[cfg(feature = "serde")]
mod serde_impls;
mod slots;
mod temporal;
mod traits;
mod writer;

pub use any::{AnyValue, TypeRef};
pub use any_attr::AnyAttribute;
pub use binary::{HexBinary, decode_base64};
pub use error::{
    DecodeError, DecodeErrorKind, EncodeError, EncodeErrorKind, ParseError, ReadResult, Result,
    WriteResult,
};
pub use list::{parse_list, write_list};
pub use name::{Name, Nillable, QName, XML_NS, XSD_NS, XSI_NS, split_qname};
pub use reader::{
    DEFAULT_BUDGET_FLOOR, DEFAULT_BUDGET_PER_BYTE, DEFAULT_MAX_DEPTH, GroupAt, GroupSlot, Reader,
    ReaderLimits, Start,
};
pub use slots::{Many, One, Opt, OptBox, WriteSlot};
pub use temporal::{Date, DateTime, Decimal, Time};
pub use traits::{
    AttrInfo, Body, Complex, DynComplex, Element, FieldInfo, NILLABLE, OPTIONAL, REPEATED,
    REPEATED_REQUIRED, REQUIRED, ReadHook, Shape, Simple, TypeInfo, WriteHook, XmlValue,
    debug_enum, parse_attr, parse_opt_attr, type_index,
};
pub use writer::{TextSink, Writer};

/// Reads a whole document whose root element is `T` (named anything).
pub fn from_slice<T: XmlValue>(xml: &[u8]) -> Result<T> {
    let mut r = Reader::new(xml)?;
    let s = r.root()?;
    let v = T::read_xml(&mut r, &s)?;
    r.end_document()?;
    Ok(v)
}

/// Writes `v` as a whole document with root element `name` (with an XML declaration).
pub fn to_vec<T: XmlValue>(v: &T, name: &Name) -> std::result::Result<Vec<u8>, EncodeError> {
    let mut w = Writer::new();
    w.declaration();
    v.write_xml(&mut w, name)?;
    Ok(w.into_bytes())
}
