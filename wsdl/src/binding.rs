//! `wsdl:binding` with its SOAP 1.1 / SOAP 1.2 / HTTP extensibility elements.

use roxmltree::Node;

use crate::definitions::WsdlCx;
use crate::error::{Error, RefKind};
use crate::model::{
    Binding, BindingKind, BindingMessage, BindingOperation, BodyUse, HeaderRef, Style,
    WSDL_HTTP_NS, WSDL_NS, WSDL_SOAP11_NS, WSDL_SOAP12_NS,
};
use crate::sink::insert_unique;
use crate::xml;

const MIME_NS: &str = "http://schemas.xmlsoap.org/wsdl/mime/";

impl WsdlCx<'_, '_> {
    pub fn binding(&mut self, node: Node<'_, '_>) -> Result<(), Error> {
        let name = self.def_name(node)?;
        let port_type = self.required_reference(node, "type", RefKind::PortType)?;
        let (kind, style) = self.binding_kind(node)?;
        if kind == BindingKind::Http {
            let msg = format!(
                "HTTP binding {} is kept but has no SOAP client: skipped",
                name.local
            );
            self.sink.warn(self.at(node), msg);
        }
        let mut operations = Vec::new();
        for op in xml::children_in(node, WSDL_NS).filter(|c| c.tag_name().name() == "operation") {
            operations.push(self.binding_operation(op, kind, style)?);
        }
        let binding = Binding {
            name: name.clone(),
            at: self.at(node),
            port_type,
            kind,
            style,
            operations,
        };
        insert_unique(
            &mut self.sink.defs.bindings,
            name,
            binding,
            "binding",
            |b| &b.at,
        )
    }

    /// The binding's protocol and default style, from its `soap:binding`,
    /// `soap12:binding` or `http:binding` child.
    fn binding_kind(&self, node: Node<'_, '_>) -> Result<(BindingKind, Style), Error> {
        for (ns, kind) in [
            (WSDL_SOAP11_NS, BindingKind::Soap11),
            (WSDL_SOAP12_NS, BindingKind::Soap12),
            (WSDL_HTTP_NS, BindingKind::Http),
        ] {
            if let Some(b) = xml::child(node, ns, "binding") {
                let style = self.style(b)?.unwrap_or(Style::Document);
                return Ok((kind, style));
            }
        }
        let what = "a binding without soap:binding, soap12:binding or http:binding";
        Err(Error::unsupported(self.at(node), what))
    }

    fn style(&self, node: Node<'_, '_>) -> Result<Option<Style>, Error> {
        match xml::attr(node, "style") {
            None => Ok(None),
            Some("document") => Ok(Some(Style::Document)),
            Some("rpc") => Ok(Some(Style::Rpc)),
            Some(other) => {
                let reason = format!("`{other}` is neither document nor rpc");
                Err(Error::invalid(self.at(node), "style", reason))
            }
        }
    }

    fn body_use(&self, node: Node<'_, '_>) -> Result<BodyUse, Error> {
        match xml::attr(node, "use") {
            None | Some("literal") => Ok(BodyUse::Literal),
            Some("encoded") => Ok(BodyUse::Encoded),
            Some(other) => {
                let reason = format!("`{other}` is neither literal nor encoded");
                Err(Error::invalid(self.at(node), "use", reason))
            }
        }
    }

    fn binding_operation(
        &mut self,
        node: Node<'_, '_>,
        kind: BindingKind,
        binding_style: Style,
    ) -> Result<BindingOperation, Error> {
        let ns = soap_ns(kind);
        let soap_op = ns.and_then(|ns| xml::child(node, ns, "operation"));
        let style = match soap_op {
            Some(op) => self.style(op)?.unwrap_or(binding_style),
            None => binding_style,
        };
        let mut out = BindingOperation {
            name: self.local_name(node)?,
            at: self.at(node),
            soap_action: soap_op
                .and_then(|op| op.attribute("soapAction"))
                .map(str::to_string),
            style,
            input: None,
            output: None,
            faults: Vec::new(),
        };
        for child in xml::children_in(node, WSDL_NS) {
            match child.tag_name().name() {
                "input" => out.input = Some(self.binding_message(child, ns)?),
                "output" => out.output = Some(self.binding_message(child, ns)?),
                "fault" => {
                    let name = self.local_name(child)?;
                    let fault = ns.and_then(|ns| xml::child(child, ns, "fault"));
                    let body_use = fault.map(|f| self.body_use(f)).transpose()?;
                    out.faults
                        .push((name, body_use.unwrap_or(BodyUse::Literal)));
                }
                _ => {}
            }
        }
        Ok(out)
    }

    /// A binding operation's input or output; `ns` is the SOAP binding namespace (none
    /// for HTTP, whose MIME serialisations are not modelled).
    fn binding_message(
        &mut self,
        node: Node<'_, '_>,
        ns: Option<&str>,
    ) -> Result<BindingMessage, Error> {
        let mut msg = BindingMessage {
            body_use: BodyUse::Literal,
            body_parts: None,
            namespace: None,
            encoding_style: None,
            headers: Vec::new(),
        };
        let Some(ns) = ns else { return Ok(msg) };
        if let Some(mime) = xml::child(node, MIME_NS, "multipartRelated") {
            let what = "MIME attachments (mime:multipartRelated)";
            return Err(Error::unsupported(self.at(mime), what));
        }
        if let Some(body) = xml::child(node, ns, "body") {
            msg.body_use = self.body_use(body)?;
            msg.body_parts = body
                .attribute("parts")
                .map(|p| p.split_whitespace().map(str::to_string).collect());
            msg.namespace = body.attribute("namespace").map(str::to_string);
            msg.encoding_style = body.attribute("encodingStyle").map(str::to_string);
        }
        for header in xml::children_in(node, ns).filter(|c| c.tag_name().name() == "header") {
            let message = self.required_reference(header, "message", RefKind::Message)?;
            let part = xml::required(self.src, header, "part")?.to_string();
            let body_use = self.body_use(header)?;
            msg.headers.push(HeaderRef {
                message,
                part,
                body_use,
                at: self.at(header),
            });
        }
        Ok(msg)
    }
}

fn soap_ns(kind: BindingKind) -> Option<&'static str> {
    match kind {
        BindingKind::Soap11 => Some(WSDL_SOAP11_NS),
        BindingKind::Soap12 => Some(WSDL_SOAP12_NS),
        BindingKind::Http => None,
    }
}
