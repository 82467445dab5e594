//! What WSDL messages, portTypes, bindings and services become in the model.

use std::path::Path;

use wsdl::model::{BindingKind, BodyUse, QName, Style, XSD_NS};

const RPC: &str = r#"<?xml version="1.0"?>
<wsdl:definitions name="Calc" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:http="http://schemas.xmlsoap.org/wsdl/http/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:calc" targetNamespace="urn:calc">
  <wsdl:message name="AddIn">
    <wsdl:part name="a" type="xsd:int"/>
    <wsdl:part name="b" type="xsd:int"/>
  </wsdl:message>
  <wsdl:message name="AddOut"><wsdl:part name="sum" type="xsd:long"/></wsdl:message>
  <wsdl:message name="Trace"><wsdl:part name="id" type="xsd:string"/></wsdl:message>
  <wsdl:message name="Oops"><wsdl:part name="why" type="xsd:string"/></wsdl:message>
  <wsdl:portType name="CalcPort">
    <wsdl:documentation>Arithmetic.</wsdl:documentation>
    <wsdl:operation name="add" parameterOrder="b a">
      <wsdl:documentation>Adds.</wsdl:documentation>
      <wsdl:input message="tns:AddIn"/>
      <wsdl:output message="tns:AddOut"/>
      <wsdl:fault name="oops" message="tns:Oops"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="CalcRpc" type="tns:CalcPort">
    <soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="add">
      <soap:operation soapAction="urn:calc#add" style="document"/>
      <wsdl:input>
        <soap:body use="encoded" parts="a b" namespace="urn:calc:wire"
            encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/>
      </wsdl:input>
      <wsdl:output>
        <soap:body use="literal"/>
        <soap:header message="tns:Trace" part="id" use="encoded"/>
      </wsdl:output>
      <wsdl:fault name="oops"><soap:fault name="oops" use="encoded"/></wsdl:fault>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:binding name="CalcGet" type="tns:CalcPort">
    <http:binding verb="GET"/>
    <wsdl:operation name="add"><http:operation location="/add"/></wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Calc">
    <wsdl:documentation>The calculator.</wsdl:documentation>
    <wsdl:port name="Rpc" binding="tns:CalcRpc"><soap:address location="http://calc.invalid/"/></wsdl:port>
    <wsdl:port name="Get" binding="tns:CalcGet"><http:address location="http://calc.invalid/get"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"#;

fn calc(local: &str) -> QName {
    QName::new("urn:calc", local)
}

#[test]
fn rpc_service_model() {
    let defs = wsdl::load_str(RPC, Path::new("calc.wsdl")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(defs.name.as_deref(), Some("Calc"));
    let add_in = &defs.messages[&calc("AddIn")];
    assert_eq!((add_in.at.line, add_in.at.col), (7, 3));
    let parts: Vec<(&str, Option<&QName>)> = add_in
        .parts
        .iter()
        .map(|p| (p.name.as_str(), p.type_name.as_ref()))
        .collect();
    let int = QName::new(XSD_NS, "int");
    assert_eq!(parts, [("a", Some(&int)), ("b", Some(&int))]);
    assert!(add_in.parts.iter().all(|p| p.element.is_none()));

    let pt = &defs.port_types[&calc("CalcPort")];
    assert_eq!(pt.doc.as_deref(), Some("Arithmetic."));
    let op = &pt.operations[0];
    assert_eq!(op.doc.as_deref(), Some("Adds."));
    assert_eq!(
        op.parameter_order,
        Some(vec!["b".to_string(), "a".to_string()])
    );
    assert_eq!(
        (op.input.clone(), op.output.clone()),
        (Some(calc("AddIn")), Some(calc("AddOut")))
    );
    assert_eq!(op.faults, [("oops".to_string(), calc("Oops"))]);

    let rpc = &defs.bindings[&calc("CalcRpc")];
    assert_eq!(
        (rpc.kind, rpc.style, rpc.port_type.clone()),
        (BindingKind::Soap11, Style::Rpc, calc("CalcPort"))
    );
    let bop = &rpc.operations[0];
    assert_eq!(bop.style, Style::Document, "the operation's own style wins");
    assert_eq!(bop.soap_action.as_deref(), Some("urn:calc#add"));
    let input = bop.input.as_ref().expect("input");
    assert_eq!(input.body_use, BodyUse::Encoded);
    assert_eq!(
        input.body_parts,
        Some(vec!["a".to_string(), "b".to_string()])
    );
    assert_eq!(input.namespace.as_deref(), Some("urn:calc:wire"));
    assert_eq!(
        input.encoding_style.as_deref(),
        Some("http://schemas.xmlsoap.org/soap/encoding/")
    );
    let output = bop.output.as_ref().expect("output");
    assert_eq!(output.body_use, BodyUse::Literal);
    assert_eq!(output.body_parts, None);
    let header = &output.headers[0];
    assert_eq!(
        (
            header.message.clone(),
            header.part.as_str(),
            header.body_use
        ),
        (calc("Trace"), "id", BodyUse::Encoded)
    );
    assert_eq!((header.at.line, header.at.col), (33, 9));
    assert_eq!(bop.faults, [("oops".to_string(), BodyUse::Encoded)]);

    let get = &defs.bindings[&calc("CalcGet")];
    assert_eq!(get.kind, BindingKind::Http);
    assert_eq!(get.operations[0].soap_action, None);
    assert_eq!(defs.warnings.len(), 1);
    assert_eq!((defs.warnings[0].at.line, defs.warnings[0].at.col), (38, 3));
    assert!(defs.warnings[0].message.contains("HTTP binding CalcGet"));

    let service = &defs.services[&calc("Calc")];
    assert_eq!(service.doc.as_deref(), Some("The calculator."));
    let ports: Vec<(&str, &str, Option<&str>)> = service
        .ports
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.binding.local.as_str(),
                p.address.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        ports,
        [
            ("Rpc", "CalcRpc", Some("http://calc.invalid/")),
            ("Get", "CalcGet", Some("http://calc.invalid/get"))
        ]
    );
}

#[test]
fn errors_are_all_displayable_and_located() {
    // Not an assertion on one case: every early-exit error of a mangled document still
    // says where. Each line of RPC is dropped in turn.
    let lines: Vec<&str> = RPC.lines().collect();
    for skip in 0..lines.len() {
        let text: String = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, l)| format!("{l}\n"))
            .collect();
        if let Err(e) = wsdl::load_str(&text, Path::new("m.wsdl")) {
            assert!(e.location().is_some(), "line {skip}: {e}");
            assert!(e.to_string().contains("m.wsdl:"), "line {skip}: {e}");
        }
    }
}
