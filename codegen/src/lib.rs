//! WSDL -> typed Rust SOAP stubs.
//!
//! The pipeline: [`wsdl::load`] reads the WSDL into its model; `lower` turns the model
//! into the [`ir`] (names resolved, Rust names chosen, inheritance trees, boxed cycles);
//! `emit` turns the IR into tokens and prettyplease formats them. The generated code's
//! shape is the contract `docs/GENERATED.md` with the `runtime` crate.
//!
//! From a build script, the common case is one line:
//!
//! ```no_run
//! // build.rs
//! codegen::compile("wsdl/metadata.wsdl").expect("stubs");
//! // src/lib.rs: pub mod metadata { include!(concat!(env!("OUT_DIR"), "/metadata.rs")); }
//! ```
//!
//! Include the file in a `pub mod`: its items are public API, and in a private module the
//! ones a crate does not use would be `dead_code` warnings.
//!
//! The [`Builder`] offers the rest (pruning to chosen operations, renames, wire-name
//! overrides, extra attributes, serde derives, local copies of imports by URL); each of its
//! options has an example on its method, and `cargo run -p codegen -- --help` lists the
//! same options for the command line. [`Builder::generate`] is pure and writes nothing:
//!
//! ```no_run
//! let generated = codegen::Builder::new().wsdl("metadata.wsdl").generate()?;
//! assert!(generated.code.starts_with("// @generated"));
//! # Ok::<(), codegen::Error>(())
//! ```

mod builder;
pub mod emit;
pub mod ir;
mod lower;
pub mod names;

use std::fmt;
use std::path::{Path, PathBuf};

pub use builder::Builder;
pub use wsdl::model::Location;

/// Why stubs could not be generated.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The WSDL (or a file it imports) could not be loaded.
    #[error(transparent)]
    Wsdl(#[from] wsdl::Error),
    /// Constructs the generator cannot turn into correct code, all of them at once.
    #[error("{}", ProblemList(.0))]
    Schema(Vec<Problem>),
    /// A Builder option that cannot be honoured (a rename that is no identifier, an
    /// attribute that does not parse).
    #[error("invalid option: {0}")]
    Option(String),
    /// [`Builder::wsdl`] was not called.
    #[error("no WSDL given: call Builder::wsdl")]
    NoWsdl,
    /// No output directory: call [`Builder::out_dir`] or run from a build script.
    #[error("no output directory: call Builder::out_dir, or run from a build script (OUT_DIR)")]
    NoOutDir,
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The generated tokens did not parse: a bug of this crate, please report it.
    #[error("internal error: generated code does not parse: {0}")]
    Internal(String),
}

/// One thing the generator cannot handle, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: Location,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

struct ProblemList<'a>(&'a [Problem]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

/// Generated stubs, not yet written anywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The output file name: the WSDL's stem + `.rs` (`metadata.rs`).
    pub file_name: String,
    /// The formatted Rust source.
    pub code: String,
    /// Every file the WSDL was read from (itself and what it imports or includes).
    pub inputs: Vec<PathBuf>,
}

/// The build.rs one-liner: generates `$OUT_DIR/{stem}.rs` from the WSDL at `path`.
pub fn compile(path: impl Into<PathBuf>) -> Result<PathBuf, Error> {
    Builder::new().wsdl(path).compile()
}

/// Generates the stubs of an already loaded WSDL with default options. `source` names it
/// in the header; see [`Builder::generate_from`] for the options.
pub fn generate_from(
    defs: &wsdl::Definitions,
    source: &str,
    runtime_path: &str,
) -> Result<String, Error> {
    Builder::new()
        .runtime_path(runtime_path)
        .generate_from(defs, source)
}

/// Writes `code` to `path` unless the file already holds exactly that (keeps mtimes, and so
/// cargo, quiet); creates missing directories.
pub fn write_if_changed(path: &Path, code: &str) -> Result<(), Error> {
    if std::fs::read(path).is_ok_and(|old| old == code.as_bytes()) {
        return Ok(());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_owned(),
            source,
        })?;
    }
    std::fs::write(path, code).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}

/// The files the model was read from, as its locations name them.
pub(crate) fn inputs(defs: &wsdl::Definitions) -> Vec<PathBuf> {
    let s = &defs.schemas;
    let mut files: std::collections::BTreeSet<PathBuf> = std::collections::BTreeSet::new();
    let mut add = |at: &Location| {
        if !files.contains(&*at.file) {
            files.insert(at.file.to_path_buf());
        }
    };
    s.elements.values().for_each(|e| add(&e.at));
    s.groups.values().for_each(|g| add(&g.at));
    s.attribute_groups.values().for_each(|g| add(&g.at));
    s.attributes.values().for_each(|a| add(&a.at));
    for t in s.types.values() {
        match t {
            wsdl::model::TypeDef::Complex(c) => add(&c.at),
            wsdl::model::TypeDef::Simple(x) => add(&x.at),
        }
    }
    defs.messages.values().for_each(|m| add(&m.at));
    defs.port_types.values().for_each(|p| add(&p.at));
    defs.bindings.values().for_each(|b| add(&b.at));
    defs.services.values().for_each(|x| add(&x.at));
    // Only real files: a location may name a built-in schema (`<built-in xml.xsd>`), and
    // cargo reruns a build script forever for a `rerun-if-changed` path that does not exist.
    files.into_iter().filter(|f| f.is_file()).collect()
}
