//! SOAP types written by hand in the shape of docs/GENERATED.md (with the per-field writer
//! helpers `w.one` / `w.opt` a hand-written impl uses, where codegen emits one `w.fields`
//! list), and XML snippets of the fake server.

#[allow(unused_imports)]
use ::runtime::__private as rt;

pub const NS: &str = "urn:test:net";

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SessionHeader {
    pub session_id: String,
}
impl rt::Complex for SessionHeader {
    const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
        ns: NS,
        name: "SessionHeader",
        fields: &[rt::FieldInfo::new("sessionId", NS, rt::REQUIRED)],
        attrs: &[],
    };
    fn read_field(
        &mut self,
        i: usize,
        r: &mut rt::Reader<'_>,
        s: &rt::Start<'_>,
    ) -> rt::ReadResult {
        match i {
            0 => r.one(&mut self.session_id, s),
            _ => r.skip(s),
        }
    }
    fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
        let f = Self::INFO.fields;
        w.one(&f[0], &self.session_id)?;
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CallOptions {
    pub client: Option<String>,
}
impl rt::Complex for CallOptions {
    const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
        ns: NS,
        name: "CallOptions",
        fields: &[rt::FieldInfo::new("client", NS, rt::OPTIONAL)],
        attrs: &[],
    };
    fn read_field(
        &mut self,
        i: usize,
        r: &mut rt::Reader<'_>,
        s: &rt::Start<'_>,
    ) -> rt::ReadResult {
        match i {
            0 => r.opt(&mut self.client, s),
            _ => r.skip(s),
        }
    }
    fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
        let f = Self::INFO.fields;
        w.opt(&f[0], &self.client)?;
        Ok(())
    }
}

/// `{Binding}Headers`: one field per header element.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TestHeaders {
    pub session_header: Option<SessionHeader>,
    pub call_options: Option<CallOptions>,
}
impl rt::Complex for TestHeaders {
    const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
        ns: NS,
        name: "TestHeaders",
        fields: &[
            rt::FieldInfo::new("SessionHeader", NS, rt::OPTIONAL),
            rt::FieldInfo::new("CallOptions", NS, rt::OPTIONAL),
        ],
        attrs: &[],
    };
    fn read_field(
        &mut self,
        i: usize,
        r: &mut rt::Reader<'_>,
        s: &rt::Start<'_>,
    ) -> rt::ReadResult {
        match i {
            0 => r.opt(&mut self.session_header, s),
            1 => r.opt(&mut self.call_options, s),
            _ => r.skip(s),
        }
    }
    fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
        let f = Self::INFO.fields;
        w.opt(&f[0], &self.session_header)?;
        w.opt(&f[1], &self.call_options)?;
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Echo {
    pub text: String,
}
impl rt::Complex for Echo {
    const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
        ns: NS,
        name: "echo",
        fields: &[rt::FieldInfo::new("text", NS, rt::REQUIRED)],
        attrs: &[],
    };
    fn read_field(
        &mut self,
        i: usize,
        r: &mut rt::Reader<'_>,
        s: &rt::Start<'_>,
    ) -> rt::ReadResult {
        match i {
            0 => r.one(&mut self.text, s),
            _ => r.skip(s),
        }
    }
    fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
        let f = Self::INFO.fields;
        w.one(&f[0], &self.text)?;
        Ok(())
    }
}
impl rt::Element for Echo {
    const NAME: rt::Name = rt::Name {
        ns: NS,
        local: "echo",
    };
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct EchoResponse {
    pub result: String,
}
impl rt::Complex for EchoResponse {
    const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
        ns: NS,
        name: "echoResponse",
        fields: &[rt::FieldInfo::new("result", NS, rt::REQUIRED)],
        attrs: &[],
    };
    fn read_field(
        &mut self,
        i: usize,
        r: &mut rt::Reader<'_>,
        s: &rt::Start<'_>,
    ) -> rt::ReadResult {
        match i {
            0 => r.one(&mut self.result, s),
            _ => r.skip(s),
        }
    }
    fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
        let f = Self::INFO.fields;
        w.one(&f[0], &self.result)?;
        Ok(())
    }
}
impl rt::Element for EchoResponse {
    const NAME: rt::Name = rt::Name {
        ns: NS,
        local: "echoResponse",
    };
}

pub const SESSION: rt::SessionHeaderInfo = rt::SessionHeaderInfo {
    element: rt::Name {
        ns: NS,
        local: "SessionHeader",
    },
    session_id: rt::Name {
        ns: NS,
        local: "sessionId",
    },
};

pub mod ops {
    use super::*;
    /// A read: retried on 502/503.
    pub const READ_ECHO: rt::Operation = rt::Operation {
        name: "readEcho",
        soap_action: "",
        version: rt::SoapVersion::Soap11,
        retry_safe: true,
        session: Some(&SESSION),
    };
    /// A write: never replayed.
    pub const WRITE_ECHO: rt::Operation = rt::Operation {
        name: "writeEcho",
        soap_action: "writeEcho",
        version: rt::SoapVersion::Soap11,
        retry_safe: false,
        session: Some(&SESSION),
    };
    /// SOAP 1.2 with an action.
    pub const ECHO_12: rt::Operation = rt::Operation {
        name: "echo12",
        soap_action: "urn:echo",
        version: rt::SoapVersion::Soap12,
        retry_safe: true,
        session: Some(&SESSION),
    };
}

/// The text between `<...sessionId>` and `</` of a request, if any.
pub fn session_id_of(xml: &str) -> Option<String> {
    between(xml, "sessionId>")
}

/// The text of the echo request's `text` element.
pub fn echo_text_of(xml: &str) -> String {
    between(xml, "text>").unwrap_or_default()
}

fn between(xml: &str, open_tail: &str) -> Option<String> {
    let start = xml.find(open_tail)? + open_tail.len();
    let end = xml[start..].find("</")?;
    Some(xml[start..start + end].to_owned())
}

pub fn echo_response_xml(text: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="{NS}"><soapenv:Header><CallOptions><client>srv</client></CallOptions></soapenv:Header><soapenv:Body><echoResponse><result>{text}</result></echoResponse></soapenv:Body></soapenv:Envelope>"#
    )
}

pub fn fault_xml(code: &str, string: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="{NS}"><soapenv:Body><soapenv:Fault><faultcode>{code}</faultcode><faultstring>{string}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>"#
    )
}
