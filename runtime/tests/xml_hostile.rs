//! Hostile input: each case is a typed error (never a panic, hang or stack overflow).

mod common;

use common::*;
use runtime::xml::{DEFAULT_MAX_DEPTH, DecodeErrorKind, Reader, ReaderLimits, from_slice};

fn kind_of(doc: &[u8]) -> DecodeErrorKind {
    from_slice::<CustomObject>(doc)
        .map(|v| panic!("accepted: {v:?}"))
        .unwrap_err()
        .kind()
        .clone()
}

#[test]
fn doctype_is_refused_outright() {
    let docs: [&[u8]; 3] = [
        br#"<?xml version="1.0"?><!DOCTYPE root [<!ENTITY a "x">]><root xmlns="urn:test:md"><label>&a;</label></root>"#,
        // Billion laughs: refused before any expansion could start.
        br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><root xmlns="urn:test:md"><label>&lol3;</label></root>"#,
        // External entity.
        br#"<!DOCTYPE root [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><root xmlns="urn:test:md"><label>&xxe;</label></root>"#,
    ];
    for d in docs {
        assert_eq!(kind_of(d), DecodeErrorKind::Doctype);
    }
}

#[test]
fn undefined_entities_are_errors_even_in_skipped_content() {
    let a = kind_of(br#"<root xmlns="urn:test:md"><label>&nbsp;</label></root>"#);
    assert!(matches!(a, DecodeErrorKind::UnknownEntity(e) if e == "nbsp"));
    let b =
        kind_of(br#"<root xmlns="urn:test:md"><label>l</label><unknown>&foo;</unknown></root>"#);
    assert!(matches!(b, DecodeErrorKind::UnknownEntity(_)));
    let c = kind_of(br#"<root xmlns="urn:test:md"><label>&#0;</label></root>"#);
    assert!(
        matches!(c, DecodeErrorKind::UnknownEntity(_)),
        "NUL is not an XML character"
    );
    let d = kind_of(br#"<root xmlns="urn:test:md"><label>&#xD800;</label></root>"#);
    assert!(matches!(d, DecodeErrorKind::UnknownEntity(_)), "surrogate");
}

/// A document nesting `n` levels of `open`/`close` inside the root.
fn nested(n: usize, open: &str, close: &str) -> Vec<u8> {
    let mut s = String::from(r#"<root xmlns="urn:test:md"><label>l</label>"#);
    s.push_str(&open.repeat(n));
    s.push_str(&close.repeat(n));
    s.push_str("</root>");
    s.into_bytes()
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    // In a known field (typed recursion) and inside an unknown element (iterative skip).
    for (open, close) in [("<parent>", "</parent>"), ("<unknown>", "</unknown>")] {
        let doc = nested(100_000, open, close);
        let k = kind_of(&doc);
        assert_eq!(
            k,
            DecodeErrorKind::TooDeep {
                limit: DEFAULT_MAX_DEPTH
            },
            "{open}"
        );
    }
    // Captured as AnyValue (iterative capture).
    let doc = nested(100_000, "<value>", "</value>");
    assert_eq!(
        kind_of(&doc),
        DecodeErrorKind::TooDeep {
            limit: DEFAULT_MAX_DEPTH
        }
    );
}

#[test]
fn nesting_up_to_the_limit_is_read_by_the_typed_reader() {
    // `parent` recursion right below the limit reads fine on a test thread's stack.
    let n = DEFAULT_MAX_DEPTH - 2;
    let mut s = String::from(r#"<root xmlns="urn:test:md"><label>l</label>"#);
    for _ in 0..n {
        s.push_str("<parent><label>p</label>");
    }
    s.push_str(&"</parent>".repeat(n));
    s.push_str("</root>");
    let mut v: CustomObject = from_slice(s.as_bytes()).unwrap();
    let mut depth = 0;
    while let Some(p) = v.parent.take() {
        v = *p;
        depth += 1;
    }
    assert_eq!(depth, n);
}

#[test]
fn configurable_depth_limit() {
    let doc = nested(10, "<unknown>", "</unknown>");
    let mut r = Reader::with_limits(
        &doc,
        ReaderLimits {
            max_depth: 5,
            ..Default::default()
        },
    )
    .unwrap();
    let root = r.root().unwrap();
    let e = runtime::__private::XmlValue::read_xml(&mut r, &root)
        .map(|_: CustomObject| ())
        .unwrap_err();
    assert_eq!(e.kind(), &DecodeErrorKind::TooDeep { limit: 5 });
}

#[test]
fn invalid_utf8_is_an_error_with_its_offset() {
    let mut doc = br#"<root xmlns="urn:test:md"><label>ab"#.to_vec();
    let at = doc.len();
    doc.extend_from_slice(b"\xC3\x28</label></root>");
    let e = from_slice::<CustomObject>(&doc).unwrap_err();
    assert_eq!(e.kind(), &DecodeErrorKind::InvalidUtf8);
    assert!(e.offset() <= at as u64, "{e}");
}

#[test]
fn malformed_documents_are_syntax_errors() {
    let cases: [&[u8]; 9] = [
        b"",
        b"   ",
        br#"<root xmlns="urn:test:md"><label>l</label>"#,
        br#"<root xmlns="urn:test:md"><label>l</lable></root>"#,
        br#"<root xmlns="urn:test:md" a="1" a="2"><label>l</label></root>"#,
        br#"<root xmlns="urn:test:md"><label>l</label></root><second/>"#,
        br#"<root xmlns="urn:test:md"><label>l</label></root>trailing"#,
        br#"<root xmlns="urn:test:md"><label a="<">l</label></root>"#,
        b"<root xmlns=\"urn:test:md\"><label>\x00</label></root>\xff",
    ];
    for c in cases {
        let e = from_slice::<CustomObject>(c)
            .map(|_| String::from_utf8_lossy(c).into_owned())
            .unwrap_err();
        assert!(!e.to_string().is_empty());
        assert!(
            matches!(
                e.kind(),
                DecodeErrorKind::Syntax(_)
                    | DecodeErrorKind::UnexpectedEof
                    | DecodeErrorKind::UnexpectedText
                    | DecodeErrorKind::InvalidUtf8
            ),
            "{}: {e}",
            String::from_utf8_lossy(c)
        );
    }
}

#[test]
fn undefined_element_prefix_is_an_error() {
    let k = kind_of(br#"<root xmlns="urn:test:md"><x:label>l</x:label></root>"#);
    assert_eq!(k, DecodeErrorKind::UndefinedPrefix { prefix: "x".into() });
}

#[test]
fn element_where_text_belongs_is_an_error() {
    let k = kind_of(br#"<root xmlns="urn:test:md"><label><b>bold</b></label></root>"#);
    assert!(
        matches!(k, DecodeErrorKind::UnexpectedElement { .. }),
        "{k:?}"
    );
}

#[test]
fn numbers_out_of_range() {
    let k = kind_of(br#"<root xmlns="urn:test:md"><label>l</label><fields><fullName>f</fullName><length>2147483648</length></fields></root>"#);
    assert!(
        matches!(k, DecodeErrorKind::InvalidValue { ty: "int", .. }),
        "{k:?}"
    );
    let k = kind_of(br#"<root xmlns="urn:test:md"><label>l</label><count>inf</count></root>"#);
    assert!(
        matches!(k, DecodeErrorKind::InvalidValue { ty: "long", .. }),
        "{k:?}"
    );
}

#[test]
fn many_truncations_of_a_valid_document_never_panic() {
    let doc = br#"<?xml version="1.0"?><root xmlns="urn:test:md" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><fullName>a&amp;b</fullName><fields><fullName>f</fullName><type>Text</type></fields><label>l</label><parent><label>p</label></parent><value xsi:type="xsd:string" xmlns:xsd="http://www.w3.org/2001/XMLSchema">v</value><hex>00FF</hex></root>"#;
    assert!(from_slice::<CustomObject>(doc).is_ok());
    for cut in 0..doc.len() {
        assert!(
            from_slice::<CustomObject>(&doc[..cut]).is_err(),
            "prefix of {cut} bytes accepted"
        );
    }
}
