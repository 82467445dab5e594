//! `xsdgen WSDL OUT.rs`: the (d) baseline. xsd-parser reads XML Schema files, not WSDL, so
//! the `xsd:schema` elements of the WSDL's `types` are handed to it as strings, each with
//! the namespace declarations in scope copied onto it (a few milliseconds, timed too).
//! Configured as its own CLI example is (every parser/interpreter/generator flag, the
//! optimizer's except REMOVE_DUPLICATES) plus quick-xml reading and writing code, the
//! counterpart of what our generator emits. Its output is written unformatted, as its
//! example does.

use std::process::ExitCode;

use xsd_parser::config::{
    GeneratorFlags, InterpreterFlags, OptimizerFlags, ParserFlags, Resolver, Schema,
};
use xsd_parser::{Config, generate};

const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// Every `xsd:schema` of the WSDL as a standalone schema document.
fn schemas(wsdl: &str) -> Result<Vec<String>, String> {
    let opts = roxmltree::ParsingOptions { allow_dtd: true, nodes_limit: u32::MAX, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(wsdl, opts).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for node in doc.descendants().filter(|n| n.has_tag_name((XSD_NS, "schema"))) {
        let text = &wsdl[node.range()];
        let name_end = text.find(|c: char| c.is_ascii_whitespace() || c == '>').unwrap_or(text.len());
        let start_tag = &text[..text.find('>').unwrap_or(text.len())];
        let mut decls = String::new();
        for ns in node.namespaces() {
            let attr = match ns.name() {
                Some(p) => format!("xmlns:{p}="),
                None => "xmlns=".to_owned(),
            };
            if !start_tag.contains(&attr) {
                decls.push_str(&format!(" {attr}\"{}\"", ns.uri()));
            }
        }
        out.push(format!("{}{decls}{}", &text[..name_end], &text[name_end..]));
    }
    if out.is_empty() {
        return Err("no xsd:schema in the WSDL".into());
    }
    Ok(out)
}

fn run(wsdl_path: &str, out_path: &str) -> Result<usize, String> {
    let wsdl = std::fs::read_to_string(wsdl_path).map_err(|e| format!("{wsdl_path}: {e}"))?;
    let mut config = Config::default();
    config.parser.resolver = vec![Resolver::File];
    config.parser.flags = ParserFlags::all();
    config.parser.schemas = schemas(&wsdl)?.into_iter().map(Schema::Schema).collect();
    config.interpreter.flags = InterpreterFlags::all();
    config.optimizer.flags = OptimizerFlags::all() - OptimizerFlags::REMOVE_DUPLICATES;
    config.generator.flags = GeneratorFlags::all();
    let config = config.with_quick_xml();
    let code = generate(config).map_err(|e| format!("xsd-parser: {e}"))?.to_string();
    std::fs::write(out_path, &code).map_err(|e| format!("{out_path}: {e}"))?;
    Ok(code.len())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [wsdl, out] = args.as_slice() else {
        eprintln!("usage: xsdgen WSDL OUT.rs");
        return ExitCode::FAILURE;
    };
    match run(wsdl, out) {
        Ok(n) => {
            println!("{out}: {n} bytes");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
