//! The Metadata API endpoint: requests decoded with the generated stubs, the session checked,
//! the operation dispatched, the answer (or a Salesforce-shaped fault, HTTP 500) encoded.

use http::{HeaderMap, StatusCode};
use metadata::{MetadataBody as B, MetadataHeaders, NS};
use runtime::soap::{
    Fault, FaultCode, Message, SOAP11_NS, SoapVersion, encode_envelope, encode_fault,
};
use runtime::xml::DecodeErrorKind;

use crate::http::{Reply, XML};
use crate::state::{State, lock};
use crate::{crud, deploy, lenient};

/// A fault to answer: `sf:CODE` (bound to the Metadata namespace) or `soapenv:Client`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SoapFault {
    code: FaultCode,
    string: String,
}

impl SoapFault {
    /// `sf:{code}` with faultstring `{code}: {msg}`, as Salesforce writes its faults.
    pub fn sf(code: &str, msg: &str) -> Self {
        Self {
            code: FaultCode {
                lexical: format!("sf:{code}"),
                ..FaultCode::new(NS, code)
            },
            string: format!("{code}: {msg}"),
        }
    }
    /// `soapenv:{code}` (Client, Server, VersionMismatch).
    pub fn soapenv(code: &str, msg: &str) -> Self {
        Self {
            code: FaultCode {
                lexical: format!("soapenv:{code}"),
                ..FaultCode::new(SOAP11_NS, code)
            },
            string: msg.to_owned(),
        }
    }
    pub fn invalid_session() -> Self {
        Self::sf(
            "INVALID_SESSION_ID",
            "Invalid Session ID found in SessionHeader: Illegal Session",
        )
    }
    pub fn reply(&self) -> Reply {
        let f = Fault {
            code: self.code.clone(),
            string: self.string.clone(),
            ..Fault::default()
        };
        let body = encode_fault(SoapVersion::Soap11, &f).unwrap_or_else(|_| {
            // Only a faultstring with characters XML cannot carry gets here.
            encode_fault(
                SoapVersion::Soap11,
                &Fault {
                    string: "UNKNOWN_EXCEPTION".to_owned(),
                    ..f
                },
            )
            .unwrap_or_default()
        });
        Reply::new(StatusCode::INTERNAL_SERVER_ERROR, XML, body)
    }
}

/// A request read and named, not yet run.
#[derive(Debug)]
pub(crate) struct Decoded {
    op: &'static str,
    headers: MetadataHeaders,
    body: B,
}

impl Decoded {
    pub fn op_name(&self) -> &'static str {
        self.op
    }
}

/// Decodes a Metadata API request; errors are answered at once (they reach no operation).
pub(crate) fn decode(version: &str, headers: &HeaderMap, xml: &[u8]) -> Result<Decoded, Reply> {
    // SOAP 1.1 over HTTP requires the header; its value is not looked at (the WSDL's is "").
    if !headers.contains_key("soapaction") {
        return Err(SoapFault::soapenv("Client", "No SOAPAction header!").reply());
    }
    if !version_ok(version) {
        return Err(SoapFault::sf(
            "UNSUPPORTED_API_VERSION",
            &format!("Invalid Api version specified on URL: {version}"),
        )
        .reply());
    }
    let env = lenient::decode(xml).map_err(|e| decode_fault(&e).reply())?;
    if env.version != SoapVersion::Soap11 {
        return Err(
            SoapFault::soapenv("VersionMismatch", "The Metadata API speaks SOAP 1.1 only").reply(),
        );
    }
    let body = match env.body {
        Message::Body(b) => b,
        Message::Fault(_) => {
            return Err(SoapFault::soapenv("Client", "A request cannot be a Fault").reply());
        }
    };
    let Some(op) = op_name(&body) else {
        return Err(SoapFault::soapenv(
            "Client",
            "No operation available for request: a response element was sent",
        )
        .reply());
    };
    Ok(Decoded {
        op,
        headers: env.headers,
        body,
    })
}

fn version_ok(v: &str) -> bool {
    let Some((major, minor)) = v.split_once('.') else {
        return false;
    };
    let major = major.parse::<u32>().unwrap_or(0);
    (20..=crate::partner::LATEST_VERSION + 2).contains(&major) && minor == "0"
}

/// Salesforce answers unreadable requests with `soapenv:Client` faults; an unknown body
/// element is "No operation available".
fn decode_fault(e: &runtime::xml::DecodeError) -> SoapFault {
    match e.kind() {
        DecodeErrorKind::UnexpectedBody { name } => SoapFault::soapenv(
            "Client",
            &format!(
                "No operation available for request {name}, please check the WSDL for the service."
            ),
        ),
        DecodeErrorKind::NotAnEnvelope(_)
        | DecodeErrorKind::Syntax(_)
        | DecodeErrorKind::UnexpectedEof => {
            SoapFault::soapenv("Client", &format!("Unable to parse the request: {e}"))
        }
        _ => SoapFault::soapenv("Client", &format!("Invalid request: {e}")),
    }
}

/// The WSDL name of a request body; `None` for response elements.
fn op_name(b: &B) -> Option<&'static str> {
    Some(match b {
        B::CancelDeploy(_) => "cancelDeploy",
        B::CheckDeployStatus(_) => "checkDeployStatus",
        B::CheckRetrieveStatus(_) => "checkRetrieveStatus",
        B::CheckStatus(_) => "checkStatus",
        B::Create(_) => "create",
        B::CreateMetadata(_) => "createMetadata",
        B::Delete(_) => "delete",
        B::DeleteMetadata(_) => "deleteMetadata",
        B::Deploy(_) => "deploy",
        B::DeployRecentValidation(_) => "deployRecentValidation",
        B::DescribeMetadata(_) => "describeMetadata",
        B::DescribeValueType(_) => "describeValueType",
        B::ListMetadata(_) => "listMetadata",
        B::ReadMetadata(_) => "readMetadata",
        B::RenameMetadata(_) => "renameMetadata",
        B::Retrieve(_) => "retrieve",
        B::Update(_) => "update",
        B::UpdateMetadata(_) => "updateMetadata",
        B::UpsertMetadata(_) => "upsertMetadata",
        _ => return None,
    })
}

/// Runs a decoded request: session first, then the operation.
pub(crate) fn handle(state: &State, d: Decoded) -> Reply {
    let token = d
        .headers
        .session_header
        .as_ref()
        .map(|s| s.session_id.as_str());
    if let Err(why) = lock(&state.sessions).check(token) {
        lock(&state.stats).invalid_session += 1;
        tracing::debug!(op = d.op, ?why, "refused session");
        return SoapFault::invalid_session().reply();
    }
    let mut out_headers = MetadataHeaders::default();
    match dispatch(state, &d.headers, &mut out_headers, d.body) {
        Ok(body) => match encode_envelope(SoapVersion::Soap11, &out_headers, &body) {
            Ok(xml) => Reply::new(StatusCode::OK, XML, xml),
            Err(e) => SoapFault::sf(
                "UNKNOWN_EXCEPTION",
                &format!("cannot write the response: {e}"),
            )
            .reply(),
        },
        Err(f) => f.reply(),
    }
}

fn dispatch(
    state: &State,
    h: &MetadataHeaders,
    out: &mut MetadataHeaders,
    body: B,
) -> Result<B, SoapFault> {
    let all_or_none = h.all_or_none_header.as_ref().is_some_and(|a| a.all_or_none);
    Ok(match body {
        B::CreateMetadata(r) => B::CreateMetadataResponse(crud::create(state, r, all_or_none)?),
        B::ReadMetadata(r) => B::ReadMetadataResponse(crud::read(state, r)?),
        B::UpdateMetadata(r) => B::UpdateMetadataResponse(crud::update(state, r, all_or_none)?),
        B::UpsertMetadata(r) => B::UpsertMetadataResponse(crud::upsert(state, r, all_or_none)?),
        B::DeleteMetadata(r) => B::DeleteMetadataResponse(crud::delete(state, r, all_or_none)?),
        B::RenameMetadata(r) => B::RenameMetadataResponse(crud::rename(state, r)?),
        B::ListMetadata(r) => B::ListMetadataResponse(crud::list(state, r)?),
        B::DescribeMetadata(r) => B::DescribeMetadataResponse(crud::describe(r)),
        B::DescribeValueType(r) => B::DescribeValueTypeResponse(crud::describe_value_type(r)?),
        B::Deploy(r) => B::DeployResponse(deploy::deploy(state, r)?),
        B::CheckDeployStatus(r) => {
            if h.debugging_header.is_some() {
                out.debugging_info = Some(metadata::DebuggingInfo {
                    debug_log: String::new(),
                });
            }
            B::CheckDeployStatusResponse(deploy::check_deploy(state, r)?)
        }
        B::CancelDeploy(r) => B::CancelDeployResponse(deploy::cancel(state, r)?),
        B::DeployRecentValidation(r) => {
            B::DeployRecentValidationResponse(deploy::recent_validation(state, r)?)
        }
        B::Retrieve(r) => B::RetrieveResponse(deploy::retrieve(state, r)?),
        B::CheckRetrieveStatus(r) => {
            B::CheckRetrieveStatusResponse(deploy::check_retrieve(state, r)?)
        }
        other => {
            let op = op_name(&other).unwrap_or("this operation");
            return Err(SoapFault::sf(
                "INVALID_OPERATION",
                &format!("{op} was removed in API version 31.0; use the *Metadata calls"),
            ));
        }
    })
}
