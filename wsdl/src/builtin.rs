//! Names that resolve without being declared in any loaded schema.

use std::path::Path;
use std::sync::Arc;

use crate::model::{
    AttributeDecl, AttributeGroup, AttributeUse, AttributeUseKind, Location, QName, SOAPENC_NS,
    SchemaSet, TypeRef, XML_NS, XSD_NS,
};

/// The built-in datatypes of XML Schema 1.0 (plus the few 1.1 added), local names in
/// [`XSD_NS`].
pub const XSD_BUILTIN_TYPES: &[&str] = &[
    "anyType",
    "anySimpleType",
    "anyAtomicType",
    "string",
    "normalizedString",
    "token",
    "language",
    "Name",
    "NCName",
    "ID",
    "IDREF",
    "IDREFS",
    "ENTITY",
    "ENTITIES",
    "NMTOKEN",
    "NMTOKENS",
    "boolean",
    "base64Binary",
    "hexBinary",
    "float",
    "double",
    "decimal",
    "integer",
    "nonPositiveInteger",
    "negativeInteger",
    "long",
    "int",
    "short",
    "byte",
    "nonNegativeInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
    "positiveInteger",
    "anyURI",
    "QName",
    "NOTATION",
    "duration",
    "dayTimeDuration",
    "yearMonthDuration",
    "dateTime",
    "dateTimeStamp",
    "time",
    "date",
    "gYearMonth",
    "gYear",
    "gMonthDay",
    "gDay",
    "gMonth",
];

/// True for a type the generator knows without a declaration: an XML Schema built-in
/// (`xsd:string`...) or anything in the SOAP encoding namespace (`soapenc:Array`,
/// `soapenc:string`...).
pub fn is_builtin_type(name: &QName) -> bool {
    (name.ns == XSD_NS && XSD_BUILTIN_TYPES.contains(&name.local.as_str())) || name.ns == SOAPENC_NS
}

/// True for an element reference that resolves without a declaration: `xsd:schema`
/// (the .NET DataSet idiom `<element ref="s:schema"/><any/>`) and anything in the SOAP
/// encoding namespace. Such references have no entry in [`SchemaSet::elements`].
pub fn is_builtin_element(name: &QName) -> bool {
    (name.ns == XSD_NS && name.local == "schema") || name.ns == SOAPENC_NS
}

/// True for an attribute reference that resolves without a declaration
/// (`soapenc:arrayType`, `soapenc:offset`...). `xml:` attributes are not here: they are
/// always declared in the set (see [`crate::model::XML_NS`]).
pub fn is_builtin_attribute(name: &QName) -> bool {
    name.ns == SOAPENC_NS
}

/// Declares `xml:lang`, `xml:space`, `xml:base`, `xml:id` and `xml:specialAttrs` in `set`
/// unless a loaded schema (xml.xsd) already did, so that references to them resolve and
/// the generator finds a declaration for every attribute reference.
pub(crate) fn add_xml_namespace(set: &mut SchemaSet) {
    let at = Location {
        file: Arc::from(Path::new("<built-in xml.xsd>")),
        line: 1,
        col: 1,
    };
    let attrs = [
        ("lang", "language"),
        ("space", "NCName"),
        ("base", "anyURI"),
        ("id", "ID"),
    ];
    for (local, ty) in attrs {
        let name = QName::new(XML_NS, local);
        set.attributes
            .entry(name.clone())
            .or_insert_with(|| AttributeDecl {
                name,
                at: at.clone(),
                doc: None,
                type_ref: Some(TypeRef::Named(QName::new(XSD_NS, ty))),
                default: None,
                fixed: None,
            });
    }
    let group = QName::new(XML_NS, "specialAttrs");
    set.attribute_groups
        .entry(group.clone())
        .or_insert_with(|| AttributeGroup {
            name: group,
            at: at.clone(),
            attributes: attrs
                .iter()
                .map(|(local, _)| AttributeUse::Ref {
                    name: QName::new(XML_NS, *local),
                    use_kind: AttributeUseKind::Optional,
                    default: None,
                    at: at.clone(),
                })
                .collect(),
            any_attribute: false,
        });
}
