//! The reader's fast paths (attribute-less leaves read straight up to their end tag, base64
//! text taken raw) against the general path: every shape that must leave the fast path
//! reads the same as before. Plus the decode budget.

mod common;

use common::*;
use runtime::xml::{DecodeErrorKind, Reader, ReaderLimits, XmlValue, from_slice};

fn obj(inner: &str) -> CustomObject {
    let doc = format!(r#"<root xmlns="urn:test:md">{inner}</root>"#);
    from_slice(doc.as_bytes()).unwrap_or_else(|e| panic!("{inner}: {e}"))
}

fn err(doc: &str) -> DecodeErrorKind {
    from_slice::<CustomObject>(doc.as_bytes())
        .map(|v| panic!("accepted {doc}: {v:?}"))
        .unwrap_err()
        .kind()
        .clone()
}

fn label(inner: &str) -> String {
    obj(&format!("<label>{inner}</label>")).label
}

#[test]
fn prefixed_names_read_and_must_match_their_end_tags() {
    let doc =
        r#"<m:root xmlns:m="urn:test:md"><m:label>l</m:label><m:fullName>f</m:fullName></m:root>"#;
    let v: CustomObject = from_slice(doc.as_bytes()).unwrap();
    assert_eq!((v.label.as_str(), v.full_name.as_deref()), ("l", Some("f")));
    let bad = r#"<m:root xmlns:m="urn:test:md"><m:label>l</label></m:root>"#;
    assert!(matches!(err(bad), DecodeErrorKind::Syntax(_)));
    let bad = r#"<m:root xmlns:m="urn:test:md"><m:label>l</m:labelx></m:root>"#;
    assert!(matches!(err(bad), DecodeErrorKind::Syntax(_)));
}

#[test]
fn default_namespace_changes_are_honoured() {
    // A leaf redeclaring the default namespace is another element (skipped).
    let v = obj(r#"<label xmlns="urn:other">x</label><label>l</label>"#);
    assert_eq!(v.label, "l");
    // The default namespace of the root is not the fields' namespace here.
    let doc = r#"<p:root xmlns:p="urn:test:md" xmlns="urn:other"><p:label>l</p:label><label>no</label></p:root>"#;
    let v: CustomObject = from_slice(doc.as_bytes()).unwrap();
    assert_eq!(v.label, "l");
    // A prefix declared on a leaf is out of scope for its siblings.
    let v = obj(r#"<x:fullName xmlns:x="urn:test:md">f</x:fullName><label>l</label>"#);
    assert_eq!(v.full_name.as_deref(), Some("f"));
    let k = err(
        r#"<root xmlns="urn:test:md"><x:fullName xmlns:x="urn:test:md">f</x:fullName><label>l</label><x:count>1</x:count></root>"#,
    );
    assert_eq!(k, DecodeErrorKind::UndefinedPrefix { prefix: "x".into() });
}

#[test]
fn leaves_with_attributes_read_their_text() {
    assert_eq!(obj(r#"<label a="1" >l</label>"#).label, "l");
    assert_eq!(obj(r#"<label a=">" b='/>'>l</label>"#).label, "l");
    assert_eq!(obj("<label\n>l</label\n>").label, "l");
    assert!(matches!(
        err(r#"<root xmlns="urn:test:md"><label a="1" a="2">l</label></root>"#),
        DecodeErrorKind::Syntax(_)
    ));
}

#[test]
fn cdata_comments_and_pis_inside_text() {
    assert_eq!(label("<![CDATA[a<b&c]]>d"), "a<b&cd");
    assert_eq!(label("x<![CDATA[]]>"), "x");
    assert_eq!(label("a<!-- c -->b<?pi x?>c"), "abc");
    assert_eq!(label(""), "");
    assert_eq!(obj("<label/>").label, "");
    assert!(matches!(
        err(r#"<root xmlns="urn:test:md"><label><![CDATA[x</label></root>"#),
        DecodeErrorKind::Syntax(_)
    ));
}

#[test]
fn entities_and_character_references_in_text() {
    assert_eq!(
        label("a&amp;b&#x41;&#66;&lt;&gt;&quot;&apos;"),
        "a&bAB<>\"'"
    );
    assert_eq!(label("&#x1F600;"), "\u{1F600}");
    for bad in ["&#x;", "&#;", "&#x+41;", "&#12a;", "&#xFFFFFFFFF;", "&foo;"] {
        let doc = format!(r#"<root xmlns="urn:test:md"><label>{bad}</label></root>"#);
        assert!(
            matches!(err(&doc), DecodeErrorKind::UnknownEntity(_)),
            "{bad}"
        );
    }
    let lone = r#"<root xmlns="urn:test:md"><label>a & b</label></root>"#;
    assert!(matches!(err(lone), DecodeErrorKind::Syntax(_)));
}

#[test]
fn line_ends_are_normalised_but_referenced_cr_is_kept() {
    assert_eq!(label("a\r\nb\rc"), "a\nb\nc");
    assert_eq!(label("a&#xD;b"), "a\rb");
    assert_eq!(label("a\r\n&amp;\r"), "a\n&\n");
    assert_eq!(label("<![CDATA[x\r\ny]]>"), "x\ny");
}

#[test]
fn control_characters_are_found_at_every_chunk_boundary() {
    for len in [1, 63, 64, 65, 127, 128, 129, 300] {
        for at in [0, len / 2, len - 1] {
            let mut text = vec![b'a'; len];
            text[at] = 0x01;
            let t = String::from_utf8(text).unwrap();
            let doc = format!(r#"<root xmlns="urn:test:md"><label>{t}</label></root>"#);
            assert!(
                matches!(err(&doc), DecodeErrorKind::Syntax(m) if m.contains("not allowed")),
                "{len} {at}"
            );
            let ok = t.replace('\u{1}', "\r");
            let want = t.replace('\u{1}', "\n");
            assert_eq!(label(&ok), want, "{len} {at}");
        }
    }
    let doc = "<root xmlns=\"urn:test:md\"><label>a\u{FFFF}</label></root>";
    assert!(matches!(err(doc), DecodeErrorKind::Syntax(_)));
    assert_eq!(label("\u{F000}\u{FFFD}"), "\u{F000}\u{FFFD}");
}

#[test]
fn base64_text_raw_and_general() {
    let read = |inner: &str| {
        let doc = format!(
            r#"<root xmlns="urn:test:md"><fullName>f</fullName><content>{inner}</content><apiVersion>1</apiVersion></root>"#
        );
        from_slice::<ApexClass>(doc.as_bytes()).map(|v| v.content)
    };
    assert_eq!(read("QUJD").unwrap(), Some(b"ABC".to_vec()));
    assert_eq!(read(" QU\r\nJD\n").unwrap(), Some(b"ABC".to_vec()));
    assert_eq!(read("QU<![CDATA[JD]]>").unwrap(), Some(b"ABC".to_vec()));
    assert_eq!(read("&#x51;UJD").unwrap(), Some(b"ABC".to_vec()));
    assert_eq!(read("").unwrap(), Some(Vec::new()));
    for bad in ["QU\u{1}JD", "QUJ\u{E9}", "QUJD\u{FFFF}"] {
        let e = read(bad).unwrap_err();
        assert!(
            matches!(e.kind(), DecodeErrorKind::InvalidValue { .. }),
            "{bad:?}: {e}"
        );
        assert!(e.path().ends_with("/content"), "{e}");
    }
}

#[test]
fn the_decode_budget_bounds_what_is_materialised() {
    let field = "<fields><fullName>f</fullName></fields>";
    let doc = format!(
        r#"<root xmlns="urn:test:md"><label>l</label>{}</root>"#,
        field.repeat(200)
    );
    let read = |floor: u64| {
        let limits = ReaderLimits {
            budget_per_byte: 0,
            budget_floor: floor,
            ..ReaderLimits::default()
        };
        let mut r = Reader::with_limits(doc.as_bytes(), limits).unwrap();
        let root = r.root().unwrap();
        CustomObject::read_xml(&mut r, &root).map(|v| (v, r.charged()))
    };
    let (v, charged) = read(u64::MAX).unwrap();
    assert_eq!(v.fields.len(), 200);
    let slots = v.fields.capacity() * size_of::<CustomField>();
    assert!(charged as usize >= slots + 201, "{charged} < {slots}");
    let e = read(charged / 2).unwrap_err();
    assert_eq!(
        e.kind(),
        &DecodeErrorKind::BudgetExceeded { limit: charged / 2 }
    );
    assert!(e.path().starts_with("/root/fields"), "{e}");
    assert!(
        e.to_string()
            .contains(&format!("decode budget of {} bytes exceeded", charged / 2)),
        "{e}"
    );
    assert!(read(charged).is_ok());
}

#[test]
fn repeated_fields_grow_by_half() {
    let field = "<fields><fullName>f</fullName></fields>";
    let v = obj(&format!("<label>l</label>{}", field.repeat(300)));
    assert_eq!(v.fields.len(), 300);
    assert!(v.fields.capacity() <= 330, "{}", v.fields.capacity());
}

#[test]
fn the_default_budget_scales_with_the_document() {
    let l = ReaderLimits::default();
    assert_eq!(l.budget_for(0), 64 << 20);
    assert_eq!(l.budget_for(100 << 20), 1600 << 20);
}

#[test]
fn markup_after_the_document_element_is_refused() {
    for tail in ["<?xml version=\"1.0\"?>", "<!-- ok -->x", "<a/>"] {
        let doc = format!(r#"<root xmlns="urn:test:md"><label>l</label></root>{tail}"#);
        assert!(
            from_slice::<CustomObject>(doc.as_bytes()).is_err(),
            "{tail}"
        );
    }
    let doc = r#"<root xmlns="urn:test:md"><label>l</label></root><!-- ok --><?pi?> "#;
    assert!(from_slice::<CustomObject>(doc.as_bytes()).is_ok());
}
