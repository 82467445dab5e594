//! Reads WSDL 1.1 documents and the XML Schemas inside them (or imported / included from
//! other files) into the owned [`model`].
//!
//! ```no_run
//! let defs = wsdl::load("metadata.wsdl")?;
//! for (name, port_type) in &defs.port_types {
//!     println!("{name}: {} operations", port_type.operations.len());
//! }
//! # Ok::<(), wsdl::Error>(())
//! ```
//!
//! Every model item carries its [`model::Location`]; every error names file:line:col and
//! the offending name. Unresolved references are all reported at once
//! ([`Error::Unresolved`]). Built-in XML Schema types, SOAP encoding types
//! (`soapenc:Array`) and the `xml:` attributes resolve without a declaration: see
//! [`is_builtin_type`].

mod binding;
mod builtin;
mod complex;
mod definitions;
mod error;
mod loader;
pub mod model;
mod resolve;
mod schema;
mod simple;
mod sink;
mod xml;

use std::path::Path;

pub use builtin::{XSD_BUILTIN_TYPES, is_builtin_attribute, is_builtin_element, is_builtin_type};
pub use error::{Error, RefKind, Unresolved};
pub use loader::Loader;
pub use model::Definitions;

/// Loads the WSDL (or bare XML Schema) at `path` with everything it imports and includes.
pub fn load(path: impl AsRef<Path>) -> Result<Definitions, Error> {
    Loader::new().load(path)
}

/// Loads a WSDL given as text. `path` names it in positions and errors; relative imports
/// are resolved against its directory.
pub fn load_str(text: &str, path: &Path) -> Result<Definitions, Error> {
    Loader::new().load_str(text, path)
}
