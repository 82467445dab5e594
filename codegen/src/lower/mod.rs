//! WSDL model -> IR: every type gets an arena entry, inheritance trees are computed, Rust
//! names are chosen, fields are flattened, cycles are boxed, and the SOAP bindings become
//! headers, body dispatch, operations and clients.

mod attrs;
mod boxing;
mod builtins;
mod choice;
mod collect;
mod custom;
mod encoded;
mod faults;
mod fields;
mod group;
mod inherit;
mod items;
mod namespaces;
mod naming;
mod ops;
mod overrides;
mod reach;
mod rpc;
mod simple;

use std::collections::BTreeMap;

use wsdl::model::{Definitions, Location, QName, TypeDef};

use crate::Problem;
use crate::ir;

pub use collect::Id;

/// What the Builder passes down.
#[derive(Debug, Clone)]
pub struct Options {
    /// File name for the `@generated` header.
    pub source: String,
    pub runtime_path: String,
    /// Generate only these operations (by WSDL name) and what they reach.
    pub operations: Option<std::collections::BTreeSet<String>>,
    /// Types (XML or Rust name) to generate even when no chosen operation reaches them.
    pub keep_types: std::collections::BTreeSet<String>,
    /// Rust names chosen by the user: type (XML or default Rust name) -> name.
    pub type_renames: BTreeMap<String, String>,
    /// (type, field) (XML or default Rust names) -> field name.
    pub field_renames: BTreeMap<(String, String), String>,
    /// (operation, WSDL element name) -> wire name, for children of the operation's body
    /// elements (and the body elements themselves).
    pub wire_names: BTreeMap<(String, String), String>,
    /// (pattern, attribute) for types, in the order given.
    pub type_attributes: Vec<(String, String)>,
    /// (`Type.field` pattern, attribute) for fields, in the order given.
    pub field_attributes: Vec<(String, String)>,
}

/// Does `pattern` select a type with these names? `*` (or `.`) selects every type, `Foo*`
/// every type whose Rust or XML name starts with `Foo`, anything else an exact XML or Rust
/// name.
pub fn matches(pattern: &str, names: &[&str]) -> bool {
    if pattern == "*" || pattern == "." {
        return true;
    }
    match pattern.strip_suffix('*') {
        Some(prefix) => names.iter().any(|n| n.starts_with(prefix)),
        None => names.contains(&pattern),
    }
}

/// Where an anonymous type was declared: its name is derived from there.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A named (global) type.
    Named,
    /// The anonymous type of a global element.
    Element(QName),
    /// The anonymous type of a local element or attribute inside `owner`.
    Nested { owner: Owner, field: String },
}

#[derive(Debug, Clone)]
pub enum Owner {
    Type(Id),
    /// A named model group or attribute group, or a global attribute.
    Named(QName),
}

/// What an entry becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Struct,
    Enum,
    Alias,
    /// A `soapenc:Array` type: a `Vec` newtype (see `encoded`).
    SoapArray,
}

/// One type of the schema set, named or anonymous.
#[derive(Debug)]
pub struct Entry<'a> {
    pub def: &'a TypeDef,
    /// The XML type name (`None` for an anonymous type).
    pub xml: Option<QName>,
    pub origin: Origin,
    pub at: Location,
    pub kind: Kind,
    /// Rust name, chosen by [`naming`].
    pub rust: String,
    /// The `Any*` enum's Rust name when this type has subtypes.
    pub poly: Option<String>,
    /// Set when a global element is represented by this struct directly.
    pub element: Option<QName>,
}

/// A resolved type reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    Builtin(ir::Builtin),
    Entry(Id),
}

/// The state shared by the lowering passes.
#[derive(Debug)]
pub struct Ctx<'a> {
    pub defs: &'a Definitions,
    pub opts: Options,
    pub entries: Vec<Entry<'a>>,
    pub by_name: BTreeMap<QName, Id>,
    /// Anonymous types by address: they have no other identity.
    pub by_ptr: std::collections::HashMap<*const TypeDef, Id>,
    pub inherit: inherit::Tree,
    /// Global element -> the Rust type that implements `rt::Element` for it.
    pub element_types: BTreeMap<QName, String>,
    /// Global elements that get a newtype wrapper: (element, Rust name, wrapped type).
    pub newtypes: Vec<(QName, String, Resolved)>,
    /// Choice enums by the particle they come from.
    pub choices: std::collections::HashMap<*const wsdl::model::Particle, String>,
    /// Structs of group alternatives of choices, by the particle they come from.
    pub group_names: std::collections::HashMap<*const wsdl::model::Particle, String>,
    /// Those structs, with the types they refer to.
    pub group_structs: Vec<(ir::Struct, Vec<Id>)>,
    /// Choice enums of substitution group heads, by head.
    pub substitution_names: BTreeMap<QName, String>,
    /// Wrapper structs of rpc operations, with the types they refer to.
    pub rpc_structs: Vec<(ir::Item, Vec<Id>)>,
    /// Body elements of rpc/encoded messages.
    pub encoded_bodies: std::collections::BTreeSet<QName>,
    /// Module-level Rust names handed out so far.
    pub scope: crate::names::Scope,
    pub problems: Vec<Problem>,
}

impl<'a> Ctx<'a> {
    pub fn problem(&mut self, at: &Location, message: impl Into<String>) {
        self.problems.push(Problem {
            at: at.clone(),
            message: message.into(),
        });
    }
}

/// Lowers a loaded WSDL into the IR, or every problem found on the way.
pub fn lower(defs: &Definitions, opts: &Options) -> Result<ir::File, Vec<Problem>> {
    let mut ctx = collect::collect(defs, opts.clone());
    ctx.inherit = inherit::compute(&mut ctx);
    naming::name_types(&mut ctx);
    let fields = items::all_fields(&mut ctx);
    let extras = items::all_extras(&mut ctx);
    let bindings = ops::bindings(&mut ctx);
    let keep = match &opts.operations {
        Some(_) => reach::compute(
            &mut ctx,
            &fields,
            &extras,
            &bindings.roots,
            &opts.keep_types,
        ),
        None => reach::Reach::all(),
    };
    let mut items = items::build(&mut ctx, &fields, &extras, &keep);
    items
        .items
        .extend(ctx.rpc_structs.drain(..).map(|(item, _)| item));
    if !ctx.problems.is_empty() {
        ctx.problems
            .sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.message.cmp(&b.message)));
        ctx.problems.dedup();
        return Err(ctx.problems);
    }
    let mut file = ir::File {
        source: opts.source.clone(),
        runtime_path: opts.runtime_path.clone(),
        namespaces: Vec::new(),
        items: items.items,
        type_names: items.type_names,
        sessions: bindings.sessions,
        bindings: bindings.bindings,
    };
    let unmatched = overrides::apply(&mut file, &opts.wire_names);
    if let (false, Some(b)) = (unmatched.is_empty(), defs.bindings.values().next()) {
        let at = b.at.clone();
        return Err(unmatched
            .into_iter()
            .map(|message| Problem {
                at: at.clone(),
                message,
            })
            .collect());
    }
    namespaces::assign(&mut file, &defs.target_ns);
    Ok(file)
}
