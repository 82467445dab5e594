//! The baseline: hand-written structs with serde derives for the same shape, read and
//! written by quick-xml's serde support. Field order is the schema's, so the serializer
//! writes the same element order as the generated code.

use serde::{Deserialize, Serialize};

const MD_NS: &str = "http://soap.sforce.com/2006/04/metadata";
const SOAP_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A `CustomObject` as a serde user would write it (only the fields the workload uses).
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomObject {
    /// `xsi:type` (read by local name, written with its prefix).
    #[serde(rename(serialize = "@xsi:type", deserialize = "@type"), default)]
    pub xsi_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_activities: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_reports: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_search: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<CustomField>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_field: Option<CustomField>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plural_label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sharing_model: Option<String>,
}

/// A `CustomField` (the fields the workload uses).
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomField {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inline_help_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_classification: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track_feed_history: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track_history: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track_trending: Option<bool>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_set: Option<ValueSet>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_lines: Option<i32>,
}

/// A `ValueSet`.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValueSet {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restricted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_set_definition: Option<ValueSetDefinition>,
}

/// A `ValueSetValuesDefinition`.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValueSetDefinition {
    pub sorted: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub value: Vec<CustomValue>,
}

/// A `CustomValue`.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomValue {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    pub default: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

// ---- (a): reading a readMetadata response

/// `Envelope` as read: only the Body matters.
#[derive(Debug, Deserialize)]
pub struct EnvelopeIn<B> {
    #[serde(rename = "Body")]
    pub body: B,
}

/// The Body of a readMetadata response.
#[derive(Debug, Deserialize)]
pub struct ReadBody {
    #[serde(rename = "readMetadataResponse")]
    pub response: ReadMetadataResponse,
}

/// `readMetadataResponse`.
#[derive(Debug, Deserialize)]
pub struct ReadMetadataResponse {
    pub result: ReadResult,
}

/// `ReadResult`.
#[derive(Debug, Deserialize)]
pub struct ReadResult {
    #[serde(default)]
    pub records: Vec<CustomObject>,
}

/// (a) read with quick-xml + serde.
pub fn parse_read_metadata(xml: &[u8]) -> Result<Vec<CustomObject>, quick_xml::DeError> {
    let text = std::str::from_utf8(xml).map_err(|e| quick_xml::DeError::Custom(e.to_string()))?;
    let env: EnvelopeIn<ReadBody> = quick_xml::de::from_str(text)?;
    Ok(env.body.response.result.records)
}

// ---- (b): reading a checkRetrieveStatus response

/// The Body of a checkRetrieveStatus response.
#[derive(Debug, Deserialize)]
pub struct RetrieveBody {
    #[serde(rename = "checkRetrieveStatusResponse")]
    pub response: CheckRetrieveStatusResponse,
}

/// `checkRetrieveStatusResponse`.
#[derive(Debug, Deserialize)]
pub struct CheckRetrieveStatusResponse {
    pub result: RetrieveResult,
}

/// `RetrieveResult` (base64 kept as text: serde has no base64Binary).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RetrieveResult {
    pub done: bool,
    #[serde(default)]
    pub file_properties: Vec<FileProperties>,
    pub id: String,
    pub status: String,
    pub success: bool,
    pub zip_file: String,
}

/// `FileProperties`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileProperties {
    pub created_by_id: String,
    pub created_by_name: String,
    pub created_date: String,
    pub file_name: String,
    pub full_name: String,
    pub id: String,
    pub last_modified_by_id: String,
    pub last_modified_by_name: String,
    pub last_modified_date: String,
    #[serde(rename = "type")]
    pub r#type: String,
}

/// (b) read with quick-xml + serde, then the zip decoded from its base64 text.
pub fn parse_check_retrieve(xml: &[u8]) -> Result<(RetrieveResult, Vec<u8>), String> {
    use base64::Engine as _;
    let text = std::str::from_utf8(xml).map_err(|e| e.to_string())?;
    let env: EnvelopeIn<RetrieveBody> = quick_xml::de::from_str(text).map_err(|e| e.to_string())?;
    let mut result = env.body.response.result;
    let zip = base64::engine::general_purpose::STANDARD
        .decode(std::mem::take(&mut result.zip_file).trim())
        .map_err(|e| e.to_string())?;
    Ok((result, zip))
}

// ---- (c): writing a createMetadata request

#[derive(Serialize)]
#[serde(rename = "soapenv:Envelope")]
struct EnvelopeOut<'a> {
    #[serde(rename = "@xmlns:soapenv")]
    soapenv: &'static str,
    #[serde(rename = "@xmlns:xsi")]
    xsi: &'static str,
    #[serde(rename = "soapenv:Header")]
    header: HeaderOut<'a>,
    #[serde(rename = "soapenv:Body")]
    body: BodyOut<'a>,
}

#[derive(Serialize)]
struct HeaderOut<'a> {
    #[serde(rename = "SessionHeader")]
    session: SessionHeaderOut<'a>,
}

#[derive(Serialize)]
struct SessionHeaderOut<'a> {
    #[serde(rename = "@xmlns")]
    xmlns: &'static str,
    #[serde(rename = "sessionId")]
    session_id: &'a str,
}

#[derive(Serialize)]
struct BodyOut<'a> {
    #[serde(rename = "createMetadata")]
    create: CreateMetadataOut<'a>,
}

#[derive(Serialize)]
struct CreateMetadataOut<'a> {
    #[serde(rename = "@xmlns")]
    xmlns: &'static str,
    metadata: &'a [CustomObject],
}

/// (c) written with quick-xml's serde serializer.
pub fn write_create_metadata(objects: &[CustomObject], token: &str) -> Result<String, quick_xml::SeError> {
    let env = EnvelopeOut {
        soapenv: SOAP_NS,
        xsi: XSI_NS,
        header: HeaderOut {
            session: SessionHeaderOut { xmlns: MD_NS, session_id: token },
        },
        body: BodyOut {
            create: CreateMetadataOut { xmlns: MD_NS, metadata: objects },
        },
    };
    let mut out = String::with_capacity(1 << 20);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    quick_xml::se::to_writer(&mut out, &env)?;
    Ok(out)
}

// ---- the same data as the generated types hold

/// The serde twin of a generated `CustomObject` (the fields the workload sets).
pub fn object_from_typed(o: &metadata::CustomObject) -> CustomObject {
    CustomObject {
        xsi_type: "CustomObject".into(),
        full_name: o.full_name.clone(),
        deployment_status: o.deployment_status.as_ref().map(text),
        description: o.description.clone(),
        enable_activities: o.enable_activities,
        enable_reports: o.enable_reports,
        enable_search: o.enable_search,
        fields: o.fields.iter().map(field_from_typed).collect(),
        label: o.label.clone(),
        name_field: o.name_field.as_deref().map(field_from_typed),
        plural_label: o.plural_label.clone(),
        sharing_model: o.sharing_model.as_ref().map(text),
    }
}

fn field_from_typed(f: &metadata::CustomField) -> CustomField {
    CustomField {
        full_name: f.full_name.clone(),
        default_value: f.default_value.clone(),
        description: f.description.clone(),
        external_id: f.external_id,
        inline_help_text: f.inline_help_text.clone(),
        label: f.label.clone(),
        length: f.length,
        precision: f.precision,
        required: f.required,
        scale: f.scale,
        security_classification: f.security_classification.clone(),
        track_feed_history: f.track_feed_history,
        track_history: f.track_history,
        track_trending: f.track_trending,
        r#type: f.r#type.as_ref().map(text),
        unique: f.unique,
        value_set: f.value_set.as_ref().map(|v| ValueSet {
            restricted: v.restricted,
            value_set_definition: v.value_set_definition.as_ref().map(|d| ValueSetDefinition {
                sorted: d.sorted,
                value: d.value.iter().filter_map(value_from_typed).collect(),
            }),
        }),
        visible_lines: f.visible_lines,
    }
}

fn value_from_typed(v: &metadata::AnyCustomValue) -> Option<CustomValue> {
    match v {
        metadata::AnyCustomValue::CustomValue(c) => Some(CustomValue {
            full_name: c.full_name.clone(),
            default: c.default,
            label: c.label.clone(),
        }),
        _ => None,
    }
}

/// The XML text of a generated simple type.
fn text<T: runtime::__private::Simple>(v: &T) -> String {
    let mut w = runtime::__private::Writer::with_capacity(64);
    let sink = w.begin_content();
    v.write_text(sink).expect("simple text");
    String::from_utf8(w.into_bytes()).expect("utf-8")
}
