//! Property tests: any string XML 1.0 can carry survives a write/read round trip in text
//! and attribute positions; any string it cannot carry is an encode error, never dropped.

mod common;

use common::*;
use proptest::prelude::*;
use runtime::__private as rt;
use runtime::xml::{EncodeErrorKind, from_slice, to_vec};

const ROOT: rt::Name = rt::Name {
    ns: NS,
    local: "root",
};

/// Characters XML 1.0 can carry, biased towards the interesting ones.
fn xml_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(vec!['<', '>', '&', '"', '\'', ']', '\t', '\n', '\r', ' ', ';', '#', 'x', '\u{FFFD}', '\u{1F600}', '\u{10FFFF}', '\u{E000}', '\u{85}', '\u{2028}']),
        3 => any::<char>().prop_filter("XML char", |c| matches!(*c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)),
    ]
}

fn xml_string() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(xml_char(), 0..40).prop_map(|v| v.into_iter().collect()),
        Just("]]>".to_owned()),
        Just("a]]>b<![CDATA[c".to_owned()),
        Just("\r\n\r".to_owned()),
    ]
}

/// Characters XML 1.0 cannot carry.
fn bad_char() -> impl Strategy<Value = char> {
    prop_oneof![
        (0u32..0x20)
            .prop_filter("not tab/lf/cr", |c| ![9, 10, 13].contains(c))
            .prop_map(|c| char::from_u32(c).unwrap()),
        Just('\u{FFFE}'),
        Just('\u{FFFF}'),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn text_round_trips(s in xml_string()) {
        let v = CustomObject { label: s.clone(), full_name: Some(s.clone()), ..Default::default() };
        let xml = to_vec(&v, &ROOT).unwrap();
        let back: CustomObject = from_slice(&xml).unwrap();
        prop_assert_eq!(back, v);
    }

    #[test]
    fn attribute_round_trips(s in xml_string()) {
        let v = Extensible { id: Some(s.clone()), lang: Some(s), name: "n".into(), any: vec![] };
        let xml = to_vec(&v, &ROOT).unwrap();
        let back: Extensible = from_slice(&xml).unwrap();
        prop_assert_eq!(back, v);
    }

    #[test]
    fn any_value_text_round_trips(s in xml_string()) {
        let any = rt::AnyValue::string(&s).unwrap();
        prop_assert_eq!(any.text(), Some(s));
        let v = CustomObject { label: "l".into(), value: Some(rt::Nillable::Value(any)), ..Default::default() };
        let back: CustomObject = from_slice(&to_vec(&v, &ROOT).unwrap()).unwrap();
        prop_assert_eq!(back, v);
    }

    #[test]
    fn unwritable_chars_are_errors(a in xml_string(), c in bad_char(), b in xml_string()) {
        let s = format!("{a}{c}{b}");
        let text = CustomObject { label: s.clone(), ..Default::default() };
        let e = to_vec(&text, &ROOT).unwrap_err();
        prop_assert!(matches!(e.kind(), EncodeErrorKind::InvalidChar { code, at } if *code == c as u32 && *at == a.len()), "{:?}", e);
        prop_assert_eq!(e.path(), "/root/label");
        let attr = Extensible { id: Some(s), name: "n".into(), ..Default::default() };
        let e = to_vec(&attr, &ROOT).unwrap_err();
        prop_assert_eq!(e.path(), "/root/@id");
    }
}
