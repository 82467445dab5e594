//! Round trips of the schema-coverage fixtures (lists, unions, anyAttribute, group
//! alternatives of choices, `xsd:all`, element and attribute forms): sample messages read,
//! written, read back equal, validated by xmllint against the fixture's own schema, and
//! through JSON (the fixtures are generated with serde derives).

use runtime::__private as rt;
use runtime::xml::DecodeErrorKind;

use crate::xsd::Validator;
use crate::{forms, groups, lists, wildcards};

fn read<T: rt::XmlValue>(xml: &str) -> rt::Result<T> {
    runtime::xml::from_slice(xml.as_bytes())
}

/// Writes `v` as the document of element `T`, checks it validates and reads back equal,
/// and that JSON gives it back equal too. Returns the document.
fn check<T>(fixture: &str, v: &T) -> String
where
    T: rt::XmlValue + rt::Element + PartialEq + std::fmt::Debug,
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let xml = runtime::xml::to_vec(v, &T::NAME).expect("encodes");
    let text = String::from_utf8(xml.clone()).expect("utf-8");
    if let Some(val) = Validator::new(fixture) {
        val.assert_valid(fixture, &xml);
    }
    let back: T = read(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(&back, v, "{text}");
    let json = serde_json::to_string(v).expect("to JSON");
    let from_json: T = serde_json::from_str(&json).expect("from JSON");
    assert_eq!(&from_json, v, "{json}");
    text
}

#[test]
fn lists_and_unions_read_write_and_validate() {
    let xml = r#"<l:sample xmlns:l="urn:example:lists" tags=" a  b&#9;c " width="auto">
        <l:numbers> 1
          2	-3 </l:numbers>
        <l:colors>red green purple</l:colors>
        <l:size>12</l:size><l:size>none</l:size><l:size>huge</l:size>
        <l:flexible>1</l:flexible><l:flexible>7</l:flexible><l:flexible>auto</l:flexible>
        <l:flexible>2024-01-02 2024-03-04</l:flexible>
        <l:decimals>1.50 -2</l:decimals>
    </l:sample>"#;
    let s: lists::Sample = read(xml).expect("decodes");
    assert_eq!(s.numbers.0, [1, 2, -3]);
    assert_eq!(
        s.tags.as_ref().map(|t| t.0.clone()),
        Some(vec!["a".to_owned(), "b".to_owned(), "c".to_owned()])
    );
    assert_eq!(
        s.width,
        Some(lists::SizeOrAuto::Keyword(lists::Keyword::Auto))
    );
    // An unlisted enumeration value stays an enum value inside a list...
    let colors = s.colors.as_ref().expect("colors").0.clone();
    assert_eq!(colors[2], lists::Color::Unknown("purple".into()));
    // ...but a union tries its members in order, and keeps text none accepts.
    assert_eq!(
        s.size,
        [
            lists::SizeOrAuto::I32(12),
            lists::SizeOrAuto::Keyword(lists::Keyword::None_),
            lists::SizeOrAuto::Other("huge".into()),
        ]
    );
    // A union inside a union is flattened: boolean first, then int, then the keyword.
    assert_eq!(s.flexible[0], lists::Flexible::Bool(true));
    assert_eq!(s.flexible[1], lists::Flexible::I32(7));
    assert_eq!(
        s.flexible[2],
        lists::Flexible::Keyword(lists::Keyword::Auto)
    );
    let lists::Flexible::FlexibleMember3(dates) = &s.flexible[3] else {
        panic!("{:?}", s.flexible[3])
    };
    assert_eq!(dates.0[1].as_str(), "2024-03-04");
    let valid = lists::Sample {
        colors: Some(lists::ColorList(vec![
            lists::Color::Red,
            lists::Color::Green,
        ])),
        size: s.size[..2].to_vec(),
        ..s
    };
    let text = check("lists", &valid);
    assert!(
        text.contains(">1 2 -3<") && text.contains("tags=\"a b c\""),
        "{text}"
    );
}

#[test]
fn a_bad_list_item_is_a_typed_error_with_path_and_position() {
    let xml = r#"<l:sample xmlns:l="urn:example:lists"><l:numbers>1 2 x 4</l:numbers><l:size>1</l:size></l:sample>"#;
    let e = read::<lists::Sample>(xml).expect_err("x is no int");
    assert_eq!(
        e.kind(),
        &DecodeErrorKind::InvalidListItem {
            ty: "int",
            index: 2,
            text: "x".into()
        }
    );
    assert_eq!(e.path(), "/sample/numbers");
    let bad_attr = r#"<l:sample xmlns:l="urn:example:lists"><l:numbers/><l:size>1</l:size><l:decimals>1 2.x</l:decimals></l:sample>"#;
    let e = read::<lists::Sample>(bad_attr).expect_err("2.x is no decimal");
    assert!(
        matches!(e.kind(), DecodeErrorKind::InvalidListItem { index: 1, .. }),
        "{e}"
    );
    // An item that would split on the wire is refused when writing.
    let s = lists::Sample {
        tags: Some(lists::SampleTags(vec!["two words".into()])),
        ..Default::default()
    };
    assert!(runtime::xml::to_vec(&s, &<lists::Sample as rt::Element>::NAME).is_err());
}

#[test]
fn any_attributes_are_kept_and_written_back() {
    let xml = r#"<w:holder xmlns:w="urn:example:wildcards" xmlns:x="urn:x" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <w:open version="2" x:color="blue" plain="p" xml:lang="en" x:ref="x:thing">
          <w:name>n</w:name><x:extra a="1"><x:deep>d</x:deep></x:extra>
        </w:open>
        <w:derived x:flag="true"><w:name>d</w:name><w:extra>e</w:extra></w:derived>
        <w:tagged id="t" x:note="kept" xsi:type="w:Tagged"><w:v>1</w:v></w:tagged>
    </w:holder>"#;
    let h: wildcards::Holder = read(xml).expect("decodes");
    let wildcards::AnyOpen::Open(open) = &h.open else {
        panic!("{:?}", h.open)
    };
    assert_eq!(open.version, Some(2));
    let names: Vec<(&str, &str, &str)> = open
        .other_attributes
        .iter()
        .map(|a| (a.ns.as_str(), a.name.as_str(), a.value.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("urn:x", "color", "blue"),
            ("", "plain", "p"),
            ("http://www.w3.org/XML/1998/namespace", "lang", "en"),
            ("urn:x", "ref", "x:thing"),
        ]
    );
    // Inherited through an extension, and through an attribute group; xsi:type is not kept.
    assert_eq!(
        h.derived.as_ref().expect("derived").other_attributes.len(),
        1
    );
    let tagged = h.tagged.as_ref().expect("tagged");
    assert_eq!(
        tagged.other_attributes,
        [rt::AnyAttribute {
            ns: "urn:x".into(),
            name: "note".into(),
            prefix: "x".into(),
            value: "kept".into(),
        }]
    );
    let text = check("wildcards", &h);
    // The QName-valued attribute keeps its prefix; the `any` element its namespaces.
    assert!(text.contains("x:ref=\"x:thing\""), "{text}");
    assert!(text.contains("<x:deep>d</x:deep>"), "{text}");
}

#[test]
fn any_content_keeps_namespaces_declared_outside_it() {
    // The wildcard content uses prefixes declared on the root only; written under another
    // root (a SOAP body) it must still carry them.
    let xml = r#"<w:holder xmlns:w="urn:example:wildcards" xmlns:x="urn:x" xmlns="urn:default">
        <w:open><w:name>n</w:name><x:extra at="x:q"><plain>t</plain></x:extra></w:open></w:holder>"#;
    // Known limit: the element's own prefix is not kept (its namespace is), so a QName
    // *value* naming that prefix (`at="x:q"`) is written verbatim without `x` declared.
    let h: wildcards::Holder = read(xml).expect("decodes");
    let body = runtime::soap::encode_envelope(
        runtime::soap::SoapVersion::Soap11,
        &crate::values::Empty {},
        &h,
    )
    .expect("encodes");
    let back = runtime::soap::decode_envelope::<crate::values::Empty, wildcards::Holder>(&body)
        .expect("decodes");
    let runtime::soap::Message::Body(back) = back.body else {
        panic!("fault")
    };
    assert_eq!(back, h, "{}", String::from_utf8_lossy(&body));
    let wildcards::AnyOpen::Open(open) = &back.open else {
        panic!("variant")
    };
    let extra = &open.any[0];
    assert!(
        extra
            .bindings()
            .contains(&("".into(), "urn:default".into()))
    );
    assert_eq!(extra.element_name(), Some(("urn:x", "extra")));
    // The content's default namespace is declared where it is written again.
    let text = String::from_utf8_lossy(&body);
    assert!(
        text.contains(r#"xmlns="urn:default" at="x:q"><plain>t</plain>"#),
        "{text}"
    );
}

fn person(choice: groups::PersonChoice, choice2: Vec<groups::PersonChoice2>) -> groups::Person {
    groups::Person { choice, choice2 }
}

#[test]
fn group_alternatives_of_choices_round_trip_in_wire_order() {
    let street = |s: &str, city: Option<&str>| {
        groups::PersonChoice2::StreetCity(Box::new(groups::PersonChoice2StreetCity {
            street: s.into(),
            city: city.map(Into::into),
        }))
    };
    let book = groups::Book {
        person: vec![
            person(
                groups::PersonChoice::FullName(Box::new(groups::FullName {
                    first: "Ada".into(),
                    last: "Lovelace".into(),
                })),
                vec![
                    groups::PersonChoice2::Phone("1".into()),
                    street("Main", Some("York")),
                    street("Side", None),
                    groups::PersonChoice2::Pager(7),
                    street("Last", Some("Leeds")),
                ],
            ),
            person(
                groups::PersonChoice::Nickname(Box::new(groups::PersonChoiceNickname {
                    nickname: vec!["a".into(), "b".into()],
                })),
                Vec::new(),
            ),
            person(
                groups::PersonChoice::Alias("x".into()),
                vec![groups::PersonChoice2::Fax("f".into())],
            ),
        ],
        settings: groups::Settings {
            width: 3,
            height: None,
            title: "t".into(),
        },
    };
    let text = check("groups", &book);
    assert!(
        text.contains("<street>Side</street><pager>7</pager>")
            || text.contains("Side</ns1:street>")
            || text.contains("Side</"),
        "{text}"
    );
}

#[test]
fn all_groups_read_in_any_order_and_report_what_is_missing() {
    let xml = r#"<g:book xmlns:g="urn:example:groups"><g:person><g:alias>a</g:alias></g:person>
        <g:settings><g:title>t</g:title><g:height>2</g:height><g:width>1</g:width></g:settings></g:book>"#;
    let b: groups::Book = read(xml).expect("decodes");
    assert_eq!((b.settings.width, b.settings.height), (1, Some(2)));
    let missing = r#"<g:book xmlns:g="urn:example:groups"><g:person><g:alias>a</g:alias></g:person>
        <g:settings><g:title>t</g:title></g:settings></g:book>"#;
    let e = read::<groups::Book>(missing).expect_err("width is required");
    assert_eq!(e.kind(), &DecodeErrorKind::MissingElement { name: "width" });
    assert_eq!(e.path(), "/book/settings");
}

#[test]
fn qualified_and_unqualified_forms_are_written_and_read_as_declared() {
    let r = forms::Record {
        plain_attr: Some("pa".into()),
        qual_attr: Some(5),
        lang: Some("en".into()),
        plain: "p".into(),
        qualified: "q".into(),
        note: "n".into(),
        inner: forms::Inner {
            unit: Some("kg".into()),
            bare: Some("b".into()),
            value: "v".into(),
            local: "l".into(),
        },
    };
    let text = check("forms", &r);
    // Hand-written documents in both spellings read the same.
    let xml = r#"<f:record xmlns:f="urn:example:forms" xmlns:o="urn:example:forms-other"
        plainAttr="pa" f:qualAttr="5" o:lang="en">
        <plain>p</plain><f:qualified>q</f:qualified><o:note>n</o:note>
        <inner o:unit="kg" bare="b"><o:value>v</o:value><local>l</local></inner></f:record>"#;
    assert_eq!(read::<forms::Record>(xml).expect("decodes"), r, "{text}");
    // The wrong namespace is not the declared element: `qualified` is then missing.
    let wrong = r#"<f:record xmlns:f="urn:example:forms" xmlns:o="urn:example:forms-other">
        <plain>p</plain><qualified>q</qualified><o:note>n</o:note>
        <inner><o:value>v</o:value><local>l</local></inner></f:record>"#;
    let e = read::<forms::Record>(wrong).expect_err("unqualified `qualified`");
    assert_eq!(
        e.kind(),
        &DecodeErrorKind::MissingElement { name: "qualified" }
    );
    // An attribute in the wrong namespace is not the declared one either.
    let attr = r#"<f:record xmlns:f="urn:example:forms" xmlns:o="urn:example:forms-other" qualAttr="5">
        <plain>p</plain><f:qualified>q</f:qualified><o:note>n</o:note>
        <inner><o:value>v</o:value><local>l</local></inner></f:record>"#;
    assert_eq!(
        read::<forms::Record>(attr).expect("decodes").qual_attr,
        None
    );
}

#[test]
fn a_choice_holding_any_is_an_enum_with_an_any_variant() {
    let xml = r#"<w:slots xmlns:w="urn:example:wildcards" xmlns:x="urn:x">
        <w:note>a</w:note><x:thing k="1"><x:deep>t</x:deep></x:thing><w:code>3</w:code>
        <plain>not admitted by ##other: skipped</plain><w:note>b</w:note>
        <w:pick><x:z>p</x:z></w:pick>
    </w:slots>"#;
    let s: wildcards::Slots = read(xml).expect("decodes");
    let [
        wildcards::SlotsChoice::Note(a),
        wildcards::SlotsChoice::Any(thing),
        wildcards::SlotsChoice::Code(3),
        wildcards::SlotsChoice::Note(b),
    ] = &s.choice[..]
    else {
        panic!("{:?}", s.choice)
    };
    assert_eq!((a.as_str(), b.as_str()), ("a", "b"));
    assert_eq!(thing.element_name(), Some(("urn:x", "thing")));
    assert!(thing.inner_xml().contains(">t<"), "{thing:?}");
    let pick = s.pick.as_ref().expect("pick");
    assert!(
        matches!(&pick.choice, wildcards::PickChoice::Any(z) if z.inner_xml() == "p"),
        "{pick:?}"
    );
    // Written back in order, valid against the schema, and through JSON.
    let text = check("wildcards", &s);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle}: {text}"))
    };
    assert!(at(">a<") < at("thing") && at("thing") < at(">3<") && at(">3<") < at(">b<"));
    assert!(!text.contains("plain"), "{text}");

    // An element alternative wins over the wildcard; an element the wildcard's list
    // (`urn:x ##local`) does not admit is skipped, so a label stays a label.
    let pick = |inner: &str| {
        let doc = format!(
            r#"<w:slots xmlns:w="urn:example:wildcards"><w:note>n</w:note><w:pick>{inner}</w:pick></w:slots>"#
        );
        let s: wildcards::Slots = read(&doc).unwrap_or_else(|e| panic!("{e}: {doc}"));
        s.pick.expect("pick").choice
    };
    assert_eq!(
        pick("<w:label>l</w:label>"),
        wildcards::PickChoice::Label("l".into())
    );
    assert!(matches!(
        pick("<local>x</local>"),
        wildcards::PickChoice::Any(v) if v.inner_xml() == "x"
    ));
    assert!(matches!(
        pick(r#"<y:z xmlns:y="urn:y">x</y:z><w:label>l</w:label>"#),
        wildcards::PickChoice::Label(l) if l == "l"
    ));
}
