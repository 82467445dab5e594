//! Items generated code names (`use ::runtime::__private as rt;`). Re-exports only; see
//! docs/GENERATED.md for the contract.

pub use crate::client::{CallResult, SoapClient};
pub use crate::error::Error;
pub use crate::simple_xml_value;
pub use crate::soap::{
    Fault, Operation, SOAP_ENC_NS, SessionHeaderInfo, SoapVersion, read_encoded, write_encoded,
};
pub use crate::xml::{AnyAttribute, GroupAt, GroupSlot, parse_list, write_list};
pub use crate::xml::{
    AnyValue, AttrInfo, Body, Complex, Date, DateTime, Decimal, DecodeError, Element, EncodeError,
    FieldInfo, HexBinary, Many, NILLABLE, Name, Nillable, OPTIONAL, One, Opt, OptBox, ParseError,
    QName, REPEATED, REPEATED_REQUIRED, REQUIRED, ReadResult, Reader, Result, Simple, Start,
    TextSink, Time, TypeInfo, WriteResult, WriteSlot, Writer, XML_NS, XSD_NS, XSI_NS, XmlValue,
    debug_enum, parse_attr, parse_opt_attr, type_index,
};
/// `Debug` items for the impls generated code writes by hand (enumerations).
pub use core::fmt::{Debug, Formatter, Result as FmtResult};
