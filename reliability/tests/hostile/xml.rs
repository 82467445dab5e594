//! Cases in the XML: DTD tricks, deep nesting, bad encodings, names and structure; and
//! values that do not fit their type.

use reliability_tests::wire::Action;
use reliability_tests::{ENVELOPE_TAIL, MD_NS, envelope, envelope_head};

use super::{Case, Expect, decode};

/// The fields of a complete `DeployResult`, in schema order.
const DEPLOY_FIELDS: &[(&str, &str)] = &[
    ("checkOnly", "false"),
    ("createdBy", "005xx000001"),
    ("createdByName", "Admin"),
    ("createdDate", "2024-05-06T07:08:09.000Z"),
    ("details", ""),
    ("done", "true"),
    ("id", "0Afxx0000000001"),
    ("ignoreWarnings", "false"),
    ("numberComponentErrors", "0"),
    ("numberComponentsDeployed", "1"),
    ("numberComponentsTotal", "1"),
    ("numberTestErrors", "0"),
    ("numberTestsCompleted", "0"),
    ("numberTestsTotal", "0"),
    ("rollbackOnError", "true"),
    ("runTestsEnabled", "false"),
    ("status", "Succeeded"),
    ("success", "true"),
    ("zipSize", "1234"),
];

/// A `checkDeployStatusResponse` whose field `name` holds `value` (raw XML); an empty
/// `name` changes nothing.
fn deploy_with(name: &str, value: &str) -> String {
    let mut fields = String::new();
    for (n, v) in DEPLOY_FIELDS {
        let v = if *n == name { value } else { v };
        fields.push_str(&format!("<{n}>{v}</{n}>"));
    }
    envelope(&format!(
        "<checkDeployStatusResponse><result>{fields}</result></checkDeployStatusResponse>"
    ))
}

/// A `checkRetrieveStatusResponse` whose `zipFile` is `zip` (raw XML).
fn retrieve_with_zip(zip: &str) -> String {
    envelope(&format!(
        "<checkRetrieveStatusResponse><result><done>true</done><id>09Sxx01</id>\
         <status>Succeeded</status><success>true</success><zipFile>{zip}</zipFile>\
         </result></checkRetrieveStatusResponse>"
    ))
}

/// A `readMetadataResponse` holding `records` (raw XML).
fn read_with(records: &str) -> String {
    envelope(&format!(
        "<readMetadataResponse><result>{records}</result></readMetadataResponse>"
    ))
}

/// An envelope whose body nests `n` levels of `<a>` inside `slot_open`...`slot_close`.
fn nested(n: usize, slot_open: &str, slot_close: &str) -> Vec<u8> {
    let mut s = envelope_head();
    s.push_str(slot_open);
    s.push_str(&"<a>".repeat(n));
    s.push_str(&"</a>".repeat(n));
    s.push_str(slot_close);
    s.push_str(ENVELOPE_TAIL);
    s.into_bytes()
}

fn case(name: &'static str, body: impl Into<Vec<u8>>, expect: Expect) -> Case {
    Case::new(name, Action::xml(200, body), expect)
}

/// Well-formed answers of several operations: the control for the cases below.
pub fn valid_bodies() -> Vec<(&'static str, String)> {
    vec![
        ("deploy status", deploy_with("", "")),
        (
            "retrieve status",
            retrieve_with_zip("UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA=="),
        ),
        (
            "read",
            read_with(
                r#"<records xsi:type="CustomObject"><fullName>Invoice__c</fullName><label>Invoice</label></records>"#,
            ),
        ),
        (
            "read of an anyType value",
            read_with(
                r#"<records xsi:type="CustomMetadata"><fullName>C.D</fullName><values><field>F__c</field><value xsi:type="xsd:string">v</value></values></records>"#,
            ),
        ),
    ]
}

/// DTDs, nesting, encodings, names and envelope structure.
pub fn xml_cases() -> Vec<Case> {
    let million = 1_000_000;
    let doctype = |dtd: &str| {
        format!(
            "<?xml version=\"1.0\"?>{dtd}{}",
            &envelope("<readMetadataResponse><result/></readMetadataResponse>")[38..]
        )
    };
    vec![
        case("a DOCTYPE with an internal entity", doctype(r#"<!DOCTYPE e [<!ENTITY a "x">]>"#), decode("Doctype")),
        case(
            "billion laughs",
            doctype(r#"<!DOCTYPE e [<!ENTITY l "lol"><!ENTITY l2 "&l;&l;&l;&l;&l;&l;&l;&l;&l;&l;"><!ENTITY l3 "&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;"><!ENTITY l4 "&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;">]>"#),
            decode("Doctype"),
        ),
        case("an external entity (file:///etc/passwd)", doctype(r#"<!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>"#), decode("Doctype")),
        case("an external DTD", doctype(r#"<!DOCTYPE e SYSTEM "http://127.0.0.1:9/evil.dtd">"#), decode("Doctype")),
        case("a parameter entity", doctype(r#"<!DOCTYPE e [<!ENTITY % p SYSTEM "file:///etc/hostname"> %p;]>"#), decode("Doctype")),
        case(
            "a million levels inside an unknown element",
            nested(million, "<readMetadataResponse><result><unknown>", "</unknown></result></readMetadataResponse>"),
            decode("TooDeep"),
        ),
        case(
            "a million levels inside an anyType value",
            nested(million, r#"<readMetadataResponse><result><records xsi:type="CustomMetadata"><values><field>f</field><value>"#, "</value></values></records></result></readMetadataResponse>"),
            decode("TooDeep"),
        ),
        case(
            "a million levels inside an unknown xsi:type",
            nested(million, r#"<readMetadataResponse><result><records xsi:type="FromTheFuture">"#, "</records></result></readMetadataResponse>"),
            decode("TooDeep"),
        ),
        case(
            "invalid UTF-8 in text",
            [envelope_head().as_bytes(), b"<readMetadataResponse><result><records><fullName>ab\xC3\x28</fullName></records></result></readMetadataResponse>", ENVELOPE_TAIL.as_bytes()].concat(),
            decode("InvalidUtf8"),
        ),
        case(
            "Latin-1 bytes under an ISO-8859-1 declaration",
            envelope("<readMetadataResponse><result><records><fullName>caf\u{e9}</fullName></records></result></readMetadataResponse>")
                .replace("UTF-8", "ISO-8859-1")
                .into_bytes()
                .into_iter()
                .flat_map(|b| if b == 0xC3 { vec![] } else if b == 0xA9 { vec![0xE9] } else { vec![b] })
                .collect::<Vec<u8>>(),
            decode("InvalidUtf8"),
        ),
        case("UTF-16 with a byte-order mark", utf16(&envelope("<readMetadataResponse><result/></readMetadataResponse>")), Expect::AnyOf(vec![decode("InvalidUtf8"), decode("Syntax"), decode("UnexpectedText")])),
        case(
            "an undefined namespace prefix on an element",
            read_with("<x:records><fullName>a</fullName></x:records>"),
            decode("UndefinedPrefix"),
        ),
        case(
            "an undefined namespace prefix in xsi:type",
            read_with(r#"<records xsi:type="nope:CustomObject"><fullName>a</fullName></records>"#),
            decode("UndefinedPrefix"),
        ),
        case(
            "an xsi:type that is not a subtype of the slot (DeployResult as Metadata)",
            read_with(r#"<records xsi:type="DeployResult"><id>x</id></records>"#),
            Expect::DecodeAt("NotASubtype", "records"),
        ),
        case(
            "a singular element repeated",
            envelope("<readMetadataResponse><result/><result/></readMetadataResponse>"),
            Expect::DecodeAt("DuplicateElement", "readMetadataResponse"),
        ),
        case(
            "a singular field repeated inside a record",
            read_with(r#"<records xsi:type="CustomObject"><label>a</label><label>b</label></records>"#),
            Expect::DecodeAt("DuplicateElement", "records"),
        ),
        case("a required element missing", deploy_with("", "").replace("<id>0Afxx0000000001</id>", ""), Expect::DecodeAt("MissingElement", "result")),
        case(
            "a body element of another namespace",
            envelope(r#"<readMetadataResponse xmlns="urn:evil"><result/></readMetadataResponse>"#),
            decode("UnexpectedBody"),
        ),
        case("a root that is not an Envelope", format!(r#"<readMetadataResponse xmlns="{MD_NS}"/>"#), decode("NotAnEnvelope")),
        case(
            "an Envelope without a Body",
            r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/></soapenv:Envelope>"#,
            decode("NotAnEnvelope"),
        ),
        case("an empty Body", envelope(""), decode("NotAnEnvelope")),
        case(
            "garbage after the Envelope",
            format!("{}<second/>", envelope("<readMetadataResponse><result/></readMetadataResponse>")),
            Expect::AnyOf(vec![decode("Syntax"), decode("UnexpectedText")]),
        ),
        case("an undefined entity", read_with("<records><fullName>&nbsp;</fullName></records>"), decode("UnknownEntity")),
        case("a character reference XML forbids", read_with("<records><fullName>&#1;</fullName></records>"), decode("UnknownEntity")),
        case(
            "a raw NUL byte",
            read_with("<records><fullName>a\0b</fullName></records>"),
            Expect::AnyOf(vec![decode("Syntax"), decode("InvalidValue"), decode("UnknownEntity")]),
        ),
        case("an element where text belongs", read_with("<records><fullName><b>x</b></fullName></records>"), decode("UnexpectedElement")),
        case("a mismatched end tag", read_with("<records><fullName>x</fullNam></records>"), decode("Syntax")),
        case("a duplicated attribute", read_with(r#"<records a="1" a="2"/>"#), decode("Syntax")),
        case(
            "an unclosed CDATA section",
            read_with("<records><fullName><![CDATA[x</fullName></records>"),
            Expect::AnyOf(vec![decode("Syntax"), decode("UnexpectedEof")]),
        ),
        case(
            "a truncated document with a correct length",
            envelope("<readMetadataResponse><result/></readMetadataResponse>")[..150].to_owned(),
            Expect::AnyOf(vec![decode("UnexpectedEof"), decode("Syntax")]),
        ),
    ]
}

/// Values that do not fit their type.
pub fn value_cases() -> Vec<Case> {
    let invalid = |field: &'static str| Expect::DecodeAt("InvalidValue", field);
    vec![
        case(
            "an int above 2^31-1",
            deploy_with("numberComponentsTotal", "2147483648"),
            invalid("numberComponentsTotal"),
        ),
        case(
            "an int below -2^31",
            deploy_with("numberComponentErrors", "-2147483649"),
            invalid("numberComponentErrors"),
        ),
        case(
            "a long above 2^63-1",
            deploy_with("zipSize", "9223372036854775808"),
            invalid("zipSize"),
        ),
        case(
            "an int with trailing garbage",
            deploy_with("numberTestsTotal", "12abc"),
            invalid("numberTestsTotal"),
        ),
        case(
            "an empty int",
            deploy_with("numberTestsCompleted", ""),
            invalid("numberTestsCompleted"),
        ),
        case(
            "an int of 10,000 digits",
            deploy_with("numberTestErrors", &"9".repeat(10_000)),
            invalid("numberTestErrors"),
        ),
        case(
            "a boolean 'yes'",
            deploy_with("done", "yes"),
            invalid("done"),
        ),
        case(
            "a dateTime in month 13",
            deploy_with("createdDate", "2024-13-45T99:00:00Z"),
            invalid("createdDate"),
        ),
        case(
            "invalid base64",
            retrieve_with_zip("!!!not base64!!!"),
            invalid("zipFile"),
        ),
        case(
            "base64 with padding in the middle",
            retrieve_with_zip("QQ==QQ=="),
            invalid("zipFile"),
        ),
        case(
            "base64 with a non-ASCII letter",
            retrieve_with_zip("QUJD\u{20ac}"),
            invalid("zipFile"),
        ),
        case(
            "an int in hexadecimal",
            deploy_with("numberComponentsDeployed", "0x10"),
            invalid("numberComponentsDeployed"),
        ),
    ]
}

/// `text` as UTF-16LE with a byte-order mark.
fn utf16(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}
