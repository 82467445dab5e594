//! XML Schema built-in types -> Rust types, and resolving type references.

use wsdl::model::{Location, QName, TypeRef, XSD_NS};

use super::{Ctx, Resolved};
use crate::ir::Builtin;

/// The Rust type of a built-in XML Schema type, `None` for a name XSD does not define.
pub fn builtin(local: &str) -> Option<Builtin> {
    use Builtin::*;
    Some(match local {
        "string" | "normalizedString" | "token" | "anyURI" | "QName" | "NOTATION" | "ID"
        | "IDREF" | "IDREFS" | "ENTITY" | "ENTITIES" | "NMTOKEN" | "NMTOKENS" | "language"
        | "Name" | "NCName" | "duration" | "gYear" | "gYearMonth" | "gMonth" | "gMonthDay"
        | "gDay" | "anySimpleType" => String,
        "boolean" => Bool,
        "byte" => I8,
        "short" => I16,
        "int" => I32,
        "long" => I64,
        "unsignedByte" => U8,
        "unsignedShort" => U16,
        "unsignedInt" => U32,
        "unsignedLong" => U64,
        "integer" | "negativeInteger" | "nonPositiveInteger" => I64,
        "nonNegativeInteger" | "positiveInteger" => U64,
        "decimal" => Decimal,
        "float" => F32,
        "double" => F64,
        "dateTime" => DateTime,
        "date" => Date,
        "time" => Time,
        "base64Binary" => Bytes,
        "hexBinary" => HexBinary,
        "anyType" => AnyValue,
        _ => return None,
    })
}

impl Ctx<'_> {
    /// Resolves a reference to a type; `None` (no type named) is `xsd:anyType`.
    pub fn resolve(&mut self, r: Option<&TypeRef>, at: &Location) -> Option<Resolved> {
        match r {
            None => Some(Resolved::Builtin(Builtin::AnyValue)),
            Some(TypeRef::Named(q)) => self.resolve_name(q, at),
            Some(TypeRef::Anonymous(def)) => {
                let ptr: *const wsdl::model::TypeDef = &**def;
                let found = self.by_ptr.get(&ptr).copied();
                if found.is_none() {
                    self.problem(at, "internal: anonymous type was not collected");
                }
                found.map(Resolved::Entry)
            }
        }
    }

    pub fn resolve_name(&mut self, q: &QName, at: &Location) -> Option<Resolved> {
        if let Some(id) = self.by_name.get(q) {
            return Some(Resolved::Entry(*id));
        }
        if let Some(b) = builtin(&q.local).filter(|_| q.ns == XSD_NS) {
            return Some(Resolved::Builtin(b));
        }
        if q.ns == super::encoded::SOAP_ENC_NS {
            // SOAP encoding's own names: element-able copies of the XSD built-ins, `base64`,
            // and the generic `Array` / `Struct` (kept whole as XML).
            let b = match q.local.as_str() {
                "base64" => Some(Builtin::Bytes),
                "Array" | "Struct" => Some(Builtin::AnyValue),
                local => builtin(local),
            };
            if let Some(b) = b {
                return Some(Resolved::Builtin(b));
            }
        }
        self.problem(at, format!("unresolved type `{q}`"));
        None
    }
}
