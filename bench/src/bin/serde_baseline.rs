//! `serde_baseline WSDL OUT.rs`: the (e) baseline crate's source. Every complex type,
//! anonymous element type and enumeration of the WSDL's schema becomes a plain struct or
//! enum with `Debug, Clone, PartialEq, Default, Serialize, Deserialize` derives: what a
//! serde user would write for the same types (base fields flattened into subtypes, single
//! complex children boxed so recursive types compile).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::process::ExitCode;

use heck::{ToSnakeCase, ToUpperCamelCase};
use roxmltree::{Document, Node};

const XSD: &str = "http://www.w3.org/2001/XMLSchema";
const RESERVED: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move",
    "mut", "pub", "ref", "return", "static", "struct", "trait", "true", "type", "unsafe",
    "use", "where", "while", "abstract", "become", "box", "do", "final", "macro", "override",
    "priv", "typeof", "unsized", "virtual", "yield", "try",
];
const PRELUDE: &[&str] = &["String", "Option", "Box", "Vec", "Result", "Default", "Some", "None", "Ok", "Err"];

/// Named complex types, anonymous element types and enums, by XML name.
struct Schema<'a, 'i> {
    complex: BTreeMap<&'a str, Node<'a, 'i>>,
    simple: BTreeMap<&'a str, Node<'a, 'i>>,
    /// Rust name of each complex type / element type / simple type, by (kind, XML name).
    names: BTreeMap<(char, &'a str), String>,
}

fn xsd<'a, 'i>(n: Node<'a, 'i>, local: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(move |c| c.has_tag_name((XSD, local)))
}

fn local(qname: &str) -> &str {
    qname.rsplit(':').next().unwrap_or(qname)
}

fn type_name(raw: &str, taken: &mut BTreeSet<String>) -> String {
    let mut name = raw.to_upper_camel_case();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("T{name}");
    }
    if PRELUDE.contains(&name.as_str()) || name == "Self" {
        name.push('_');
    }
    let base = name.clone();
    let mut i = 2;
    while !taken.insert(name.clone()) {
        name = format!("{base}{i}");
        i += 1;
    }
    name
}

fn field_name(raw: &str) -> String {
    let name = raw.to_snake_case();
    match name.as_str() {
        "self" | "super" | "crate" | "Self" => format!("{name}_"),
        n if RESERVED.contains(&n) => format!("r#{n}"),
        n if n.starts_with(|c: char| c.is_ascii_digit()) => format!("f_{n}"),
        _ => name,
    }
}

impl<'a, 'i> Schema<'a, 'i> {
    fn new(schema: Node<'a, 'i>) -> Self {
        let mut s = Schema { complex: BTreeMap::new(), simple: BTreeMap::new(), names: BTreeMap::new() };
        let mut taken = BTreeSet::new();
        for n in xsd(schema, "complexType") {
            let name = n.attribute("name").unwrap_or_default();
            s.complex.insert(name, n);
            s.names.insert(('c', name), type_name(name, &mut taken));
        }
        for n in xsd(schema, "simpleType") {
            let name = n.attribute("name").unwrap_or_default();
            s.simple.insert(name, n);
            s.names.insert(('s', name), type_name(name, &mut taken));
        }
        for n in xsd(schema, "element").filter(|e| xsd(*e, "complexType").next().is_some()) {
            let name = n.attribute("name").unwrap_or_default();
            let rust = if taken.contains(&name.to_upper_camel_case()) {
                type_name(&format!("{name}Element"), &mut taken)
            } else {
                type_name(name, &mut taken)
            };
            s.names.insert(('e', name), rust);
        }
        s
    }

    /// The Rust type of a `type="..."` reference.
    fn rust_type(&self, qname: &str, node: Node<'_, '_>) -> (String, bool) {
        let prefix = qname.split_once(':').map(|(p, _)| p);
        let ns = node.lookup_namespace_uri(prefix).unwrap_or_default();
        let l = local(qname);
        if ns == XSD {
            let t = match l {
                "boolean" => "bool",
                "int" => "i32",
                "long" => "i64",
                "short" => "i16",
                "byte" => "i8",
                "double" => "f64",
                "float" => "f32",
                _ => "String",
            };
            return (t.into(), false);
        }
        if let Some(n) = self.names.get(&('c', l)) {
            return (n.clone(), true);
        }
        match self.names.get(&('s', l)) {
            Some(n) => (n.clone(), false),
            None => ("String".into(), false),
        }
    }

    /// Fields of a complex type: base fields first, then its own, in schema order.
    fn fields(&self, ct: Node<'a, 'i>, out: &mut Vec<String>, seen: &mut BTreeSet<String>) {
        if let Some(ext) = ct.descendants().find(|d| d.has_tag_name((XSD, "extension"))) {
            if let Some(base) = ext.attribute("base").and_then(|b| self.complex.get(local(b))) {
                self.fields(*base, out, seen);
            }
        }
        for el in ct.descendants().filter(|d| d.has_tag_name((XSD, "element"))) {
            if el.ancestors().skip(1).find(|a| a.has_tag_name((XSD, "complexType"))) != Some(ct) {
                continue;
            }
            let xml = el.attribute("name").or(el.attribute("ref")).map(local).unwrap_or("x");
            let name = field_name(xml);
            if !seen.insert(name.clone()) {
                continue;
            }
            let (ty, complex) = self.rust_type(el.attribute("type").unwrap_or("xsd:string"), el);
            let many = el.attribute("maxOccurs").is_some_and(|m| m != "1");
            let optional = el.attribute("minOccurs") == Some("0") || el.attribute("nillable") == Some("true");
            let ty = match (many, optional, complex) {
                (true, _, _) => format!("Vec<{ty}>"),
                (false, true, true) => format!("Option<Box<{ty}>>"),
                (false, true, false) => format!("Option<{ty}>"),
                (false, false, true) => format!("Box<{ty}>"),
                (false, false, false) => ty,
            };
            out.push(format!("    #[serde(rename = \"{xml}\", default)]\n    pub {name}: {ty},\n"));
        }
        for at in ct.descendants().filter(|d| d.has_tag_name((XSD, "attribute"))) {
            let xml = at.attribute("name").unwrap_or("a");
            let name = field_name(xml);
            if seen.insert(name.clone()) {
                let (ty, _) = self.rust_type(at.attribute("type").unwrap_or("xsd:string"), at);
                out.push(format!("    #[serde(rename = \"@{xml}\", default)]\n    pub {name}: Option<{ty}>,\n"));
            }
        }
    }

    fn write_struct(&self, out: &mut String, rust: &str, ct: Node<'a, 'i>) {
        let mut fields = Vec::new();
        self.fields(ct, &mut fields, &mut BTreeSet::new());
        out.push_str("#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]\n");
        let _ = writeln!(out, "pub struct {rust} {{");
        fields.iter().for_each(|f| out.push_str(f));
        out.push_str("}\n\n");
    }

    fn write_simple(&self, out: &mut String, rust: &str, st: Node<'a, 'i>) {
        let values: Vec<&str> = st
            .descendants()
            .filter(|d| d.has_tag_name((XSD, "enumeration")))
            .filter_map(|e| e.attribute("value"))
            .collect();
        if values.is_empty() {
            let _ = writeln!(out, "pub type {rust} = String;\n");
            return;
        }
        out.push_str("#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]\n");
        let _ = writeln!(out, "pub enum {rust} {{");
        let mut taken = BTreeSet::new();
        for (i, v) in values.iter().enumerate() {
            let variant = type_name(v, &mut taken);
            let default = if i == 0 { "    #[default]\n" } else { "" };
            let _ = writeln!(out, "{default}    #[serde(rename = \"{v}\")]\n    {variant},");
        }
        out.push_str("}\n\n");
    }
}

fn generate(wsdl: &str) -> Result<String, String> {
    let opts = roxmltree::ParsingOptions { allow_dtd: true, nodes_limit: u32::MAX, ..Default::default() };
    let doc = Document::parse_with_options(wsdl, opts).map_err(|e| e.to_string())?;
    let mut out = String::from(
        "//! The (e) baseline: plain structs with serde derives for the Metadata WSDL's types.\n\
         #![allow(non_camel_case_types, clippy::all)]\nuse serde::{Deserialize, Serialize};\n\n",
    );
    for schema in doc.descendants().filter(|n| n.has_tag_name((XSD, "schema"))) {
        let s = Schema::new(schema);
        for (name, ct) in &s.complex {
            s.write_struct(&mut out, &s.names[&('c', *name)], *ct);
        }
        for (name, st) in &s.simple {
            s.write_simple(&mut out, &s.names[&('s', *name)], *st);
        }
        for el in xsd(schema, "element") {
            if let (Some(name), Some(ct)) = (el.attribute("name"), xsd(el, "complexType").next()) {
                s.write_struct(&mut out, &s.names[&('e', name)], ct);
            }
        }
    }
    Ok(out)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [wsdl, out] = args.as_slice() else {
        eprintln!("usage: serde_baseline WSDL OUT.rs");
        return ExitCode::FAILURE;
    };
    let result = std::fs::read_to_string(wsdl)
        .map_err(|e| format!("{wsdl}: {e}"))
        .and_then(|text| generate(&text))
        .and_then(|code| std::fs::write(out, code).map_err(|e| format!("{out}: {e}")));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
