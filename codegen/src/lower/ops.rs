//! SOAP bindings -> headers struct, body dispatch, operation consts and client methods.

use std::collections::BTreeMap;

use wsdl::model::{
    self, BindingKind, BindingMessage, BindingOperation, Location, QName, Style, TypeDef,
};

use super::items::xml_name;
use super::{Ctx, Kind, Resolved};
use crate::ir;
use crate::names::{Scope, shouty, snake, upper_camel};

#[derive(Debug, Default)]
pub struct Bindings {
    pub sessions: Vec<ir::Session>,
    pub bindings: Vec<ir::Binding>,
    /// The body and header elements of the generated operations.
    pub roots: Vec<QName>,
}

/// First words of operations that only read: safe to send again after a 502/503.
const READ_ONLY: &[&str] = &[
    "describe", "list", "read", "check", "get", "query", "search", "find", "retrieve",
];

pub fn bindings(ctx: &mut Ctx<'_>) -> Bindings {
    let defs = ctx.defs;
    let soap: Vec<&model::Binding> = defs
        .bindings
        .values()
        .filter(|b| b.kind != BindingKind::Http)
        .collect();
    let mut out = Bindings::default();
    let mut sessions: BTreeMap<QName, String> = BTreeMap::new();
    let mut modules = Scope::with_reserved(&["rt"]);
    for b in &soap {
        let stem = stem(&b.name.local);
        let ops_module = if soap.len() == 1 {
            "ops".to_owned()
        } else {
            format!("{}_ops", snake(&stem).trim_start_matches("r#"))
        };
        let headers = ctx.scope.claim(&format!("{stem}Headers"), "");
        let body = ctx.scope.claim(&format!("{stem}Body"), "");
        let mut binding = ir::Binding {
            wsdl_name: b.name.local.clone(),
            doc: None,
            headers_extra: ctx.type_extra(&[&headers]),
            body_extra: ctx.type_extra(&[&body]),
            headers,
            body,
            client: ctx.scope.claim(&format!("{stem}Client"), ""),
            ops_module: modules.claim(&ops_module, ""),
            header_fields: Vec::new(),
            body_variants: Vec::new(),
            operations: Vec::new(),
            faults: None,
        };
        let mut state = State {
            methods: Scope::with_reserved(&["new", "inner"]),
            ..State::default()
        };
        let chosen = |name: &str| {
            ctx.opts
                .operations
                .as_ref()
                .is_none_or(|ops| ops.contains(name))
        };
        let kept: Vec<&BindingOperation> =
            b.operations.iter().filter(|o| chosen(&o.name)).collect();
        if kept.is_empty() && ctx.opts.operations.is_some() {
            continue;
        }
        for bop in kept {
            if let Some(op) = operation(ctx, b, bop, &mut binding, &mut state, &mut sessions) {
                binding.operations.push(op);
            }
        }
        out.roots.extend(
            binding
                .header_fields
                .iter()
                .filter_map(|f| f.xml.clone())
                .map(uri_name),
        );
        if !state.faults.is_empty() {
            let ident = ctx.scope.claim(&format!("{stem}FaultDetail"), "");
            binding.faults = Some(ir::FaultDetail {
                extra: ctx.type_extra(&[&ident]),
                ident,
                variants: std::mem::take(&mut state.faults),
            });
        }
        out.roots.extend(
            binding
                .body_variants
                .iter()
                .chain(binding.faults.iter().flat_map(|f| &f.variants))
                .map(|v| uri_name(v.element.clone())),
        );
        out.bindings.push(binding);
    }
    unknown_operations(ctx, &soap);
    out.sessions = sessions
        .into_iter()
        .map(|(q, ident)| ir::Session {
            ident,
            session_id: ir::XmlName {
                ns: xml_name(&q).ns,
                local: "sessionId".to_owned(),
            },
            element: xml_name(&q),
        })
        .collect();
    out.sessions.sort_by(|a, b| a.ident.cmp(&b.ident));
    out
}

/// An IR name (namespace still a URI at this stage) back to a model name.
fn uri_name(n: ir::XmlName) -> QName {
    QName {
        ns: n.ns.unwrap_or_default(),
        local: n.local,
    }
}

/// Operations named in the filter that no SOAP binding has.
fn unknown_operations(ctx: &mut Ctx<'_>, soap: &[&model::Binding]) {
    let Some(wanted) = ctx.opts.operations.clone() else {
        return;
    };
    let Some(at) = soap.first().map(|b| b.at.clone()) else {
        return;
    };
    for name in wanted {
        if !soap
            .iter()
            .any(|b| b.operations.iter().any(|o| o.name == name))
        {
            ctx.problem(
                &at,
                format!("operation `{name}` (from the operations filter) is in no SOAP binding"),
            );
        }
    }
}

/// `MetadataBinding` -> `Metadata`: trailing `Binding`/`PortType`/`Soap` dropped while
/// something is left.
fn stem(binding: &str) -> String {
    let mut s = binding;
    loop {
        let shorter = ["Binding", "PortType", "Soap"]
            .iter()
            .find_map(|suffix| s.strip_suffix(suffix).filter(|rest| !rest.is_empty()));
        match shorter {
            Some(rest) => s = rest,
            None => return upper_camel(s, "B"),
        }
    }
}

/// Names handed out within one binding.
#[derive(Debug, Default)]
struct State {
    consts: Scope,
    methods: Scope,
    header_idents: Scope,
    variant_idents: Scope,
    /// The binding's fault detail variants so far, and their names.
    faults: Vec<ir::BodyVariant>,
    fault_idents: Scope,
}

fn operation(
    ctx: &mut Ctx<'_>,
    b: &model::Binding,
    bop: &BindingOperation,
    binding: &mut ir::Binding,
    state: &mut State,
    sessions: &mut BTreeMap<QName, String>,
) -> Option<ir::Operation> {
    let defs = ctx.defs;
    let Some(pt) = defs.port_types.get(&b.port_type) else {
        ctx.problem(&b.at, format!("unresolved portType `{}`", b.port_type));
        return None;
    };
    let Some(pop) = pt.operations.iter().find(|o| o.name == bop.name) else {
        ctx.problem(
            &bop.at,
            format!("operation `{}` is not in portType `{}`", bop.name, pt.name),
        );
        return None;
    };
    let (input, output) = if bop.style == Style::Rpc {
        let input = ctx.rpc_wrapper(
            pop.input.as_ref(),
            bop.input.as_ref(),
            bop.name.clone(),
            &bop.at,
        );
        let response = format!("{}Response", bop.name);
        let output = ctx.rpc_wrapper(pop.output.as_ref(), bop.output.as_ref(), response, &bop.at);
        (input, output)
    } else {
        let input = body_element(ctx, pop.input.as_ref(), bop.input.as_ref(), &bop.at);
        let output = body_element(ctx, pop.output.as_ref(), bop.output.as_ref(), &bop.at);
        (input, output)
    };
    let mut session = None;
    for (m, is_input) in [(&bop.input, true), (&bop.output, false)] {
        for h in m.iter().flat_map(|m| &m.headers) {
            let Some(el) = part_element(ctx, &h.message, &h.part, &h.at) else {
                continue;
            };
            if is_input && session.is_none() && is_session_header(ctx, &el) {
                let n = sessions.len();
                let ident = sessions.entry(el.clone()).or_insert_with(|| {
                    if n == 0 {
                        "SESSION".to_owned()
                    } else {
                        format!("SESSION{n}")
                    }
                });
                session = Some(ident.clone());
            }
            add_header(ctx, binding, state, &el, &h.at);
        }
    }
    for el in input.iter().chain(&output) {
        add_body(ctx, binding, state, el, &bop.at);
    }
    let ty = |ctx: &Ctx<'_>, el: &Option<QName>| {
        el.as_ref().and_then(|q| ctx.element_types.get(q).cloned())
    };
    let first_word = snake(&bop.name)
        .trim_start_matches("r#")
        .split('_')
        .next()
        .unwrap_or("")
        .to_owned();
    let method = state.methods.claim(&snake(&bop.name), "");
    let with_headers = bop
        .output
        .as_ref()
        .filter(|m| !m.headers.is_empty())
        .map(|_| {
            state.methods.claim(
                &format!("{}_with_headers", method.trim_start_matches("r#")),
                "",
            )
        });
    let faults = ctx.declared_faults(pop, &mut state.faults, &mut state.fault_idents);
    Some(ir::Operation {
        name: bop.name.clone(),
        doc: pop.doc.clone(),
        const_ident: state.consts.claim(&shouty(&bop.name), ""),
        method,
        soap_action: bop.soap_action.clone().unwrap_or_default(),
        version: match b.kind {
            BindingKind::Soap12 => ir::SoapVersion::Soap12,
            _ => ir::SoapVersion::Soap11,
        },
        retry_safe: READ_ONLY.contains(&first_word.as_str()),
        session,
        input: ty(ctx, &input),
        output: ty(ctx, &output),
        with_headers,
        faults,
    })
}

/// The single body element of a document-style message.
fn body_element(
    ctx: &mut Ctx<'_>,
    message: Option<&QName>,
    bm: Option<&BindingMessage>,
    at: &Location,
) -> Option<QName> {
    let defs = ctx.defs;
    let msg = defs.messages.get(message?)?;
    if bm.is_some_and(|m| m.body_use == model::BodyUse::Encoded) {
        ctx.problem(
            at,
            "unsupported construct: document/encoded (SOAP encoding is supported with style=\"rpc\")",
        );
        return None;
    }
    let parts: Vec<&model::Part> = msg
        .parts
        .iter()
        .filter(|p| {
            bm.and_then(|m| m.body_parts.as_ref())
                .is_none_or(|names| names.contains(&p.name))
        })
        .collect();
    match parts.as_slice() {
        [] => None,
        [p] => match &p.element {
            Some(el) => Some(el.clone()),
            None => {
                ctx.problem(
                    &p.at,
                    "unsupported construct: document-style part with a type, not an element",
                );
                None
            }
        },
        _ => {
            ctx.problem(
                at,
                format!(
                    "unsupported construct: {} body parts in message `{}`",
                    parts.len(),
                    msg.name
                ),
            );
            None
        }
    }
}

fn part_element(ctx: &mut Ctx<'_>, message: &QName, part: &str, at: &Location) -> Option<QName> {
    let defs = ctx.defs;
    let Some(p) = defs
        .messages
        .get(message)
        .and_then(|m| m.parts.iter().find(|p| p.name == part))
    else {
        ctx.problem(
            at,
            format!("unresolved header part `{part}` of message `{message}`"),
        );
        return None;
    };
    if p.element.is_none() {
        ctx.problem(
            &p.at,
            "unsupported construct: header part with a type, not an element",
        );
    }
    p.element.clone()
}

/// A header element named `SessionHeader` with a `sessionId` child.
fn is_session_header(ctx: &mut Ctx<'_>, el: &QName) -> bool {
    if el.local != "SessionHeader" {
        return false;
    }
    let Some(decl) = ctx.defs.schemas.elements.get(el) else {
        return false;
    };
    let Some(Resolved::Entry(id)) = ctx.resolve(decl.type_ref.as_ref(), &decl.at) else {
        return false;
    };
    if ctx.entries[id].kind != Kind::Struct || !matches!(ctx.entries[id].def, TypeDef::Complex(_)) {
        return false;
    }
    ctx.fields_of(id)
        .iter()
        .any(|f| f.xml.as_ref().is_some_and(|q| q.local == "sessionId"))
}

fn add_header(
    ctx: &mut Ctx<'_>,
    binding: &mut ir::Binding,
    state: &mut State,
    el: &QName,
    at: &Location,
) {
    let xml = xml_name(el);
    if binding
        .header_fields
        .iter()
        .any(|f| f.xml.as_ref() == Some(&xml))
    {
        return;
    }
    let Some(ty) = element_type(ctx, el, at) else {
        return;
    };
    binding.header_fields.push(ir::Field {
        extra: Vec::new(),
        ident: state.header_idents.claim(&snake(&el.local), ""),
        doc: None,
        xml: Some(xml),
        ty: ir::Ty::Named(ty),
        occurs: ir::Occurs::Optional,
        nillable: false,
        boxed: false,
        choice: Vec::new(),
    });
}

fn add_body(
    ctx: &mut Ctx<'_>,
    binding: &mut ir::Binding,
    state: &mut State,
    el: &QName,
    at: &Location,
) {
    let xml = xml_name(el);
    if binding.body_variants.iter().any(|v| v.element == xml) {
        return;
    }
    let Some(ty) = element_type(ctx, el, at) else {
        return;
    };
    binding.body_variants.push(ir::BodyVariant {
        ident: state.variant_idents.claim(&upper_camel(&el.local, "E"), ""),
        ty,
        element: xml,
        encoded: ctx.encoded_bodies.contains(el),
    });
}

fn element_type(ctx: &mut Ctx<'_>, el: &QName, at: &Location) -> Option<String> {
    let found = ctx.element_types.get(el).cloned();
    if found.is_none() {
        ctx.problem(at, format!("unresolved element `{el}`"));
    }
    found
}
