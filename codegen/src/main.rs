//! `cargo run -p codegen -- <WSDL> --out <FILE.rs>`: generates stubs from a WSDL.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Generates typed Rust SOAP stubs from a WSDL file.
#[derive(Debug, Parser)]
#[command(version, about, arg_required_else_help = true)]
struct Cli {
    /// The WSDL file (imports and includes are followed relative to it).
    wsdl: PathBuf,
    /// Output file; without it the stubs are printed to standard output.
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut builder = codegen::Builder::new()
        .wsdl(&cli.wsdl)
        .runtime_path(cli.runtime_path);
    if !cli.operations.is_empty() {
        builder = builder.operations(cli.operations);
    }
    for t in cli.keep_types {
        builder = builder.keep_type(t);
    }
    let generated = match builder.generate() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match cli.out {
        Some(path) => match codegen::write_if_changed(&path, &generated.code) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        None => {
            print!("{}", generated.code);
            ExitCode::SUCCESS
        }
    }
}
