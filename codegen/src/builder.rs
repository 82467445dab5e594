//! [`Builder`]: the options, and the generate / write / compile entry points.

use std::collections::{BTreeMap, BTreeSet};
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
    type_renames: BTreeMap<String, String>,
    field_renames: BTreeMap<(String, String), String>,
    wire_names: BTreeMap<(String, String), String>,
    type_attributes: Vec<(String, String)>,
    field_attributes: Vec<(String, String)>,
    /// Import/include locations (URLs) read from local files instead; never fetched.
    locations: Vec<(String, PathBuf)>,
    serde: Serde,
}

/// How generated types derive `serde::Serialize` / `serde::Deserialize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Serde {
    #[default]
    Off,
    /// `#[cfg_attr(feature = "serde", derive(...))]`.
    Feature,
    /// `#[derive(...)]`.
    Always,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// A Builder with every option at its default: no WSDL yet, runtime at `::runtime`,
    /// every operation and type generated, no renames or extra attributes, no serde.
    ///
    /// ```no_run
    /// let b = codegen::Builder::new().wsdl("service.wsdl");
    /// let stubs = b.generate()?.code;
    /// # Ok::<(), codegen::Error>(())
    /// ```
    pub fn new() -> Self {
        Self {
            wsdl: None,
            out_dir: None,
            runtime_path: "::runtime".to_owned(),
            operations: None,
            keep_types: BTreeSet::new(),
            type_renames: BTreeMap::new(),
            field_renames: BTreeMap::new(),
            wire_names: BTreeMap::new(),
            type_attributes: Vec::new(),
            field_attributes: Vec::new(),
            locations: Vec::new(),
            serde: Serde::Off,
        }
    }

    /// The WSDL to generate from; imports and includes are followed relative to it.
    ///
    /// ```no_run
    /// // build.rs of a crate with the WSDL checked in under wsdl/
    /// codegen::Builder::new().wsdl("wsdl/partner.wsdl").compile()?;
    /// # Ok::<(), codegen::Error>(())
    /// ```
    pub fn wsdl(mut self, path: impl Into<PathBuf>) -> Self {
        self.wsdl = Some(path.into());
        self
    }

    /// Reads `path` wherever an import or include of the WSDL names `url` as its location,
    /// as [`wsdl::Loader::map_location`] does: nothing is fetched over the network, so WSDLs
    /// whose schemas import by URL (ONVIF, WS-* specs) need their files mapped. A relative
    /// `path` is taken relative to the working directory.
    ///
    /// ```no_run
    /// codegen::Builder::new()
    ///     .wsdl("devicemgmt.wsdl")
    ///     .map_location("http://www.w3.org/2001/xml.xsd", "external/xml.xsd");
    /// ```
    pub fn map_location(mut self, url: impl Into<String>, path: impl Into<PathBuf>) -> Self {
        self.locations.push((url.into(), path.into()));
        self
    }

    /// Where [`Builder::write`] puts `{stem}.rs`; defaults to `OUT_DIR` in a build script.
    ///
    /// ```no_run
    /// // Checked-in stubs: writes src/generated/metadata.rs when its content changed.
    /// codegen::Builder::new()
    ///     .wsdl("wsdl/metadata.wsdl")
    ///     .out_dir("src/generated")
    ///     .write()?;
    /// # Ok::<(), codegen::Error>(())
    /// ```
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The path the generated code reaches the runtime crate by (default `::runtime`), for
    /// crates that rename or re-export it.
    ///
    /// ```no_run
    /// codegen::Builder::new()
    ///     .wsdl("metadata.wsdl")
    ///     .runtime_path("::my_sdk::soap_runtime")
    ///     .compile()?;
    /// # Ok::<(), codegen::Error>(())
    /// ```
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
    ///
    /// ```no_run
    /// codegen::Builder::new()
    ///     .wsdl("metadata.wsdl")
    ///     .operations(["readMetadata"])
    ///     .keep_type("CustomObject")
    ///     .keep_type("Flow")
    ///     .compile()?;
    /// # Ok::<(), codegen::Error>(())
    /// ```
    pub fn keep_type(mut self, name: impl Into<String>) -> Self {
        self.keep_types.insert(name.into());
        self
    }

    /// Names the Rust type of schema type (or global element) `from` — its XML name or the
    /// Rust name it would get — `to`.
    ///
    /// ```no_run
    /// codegen::Builder::new().wsdl("partner.wsdl").rename_type("sObject", "SObjectRecord");
    /// ```
    pub fn rename_type(mut self, from: impl Into<String>, to: impl Into<String>) -> Self {
        self.type_renames.insert(from.into(), to.into());
        self
    }

    /// Names field `field` (XML or default Rust name) of type `ty` (XML or default Rust
    /// name) `to` in Rust; its XML name is unchanged.
    ///
    /// ```no_run
    /// codegen::Builder::new().wsdl("metadata.wsdl").rename_field("cancelDeploy", "String", "async_process_id");
    /// ```
    pub fn rename_field(
        mut self,
        ty: impl Into<String>,
        field: impl Into<String>,
        to: impl Into<String>,
    ) -> Self {
        self.field_renames
            .insert((ty.into(), field.into()), to.into());
        self
    }

    /// On the wire, calls element `wsdl_name` — a child of operation `operation`'s request
    /// or response element, or that element itself — `wire_name`, for servers that differ
    /// from their WSDL. Rust names stay as the WSDL implies.
    ///
    /// ```no_run
    /// // Live Salesforce expects <RetrieveRequest> inside <retrieve>.
    /// codegen::Builder::new()
    ///     .wsdl("metadata.wsdl")
    ///     .element_name_override("retrieve", "retrieveRequest", "RetrieveRequest");
    /// ```
    pub fn element_name_override(
        mut self,
        operation: impl Into<String>,
        wsdl_name: impl Into<String>,
        wire_name: impl Into<String>,
    ) -> Self {
        self.wire_names
            .insert((operation.into(), wsdl_name.into()), wire_name.into());
        self
    }

    /// Adds an attribute (Rust source, like `#[derive(Hash)]`) to the generated types that
    /// `pattern` selects: `*` every type, `Flow*` the types whose Rust or XML name starts
    /// with `Flow`, else one type by XML or Rust name (`AnyMetadata` for the polymorphic
    /// enum of `Metadata`).
    ///
    /// ```no_run
    /// codegen::Builder::new()
    ///     .wsdl("metadata.wsdl")
    ///     .type_attribute("*", "#[non_exhaustive]")
    ///     .type_attribute("CustomObject", "#[doc(alias = \"sobject\")]");
    /// ```
    pub fn type_attribute(
        mut self,
        pattern: impl Into<String>,
        attribute: impl Into<String>,
    ) -> Self {
        self.type_attributes
            .push((pattern.into(), attribute.into()));
        self
    }

    /// Adds an attribute to the fields `pattern` selects: `Type.field`, where `Type` is a
    /// type pattern as for [`Builder::type_attribute`] and `field` an XML or Rust field
    /// name, or `*`.
    ///
    /// ```no_run
    /// codegen::Builder::new()
    ///     .wsdl("metadata.wsdl")
    ///     .field_attribute("CustomObject.fields", "#[doc = \"The object's fields.\"]");
    /// ```
    pub fn field_attribute(
        mut self,
        pattern: impl Into<String>,
        attribute: impl Into<String>,
    ) -> Self {
        self.field_attributes
            .push((pattern.into(), attribute.into()));
        self
    }

    /// Derives `serde::Serialize` and `serde::Deserialize` for every generated type (structs,
    /// enums, choice, list and union types, `Any*` enums, element newtypes) when the crate
    /// that includes the stubs enables its feature `serde`:
    /// `#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]`. That
    /// crate declares the feature, depending on `serde` (with `derive`) and on the runtime's
    /// own `serde` feature, which covers the runtime types the stubs hold (`AnyValue`,
    /// `AnyAttribute`, `Nillable`, `DateTime`, `Date`, `Time`, `Decimal`, `HexBinary`):
    ///
    /// ```toml
    /// [features]
    /// serde = ["dep:serde", "runtime/serde"]
    /// ```
    ///
    /// Enumerations serialize by their Rust variant names; the lexical types as their XML
    /// Schema text. The binding's headers struct, body enum and client get no derives.
    ///
    /// ```no_run
    /// codegen::Builder::new().wsdl("metadata.wsdl").serde(true).compile()?;
    /// # Ok::<(), codegen::Error>(())
    /// ```
    pub fn serde(mut self, on: bool) -> Self {
        self.serde = if on { Serde::Feature } else { Serde::Off };
        self
    }

    /// Like [`Builder::serde`], but the derives are unconditional (no feature gate): the
    /// including crate depends on `serde` and enables `runtime/serde` itself.
    ///
    /// ```no_run
    /// codegen::Builder::new().wsdl("metadata.wsdl").serde_unconditional(true).compile()?;
    /// # Ok::<(), codegen::Error>(())
    /// ```
    pub fn serde_unconditional(mut self, on: bool) -> Self {
        self.serde = if on { Serde::Always } else { Serde::Off };
        self
    }

    /// The type attributes in force: the user's, after the serde derives.
    fn all_type_attributes(&self) -> Vec<(String, String)> {
        const DERIVE: &str = "derive(serde::Serialize, serde::Deserialize)";
        let serde = match self.serde {
            Serde::Off => None,
            Serde::Feature => Some(format!("#[cfg_attr(feature = \"serde\", {DERIVE})]")),
            Serde::Always => Some(format!("#[{DERIVE}]")),
        };
        serde
            .map(|a| ("*".to_owned(), a))
            .into_iter()
            .chain(self.type_attributes.iter().cloned())
            .collect()
    }

    /// Checks what the options carry as Rust source before it reaches the output.
    fn check_options(&self) -> Result<(), Error> {
        let names = self
            .type_renames
            .values()
            .chain(self.field_renames.values());
        if let Some(bad) = names
            .into_iter()
            .find(|n| syn::parse_str::<syn::Ident>(n).is_err())
        {
            return Err(Error::Option(format!("`{bad}` is not a Rust identifier")));
        }
        let attrs = self
            .type_attributes
            .iter()
            .chain(&self.field_attributes)
            .map(|(_, a)| a);
        for a in attrs {
            let parsed = syn::parse::Parser::parse_str(syn::Attribute::parse_outer, a);
            if !parsed.is_ok_and(|v| !v.is_empty()) {
                return Err(Error::Option(format!(
                    "`{a}` is not an outer attribute (`#[...]`)"
                )));
            }
        }
        syn::parse_str::<syn::Path>(&self.runtime_path)
            .map(|_| ())
            .map_err(|_| Error::Option(format!("`{}` is not a path", self.runtime_path)))
    }

    /// Loads the WSDL and generates the stubs; writes nothing.
    ///
    /// ```no_run
    /// let g = codegen::Builder::new().wsdl("metadata.wsdl").generate()?;
    /// std::fs::write(&g.file_name, &g.code).expect("write");
    /// for input in &g.inputs {
    ///     println!("read {}", input.display());
    /// }
    /// # Ok::<(), codegen::Error>(())
    /// ```
    pub fn generate(&self) -> Result<Generated, Error> {
        let path = self.wsdl.as_ref().ok_or(Error::NoWsdl)?;
        let loader = self
            .locations
            .iter()
            .fold(wsdl::Loader::new(), |l, (url, file)| {
                l.map_location(url.clone(), file.clone())
            });
        let defs = loader.load(path)?;
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
    ///
    /// ```no_run
    /// let defs = wsdl::Loader::new().load("metadata.wsdl")?;
    /// let code = codegen::Builder::new().generate_from(&defs, "metadata.wsdl")?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn generate_from(&self, defs: &wsdl::Definitions, source: &str) -> Result<String, Error> {
        self.check_options()?;
        let opts = lower::Options {
            source: source.to_owned(),
            runtime_path: self.runtime_path.clone(),
            operations: self.operations.clone(),
            keep_types: self.keep_types.clone(),
            type_renames: self.type_renames.clone(),
            field_renames: self.field_renames.clone(),
            wire_names: self.wire_names.clone(),
            type_attributes: self.all_type_attributes(),
            field_attributes: self.field_attributes.clone(),
        };
        let file = lower::lower(defs, &opts).map_err(Error::Schema)?;
        emit::file(&file).map_err(|e| Error::Internal(e.0))
    }

    /// Generates and writes `{out_dir}/{stem}.rs`, only when its content changed (so
    /// cargo does not rebuild needlessly). Returns the file's path.
    ///
    /// ```no_run
    /// let path = codegen::Builder::new()
    ///     .wsdl("metadata.wsdl")
    ///     .out_dir("target/stubs")
    ///     .write()?;
    /// assert!(path.ends_with("metadata.rs"));
    /// # Ok::<(), codegen::Error>(())
    /// ```
    pub fn write(&self) -> Result<PathBuf, Error> {
        let generated = self.generate()?;
        self.write_generated(&generated)
    }

    /// For build scripts: [`Builder::write`], plus `cargo:rerun-if-changed` for the WSDL
    /// and every file it pulled in.
    ///
    /// ```no_run
    /// // build.rs, in `fn main`:
    /// codegen::Builder::new()
    ///     .wsdl("wsdl/metadata.wsdl")
    ///     .compile()
    ///     .expect("stubs");
    /// ```
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
