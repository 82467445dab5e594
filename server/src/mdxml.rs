//! Between typed components (`AnyMetadata`) and XML: the fullName of any component, renaming,
//! reading a metadata file (`<ApexClass xmlns=...>`) as its type, and writing one back.
//!
//! The stubs give each of ~1,000 types its own struct; rather than a 1,000-arm match, these
//! go through the runtime's XML writer and reader with `xsi:type` naming the type, so every
//! type (and an unknown one) is handled the same way.

use base64::Engine as _;
use metadata::{AnyMetadata, NS};
use runtime::xml::{AnyValue, Name, XSI_NS, from_slice, to_vec};

use crate::dom::{self, Element, Node};

/// Prefix bound to the metadata namespace on elements this module adds.
const P: &str = "mdns__";

/// The component's XML with root element `Metadata` (renamed by callers as needed).
fn to_element(md: &AnyMetadata) -> Result<Element, String> {
    let xml = to_vec(md, &Name::new(NS, "Metadata"))
        .map_err(|e| format!("cannot write {}: {e}", md.type_name()))?;
    dom::parse(&xml).map_err(|e| format!("cannot re-read {}: {e}", md.type_name()))
}

fn from_element(root: &Element) -> Result<AnyMetadata, String> {
    let mut s = String::new();
    root.write(&mut s);
    from_slice::<AnyMetadata>(s.as_bytes()).map_err(|e| e.to_string())
}

/// The `fullName` of a component (`None` when absent or empty).
pub(crate) fn full_name(md: &AnyMetadata) -> Option<String> {
    let root = to_element(md).ok()?;
    let name = root.child("fullName")?.text();
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// A copy of `md` with `fullName` set to `name`.
pub(crate) fn with_full_name(md: &AnyMetadata, name: &str) -> Result<AnyMetadata, String> {
    let mut root = to_element(md)?;
    set_full_name(&mut root, name);
    from_element(&root)
}

/// Replaces the first `fullName` child's text, or inserts one first, in the metadata
/// namespace.
fn set_full_name(root: &mut Element, name: &str) {
    for c in &mut root.children {
        if let Node::Element(e) = c
            && e.local() == "fullName"
        {
            e.children = vec![Node::Text(name.to_owned())];
            return;
        }
    }
    bind_prefix(root);
    root.children.insert(
        0,
        Node::Element(Element::with_text(format!("{P}:fullName"), name)),
    );
}

fn bind_prefix(root: &mut Element) {
    let decl = format!("xmlns:{P}");
    if root.attr(&decl).is_none() {
        root.attrs.push((decl, NS.to_owned()));
    }
}

/// An empty record of `type_name`: what readMetadata answers for a name that does not exist.
pub(crate) fn empty_record(type_name: &str) -> AnyMetadata {
    let xml = format!(
        "<records xmlns:xsi=\"{XSI_NS}\" xmlns:{P}=\"{NS}\" xsi:type=\"{P}:{type_name}\"/>"
    );
    // Kept raw (not decoded as the type), so types with required fields stay empty too.
    from_slice::<AnyValue>(xml.as_bytes())
        .map(AnyMetadata::Unknown)
        .unwrap_or_default()
}

/// Reads a metadata file (root element named by its type, e.g. `<ApexClass xmlns="...">`)
/// as a typed component named `full_name`; `body` (the `.cls` beside a `-meta.xml`) becomes
/// its `content`.
pub(crate) fn from_file(
    type_name: &str,
    full_name: &str,
    xml: &[u8],
    body: Option<&[u8]>,
) -> Result<AnyMetadata, String> {
    let mut root = dom::parse(xml).map_err(|e| e.to_string())?;
    if root.local() != type_name {
        return Err(format!(
            "the root element is {}, expected {type_name}",
            root.local()
        ));
    }
    bind_prefix(&mut root);
    if root.attr("xsi:type").is_none() {
        root.attrs.retain(|(k, _)| k != "xmlns:xsi");
        root.attrs.push(("xmlns:xsi".to_owned(), XSI_NS.to_owned()));
        root.attrs
            .push(("xsi:type".to_owned(), format!("{P}:{type_name}")));
    }
    set_full_name(&mut root, full_name);
    if let Some(body) = body {
        let b64 = base64::engine::general_purpose::STANDARD.encode(body);
        root.children
            .retain(|c| !matches!(c, Node::Element(e) if e.local() == "content"));
        root.push(Element::with_text(format!("{P}:content"), &b64));
    }
    from_element(&root)
}

/// The files Salesforce would hold for a component created through the CRUD calls: the XML
/// file (without `fullName`, and without `content` for meta-file types) and, when `content`
/// is set, the body bytes.
pub(crate) fn to_file(
    md: &AnyMetadata,
    meta_file: bool,
) -> Result<(Vec<u8>, Option<Vec<u8>>), String> {
    let mut root = to_element(md)?;
    let prefix = root
        .name
        .split_once(':')
        .map(|(p, _)| format!("{p}:"))
        .unwrap_or_default();
    root.name = format!("{prefix}{}", md.type_name());
    root.attrs.retain(|(k, _)| k != "xsi:type");
    let mut body = None;
    root.children.retain(|c| match c {
        Node::Element(e) if e.local() == "fullName" => false,
        Node::Element(e) if meta_file && e.local() == "content" => {
            body = base64::engine::general_purpose::STANDARD
                .decode(e.text().trim())
                .ok();
            false
        }
        _ => true,
    });
    Ok((root.to_document(), body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use metadata::{ApexClass, CustomObject};

    fn apex(name: &str) -> AnyMetadata {
        AnyMetadata::ApexClass(Box::new(ApexClass {
            full_name: Some(name.to_owned()),
            api_version: 66.0,
            content: Some(b"public class A {}".to_vec()),
            ..Default::default()
        }))
    }

    #[test]
    fn names() {
        let a = apex("A");
        assert_eq!(full_name(&a).as_deref(), Some("A"));
        let b = with_full_name(&a, "B & C").unwrap();
        assert_eq!(full_name(&b).as_deref(), Some("B & C"));
        assert_eq!(b.type_name(), "ApexClass");
        let none = AnyMetadata::CustomObject(Box::default());
        assert_eq!(full_name(&none), None);
        let named = with_full_name(&none, "X__c").unwrap();
        assert_eq!(full_name(&named).as_deref(), Some("X__c"));
        assert!(matches!(named, AnyMetadata::CustomObject(_)));
    }

    #[test]
    fn files_round_trip() {
        let a = apex("A");
        let (xml, body) = to_file(&a, true).unwrap();
        let text = String::from_utf8(xml.clone()).unwrap();
        assert!(
            text.contains("ApexClass") && !text.contains("fullName") && !text.contains("content"),
            "{text}"
        );
        assert_eq!(body.as_deref(), Some(&b"public class A {}"[..]));
        let back = from_file("ApexClass", "A", &xml, body.as_deref()).unwrap();
        assert_eq!(back, a);
    }

    #[test]
    fn salesforce_style_file() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Invoice</label>
    <pluralLabel>Invoices</pluralLabel>
    <sharingModel>ReadWrite</sharingModel>
</CustomObject>
"#;
        let md = from_file("CustomObject", "Invoice__c", xml, None).unwrap();
        let AnyMetadata::CustomObject(o) = &md else {
            panic!("{md:?}")
        };
        assert_eq!(o.full_name.as_deref(), Some("Invoice__c"));
        assert_eq!(o.label.as_deref(), Some("Invoice"));
        assert!(
            from_file("ApexClass", "x", xml, None)
                .unwrap_err()
                .contains("root element")
        );
        assert!(from_file("CustomObject", "x", b"<CustomObject", None).is_err());
    }

    #[test]
    fn empty_records_keep_their_type() {
        let e = empty_record("CustomObject");
        assert_eq!(e.type_name(), "CustomObject");
        assert_eq!(full_name(&e), None);
        let _unused = CustomObject::default();
    }
}
