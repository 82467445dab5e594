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
//! The [`Builder`] offers the rest; [`Builder::generate`] is pure and writes nothing:
//!
//! ```no_run
//! let generated = codegen::Builder::new().wsdl("metadata.wsdl").generate()?;
//! assert!(generated.code.starts_with("// @generated"));
//! # Ok::<(), codegen::Error>(())
//! ```

pub mod emit;
pub mod ir;
mod lower;
pub mod names;

use std::fmt;
use std::path::{Path, PathBuf};

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

/// Configures and runs the generator (the build.rs and CLI entry point).
#[derive(Debug, Clone)]
pub struct Builder {
    wsdl: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    runtime_path: String,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    pub fn new() -> Self {
        Self {
            wsdl: None,
            out_dir: None,
            runtime_path: "::runtime".to_owned(),
        }
    }

    /// The WSDL to generate from.
    pub fn wsdl(mut self, path: impl Into<PathBuf>) -> Self {
        self.wsdl = Some(path.into());
        self
    }

    /// Where [`Builder::write`] puts `{stem}.rs`; defaults to `OUT_DIR` in a build script.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The path the generated code reaches the runtime crate by (default `::runtime`), for
    /// crates that rename or re-export it: `.runtime_path("::my_sdk::soap_runtime")`.
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime_path = path.into();
        self
    }

    /// Loads the WSDL and generates the stubs; writes nothing.
    pub fn generate(&self) -> Result<Generated, Error> {
        let path = self.wsdl.as_ref().ok_or(Error::NoWsdl)?;
        let defs = wsdl::load(path)?;
        let source = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let stem = path
            .file_stem()
            .map_or_else(|| "stubs".to_owned(), |n| n.to_string_lossy().into_owned());
        let code = generate_from(&defs, &source, &self.runtime_path)?;
        let mut inputs = inputs(&defs);
        if !inputs.contains(path) {
            inputs.insert(0, path.clone());
        }
        Ok(Generated {
            file_name: format!("{stem}.rs"),
            code,
            inputs,
        })
    }

    /// Generates and writes `{out_dir}/{stem}.rs`, only when its content changed (so
    /// cargo does not rebuild needlessly). Returns the file's path.
    pub fn write(&self) -> Result<PathBuf, Error> {
        let generated = self.generate()?;
        self.write_generated(&generated)
    }

    /// For build scripts: [`Builder::write`], plus `cargo:rerun-if-changed` for the WSDL
    /// and every file it pulled in.
    pub fn compile(&self) -> Result<PathBuf, Error> {
        let generated = self.generate()?;
        for input in &generated.inputs {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        self.write_generated(&generated)
    }

    fn write_generated(&self, generated: &Generated) -> Result<PathBuf, Error> {
        let dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        let path = dir.join(&generated.file_name);
        write_if_changed(&path, &generated.code)?;
        Ok(path)
    }
}

/// The build.rs one-liner: generates `$OUT_DIR/{stem}.rs` from the WSDL at `path`.
pub fn compile(path: impl Into<PathBuf>) -> Result<PathBuf, Error> {
    Builder::new().wsdl(path).compile()
}

/// Generates the stubs of an already loaded WSDL. `source` names it in the header.
pub fn generate_from(
    defs: &wsdl::Definitions,
    source: &str,
    runtime_path: &str,
) -> Result<String, Error> {
    let opts = lower::Options {
        source: source.to_owned(),
        runtime_path: runtime_path.to_owned(),
    };
    let file = lower::lower(defs, &opts).map_err(Error::Schema)?;
    emit::file(&file).map_err(|e| Error::Internal(e.0))
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
fn inputs(defs: &wsdl::Definitions) -> Vec<PathBuf> {
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
    files.into_iter().collect()
}
