//! `cargo run -p codegen -- <WSDL> --out <FILE.rs>`: generates stubs from a WSDL.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Generates typed Rust SOAP stubs from a WSDL file.
#[derive(Debug, Parser)]
#[command(
    version,
    about,
    arg_required_else_help = true,
    after_help = "Example: codegen wsdl/metadata.wsdl --operation readMetadata,deploy \
                  --keep-type CustomObject --serde --out src/metadata.rs"
)]
struct Cli {
    /// The WSDL file (imports and includes are followed relative to it).
    wsdl: PathBuf,
    /// Output file, written only when its content changes; without it the stubs are printed.
    #[arg(short, long, value_name = "FILE.rs")]
    out: Option<PathBuf>,
    /// Path the generated code reaches the runtime crate by.
    #[arg(long, value_name = "PATH", default_value = "::runtime")]
    runtime_path: String,
    /// Generate only these operations (WSDL names, comma-separated or repeated) and the
    /// types they reach; other subtypes of a base are kept as `Unknown` XML.
    #[arg(long = "operation", value_name = "NAME", value_delimiter = ',')]
    operations: Vec<String>,
    /// With --operation: also generate this type (XML or Rust name), e.g. CustomObject.
    #[arg(long = "keep-type", value_name = "NAME", value_delimiter = ',')]
    keep_types: Vec<String>,
    /// Rename a type: `FROM=TO` (FROM: XML or default Rust name), e.g. sObject=SObjectRecord.
    #[arg(long = "rename-type", value_name = "FROM=TO", value_parser = pair)]
    rename_types: Vec<(String, String)>,
    /// Rename a field: `TYPE.FIELD=TO` (XML or default Rust names), e.g. cancelDeploy.String=id.
    #[arg(long = "rename-field", value_name = "TYPE.FIELD=TO", value_parser = pair)]
    rename_fields: Vec<(String, String)>,
    /// Override a wire name in an operation's request/response element:
    /// `OPERATION/WSDL_NAME=WIRE_NAME`, e.g. retrieve/retrieveRequest=RetrieveRequest.
    #[arg(long = "element-name", value_name = "OP/NAME=WIRE", value_parser = pair)]
    element_names: Vec<(String, String)>,
    /// Add an attribute to the types a pattern selects: `PATTERN=#[...]` (`*` all types,
    /// `Flow*` by prefix, else an XML or Rust type name).
    #[arg(long = "type-attribute", value_name = "PATTERN=ATTR", value_parser = pair)]
    type_attributes: Vec<(String, String)>,
    /// Add an attribute to fields: `TYPE.FIELD=#[...]` (TYPE a type pattern, FIELD a name or `*`).
    #[arg(long = "field-attribute", value_name = "TYPE.FIELD=ATTR", value_parser = pair)]
    field_attributes: Vec<(String, String)>,
    /// Read a local file wherever an import names this URL as its location (nothing is
    /// fetched): `URL=PATH`, e.g. http://www.w3.org/2001/xml.xsd=schemas/xml.xsd.
    #[arg(long = "map-location", value_name = "URL=PATH", value_parser = url_pair)]
    map_locations: Vec<(String, String)>,
    /// Derive serde's Serialize/Deserialize for every generated type when the including
    /// crate's feature `serde` is on (`#[cfg_attr(feature = "serde", derive(...))]`); that
    /// feature should enable `runtime/serde`.
    #[arg(long)]
    serde: bool,
    /// Like --serde, without the feature gate: the derives are always there.
    #[arg(long, conflicts_with = "serde")]
    serde_unconditional: bool,
}

/// `KEY=VALUE`, split at the first `=`.
fn pair(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .ok_or_else(|| format!("expected KEY=VALUE, got `{s}`"))
}

/// `URL=PATH`, split at the last `=`: a URL's query may hold `=`, a path rarely does.
fn url_pair(s: &str) -> Result<(String, String), String> {
    s.rsplit_once('=')
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .ok_or_else(|| format!("expected URL=PATH, got `{s}`"))
}

/// `A<sep>B` split at the last `sep`.
fn split(s: &str, sep: char, what: &str) -> Result<(String, String), String> {
    s.rsplit_once(sep)
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .ok_or_else(|| format!("{what}: expected `{sep}` in `{s}`"))
}

fn builder(cli: Cli) -> Result<(codegen::Builder, Option<PathBuf>), String> {
    let mut b = codegen::Builder::new()
        .wsdl(&cli.wsdl)
        .runtime_path(cli.runtime_path);
    if !cli.operations.is_empty() {
        b = b.operations(cli.operations);
    }
    for t in cli.keep_types {
        b = b.keep_type(t);
    }
    for (from, to) in cli.rename_types {
        b = b.rename_type(from, to);
    }
    for (path, to) in cli.rename_fields {
        let (ty, field) = split(&path, '.', "--rename-field")?;
        b = b.rename_field(ty, field, to);
    }
    for (path, wire) in cli.element_names {
        let (op, name) = split(&path, '/', "--element-name")?;
        b = b.element_name_override(op, name, wire);
    }
    for (pattern, attr) in cli.type_attributes {
        b = b.type_attribute(pattern, attr);
    }
    for (pattern, attr) in cli.field_attributes {
        b = b.field_attribute(pattern, attr);
    }
    for (url, path) in cli.map_locations {
        b = b.map_location(url, path);
    }
    if cli.serde {
        b = b.serde(true);
    }
    if cli.serde_unconditional {
        b = b.serde_unconditional(true);
    }
    Ok((b, cli.out))
}

fn run(cli: Cli) -> Result<(), String> {
    let (builder, out) = builder(cli)?;
    let generated = builder.generate().map_err(|e| e.to_string())?;
    match out {
        Some(path) => codegen::write_if_changed(&path, &generated.code).map_err(|e| e.to_string()),
        None => {
            print!("{}", generated.code);
            Ok(())
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
