//! The final check: every reference names something, all failures reported at once.

use crate::builtin::{is_builtin_attribute, is_builtin_element, is_builtin_type};
use crate::error::{Error, RefKind, Unresolved};
use crate::model::{Binding, BindingMessage, Definitions, Location, Message, QName};
use crate::sink::Sink;

/// Checks the references recorded while parsing plus those that bindings make to
/// portType operations and message parts.
pub(crate) fn check(sink: &mut Sink) -> Result<(), Error> {
    let mut out = std::mem::take(&mut sink.unresolved);
    let defs = &sink.defs;
    for r in &sink.refs {
        if !exists(defs, r.kind, &r.name) {
            let unfetched = sink
                .unfetched
                .iter()
                .find(|d| d.namespace.as_ref() == Some(&r.name.ns));
            let owner = unfetched.map(|d| {
                let url = &d.location;
                format!("its schema {url} was not fetched: map it with Loader::map_location")
            });
            out.push(Unresolved {
                kind: r.kind,
                name: r.written.clone(),
                owner,
                at: r.at.clone(),
            });
        }
    }
    for binding in defs.bindings.values() {
        check_binding(defs, binding, &mut out);
    }
    if out.is_empty() {
        Ok(())
    } else {
        Err(Error::Unresolved(out))
    }
}

fn exists(defs: &Definitions, kind: RefKind, name: &QName) -> bool {
    let s = &defs.schemas;
    match kind {
        RefKind::Type => s.types.contains_key(name) || is_builtin_type(name),
        RefKind::Element => s.elements.contains_key(name) || is_builtin_element(name),
        RefKind::Attribute => s.attributes.contains_key(name) || is_builtin_attribute(name),
        RefKind::Group => s.groups.contains_key(name),
        RefKind::AttributeGroup => s.attribute_groups.contains_key(name),
        RefKind::Message => defs.messages.contains_key(name),
        RefKind::PortType => defs.port_types.contains_key(name),
        RefKind::Binding => defs.bindings.contains_key(name),
        // Checked structurally in `check_binding`; prefixes at parse time.
        RefKind::Part | RefKind::Operation | RefKind::Prefix => true,
    }
}

/// Binding operations must exist in the portType; `soap:body parts=` and
/// `soap:header part=` must name parts of their messages. A missing portType or message
/// is already reported as a reference of its own.
fn check_binding(defs: &Definitions, binding: &Binding, out: &mut Vec<Unresolved>) {
    let Some(port_type) = defs.port_types.get(&binding.port_type) else {
        return;
    };
    for op in &binding.operations {
        let Some(abstract_op) = port_type.operations.iter().find(|o| o.name == op.name) else {
            out.push(Unresolved {
                kind: RefKind::Operation,
                name: op.name.clone(),
                owner: Some(port_type.name.local.clone()),
                at: op.at.clone(),
            });
            continue;
        };
        let sides = [
            (&op.input, &abstract_op.input),
            (&op.output, &abstract_op.output),
        ];
        for (bound, message) in sides {
            let Some(bound) = bound else { continue };
            let message = message.as_ref().and_then(|m| defs.messages.get(m));
            check_message(defs, bound, message, &op.at, out);
        }
    }
}

fn check_message(
    defs: &Definitions,
    bound: &BindingMessage,
    message: Option<&Message>,
    at: &Location,
    out: &mut Vec<Unresolved>,
) {
    if let (Some(parts), Some(message)) = (&bound.body_parts, message) {
        for part in parts {
            check_part(message, part, at, out);
        }
    }
    for header in &bound.headers {
        if let Some(message) = defs.messages.get(&header.message) {
            check_part(message, &header.part, &header.at, out);
        }
    }
}

fn check_part(message: &Message, part: &str, at: &Location, out: &mut Vec<Unresolved>) {
    if !message.parts.iter().any(|p| p.name == part) {
        out.push(Unresolved {
            kind: RefKind::Part,
            name: part.to_string(),
            owner: Some(message.name.local.clone()),
            at: at.clone(),
        });
    }
}
