//! The intermediate representation: what to generate, with every name resolved and every
//! Rust name chosen. Plain owned data (no syn, no roxmltree), so emitters can be tested on
//! hand-built values.

/// One generated file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct File {
    /// The WSDL file name, for the `@generated` header.
    pub source: String,
    /// Path of the runtime crate, `::runtime` by default.
    pub runtime_path: String,
    /// Namespace consts (`NS`, `NS1`, ...), in output order.
    pub namespaces: Vec<Namespace>,
    /// Types, aliases, polymorphic enums and element wrappers, in output order.
    pub items: Vec<Item>,
    /// Every complex type of the file (for `rt::Reader::unknown_subtype`), sorted by
    /// namespace URI then local name. Emitted only when a polymorphic enum needs it.
    pub type_names: Vec<XmlName>,
    /// `SessionHeaderInfo` consts shared by the bindings' operations.
    pub sessions: Vec<Session>,
    pub bindings: Vec<Binding>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namespace {
    /// Const name: `NS`, `NS1`, ...
    pub ident: String,
    pub uri: String,
}

/// A qualified XML name as the generated code spells it: the namespace is the name of one
/// of the file's namespace consts, or `None` for no namespace.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct XmlName {
    pub ns: Option<String>,
    pub local: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Struct(Struct),
    Enum(Enum),
    Alias(Alias),
    Poly(Poly),
    Newtype(Newtype),
    Choice(ChoiceEnum),
    List(ListType),
    Union(Union),
    SoapArray(SoapArray),
    Encoded(EncodedBody),
}

/// A complex type: a struct with a `rt::Complex` impl.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// User attributes (`Builder::type_attribute` / `field_attribute`), as Rust source.
    pub extra: Vec<String>,
    pub ident: String,
    pub doc: Option<String>,
    /// The type's XML name (the element's name for an anonymous type).
    pub xml: XmlName,
    pub fields: Vec<Field>,
    /// XML attributes (base type's first).
    pub attrs: Vec<Attr>,
    /// The text value of a simpleContent type.
    pub text: Option<Text>,
    /// Set when this struct is a global element's type: it gets a `rt::Element` impl.
    pub element: Option<XmlName>,
    /// The field keeping attributes of an `xsd:anyAttribute` wildcard
    /// (`Vec<rt::AnyAttribute>`), if the type has one.
    pub any_attrs: Option<String>,
}

/// An XML attribute: `T` when required, else `Option<T>`; `T` implements `rt::Simple`.
#[derive(Debug, Clone, PartialEq)]
pub struct Attr {
    /// User attributes (`Builder::type_attribute` / `field_attribute`), as Rust source.
    pub extra: Vec<String>,
    pub ident: String,
    pub doc: Option<String>,
    pub xml: XmlName,
    pub ty: Ty,
    pub required: bool,
}

/// The text content of an `xsd:simpleContent` type, held in field `ident`.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub ident: String,
    pub ty: Ty,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// User attributes (`Builder::type_attribute` / `field_attribute`), as Rust source.
    pub extra: Vec<String>,
    pub ident: String,
    pub doc: Option<String>,
    /// The child element's name; `None` for an `xsd:any` wildcard.
    pub xml: Option<XmlName>,
    pub ty: Ty,
    pub occurs: Occurs,
    pub nillable: bool,
    /// Boxed to break a cycle of structs holding each other by value.
    pub boxed: bool,
    /// A `<choice>` of elements: `ty` names the choice enum, and each alternative has
    /// its own table entry (in this order); `xml` and `nillable` are unused.
    pub choice: Vec<ChoiceAlt>,
}

/// One alternative of a choice field: a variant of the choice enum.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceAlt {
    pub variant: String,
    pub xml: XmlName,
    pub ty: Ty,
    pub nillable: bool,
    /// The variant holds a struct: boxed (choices may nest recursively).
    pub boxed: bool,
    /// For a group alternative (a `<sequence>` or group ref): `ty` names the group's struct
    /// and these are its elements, each with a table entry of the owner; `xml` is unused.
    pub group: Vec<GroupEntry>,
    /// For the `xsd:any` alternative (`ty` is `AnyValue`, `xml` unused): its namespace
    /// constraint as `rt::FieldInfo::any_in` takes it.
    pub any: Option<String>,
}

/// An element of a group alternative, as the owner's table lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupEntry {
    pub xml: XmlName,
    pub nillable: bool,
    /// May occur several times within one occurrence of the group.
    pub repeated: bool,
}

/// The enum of a `<choice>` field: one variant per alternative element.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceEnum {
    /// User attributes (`Builder::type_attribute`), as Rust source.
    pub extra: Vec<String>,
    pub ident: String,
    pub alts: Vec<ChoiceAlt>,
}

/// An `xsd:list` simple type: `pub struct Ident(pub Vec<Item>);`, written space-separated.
#[derive(Debug, Clone, PartialEq)]
pub struct ListType {
    /// User attributes (`Builder::type_attribute`), as Rust source.
    pub extra: Vec<String>,
    pub ident: String,
    pub doc: Option<String>,
    /// The item type (implements `rt::Simple`).
    pub item: Ty,
}

/// An `xsd:union` simple type: an enum with a variant per member type, tried in
/// declaration order, and a `String` variant keeping text no member accepts.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// User attributes (`Builder::type_attribute`), as Rust source.
    pub extra: Vec<String>,
    pub ident: String,
    pub doc: Option<String>,
    pub members: Vec<UnionMember>,
    /// The name of the `String` variant.
    pub other: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionMember {
    pub variant: String,
    pub ty: Ty,
    /// For a member that is an enumeration: the name of its variant for unlisted values,
    /// which this member does not accept (the next member gets its chance).
    pub unlisted: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occurs {
    /// minOccurs=1 maxOccurs=1: `T`.
    Required,
    /// minOccurs=0 maxOccurs=1: `Option<T>`.
    Optional,
    /// maxOccurs>1, minOccurs=0: `Vec<T>`.
    Repeated,
    /// maxOccurs>1, minOccurs>=1: `Vec<T>`, at least one expected.
    RepeatedRequired,
}

/// The Rust type of a value (before Option/Vec/Box/Nillable wrapping).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    Builtin(Builtin),
    /// A generated item, by its Rust name.
    Named(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Builtin {
    String,
    Bool,
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    F32,
    F64,
    Decimal,
    DateTime,
    Date,
    Time,
    /// base64Binary: `Vec<u8>`.
    Bytes,
    HexBinary,
    /// xsd:anyType and xsd:any: `rt::AnyValue`.
    AnyValue,
}

/// A simpleType with enumerations.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// User attributes (`Builder::type_attribute` / `field_attribute`), as Rust source.
    pub extra: Vec<String>,
    pub ident: String,
    pub doc: Option<String>,
    pub variants: Vec<Variant>,
    /// Name of the variant that keeps values the schema does not list.
    pub unknown: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub ident: String,
    pub value: String,
    pub doc: Option<String>,
}

/// `pub type Ident = Target;`
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    pub ident: String,
    pub doc: Option<String>,
    pub target: Ty,
}

/// `Any{Base}`: a slot typed with a base that has subtypes.
#[derive(Debug, Clone, PartialEq)]
pub struct Poly {
    /// User attributes (`Builder::type_attribute` / `field_attribute`), as Rust source.
    pub extra: Vec<String>,
    pub ident: String,
    /// The base struct's Rust name.
    pub base_ty: String,
    /// The base's own variant (absent when the base is abstract).
    pub base: Option<PolyVariant>,
    /// Every non-abstract descendant at any depth, sorted by Rust name.
    pub variants: Vec<PolyVariant>,
    pub unknown: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PolyVariant {
    pub ident: String,
    /// The struct it holds (boxed).
    pub ty: String,
    /// The xsi:type name.
    pub xml: XmlName,
}

/// A global element whose type cannot carry the `rt::Element` impl itself (a built-in, a
/// simple type, or a type shared by several elements): `pub struct Ident(pub Inner);`
#[derive(Debug, Clone, PartialEq)]
pub struct Newtype {
    /// User attributes (`Builder::type_attribute` / `field_attribute`), as Rust source.
    pub extra: Vec<String>,
    pub ident: String,
    pub doc: Option<String>,
    pub inner: Ty,
    pub nillable: bool,
    pub element: XmlName,
}

/// A SOAP-encoded array type (a restriction of `soapenc:Array`):
/// `pub struct Ident(pub Vec<Item>);` read and written as a `soapenc:Array`.
#[derive(Debug, Clone, PartialEq)]
pub struct SoapArray {
    /// User attributes (`Builder::type_attribute`), as Rust source.
    pub extra: Vec<String>,
    pub ident: String,
    pub doc: Option<String>,
    /// The items' Rust type.
    pub item: Ty,
    /// The items' XML type, for `soapenc:arrayType="ns:T[n]"`.
    pub item_type: XmlName,
}

/// The body element of an rpc/encoded message: a struct with one field per part, written
/// with `encodingStyle` and `xsi:type` on each part.
#[derive(Debug, Clone, PartialEq)]
pub struct EncodedBody {
    pub ident: String,
    pub element: XmlName,
    /// The `encodingStyle` URI.
    pub style: String,
    pub parts: Vec<EncodedPart>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EncodedPart {
    pub ident: String,
    /// The accessor element (unqualified for a type part).
    pub xml: XmlName,
    pub ty: Ty,
    /// The declared type, written as `xsi:type` (`None` for an element part of an
    /// anonymous type).
    pub xsi_type: Option<XmlName>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub ident: String,
    pub element: XmlName,
    pub session_id: XmlName,
}

/// One SOAP binding: headers struct, body dispatch, ops consts and a client.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// The WSDL binding's local name, for docs.
    pub wsdl_name: String,
    pub doc: Option<String>,
    pub headers: String,
    pub body: String,
    pub client: String,
    pub ops_module: String,
    /// One optional field per header element (input and output).
    pub header_fields: Vec<Field>,
    pub body_variants: Vec<BodyVariant>,
    pub operations: Vec<Operation>,
    /// The enum of every fault detail element the binding's operations declare
    /// (`wsdl:fault` messages whose part is an element), if any.
    pub faults: Option<FaultDetail>,
    /// User attributes (serde derives, `type_attribute`) of the headers struct.
    pub headers_extra: Vec<String>,
    /// User attributes of the body enum.
    pub body_extra: Vec<String>,
}

/// `{Name}FaultDetail`: a dispatch enum over fault detail elements, like the body's.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultDetail {
    pub ident: String,
    pub variants: Vec<BodyVariant>,
    /// User attributes (serde derives, `type_attribute`) of the enum.
    pub extra: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BodyVariant {
    pub ident: String,
    /// The element's Rust type (implements `rt::Element`, or `rt::Body` when `encoded`).
    pub ty: String,
    pub element: XmlName,
    /// The body of an rpc/encoded message ([`EncodedBody`]): read through `rt::Body`.
    pub encoded: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoapVersion {
    Soap11,
    Soap12,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The WSDL operation name.
    pub name: String,
    pub doc: Option<String>,
    pub const_ident: String,
    pub method: String,
    pub soap_action: String,
    pub version: SoapVersion,
    pub retry_safe: bool,
    /// The `SESSION` const of the SessionHeader the runtime fills, if any.
    pub session: Option<String>,
    /// Request and response body types; `None` when the operation has no such message.
    pub input: Option<String>,
    pub output: Option<String>,
    /// Set when the operation declares output headers: the name of the client's second
    /// method, which returns them (`{method}_with_headers`).
    pub with_headers: Option<String>,
    /// The variants of the binding's [`FaultDetail`] this operation declares.
    pub faults: Vec<String>,
}
