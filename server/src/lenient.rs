//! Salesforce's leniency towards requests, which real clients rely on: the server binds the
//! parameters of a call by position whatever their element names (jsforce sends
//! `retrieve/request`, others `retrieve/RetrieveRequest`, for the WSDL's `retrieveRequest`;
//! `cancelDeploy/asyncProcessId` for `String`), and takes a missing parameter or field as its
//! default (jsforce sends only the DeployOptions it was given, and no `includeZip`).
//!
//! Tried only after a strict decode failed: the parameters are renamed by position, then
//! each missing required element is added with its default (empty, `false`, `0`), one at a
//! time, following the decoder's errors.

use metadata::{MetadataBody as B, MetadataHeaders};
use runtime::soap::{Envelope, decode_envelope};
use runtime::xml::{Complex, DecodeError, DecodeErrorKind, FieldInfo};

use crate::dom::{self, Node};

/// Missing elements filled in at most (a request missing more is not a client's shortcut).
const MAX_FILLS: usize = 64;

type Env = Envelope<MetadataHeaders, B>;

/// Decodes `xml` the way Salesforce would accept it; `Err` is the strict decoder's error.
pub(crate) fn decode(xml: &[u8]) -> Result<Env, DecodeError> {
    let first = match decode_envelope::<MetadataHeaders, B>(xml) {
        Ok(env) => return Ok(env),
        Err(e) => e,
    };
    let mut doc = rename_parameters(xml).unwrap_or_else(|| xml.to_vec());
    let mut last_fill: Option<Fill> = None;
    for _ in 0..MAX_FILLS {
        let err = match decode_envelope::<MetadataHeaders, B>(&doc) {
            Ok(env) => return Ok(env),
            Err(e) => e,
        };
        let next = match (err.kind(), &last_fill) {
            (DecodeErrorKind::MissingElement { name }, _) => fill(&doc, err.offset(), name),
            (DecodeErrorKind::InvalidValue { ty, text }, _) if is_bool_word(ty, text) => {
                lowercase_bool(&doc, err.offset(), text).map(|d| (d, Fill::none()))
            }
            (DecodeErrorKind::InvalidValue { ty, text }, Some(f)) if text.is_empty() => {
                f.retype(&doc, ty)
            }
            _ => None,
        };
        let Some((d, f)) = next else {
            return Err(first);
        };
        doc = d;
        last_fill = Some(f);
    }
    Err(first)
}

/// The fields of each request wrapper, in schema order.
fn parameters(op: &str) -> Option<&'static [FieldInfo]> {
    use metadata as m;
    Some(match op {
        "cancelDeploy" => m::CancelDeploy::INFO.fields,
        "checkDeployStatus" => m::CheckDeployStatus::INFO.fields,
        "checkRetrieveStatus" => m::CheckRetrieveStatus::INFO.fields,
        "createMetadata" => m::CreateMetadata::INFO.fields,
        "deleteMetadata" => m::DeleteMetadata::INFO.fields,
        "deploy" => m::Deploy::INFO.fields,
        "deployRecentValidation" => m::DeployRecentValidation::INFO.fields,
        "describeMetadata" => m::DescribeMetadata::INFO.fields,
        "describeValueType" => m::DescribeValueType::INFO.fields,
        "listMetadata" => m::ListMetadata::INFO.fields,
        "readMetadata" => m::ReadMetadata::INFO.fields,
        "renameMetadata" => m::RenameMetadata::INFO.fields,
        "retrieve" => m::Retrieve::INFO.fields,
        "updateMetadata" => m::UpdateMetadataElement::INFO.fields,
        "upsertMetadata" => m::UpsertMetadata::INFO.fields,
        _ => return None,
    })
}

/// Renames the children of the body element that match no parameter name to the name of
/// the parameter at their position (repeated parameters keep their place).
fn rename_parameters(xml: &[u8]) -> Option<Vec<u8>> {
    let mut root = dom::parse(xml).ok()?;
    let body = root.children.iter_mut().find_map(|n| match n {
        Node::Element(e) if e.local() == "Body" => Some(e),
        _ => None,
    })?;
    let op = body.children.iter_mut().find_map(|n| match n {
        Node::Element(e) => Some(e),
        Node::Text(_) => None,
    })?;
    let fields = parameters(op.local())?;
    // Unprefixed children with no default namespace in scope (simple-salesforce writes
    // `<met:unpackaged><types>...`) are read as the Metadata namespace, as Salesforce does.
    let mut changed = false;
    if op.attr("xmlns").is_none() {
        op.attrs.push(("xmlns".to_owned(), metadata::NS.to_owned()));
        changed = true;
    }
    let known = |local: &str| fields.iter().any(|f| f.name.local == local);
    let mut position = 0;
    let mut previous = String::new();
    for c in &mut op.children {
        let Node::Element(e) = c else { continue };
        if e.local() != previous && !previous.is_empty() {
            position += 1;
        }
        previous = e.local().to_owned();
        if !known(e.local())
            && let Some(f) = fields.get(position)
        {
            e.name = match e.name.split_once(':') {
                Some((p, _)) => format!("{p}:{}", f.name.local),
                None => f.name.local.to_owned(),
            };
            changed = true;
        }
    }
    let mut out = String::new();
    root.write(&mut out);
    changed.then(|| out.into_bytes())
}

/// An element this module inserted: where, and with which name, so its text can change.
#[derive(Debug, Clone)]
struct Fill {
    at: usize,
    qname: String,
    text_len: usize,
}

impl Fill {
    /// Nothing inserted (another kind of repair).
    fn none() -> Self {
        Self {
            at: 0,
            qname: String::new(),
            text_len: 1,
        }
    }

    /// The inserted empty element did not parse as `ty`: give it that type's default.
    fn retype(&self, doc: &[u8], ty: &str) -> Option<(Vec<u8>, Fill)> {
        let t = ty.to_ascii_lowercase();
        let text = if t.contains("bool") {
            "false"
        } else if [
            "int", "long", "short", "byte", "double", "float", "decimal", "f64", "f32", "i32",
            "i64",
        ]
        .iter()
        .any(|n| t.contains(n))
        {
            "0"
        } else if t.contains("datetime") {
            "1970-01-01T00:00:00.000Z"
        } else {
            return None;
        };
        if self.text_len > 0 {
            return None;
        }
        let open = format!("<{}>", self.qname);
        let start = self.at + open.len();
        let mut out = doc[..start].to_vec();
        out.extend_from_slice(text.as_bytes());
        out.extend_from_slice(&doc[start + self.text_len..]);
        Some((
            out,
            Fill {
                text_len: text.len(),
                ..self.clone()
            },
        ))
    }
}

/// Inserts `<name>default</name>` as the last child of the element the decoder was closing
/// at `offset` (it points at the end tag, or at or after an empty element), with the
/// parent's prefix.
fn fill(doc: &[u8], offset: u64, name: &str) -> Option<(Vec<u8>, Fill)> {
    let o = (offset as usize).min(doc.len());
    // (bytes kept before the insertion, where the rest resumes, parent name, was it empty)
    let (cut, resume, parent, reopen) = if doc[o..].starts_with(b"</") {
        let gt = doc[o..].iter().position(|&b| b == b'>')? + o;
        let close = std::str::from_utf8(&doc[o + 2..gt]).ok()?.trim().to_owned();
        (o, o, close, false)
    } else {
        let (lt, end) = empty_element_near(doc, o)?;
        let tag = std::str::from_utf8(&doc[lt + 1..end - 2]).ok()?;
        let parent = tag
            .split(|c: char| c.is_ascii_whitespace())
            .next()?
            .to_owned();
        (end - 2, end, parent, true)
    };
    let qname = child_name(&parent, name);
    let text = default_text(name);
    let mut out = doc[..cut].to_vec();
    if reopen {
        out.push(b'>');
    }
    let at = out.len();
    out.extend_from_slice(format!("<{qname}>{text}</{qname}>").as_bytes());
    if reopen {
        out.extend_from_slice(format!("</{parent}>").as_bytes());
    }
    out.extend_from_slice(&doc[resume..]);
    Some((
        out,
        Fill {
            at,
            qname,
            text_len: text.len(),
        },
    ))
}

/// `(start, end)` of an empty element `<p:Parent .../>` ending at `o`, or starting there.
fn empty_element_near(doc: &[u8], o: usize) -> Option<(usize, usize)> {
    if doc[o..].starts_with(b"<") {
        let end = doc[o..].iter().position(|&b| b == b'>')? + o + 1;
        if doc[..end].ends_with(b"/>") {
            return Some((o, end));
        }
    }
    let last = doc[..o].iter().rposition(|b| !b.is_ascii_whitespace())?;
    if !doc[..=last].ends_with(b"/>") {
        return None;
    }
    Some((doc[..=last].iter().rposition(|&b| b == b'<')?, last + 1))
}

/// `True`/`FALSE`: Python clients format booleans that way, and Salesforce takes them.
fn is_bool_word(ty: &str, text: &str) -> bool {
    ty.to_ascii_lowercase().contains("bool")
        && (text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false"))
}

/// Lower-cases the first `>{text}<` at or after `offset` (else anywhere).
fn lowercase_bool(doc: &[u8], offset: u64, text: &str) -> Option<Vec<u8>> {
    let needle = format!(">{text}<");
    let find = |from: usize| {
        doc[from..]
            .windows(needle.len())
            .position(|w| w == needle.as_bytes())
            .map(|i| i + from)
    };
    let at = find((offset as usize).min(doc.len())).or_else(|| find(0))?;
    let mut out = doc.to_vec();
    out[at + 1..at + 1 + text.len()].make_ascii_lowercase();
    Some(out)
}

/// Where Salesforce's default for an omitted parameter is not the type's zero value:
/// checkRetrieveStatus sends the zip unless told not to (`includeZip` came in API 34.0).
fn default_text(name: &str) -> &'static str {
    match name {
        "includeZip" => "true",
        _ => "",
    }
}

fn child_name(parent: &str, local: &str) -> String {
    match parent.split_once(':') {
        Some((p, _)) => format!("{p}:{local}"),
        None => local.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use runtime::soap::Message;

    const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Header xmlns="http://soap.sforce.com/2006/04/metadata"><SessionHeader><sessionId>T</sessionId></SessionHeader></soapenv:Header><soapenv:Body xmlns="http://soap.sforce.com/2006/04/metadata">"#;
    const TAIL: &str = "</soapenv:Body></soapenv:Envelope>";

    fn body(inner: &str) -> B {
        let env =
            decode(format!("{HEAD}{inner}{TAIL}").as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        match env.body {
            Message::Body(b) => b,
            Message::Fault(f) => panic!("{f}"),
        }
    }

    #[test]
    fn jsforce_deploy_with_few_options() {
        let B::Deploy(d) = body(
            "<deploy><ZipFile>UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==</ZipFile><DeployOptions><singlePackage>true</singlePackage></DeployOptions></deploy>",
        ) else {
            panic!()
        };
        assert!(d.deploy_options.single_package);
        assert!(!d.deploy_options.rollback_on_error && !d.deploy_options.check_only);
        assert_eq!(d.zip_file.len(), 22);
    }

    #[test]
    fn parameters_bound_by_position() {
        let B::Retrieve(r) = body(
            "<retrieve><request><apiVersion>66.0</apiVersion><singlePackage>true</singlePackage><unpackaged><types><name>ApexClass</name><members>X</members></types><version>66.0</version></unpackaged></request></retrieve>",
        ) else {
            panic!()
        };
        assert_eq!(r.retrieve_request.api_version, 66.0);
        assert_eq!(
            r.retrieve_request.unpackaged.unwrap().types[0].members,
            ["X"]
        );
        let B::CheckRetrieveStatus(c) = body(
            "<checkRetrieveStatus><asyncProcessId>09S1</asyncProcessId></checkRetrieveStatus>",
        ) else {
            panic!()
        };
        assert_eq!((c.async_process_id.as_str(), c.include_zip), ("09S1", true));
        let B::CancelDeploy(c) =
            body("<cancelDeploy><asyncProcessId>0Af1</asyncProcessId></cancelDeploy>")
        else {
            panic!()
        };
        assert_eq!(c.string, "0Af1");
        let B::ReadMetadata(r) = body(
            "<readMetadata><type>ApexClass</type><fullNames>A</fullNames><fullNames>B</fullNames></readMetadata>",
        ) else {
            panic!()
        };
        assert_eq!(r.full_names, ["A", "B"]);
    }

    #[test]
    fn empty_and_prefixed_parents_are_filled() {
        let B::Deploy(d) = body("<deploy><ZipFile></ZipFile><DeployOptions/></deploy>") else {
            panic!()
        };
        assert!(!d.deploy_options.single_package);
        let prefixed = format!(
            "{HEAD}<m:checkDeployStatus xmlns:m=\"http://soap.sforce.com/2006/04/metadata\"><m:asyncProcessId>0Af</m:asyncProcessId></m:checkDeployStatus>{TAIL}"
        );
        let env = decode(prefixed.as_bytes()).unwrap();
        assert!(matches!(env.body, Message::Body(B::CheckDeployStatus(c)) if !c.include_details));
    }

    /// simple-salesforce: Python's `True`, and `<types>` in no namespace inside `met:`.
    #[test]
    fn python_style_retrieve() {
        let xml = format!(
            "{HEAD}<met:retrieve xmlns:met=\"http://soap.sforce.com/2006/04/metadata\"><met:retrieveRequest><met:apiVersion>66.0</met:apiVersion><met:singlePackage>True</met:singlePackage><met:unpackaged><types><members>A</members><name>ApexClass</name></types></met:unpackaged></met:retrieveRequest></met:retrieve>{TAIL}"
        );
        let Message::Body(B::Retrieve(r)) = decode(xml.as_bytes()).unwrap().body else {
            panic!()
        };
        let r = r.retrieve_request;
        assert!(r.single_package);
        let pkg = r.unpackaged.unwrap();
        assert_eq!(
            (pkg.types[0].name.as_str(), pkg.version.as_str()),
            ("ApexClass", "")
        );
    }

    #[test]
    fn real_errors_stay_errors() {
        let bad = format!(
            "{HEAD}<describeMetadata><asOfVersion>sixty</asOfVersion></describeMetadata>{TAIL}"
        );
        let e = decode(bad.as_bytes()).unwrap_err();
        assert!(
            matches!(e.kind(), DecodeErrorKind::InvalidValue { .. }),
            "{e}"
        );
        assert!(decode(b"<not-soap/>").is_err());
    }
}
