//! [`Builder`]: the options, and the generate / write / compile entry points.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::{Error, Generated, emit, inputs, lower, write_if_changed};

/// Configures and runs the generator: the build.rs and CLI entry point.
///
/// ```no_run
/// // build.rs: only the calls this program makes, and the types they reach.
/// codegen::Builder::new()
///     .wsdl("wsdl/metadata.wsdl")
///     .operations(["readMetadata", "listMetadata", "deploy", "checkDeployStatus"])
///     .keep_type("CustomObject") // a subtype readMetadata should decode by name
///     .compile()?;
/// # Ok::<(), codegen::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Builder {
    wsdl: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    runtime_path: String,
    operations: Option<BTreeSet<String>>,
    keep_types: BTreeSet<String>,
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
            operations: None,
            keep_types: BTreeSet::new(),
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

    /// Generates only these operations (WSDL names, e.g. `"readMetadata"`) and the types
    /// they reach. A slot typed with a base type then holds the subtypes that are generated
    /// anyway; any other `xsi:type` is kept as `Unknown` (its XML, losslessly). Name the
    /// subtypes you want decoded with [`Builder::keep_type`]. Calling it again adds names.
    ///
    /// ```no_run
    /// let g = codegen::Builder::new()
    ///     .wsdl("metadata.wsdl")
    ///     .operations(["listMetadata", "retrieve", "checkRetrieveStatus"])
    ///     .generate()?;
    /// # Ok::<(), codegen::Error>(())
    /// ```
    pub fn operations<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.operations
            .get_or_insert_with(BTreeSet::new)
            .extend(names.into_iter().map(Into::into));
        self
    }

    /// With [`Builder::operations`]: also generates this type (its XML name, like
    /// `"CustomObject"`, or its Rust name) and what it reaches. Without an operations filter
    /// every type is generated anyway.
    pub fn keep_type(mut self, name: impl Into<String>) -> Self {
        self.keep_types.insert(name.into());
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
        let code = self.generate_from(&defs, &source)?;
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

    /// Generates the stubs of an already loaded WSDL (`source` names it in the header).
    pub fn generate_from(&self, defs: &wsdl::Definitions, source: &str) -> Result<String, Error> {
        let opts = lower::Options {
            source: source.to_owned(),
            runtime_path: self.runtime_path.clone(),
            operations: self.operations.clone(),
            keep_types: self.keep_types.clone(),
        };
        let file = lower::lower(defs, &opts).map_err(Error::Schema)?;
        emit::file(&file).map_err(|e| Error::Internal(e.0))
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
