//! Declared `wsdl:fault`s decoded into typed details: a hand-written fault envelope goes
//! through a real client call (over a canned transport) and comes back as `Error::Fault`,
//! whose detail the binding's `{Name}FaultDetail` decodes; the raw detail stays as it was.

use std::sync::{Arc, Mutex};

use runtime::client::RetryPolicy;
use runtime::soap::{self, Message};
use runtime::transport::{BoxFuture, HeaderMap, HttpRequest, HttpResponse, StatusCode, Transport};
use runtime::xml::DecodeErrorKind;
use runtime::{AccessToken, Blocking, Credential, Error, SoapClient};

use crate::faults as f;

/// Answers every request with one status and body; keeps the requests' bodies.
#[derive(Debug)]
pub(crate) struct Canned {
    status: u16,
    body: String,
    pub(crate) seen: Mutex<Vec<Vec<u8>>>,
}

impl Canned {
    pub(crate) fn new(status: u16, body: &str) -> Arc<Self> {
        Arc::new(Self {
            status,
            body: body.to_owned(),
            seen: Mutex::new(Vec::new()),
        })
    }
}

impl Transport for Canned {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, Error>> {
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(request.body);
        let mut headers = HeaderMap::new();
        headers.insert(
            "content-type",
            "text/xml; charset=utf-8".parse().expect("valid"),
        );
        let response = HttpResponse {
            status: StatusCode::from_u16(self.status).expect("valid status"),
            headers,
            body: self.body.clone().into_bytes(),
        };
        Box::pin(async move { Ok(response) })
    }
}

/// A client whose every call gets `transport`'s answer.
pub(crate) fn client(transport: Arc<Canned>) -> SoapClient {
    let token = AccessToken::new("00Dtest!token", "https://example.my.salesforce.com");
    let cred = Credential::from_token(token).expect("credential");
    SoapClient::builder(cred)
        .transport(transport)
        .endpoint_url("https://example.my.salesforce.com/services/Soap/u/66.0")
        .expect("endpoint")
        .retry(RetryPolicy::never())
        .build()
}

/// A SOAP 1.1 fault envelope with `detail` (the `f:` prefix is declared on the envelope).
fn fault11(code: &str, detail: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
  xmlns:f="urn:example:faults" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode>
<faultstring>{code}: it failed</faultstring>{detail}</soapenv:Fault></soapenv:Body></soapenv:Envelope>"#
    )
}

fn call_get(answer: &str) -> Error {
    let transport = Canned::new(500, answer);
    let store = f::StoreClient::new(client(transport.clone()));
    let body = f::Get { id: "42".into() };
    let r = Blocking::new()
        .expect("runtime")
        .block_on(store.get(&body))
        .expect("not inside a runtime");
    assert_eq!(transport.seen.lock().expect("lock").len(), 1);
    r.expect_err("the server answered with a fault")
}

#[test]
fn a_declared_fault_decodes_into_its_typed_detail() {
    let e = call_get(&fault11(
        "NOT_FOUND",
        "<detail><f:NotFound><f:code>NOT_FOUND</f:code><f:id>42</f:id></f:NotFound></detail>",
    ));
    let typed = f::StoreFaultDetail::of_error(&e).expect("a declared fault");
    assert_eq!(
        typed.expect("decodes"),
        f::StoreFaultDetail::NotFound(f::NotFoundFault {
            code: "NOT_FOUND".into(),
            message: None,
            id: "42".into(),
        })
    );
    let Error::Fault { fault, .. } = &e else {
        panic!("{e:?}")
    };
    // The raw detail is kept as it came.
    let raw = fault.detail.as_ref().expect("raw detail kept");
    assert!(raw.inner_xml().contains("<f:id>42</f:id>"), "{raw:?}");
    assert_eq!(fault.string, "NOT_FOUND: it failed");
}

#[test]
fn a_fault_element_of_a_base_type_dispatches_on_xsi_type() {
    let e = call_get(&fault11(
        "QUOTA",
        r#"<detail><fault xmlns="urn:example:faults" xsi:type="f:QuotaFault"><code>QUOTA</code><retryAfter>30</retryAfter></fault></detail>"#,
    ));
    let typed = f::StoreFaultDetail::of_error(&e)
        .expect("declared")
        .expect("decodes");
    let f::StoreFaultDetail::Fault(f::Fault(f::AnyBaseFault::QuotaFault(q))) = typed else {
        panic!("{typed:?}")
    };
    assert_eq!((q.code.as_str(), q.retry_after), ("QUOTA", 30));
    // The fixture is generated with serde: the decoded detail enum goes through JSON.
    let typed = f::StoreFaultDetail::Fault(f::Fault(f::AnyBaseFault::QuotaFault(q)));
    let json = serde_json::to_string(&typed).expect("to JSON");
    let back: f::StoreFaultDetail = serde_json::from_str(&json).expect("from JSON");
    assert_eq!(back, typed, "{json}");
}

#[test]
fn undeclared_missing_and_broken_details() {
    // An element no operation declares: no typed detail, the raw one is still there.
    let e = call_get(&fault11(
        "X",
        "<detail><f:Other><f:code>X</f:code></f:Other></detail>",
    ));
    assert!(f::StoreFaultDetail::of_error(&e).is_none());
    assert!(matches!(&e, Error::Fault { fault, .. } if fault.detail.is_some()));
    // No detail at all, or one with text only.
    for detail in ["", "<detail>  </detail>"] {
        let e = call_get(&fault11("X", detail));
        assert!(f::StoreFaultDetail::of_error(&e).is_none(), "{detail}");
    }
    // A declared element that does not decode is an error, not a default value.
    let e = call_get(&fault11(
        "NOT_FOUND",
        "<detail><f:NotFound><f:id>42</f:id></f:NotFound></detail>",
    ));
    let err = f::StoreFaultDetail::of_error(&e)
        .expect("declared")
        .expect_err("`code` is required");
    assert!(
        matches!(err.kind(), DecodeErrorKind::MissingElement { name: "code" }),
        "{err}"
    );
    // Not a fault at all.
    assert!(f::StoreFaultDetail::of_error(&Error::config("x")).is_none());
}

#[test]
fn soap12_detail_decodes_too() {
    let xml = r#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope">
<env:Body><env:Fault><env:Code><env:Value>env:Receiver</env:Value></env:Code>
<env:Reason><env:Text xml:lang="en">quota</env:Text></env:Reason>
<env:Detail><Quota xmlns="urn:example:faults"><code>Q</code><retryAfter>5</retryAfter></Quota></env:Detail>
</env:Fault></env:Body></env:Envelope>"#;
    let env =
        soap::decode_envelope::<f::StoreHeaders, f::StoreBody>(xml.as_bytes()).expect("decodes");
    let Message::Fault(fault) = env.body else {
        panic!("not a fault")
    };
    let typed = f::StoreFaultDetail::of(&fault)
        .expect("declared")
        .expect("decodes");
    assert_eq!(
        typed,
        f::StoreFaultDetail::Quota(f::QuotaFault {
            code: "Q".into(),
            message: None,
            retry_after: 5,
        })
    );
}

/// partner.wsdl's declared faults (`InvalidSObjectFault`, `LoginFault`...).
#[cfg(salesforce_stubs)]
mod partner {
    use runtime::{Blocking, Error};

    use super::{Canned, client};
    use crate::salesforce::partner as p;

    /// What Salesforce answers describeSObject for a type that does not exist.
    const INVALID_TYPE: &str = r#"<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_TYPE</faultcode><faultstring>INVALID_TYPE: sObject type &apos;Foo__c&apos; is not supported.</faultstring><detail><sf:InvalidSObjectFault xsi:type="sf:InvalidSObjectFault"><sf:exceptionCode>INVALID_TYPE</sf:exceptionCode><sf:exceptionMessage>sObject type &apos;Foo__c&apos; is not supported.</sf:exceptionMessage><sf:row>-1</sf:row><sf:column>-1</sf:column></sf:InvalidSObjectFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>"#;

    #[test]
    fn describe_s_object_fault_decodes_into_invalid_s_object_fault() {
        let soap = p::SoapClient::new(client(Canned::new(500, INVALID_TYPE)));
        let body = p::DescribeSObject {
            s_object_type: "Foo__c".into(),
        };
        let e = Blocking::new()
            .expect("runtime")
            .block_on(soap.describe_s_object(&body))
            .expect("not inside a runtime")
            .expect_err("a fault");
        let typed = p::SoapFaultDetail::of_error(&e)
            .expect("declared")
            .expect("decodes");
        let p::SoapFaultDetail::InvalidSObjectFault(f) = typed else {
            panic!("{typed:?}")
        };
        assert_eq!(f.exception_code, p::ExceptionCode::InvalidType);
        assert_eq!(
            f.exception_message,
            "sObject type 'Foo__c' is not supported."
        );
        assert_eq!((f.row, f.column), (-1, -1));
        assert!(matches!(&e, Error::Fault { fault, .. } if fault.detail.is_some()));
    }

    #[test]
    fn login_fault_decodes_too() {
        let xml = INVALID_TYPE
            .replace("InvalidSObjectFault", "LoginFault")
            .replace("INVALID_TYPE", "INVALID_LOGIN")
            .replace("<sf:row>-1</sf:row><sf:column>-1</sf:column>", "");
        let fault = runtime::soap::decode_fault(xml.as_bytes()).expect("decodes");
        let typed = p::SoapFaultDetail::of(&fault)
            .expect("declared")
            .expect("decodes");
        let p::SoapFaultDetail::LoginFault(f) = typed else {
            panic!("{typed:?}")
        };
        assert_eq!(f.exception_code, p::ExceptionCode::InvalidLogin);
    }
}
