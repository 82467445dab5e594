//! Validating encoded envelopes with libxml2's `xmllint` against metadata.wsdl's own
//! schema (see [`super::xmllint`]): its `xsd:schema` element is cut out into a temp dir at
//! test time, next to a strict SOAP 1.1 envelope schema whose Header and Body validate
//! their children against the global elements of the Metadata schema.

pub use super::xmllint::Validator;
use super::xmllint::{envelope_xsd, extract_schemas, main_xsd};

const METADATA_NS: &str = "http://soap.sforce.com/2006/04/metadata";
const SOAP11_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";

/// The Metadata validator, or `None` (after saying why) when the WSDL or xmllint is
/// missing. Under `CI=true` a missing xmllint is a failure (.ci/run installs it).
pub fn validator(test: &str) -> Option<Validator> {
    let wsdl = super::metadata_wsdl(test)?;
    let text = std::fs::read_to_string(&wsdl).expect("read metadata.wsdl");
    let schema = extract_schemas(&text)
        .into_iter()
        .next()
        .expect("metadata.wsdl has an <xsd:schema>");
    let main = main_xsd(&[(SOAP11_NS, "envelope.xsd"), (METADATA_NS, "metadata.xsd")]);
    let files = [
        ("metadata.xsd", schema),
        ("envelope.xsd", envelope_xsd(SOAP11_NS)),
        ("main.xsd", main),
    ];
    Validator::new(test, super::temp_dir(&format!("xsd-{test}")), &files)
}
