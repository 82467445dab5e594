//! A `wsdl:definitions` element: types, messages, portTypes, services (bindings are in
//! `binding.rs`).

use roxmltree::Node;

use crate::error::{Error, RefKind};
use crate::model::{
    Location, Message, Operation, Part, Port, PortType, QName, Service, WSDL_NS, XSD_NS,
};
use crate::schema;
use crate::sink::{Directive, DirectiveKind, Sink, insert_unique};
use crate::xml::{self, Src};

/// The state of reading one WSDL document.
pub(crate) struct WsdlCx<'s, 'i> {
    pub src: &'s Src<'i>,
    pub sink: &'s mut Sink,
    pub tns: String,
}

/// Reads a `wsdl:definitions` element. The main document (`is_main`) also gives the
/// definitions their name, namespace and documentation.
pub(crate) fn read_definitions(
    src: &Src<'_>,
    sink: &mut Sink,
    root: Node<'_, '_>,
    is_main: bool,
) -> Result<(), Error> {
    let tns = xml::attr(root, "targetNamespace").unwrap_or("").to_string();
    if is_main {
        sink.defs.name = xml::attr(root, "name").map(str::to_string);
        sink.defs.target_ns = tns.clone();
        sink.defs.doc = xml::documentation(root, WSDL_NS);
    }
    let mut cx = WsdlCx { src, sink, tns };
    for child in root.children().filter(|c| c.is_element()) {
        cx.top_level(child)?;
    }
    Ok(())
}

impl WsdlCx<'_, '_> {
    pub fn at(&self, node: Node<'_, '_>) -> Location {
        self.src.at(node)
    }

    /// A QName-valued attribute that must be present, recorded as a reference.
    pub fn required_reference(
        &mut self,
        node: Node<'_, '_>,
        attr: &str,
        kind: RefKind,
    ) -> Result<QName, Error> {
        xml::required(self.src, node, attr)?;
        self.sink
            .reference(self.src, node, attr, kind, None)?
            .ok_or_else(|| Error::invalid(self.at(node), attr, "empty"))
    }

    /// The `name` of a definition, in the target namespace.
    pub fn def_name(&self, node: Node<'_, '_>) -> Result<QName, Error> {
        Ok(QName::new(self.tns.clone(), self.local_name(node)?))
    }

    /// The required `name` attribute as is.
    pub fn local_name(&self, node: Node<'_, '_>) -> Result<String, Error> {
        let name = xml::required(self.src, node, "name")?;
        xml::check_ncname(self.src, node, name)?;
        Ok(name.to_string())
    }

    fn top_level(&mut self, node: Node<'_, '_>) -> Result<(), Error> {
        if node.tag_name().namespace() != Some(WSDL_NS) {
            return Ok(()); // extensibility elements (policies...) carry nothing we need
        }
        match node.tag_name().name() {
            "documentation" => Ok(()),
            "import" => {
                if let Some(location) = xml::attr(node, "location") {
                    let at = self.at(node);
                    let kind = DirectiveKind::WsdlImport;
                    let (location, includer_ns) = (location.to_string(), self.tns.clone());
                    self.sink.directives.push(Directive {
                        kind,
                        location,
                        includer_ns,
                        namespace: xml::attr(node, "namespace").map(str::to_string),
                        at,
                    });
                }
                Ok(())
            }
            "types" => self.types(node),
            "message" => self.message(node),
            "portType" => self.port_type(node),
            "binding" => self.binding(node),
            "service" => self.service(node),
            other => {
                self.sink.warn(
                    self.at(node),
                    format!("ignored unknown element wsdl:{other}"),
                );
                Ok(())
            }
        }
    }

    fn types(&mut self, node: Node<'_, '_>) -> Result<(), Error> {
        for child in node.children().filter(|c| c.is_element()) {
            if xml::is(child, XSD_NS, "schema") {
                schema::read_schema(self.src, self.sink, child, None)?;
            } else if !xml::is(child, WSDL_NS, "documentation") {
                let tag = child.tag_name().name();
                self.sink.warn(
                    self.at(child),
                    format!("ignored <{tag}> in wsdl:types: not an XML Schema"),
                );
            }
        }
        Ok(())
    }

    fn message(&mut self, node: Node<'_, '_>) -> Result<(), Error> {
        let name = self.def_name(node)?;
        let mut parts = Vec::new();
        for part in xml::children_in(node, WSDL_NS).filter(|c| c.tag_name().name() == "part") {
            parts.push(self.part(part)?);
        }
        let message = Message {
            name: name.clone(),
            at: self.at(node),
            parts,
        };
        insert_unique(
            &mut self.sink.defs.messages,
            name,
            message,
            "message",
            |m| &m.at,
        )
    }

    fn part(&mut self, node: Node<'_, '_>) -> Result<Part, Error> {
        let name = self.local_name(node)?;
        let element = self
            .sink
            .reference(self.src, node, "element", RefKind::Element, None)?;
        let type_name = self
            .sink
            .reference(self.src, node, "type", RefKind::Type, None)?;
        if element.is_some() == type_name.is_some() {
            let reason = "a part names exactly one of element and type";
            return Err(Error::invalid(
                self.at(node),
                &format!("part {name}"),
                reason,
            ));
        }
        Ok(Part {
            name,
            at: self.at(node),
            element,
            type_name,
        })
    }

    fn port_type(&mut self, node: Node<'_, '_>) -> Result<(), Error> {
        let name = self.def_name(node)?;
        let mut operations = Vec::new();
        for op in xml::children_in(node, WSDL_NS).filter(|c| c.tag_name().name() == "operation") {
            operations.push(self.operation(op)?);
        }
        let doc = xml::documentation(node, WSDL_NS);
        let pt = PortType {
            name: name.clone(),
            at: self.at(node),
            doc,
            operations,
        };
        insert_unique(&mut self.sink.defs.port_types, name, pt, "portType", |p| {
            &p.at
        })
    }

    fn operation(&mut self, node: Node<'_, '_>) -> Result<Operation, Error> {
        let mut op = Operation {
            name: self.local_name(node)?,
            at: self.at(node),
            doc: xml::documentation(node, WSDL_NS),
            input: None,
            output: None,
            faults: Vec::new(),
            parameter_order: xml::attr(node, "parameterOrder")
                .map(|v| v.split_whitespace().map(str::to_string).collect()),
        };
        for child in xml::children_in(node, WSDL_NS) {
            match child.tag_name().name() {
                "input" => {
                    op.input = Some(self.required_reference(child, "message", RefKind::Message)?)
                }
                "output" => {
                    op.output = Some(self.required_reference(child, "message", RefKind::Message)?)
                }
                "fault" => {
                    let name = self.local_name(child)?;
                    op.faults.push((
                        name,
                        self.required_reference(child, "message", RefKind::Message)?,
                    ));
                }
                _ => {}
            }
        }
        Ok(op)
    }

    fn service(&mut self, node: Node<'_, '_>) -> Result<(), Error> {
        let name = self.def_name(node)?;
        let mut ports = Vec::new();
        for port in xml::children_in(node, WSDL_NS).filter(|c| c.tag_name().name() == "port") {
            let binding = self.required_reference(port, "binding", RefKind::Binding)?;
            let address = port
                .children()
                .find(|c| c.is_element() && c.tag_name().name() == "address")
                .and_then(|a| a.attribute("location"))
                .map(str::to_string);
            ports.push(Port {
                name: self.local_name(port)?,
                at: self.at(port),
                binding,
                address,
            });
        }
        let doc = xml::documentation(node, WSDL_NS);
        let service = Service {
            name: name.clone(),
            at: self.at(node),
            doc,
            ports,
        };
        insert_unique(
            &mut self.sink.defs.services,
            name,
            service,
            "service",
            |s| &s.at,
        )
    }
}
