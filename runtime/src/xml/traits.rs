//! The traits and tables generated code implements.
//!
//! Generated types carry data, a static [`TypeInfo`] and two small functions; the loops,
//! seen-field tracking, required checks and namespace handling live once in
//! [`Reader::read_complex`] and [`Writer::write_complex`], which take `&mut dyn DynComplex`.

use super::any_attr::AnyAttribute;
use super::error::{ParseError, ReadResult, Result, WriteResult};
use super::name::{Name, QName};
use super::reader::{Reader, Start};
use super::writer::{TextSink, Writer};

/// Field flag: `minOccurs=0 maxOccurs=1` (`Option<T>`).
pub const OPTIONAL: u8 = 0;
/// Field flag: `minOccurs>=1 maxOccurs=1` (`T`).
pub const REQUIRED: u8 = 1;
/// Field flag: `maxOccurs>1`, `minOccurs=0` (`Vec<T>`).
pub const REPEATED: u8 = 2;
/// Field flag: `maxOccurs>1`, `minOccurs>=1` (`Vec<T>`, at least one expected).
pub const REPEATED_REQUIRED: u8 = REQUIRED | REPEATED;
/// Field flag: `nillable="true"`; or-ed with one of the above.
pub const NILLABLE: u8 = 4;

/// One child element of a complex type, in schema order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldInfo {
    /// The element's expanded name; the local part is empty for an `xsd:any` wildcard.
    pub name: Name,
    /// [`REQUIRED`], [`OPTIONAL`], [`REPEATED`] or [`REPEATED_REQUIRED`], maybe `| NILLABLE`.
    pub flags: u8,
}

impl FieldInfo {
    /// A child element `local` in namespace `ns` (`""` when unqualified).
    pub const fn new(local: &'static str, ns: &'static str, flags: u8) -> Self {
        Self {
            name: Name { ns, local },
            flags,
        }
    }
    /// An `xsd:any` wildcard: takes every child element no other field claims. Its slot
    /// holds [`AnyValue`](super::AnyValue)s, which then keep their element name.
    pub const fn any(flags: u8) -> Self {
        Self {
            name: Name { ns: "", local: "" },
            flags,
        }
    }
    /// An `xsd:any` wildcard taking only the elements its namespace constraint `spec`
    /// admits (`name.ns` holds it): `""` any namespace; `"!urn:a"` any namespace but
    /// `urn:a` and none (`##other` of a schema whose target namespace is `urn:a`); else a
    /// space-separated list of namespaces, `##local` standing for no namespace.
    pub const fn any_in(flags: u8, spec: &'static str) -> Self {
        Self {
            name: Name {
                ns: spec,
                local: "",
            },
            flags,
        }
    }
    /// True for an `xsd:any` wildcard.
    pub const fn is_wildcard(&self) -> bool {
        self.name.local.is_empty()
    }
    /// Whether this wildcard's namespace constraint admits an element in namespace `ns`
    /// (`""`: none); see [`FieldInfo::any_in`].
    pub fn admits(&self, ns: &str) -> bool {
        let spec = self.name.ns;
        if spec.is_empty() {
            return true;
        }
        if let Some(not) = spec.strip_prefix('!') {
            return !ns.is_empty() && ns != not;
        }
        spec.split(' ').any(|t| {
            if t == "##local" {
                ns.is_empty()
            } else {
                t == ns
            }
        })
    }
    /// True when at least one occurrence is required.
    pub const fn is_required(&self) -> bool {
        self.flags & REQUIRED != 0
    }
    /// True when the element may repeat.
    pub const fn is_repeated(&self) -> bool {
        self.flags & REPEATED != 0
    }
}

/// One attribute of a complex type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttrInfo {
    /// The attribute's expanded name (`ns` empty for unqualified attributes, the usual case).
    pub name: Name,
    /// [`REQUIRED`] or [`OPTIONAL`].
    pub flags: u8,
}

impl AttrInfo {
    /// An attribute `local` in namespace `ns` (`""`: unqualified).
    pub const fn new(local: &'static str, ns: &'static str, flags: u8) -> Self {
        Self {
            name: Name { ns, local },
            flags,
        }
    }
}

/// The static description of a complex type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeInfo {
    /// The type's namespace (used for `xsi:type`).
    pub ns: &'static str,
    /// The type's name (used for `xsi:type`).
    pub name: &'static str,
    /// Child elements, base type's first, in schema order.
    pub fields: &'static [FieldInfo],
    /// Attributes.
    pub attrs: &'static [AttrInfo],
}

/// A value that is a whole element: read from its start tag through its end tag, written
/// with the name of the slot it sits in.
pub trait XmlValue: Sized {
    /// True when the type handles `xsi:nil="true"` itself ([`Nillable`](super::Nillable)).
    /// For other types a nil element is treated as absent.
    const NILLABLE: bool = false;
    /// Reads the element whose start tag `s` was just read, through its end tag.
    fn read_xml(r: &mut Reader<'_>, s: &Start<'_>) -> Result<Self>;
    /// Writes the value as element `n`.
    fn write_xml(&self, w: &mut Writer, n: &Name) -> WriteResult;
}

/// A complex type: a struct whose fields are child elements (and attributes).
///
/// `read_attr`/`write_attrs` handle attributes: `read_attr(i, value)` gets the
/// unescaped value of `INFO.attrs[i]` (parse with [`parse_attr`]/[`parse_opt_attr`]);
/// `write_attrs` calls [`Writer::attr`]/[`Writer::opt_attr`]. A type with simple content
/// (`xsd:simpleContent`) sets `TEXT = true` and implements `read_text`/`write_text`.
///
/// The runtime calls these optional methods only for a type that declares attributes in
/// `INFO.attrs`, sets `ANY_ATTRS` or sets `TEXT` (so that other types compile none of
/// them): an impl that writes attributes from `write_attrs` declares them.
pub trait Complex: Default {
    /// The type's table.
    const INFO: &'static TypeInfo;
    /// True for simple content: the element's text goes to `read_text`/`write_text`.
    const TEXT: bool = false;
    /// Reads child element `s`, which matched `INFO.fields[i]`.
    fn read_field(&mut self, i: usize, r: &mut Reader<'_>, s: &Start<'_>) -> ReadResult;
    /// Writes the child elements in schema order.
    fn write_fields(&self, w: &mut Writer) -> WriteResult;
    /// Stores attribute `INFO.attrs[i]`.
    fn read_attr(&mut self, i: usize, value: &str) -> std::result::Result<(), ParseError> {
        let _ = (i, value);
        Ok(())
    }
    /// Writes the attributes (the start tag is still open).
    fn write_attrs(&self, w: &mut Writer) -> WriteResult {
        let _ = w;
        Ok(())
    }
    /// Stores the text of a simple-content element.
    fn read_text(&mut self, text: &str) -> std::result::Result<(), ParseError> {
        let _ = text;
        Ok(())
    }
    /// Writes the text of a simple-content element.
    fn write_text(&self, out: &mut TextSink) -> WriteResult {
        let _ = out;
        Ok(())
    }
    /// True for a type with an `xsd:anyAttribute` wildcard: attributes its table does not
    /// declare go to [`any_attrs_mut`](Self::any_attrs_mut) (write them back in
    /// `write_attrs` with [`Writer::any_attrs`]).
    const ANY_ATTRS: bool = false;
    /// The wildcard's slot, when [`ANY_ATTRS`](Self::ANY_ATTRS) is set.
    fn any_attrs_mut(&mut self) -> Option<&mut Vec<AnyAttribute>> {
        None
    }
}

/// What the reading and writing cores need of a complex type besides its fields: its table
/// and which optional parts of [`Complex`] it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// `Complex::INFO`.
    pub info: &'static TypeInfo,
    /// `Complex::TEXT`.
    pub text: bool,
    /// `Complex::ANY_ATTRS`.
    pub any_attrs: bool,
}

/// A call of an optional reading method of [`Complex`].
#[derive(Debug)]
pub enum ReadHook<'a> {
    /// `Complex::read_attr(i, value)`.
    Attr(usize, &'a str),
    /// `Complex::read_text(text)`.
    Text(&'a str),
}

/// A call of an optional writing method of [`Complex`].
#[derive(Debug)]
pub enum WriteHook<'a> {
    /// `Complex::write_attrs`.
    Attrs(&'a mut Writer),
    /// `Complex::write_text`.
    Text(&'a mut TextSink),
}

/// The object-safe face of [`Complex`], so the reading and writing cores are compiled once.
///
/// Its vtable is compiled for every complex type of the stubs, so it is kept to six entries,
/// and the optional methods are reached only for types that have them (`TEXT`, `ANY_ATTRS`
/// or declared attributes): the others compile none of `Complex`'s default methods.
pub trait DynComplex {
    /// The type's table and flags.
    fn shape(&self) -> &'static Shape;
    /// `Complex::read_field`.
    fn dyn_read_field(&mut self, i: usize, r: &mut Reader<'_>, s: &Start<'_>) -> ReadResult;
    /// `Complex::write_fields`.
    fn dyn_write_fields(&self, w: &mut Writer) -> WriteResult;
    /// `Complex::read_attr` or `Complex::read_text`.
    fn dyn_read_hook(&mut self, hook: ReadHook<'_>) -> std::result::Result<(), ParseError>;
    /// `Complex::write_attrs` or `Complex::write_text`.
    fn dyn_write_hook(&self, hook: WriteHook<'_>) -> WriteResult;
    /// `Complex::any_attrs_mut`.
    fn dyn_any_attrs_mut(&mut self) -> Option<&mut Vec<AnyAttribute>>;
}

impl dyn DynComplex + '_ {
    /// `Complex::INFO`.
    pub fn info(&self) -> &'static TypeInfo {
        self.shape().info
    }
}

// The `if const { .. }` guards are decided per type when the stubs are compiled: a branch
// that cannot run is not compiled, nor the methods it would call (for most types, every
// default method of `Complex`).
impl<T: Complex> DynComplex for T {
    fn shape(&self) -> &'static Shape {
        const {
            &Shape {
                info: T::INFO,
                text: T::TEXT,
                any_attrs: T::ANY_ATTRS,
            }
        }
    }
    fn dyn_read_field(&mut self, i: usize, r: &mut Reader<'_>, s: &Start<'_>) -> ReadResult {
        self.read_field(i, r, s)
    }
    fn dyn_write_fields(&self, w: &mut Writer) -> WriteResult {
        self.write_fields(w)
    }
    fn dyn_read_hook(&mut self, hook: ReadHook<'_>) -> std::result::Result<(), ParseError> {
        if const { has_hooks::<T>() } {
            read_hook(self, hook)
        } else {
            Ok(())
        }
    }
    fn dyn_write_hook(&self, hook: WriteHook<'_>) -> WriteResult {
        if const { has_hooks::<T>() } {
            write_hook(self, hook)
        } else {
            Ok(())
        }
    }
    fn dyn_any_attrs_mut(&mut self) -> Option<&mut Vec<AnyAttribute>> {
        if T::ANY_ATTRS {
            self.any_attrs_mut()
        } else {
            None
        }
    }
}

/// True when `T` has attributes, a wildcard for them or simple content: the only types whose
/// optional `Complex` methods the cores call.
const fn has_hooks<T: Complex>() -> bool {
    !T::INFO.attrs.is_empty() || T::ANY_ATTRS || T::TEXT
}

fn read_hook<T: Complex>(v: &mut T, hook: ReadHook<'_>) -> std::result::Result<(), ParseError> {
    match hook {
        ReadHook::Attr(i, value) => v.read_attr(i, value),
        ReadHook::Text(text) => v.read_text(text),
    }
}

fn write_hook<T: Complex>(v: &T, hook: WriteHook<'_>) -> WriteResult {
    match hook {
        WriteHook::Attrs(w) => v.write_attrs(w),
        WriteHook::Text(out) => v.write_text(out),
    }
}

impl<T: Complex> XmlValue for T {
    fn read_xml(r: &mut Reader<'_>, s: &Start<'_>) -> Result<Self> {
        let mut v = T::default();
        // `match`, not `?`: `?` would instantiate `FromResidual` for every complex type.
        match r.read_complex(s, &mut v) {
            Ok(()) => Ok(v),
            Err(e) => Err(e),
        }
    }
    fn write_xml(&self, w: &mut Writer, n: &Name) -> WriteResult {
        w.write_complex(n, None, self)
    }
}

/// A value written as text: enums, scalars, dates. Implement [`XmlValue`] for it with
/// [`simple_xml_value!`](crate::simple_xml_value).
pub trait Simple {
    /// Parses the (unescaped) text of an element or attribute.
    fn parse_text(text: &str) -> std::result::Result<Self, ParseError>
    where
        Self: Sized;
    /// Writes the value's text; the sink escapes it.
    fn write_text(&self, out: &mut TextSink) -> WriteResult;
}

/// A global element: the element name of a type used as a SOAP body or header part.
pub trait Element {
    /// The element's expanded name.
    const NAME: Name;
}

/// The content of a SOAP body: one element, dispatched on its name.
pub trait Body: Sized {
    /// Reads the body's root element `s`.
    fn read_body(r: &mut Reader<'_>, s: &Start<'_>) -> Result<Self>;
    /// Writes the body's root element.
    fn write_body(&self, w: &mut Writer) -> WriteResult;
}

impl<T: Element + XmlValue> Body for T {
    fn read_body(r: &mut Reader<'_>, s: &Start<'_>) -> Result<Self> {
        let n = r.name(s)?;
        if n.ns() != T::NAME.ns || n.local() != T::NAME.local {
            return Err(r.unexpected_body(s));
        }
        T::read_xml(r, s)
    }
    fn write_body(&self, w: &mut Writer) -> WriteResult {
        self.write_xml(w, &T::NAME)
    }
}

/// Parses an attribute value into a required slot (for `Complex::read_attr`).
pub fn parse_attr<T: Simple>(slot: &mut T, value: &str) -> std::result::Result<(), ParseError> {
    *slot = T::parse_text(value)?;
    Ok(())
}

/// Parses an attribute value into an optional slot (for `Complex::read_attr`).
pub fn parse_opt_attr<T: Simple>(
    slot: &mut Option<T>,
    value: &str,
) -> std::result::Result<(), ParseError> {
    *slot = Some(T::parse_text(value)?);
    Ok(())
}

/// Implements [`XmlValue`] for a type that implements [`Simple`].
#[macro_export]
macro_rules! simple_xml_value {
    ($($t:ty),+ $(,)?) => {$(
        impl $crate::__private::XmlValue for $t {
            fn read_xml(
                r: &mut $crate::__private::Reader<'_>,
                s: &$crate::__private::Start<'_>,
            ) -> $crate::__private::Result<Self> {
                r.simple(s)
            }
            fn write_xml(
                &self,
                w: &mut $crate::__private::Writer,
                n: &$crate::__private::Name,
            ) -> $crate::__private::WriteResult {
                w.simple(self, n)
            }
        }
    )+};
}

impl<T: XmlValue> XmlValue for super::Nillable<T> {
    const NILLABLE: bool = true;
    fn read_xml(r: &mut Reader<'_>, s: &Start<'_>) -> Result<Self> {
        if s.is_nil() {
            r.skip(s)?;
            return Ok(Self::Nil);
        }
        T::read_xml(r, s).map(Self::Value)
    }
    fn write_xml(&self, w: &mut Writer, n: &Name) -> WriteResult {
        match self {
            Self::Nil => w.nil(n),
            Self::Value(v) => v.write_xml(w, n),
        }
    }
}

/// The position of type name `t` in `names`, `(namespace, local)` pairs sorted by local
/// part (a generated `xsi:type` dispatch).
pub fn type_index(t: &QName<'_>, names: &[(&str, &str)]) -> Option<usize> {
    let local = t.local();
    let first = names.partition_point(|(_, l)| *l < local);
    names[first..]
        .iter()
        .take_while(|(_, l)| *l == local)
        .position(|(ns, _)| *ns == t.ns())
        .map(|i| first + i)
}

/// `Debug` of a generated enumeration, by its XML text: `Private`, or `Unknown("Newer")` for
/// a value the schema does not list. One function for every enum (see GENERATED.md).
pub fn debug_enum(f: &mut std::fmt::Formatter<'_>, text: &str, unknown: bool) -> std::fmt::Result {
    if unknown {
        f.debug_tuple("Unknown").field(&text).finish()
    } else {
        f.write_str(text)
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;

    fn qname(ns: &str, local: &str) -> QName<'static> {
        QName::new(Rc::from(ns), local.to_owned().into())
    }

    #[test]
    fn type_index_searches_by_local_name_then_namespace() {
        // Sorted by local part; "Shape" exists in two namespaces.
        let names = [
            ("urn:a", "Circle"),
            ("urn:a", "Shape"),
            ("urn:b", "Shape"),
            ("urn:a", "Square"),
        ];
        assert_eq!(type_index(&qname("urn:a", "Circle"), &names), Some(0));
        assert_eq!(type_index(&qname("urn:b", "Shape"), &names), Some(2));
        assert_eq!(type_index(&qname("urn:a", "Shape"), &names), Some(1));
        assert_eq!(type_index(&qname("urn:a", "Square"), &names), Some(3));
        assert_eq!(type_index(&qname("urn:c", "Shape"), &names), None);
        assert_eq!(type_index(&qname("urn:a", "Triangle"), &names), None);
        assert_eq!(type_index(&qname("urn:a", "A"), &names), None);
        assert_eq!(type_index(&qname("urn:a", "Circle"), &[]), None);
    }
}
