//! Structure-aware: edits to a valid seed WSDL (one element per line) that keep it mostly
//! well-formed, so the fuzzer reaches the schema model, reference resolution and the
//! generator's lowering and emitting. Loading gives a model or a typed error; generating
//! from a model gives code or a typed error. `codegen::Error::Internal` (generated code
//! that does not parse) is a bug, and so is any panic.
#![no_main]

use std::path::Path;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

const SEED: &str = include_str!("seed.wsdl");

/// Values put into attributes: names defined in the seed, missing ones, built-ins,
/// occurrence numbers, odd identifiers.
const WORDS: &[&str] = &[
    "tns:Base", "tns:Child", "tns:GrandChild", "tns:Item", "tns:Color", "tns:Short",
    "tns:Missing", "tns:read", "tns:readResponse", "tns:Session", "tns:Header", "tns:Port",
    "tns:FzBinding", "xsd:string", "xsd:int", "xsd:anyType", "xsd:base64Binary",
    "xsd:dateTime", "xsd:boolean", "xsd:QName", "soapenc:Array", "nope:Thing", "Base", "",
    "0", "1", "2", "-1", "unbounded", "99999999999999999999", "true", "false", "document",
    "rpc", "literal", "encoded", "qualified", "unqualified", "urn:fz", "urn:other",
    "##other", "##any", "strict", "lax", "type", "self", "Self", "crate", "super", "r#x",
    "123abc", "a-b.c", "\u{540d}\u{524d}", "Option", "String", "Vec", "Box", "read",
    "parameters", "Session", "a b", "x:y:z", ":", "tns:", "fullName", "value",
];

/// Element names an edit can give an element (start and end tag together).
const TAGS: &[&str] = &[
    "xsd:complexType", "xsd:simpleType", "xsd:element", "xsd:sequence", "xsd:choice",
    "xsd:all", "xsd:extension", "xsd:restriction", "xsd:complexContent", "xsd:simpleContent",
    "xsd:attribute", "xsd:any", "xsd:group", "xsd:attributeGroup", "xsd:enumeration",
    "xsd:list", "xsd:union", "xsd:import", "xsd:include", "message", "part", "portType",
    "operation", "input", "output", "fault", "binding", "soap:body", "soap:header",
    "soap:fault", "service", "port", "types", "xsd:schema", "documentation", "other:thing",
];

/// Whole lines an edit can insert.
const SNIPPETS: &[&str] = &[
    r#"<xsd:element name="x" type="tns:Child" maxOccurs="unbounded"/>"#,
    r#"<xsd:element ref="tns:read"/>"#,
    r#"<xsd:attribute name="lang" type="xsd:string"/>"#,
    r#"<xsd:complexType name="Loop"><xsd:complexContent><xsd:extension base="tns:Loop"/></xsd:complexContent></xsd:complexType>"#,
    r#"<xsd:simpleType name="Self2"><xsd:restriction base="tns:Self2"/></xsd:simpleType>"#,
    r#"<xsd:simpleType name="L"><xsd:list itemType="xsd:int"/></xsd:simpleType>"#,
    r#"<xsd:simpleType name="U"><xsd:union memberTypes="xsd:int tns:Color"/></xsd:simpleType>"#,
    r#"<xsd:complexType name="Base"/>"#,
    r#"<xsd:complexType name="Abs" abstract="true"><xsd:sequence/></xsd:complexType>"#,
    r#"<xsd:group name="G"><xsd:sequence><xsd:element name="g" type="xsd:int"/></xsd:sequence></xsd:group>"#,
    r#"<xsd:group ref="tns:G"/>"#,
    r#"<xsd:choice><xsd:element name="c1" type="xsd:int"/><xsd:element name="c2" type="tns:Base"/></xsd:choice>"#,
    r#"<xsd:import namespace="urn:other" schemaLocation="other.xsd"/>"#,
    r#"<xsd:include schemaLocation="inc.xsd"/>"#,
    r#"<xsd:anyAttribute/>"#,
    r#"<message name="Empty"/>"#,
    r#"<part name="extra" type="xsd:string"/>"#,
    r#"<fault name="F" message="tns:readResponse"/>"#,
    r#"<soap:fault name="F" use="literal"/>"#,
    r#"<soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>"#,
    r#"<documentation>doc &amp; text</documentation>"#,
    r#"<!-- comment -->"#,
    r#"<![CDATA[ <x> ]]>"#,
];

#[derive(Arbitrary, Debug)]
enum Edit {
    /// Sets the n-th attribute value of the document to a word.
    SetValue { slot: u16, word: u8 },
    /// Renames the n-th element (its start and matching end tag) to a tag.
    Rename { slot: u16, tag: u8 },
    /// Removes a line.
    Drop { line: u16 },
    /// Repeats a line.
    Duplicate { line: u16 },
    /// Moves a line elsewhere.
    Move { from: u16, to: u16 },
    /// Inserts a snippet.
    Insert { line: u16, snippet: u8 },
    /// Inserts raw text (the escape hatch for everything else).
    Raw { line: u16, text: String },
}

fuzz_target!(|edits: Vec<Edit>| {
    let mut lines: Vec<String> = SEED.lines().map(str::to_owned).collect();
    for e in edits.iter().take(16) {
        apply(&mut lines, e);
    }
    let text = lines.join("\n");
    let Ok(defs) = wsdl::load_str(&text, Path::new("/nonexistent-fuzz/seed.wsdl")) else {
        return;
    };
    match codegen::generate_from(&defs, "seed.wsdl", "::runtime") {
        Err(codegen::Error::Internal(e)) => panic!("generated code does not parse: {e}"),
        Ok(_) | Err(_) => {}
    }
});

fn pick(len: usize, n: u16) -> usize {
    if len == 0 { 0 } else { n as usize % len }
}

fn apply(lines: &mut Vec<String>, e: &Edit) {
    let n = lines.len();
    match e {
        Edit::SetValue { slot, word } => set_value(lines, *slot, WORDS[*word as usize % WORDS.len()]),
        Edit::Rename { slot, tag } => rename(lines, *slot, TAGS[*tag as usize % TAGS.len()]),
        Edit::Drop { line } if n > 1 => {
            lines.remove(pick(n, *line));
        }
        Edit::Duplicate { line } if n > 0 => {
            let i = pick(n, *line);
            let l = lines[i].clone();
            lines.insert(i, l);
        }
        Edit::Move { from, to } if n > 0 => {
            let l = lines.remove(pick(n, *from));
            lines.insert(pick(n, *to), l);
        }
        Edit::Insert { line, snippet } => {
            lines.insert(pick(n + 1, *line), SNIPPETS[*snippet as usize % SNIPPETS.len()].to_owned());
        }
        Edit::Raw { line, text } => lines.insert(pick(n + 1, *line), text.clone()),
        _ => {}
    }
}

/// Byte ranges of every attribute value (between the quotes) of `line`.
fn values(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = line[from..].find("=\"") {
        let start = from + i + 2;
        let Some(len) = line[start..].find('"') else { break };
        out.push((start, start + len));
        from = start + len + 1;
    }
    out
}

fn set_value(lines: &mut [String], slot: u16, word: &str) {
    let all: Vec<(usize, (usize, usize))> = lines
        .iter()
        .enumerate()
        .flat_map(|(i, l)| values(l).into_iter().map(move |r| (i, r)))
        .collect();
    if all.is_empty() {
        return;
    }
    let (i, (a, b)) = all[pick(all.len(), slot)];
    lines[i].replace_range(a..b, word);
}

/// The tag name right after `<` or `</` at the start of `line`, if any.
fn tag_range(line: &str) -> Option<(usize, usize)> {
    let start = if line.starts_with("</") { 2 } else if line.starts_with('<') { 1 } else { return None };
    let rest = &line[start..];
    if rest.starts_with(['!', '?']) {
        return None;
    }
    let len = rest.find([' ', '>', '/']).unwrap_or(rest.len());
    Some((start, start + len))
}

fn rename(lines: &mut [String], slot: u16, tag: &str) {
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].starts_with("</") && tag_range(&lines[i]).is_some())
        .collect();
    if starts.is_empty() {
        return;
    }
    let i = starts[pick(starts.len(), slot)];
    let Some((a, b)) = tag_range(&lines[i]) else { return };
    let old = lines[i][a..b].to_owned();
    let self_closing = lines[i].trim_end().ends_with("/>");
    lines[i].replace_range(a..b, tag);
    if self_closing {
        return;
    }
    // The matching end tag: the first `</old>` at the same nesting depth.
    let mut depth = 0usize;
    for l in lines.iter_mut().skip(i + 1) {
        let Some((a, b)) = tag_range(l) else { continue };
        if l[a..b] != old {
            continue;
        }
        if l.starts_with("</") {
            if depth == 0 {
                l.replace_range(a..b, tag);
                return;
            }
            depth -= 1;
        } else if !l.trim_end().ends_with("/>") {
            depth += 1;
        }
    }
}
