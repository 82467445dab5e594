//! The owned model of a WSDL 1.1 document and the XML Schemas it carries or loads.
//!
//! This is syntax, not semantics: references stay references (by qualified name), but
//! every one of them is checked to resolve before [`crate::load`] returns. Every item
//! remembers where it came from ([`Location`]) so later stages can report errors that
//! point into the user's files.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// A place in a source file: `file:line:col`, 1-based.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    pub file: Arc<Path>,
    pub line: u32,
    pub col: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.col)
    }
}

/// A namespace-qualified XML name. `ns` is empty for names in no namespace.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QName {
    pub ns: String,
    pub local: String,
}

impl QName {
    pub fn new(ns: impl Into<String>, local: impl Into<String>) -> Self {
        QName {
            ns: ns.into(),
            local: local.into(),
        }
    }
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ns.is_empty() {
            f.write_str(&self.local)
        } else {
            write!(f, "{{{}}}{}", self.ns, self.local)
        }
    }
}

/// The XML Schema namespace; built-in types (`xsd:string`...) are `QName`s in it.
pub const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";
/// The SOAP 1.1 encoding namespace (`soapenc:Array`, `soapenc:string`...). References into
/// it resolve without a loaded schema: the generator knows these types.
pub const SOAPENC_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";
/// The `xml:` namespace. `xml:lang`, `xml:space`, `xml:base`, `xml:id` and the
/// `xml:specialAttrs` group are always in the [`SchemaSet`], declared by the loader when no
/// schema for the namespace was loaded.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The WSDL 1.1 namespace.
pub const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
/// The WSDL 1.1 SOAP 1.1 binding namespace (`soap:binding`, `soap:body`...).
pub const WSDL_SOAP11_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
/// The WSDL 1.1 SOAP 1.2 binding namespace (`soap12:binding`...).
pub const WSDL_SOAP12_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";
/// The WSDL 1.1 HTTP binding namespace.
pub const WSDL_HTTP_NS: &str = "http://schemas.xmlsoap.org/wsdl/http/";

/// Everything read from one WSDL and the files it pulled in.
#[derive(Debug, Clone, Default)]
pub struct Definitions {
    pub name: Option<String>,
    pub target_ns: String,
    pub doc: Option<String>,
    pub schemas: SchemaSet,
    pub messages: BTreeMap<QName, Message>,
    pub port_types: BTreeMap<QName, PortType>,
    pub bindings: BTreeMap<QName, Binding>,
    pub services: BTreeMap<QName, Service>,
    /// Non-fatal findings (for instance an HTTP binding that was skipped).
    pub warnings: Vec<Warning>,
    /// Every file read, the main one first, in load order (for `cargo:rerun-if-changed`).
    pub files: Vec<Arc<Path>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub at: Location,
    pub message: String,
}

/// All schema components of all loaded schemas, keyed by qualified name.
#[derive(Debug, Clone, Default)]
pub struct SchemaSet {
    pub types: BTreeMap<QName, TypeDef>,
    pub elements: BTreeMap<QName, ElementDecl>,
    pub attributes: BTreeMap<QName, AttributeDecl>,
    pub groups: BTreeMap<QName, ModelGroup>,
    pub attribute_groups: BTreeMap<QName, AttributeGroup>,
    /// Per target namespace: elementFormDefault / attributeFormDefault of its schema.
    pub namespaces: BTreeMap<String, SchemaInfo>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaInfo {
    pub element_form_qualified: bool,
    pub attribute_form_qualified: bool,
}

#[derive(Debug, Clone)]
pub enum TypeDef {
    Complex(ComplexType),
    Simple(SimpleType),
}

impl TypeDef {
    /// The type's name; `None` for an anonymous type.
    pub fn name(&self) -> Option<&QName> {
        match self {
            TypeDef::Complex(c) => c.name.as_ref(),
            TypeDef::Simple(s) => s.name.as_ref(),
        }
    }

    /// Where the type is declared.
    pub fn at(&self) -> &Location {
        match self {
            TypeDef::Complex(c) => &c.at,
            TypeDef::Simple(s) => &s.at,
        }
    }

    /// The type's documentation.
    pub fn doc(&self) -> Option<&str> {
        match self {
            TypeDef::Complex(c) => c.doc.as_deref(),
            TypeDef::Simple(s) => s.doc.as_deref(),
        }
    }
}

/// Where a type comes from: a named type or an anonymous one declared in place.
#[derive(Debug, Clone)]
pub enum TypeRef {
    Named(QName),
    Anonymous(Box<TypeDef>),
}

#[derive(Debug, Clone)]
pub struct ComplexType {
    pub name: Option<QName>,
    pub at: Location,
    pub doc: Option<String>,
    pub is_abstract: bool,
    pub mixed: bool,
    pub content: Content,
    pub attributes: Vec<AttributeUse>,
    pub any_attribute: bool,
    /// For a SOAP-encoded array (a restriction of `soapenc:Array`): the item type named by
    /// the `wsdl:arrayType` attribute on its `soapenc:arrayType` attribute use.
    pub soap_array: Option<SoapArray>,
}

/// `wsdl:arrayType="tns:Item[]"`: `item` is `tns:Item`, `dims` is `[]` (`[][]`, `[,]`...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoapArray {
    pub item: QName,
    pub dims: String,
    pub at: Location,
}

#[derive(Debug, Clone)]
pub enum Content {
    /// No child elements and no text.
    Empty,
    /// `<sequence>`, `<choice>`, `<all>` or a group ref directly in the complexType.
    Particles(Particle),
    /// `<complexContent><extension|restriction base=...>`.
    Complex {
        derivation: Derivation,
        base: QName,
        particle: Option<Particle>,
    },
    /// `<simpleContent><extension|restriction base=...>`: a text value plus attributes.
    Simple {
        derivation: Derivation,
        base: QName,
        facets: Facets,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derivation {
    Extension,
    Restriction,
}

/// `maxOccurs`: a number or `unbounded`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxOccurs {
    Bounded(u32),
    Unbounded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurs {
    pub min: u32,
    pub max: MaxOccurs,
}

impl Occurs {
    pub const ONE: Occurs = Occurs {
        min: 1,
        max: MaxOccurs::Bounded(1),
    };
    pub fn is_repeated(self) -> bool {
        !matches!(self.max, MaxOccurs::Bounded(0 | 1))
    }
}

#[derive(Debug, Clone)]
pub enum Particle {
    Element(ElementParticle),
    Group {
        kind: GroupKind,
        occurs: Occurs,
        items: Vec<Particle>,
        at: Location,
    },
    GroupRef {
        name: QName,
        occurs: Occurs,
        at: Location,
    },
    Any(Wildcard),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    Sequence,
    Choice,
    All,
}

#[derive(Debug, Clone)]
pub enum ElementParticle {
    /// A local element declaration.
    Local { decl: ElementDecl, occurs: Occurs },
    /// `<element ref="...">` to a global element.
    Ref {
        name: QName,
        occurs: Occurs,
        at: Location,
    },
}

#[derive(Debug, Clone)]
pub struct Wildcard {
    pub namespace: String,
    /// The target namespace of the schema holding the wildcard (what `##other` and
    /// `##targetNamespace` in `namespace` refer to).
    pub tns: String,
    pub process_contents: String,
    pub occurs: Occurs,
    pub at: Location,
}

/// An element declaration, global or local. `name.ns` already reflects `form` /
/// `elementFormDefault` (empty for unqualified local elements).
#[derive(Debug, Clone)]
pub struct ElementDecl {
    pub name: QName,
    pub at: Location,
    pub doc: Option<String>,
    /// `None` means the declaration named no type: `xsd:anyType`, except for a global
    /// element with a `substitution_group`, which (per XSD) takes its head's type.
    pub type_ref: Option<TypeRef>,
    pub nillable: bool,
    pub is_abstract: bool,
    pub default: Option<String>,
    pub fixed: Option<String>,
    pub substitution_group: Option<QName>,
}

#[derive(Debug, Clone)]
pub struct AttributeDecl {
    pub name: QName,
    pub at: Location,
    pub doc: Option<String>,
    pub type_ref: Option<TypeRef>,
    pub default: Option<String>,
    pub fixed: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeUseKind {
    Optional,
    Required,
    Prohibited,
}

#[derive(Debug, Clone)]
pub enum AttributeUse {
    Local {
        decl: AttributeDecl,
        use_kind: AttributeUseKind,
    },
    Ref {
        name: QName,
        use_kind: AttributeUseKind,
        default: Option<String>,
        at: Location,
    },
    GroupRef {
        name: QName,
        at: Location,
    },
}

#[derive(Debug, Clone)]
pub struct ModelGroup {
    pub name: QName,
    pub at: Location,
    pub particle: Particle,
}

#[derive(Debug, Clone)]
pub struct AttributeGroup {
    pub name: QName,
    pub at: Location,
    pub attributes: Vec<AttributeUse>,
    pub any_attribute: bool,
}

#[derive(Debug, Clone)]
pub struct SimpleType {
    pub name: Option<QName>,
    pub at: Location,
    pub doc: Option<String>,
    pub variety: SimpleVariety,
}

// Built once per simple type and only read afterwards: size doesn't matter here, and
// boxing the facets would make every consumer's pattern noisier.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum SimpleVariety {
    Restriction { base: TypeRef, facets: Facets },
    List { item: TypeRef },
    Union { members: Vec<TypeRef> },
}

#[derive(Debug, Clone, Default)]
pub struct Facets {
    /// Enumerated values, in document order, each with its own documentation.
    pub enumerations: Vec<EnumValue>,
    pub patterns: Vec<String>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub length: Option<u64>,
    pub min_inclusive: Option<String>,
    pub max_inclusive: Option<String>,
    pub min_exclusive: Option<String>,
    pub max_exclusive: Option<String>,
    pub total_digits: Option<u32>,
    pub fraction_digits: Option<u32>,
    /// `preserve`, `replace` or `collapse`.
    pub white_space: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumValue {
    pub value: String,
    pub doc: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Message {
    pub name: QName,
    pub at: Location,
    pub parts: Vec<Part>,
}

/// A message part refers to a global element (document style) or a type (rpc style).
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub at: Location,
    pub element: Option<QName>,
    pub type_name: Option<QName>,
}

#[derive(Debug, Clone)]
pub struct PortType {
    pub name: QName,
    pub at: Location,
    pub doc: Option<String>,
    pub operations: Vec<Operation>,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub name: String,
    pub at: Location,
    pub doc: Option<String>,
    pub input: Option<QName>,
    pub output: Option<QName>,
    /// `(fault name, message)`.
    pub faults: Vec<(String, QName)>,
    /// `parameterOrder="a b"` (rpc style), when given.
    pub parameter_order: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindingKind {
    Soap11,
    Soap12,
    /// HTTP GET/POST bindings: kept so the generator can warn that it skips them.
    Http,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Document,
    Rpc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyUse {
    Literal,
    Encoded,
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub name: QName,
    pub at: Location,
    pub port_type: QName,
    pub kind: BindingKind,
    pub style: Style,
    pub operations: Vec<BindingOperation>,
}

#[derive(Debug, Clone)]
pub struct BindingOperation {
    pub name: String,
    pub at: Location,
    pub soap_action: Option<String>,
    /// The operation's own style, or the binding's when it says none.
    pub style: Style,
    pub input: Option<BindingMessage>,
    pub output: Option<BindingMessage>,
    /// `(fault name, use)`.
    pub faults: Vec<(String, BodyUse)>,
}

#[derive(Debug, Clone)]
pub struct BindingMessage {
    pub body_use: BodyUse,
    /// `parts="..."` on soap:body; `None` means all parts.
    pub body_parts: Option<Vec<String>>,
    /// The rpc wrapper namespace (`namespace="..."` on soap:body).
    pub namespace: Option<String>,
    pub encoding_style: Option<String>,
    pub headers: Vec<HeaderRef>,
}

#[derive(Debug, Clone)]
pub struct HeaderRef {
    pub message: QName,
    pub part: String,
    pub body_use: BodyUse,
    pub at: Location,
}

#[derive(Debug, Clone)]
pub struct Service {
    pub name: QName,
    pub at: Location,
    pub doc: Option<String>,
    pub ports: Vec<Port>,
}

#[derive(Debug, Clone)]
pub struct Port {
    pub name: String,
    pub at: Location,
    pub binding: QName,
    pub address: Option<String>,
}
