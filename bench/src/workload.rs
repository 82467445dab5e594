//! The three message workloads, built from the generated types and encoded by the runtime.

use std::io::Write as _;

use metadata::{
    AnyCustomValue, AnyMetadata, CheckRetrieveStatusResponse, CreateMetadata, CustomField,
    CustomObject, CustomValue, DeploymentStatus, FieldType, FileProperties, MetadataHeaders,
    ReadMetadataResponse, ReadResult, RetrieveResult, RetrieveStatus, SharingModel, ValueSet,
    ValueSetValuesDefinition,
};
use runtime::__private::DateTime;
use runtime::soap::{SoapVersion, encode_envelope, encode_request};

use crate::rng::Rng;

/// (a): 200 CustomObject records of 300 fields each (about 50 MB encoded).
pub const READ_OBJECTS: usize = 200;
/// (c): 10 CustomObjects of 300 fields each.
pub const CREATE_OBJECTS: usize = 10;
/// Fields per object in (a) and (c).
pub const FIELDS: usize = 300;
/// (b): size of the zip carried by checkRetrieveStatus.
pub const ZIP_BYTES: usize = 20 * 1024 * 1024;
/// The token written into the SessionHeader of (c).
pub const TOKEN: &str = "00Dxx0000001gPL!AQ4AQBenchmarkSessionToken.0123456789abcdefghijklmnopqrstuv";

const TYPES: &[FieldType] = &[
    FieldType::Text,
    FieldType::Picklist,
    FieldType::Number,
    FieldType::Checkbox,
    FieldType::Date,
    FieldType::LongTextArea,
    FieldType::Currency,
    FieldType::Email,
];

/// `n` CustomObjects of `fields` fields each, from `seed`.
pub fn custom_objects(seed: u64, n: usize, fields: usize) -> Vec<CustomObject> {
    let mut rng = Rng::new(seed);
    (0..n).map(|i| custom_object(&mut rng, i, fields)).collect()
}

fn custom_object(rng: &mut Rng, i: usize, fields: usize) -> CustomObject {
    let name = format!("Bench_{i:03}__c");
    CustomObject {
        full_name: Some(name.clone()),
        deployment_status: Some(DeploymentStatus::Deployed),
        description: Some(rng.sentence(120)),
        enable_activities: Some(rng.one_in(2)),
        enable_reports: Some(true),
        enable_search: Some(rng.one_in(3)),
        fields: (0..fields).map(|j| custom_field(rng, &name, j)).collect(),
        label: Some(format!("Bench {i} {}", rng.word())),
        name_field: Some(Box::new(CustomField {
            label: Some("Name".into()),
            r#type: Some(FieldType::Text),
            ..Default::default()
        })),
        plural_label: Some(format!("Bench {i} {}s", rng.word())),
        sharing_model: Some(SharingModel::ReadWrite),
        ..Default::default()
    }
}

fn custom_field(rng: &mut Rng, object: &str, j: usize) -> CustomField {
    let ty = TYPES[rng.below(TYPES.len() as u64) as usize].clone();
    let mut f = CustomField {
        full_name: Some(format!("{object}.Field_{j:03}_{}__c", rng.word())),
        description: Some(rng.sentence(175)),
        external_id: Some(rng.one_in(20)),
        inline_help_text: Some(rng.sentence(90)),
        label: Some(format!("Field {j} {} {}", rng.word(), rng.word())),
        required: Some(rng.one_in(5)),
        security_classification: Some("Internal".into()),
        track_feed_history: Some(rng.one_in(4)),
        track_history: Some(rng.one_in(4)),
        track_trending: Some(false),
        unique: Some(false),
        ..Default::default()
    };
    match ty {
        FieldType::Text | FieldType::Email => f.length = Some(80 + rng.below(176) as i32),
        FieldType::Number | FieldType::Currency => {
            f.precision = Some(18);
            f.scale = Some(rng.below(5) as i32);
        }
        FieldType::Checkbox => f.default_value = Some("false".into()),
        FieldType::LongTextArea => {
            f.length = Some(32768);
            f.visible_lines = Some(5);
        }
        FieldType::Picklist => f.value_set = Some(Box::new(value_set(rng))),
        _ => {}
    }
    f.r#type = Some(ty);
    f
}

fn value_set(rng: &mut Rng) -> ValueSet {
    let value = (0..6)
        .map(|k| {
            let w = rng.word();
            AnyCustomValue::CustomValue(Box::new(CustomValue {
                full_name: Some(format!("{w}_{k}")),
                default: k == 0,
                label: Some(format!("{} {k}", w.to_uppercase())),
                ..Default::default()
            }))
        })
        .collect();
    ValueSet {
        restricted: Some(true),
        value_set_definition: Some(Box::new(ValueSetValuesDefinition {
            sorted: false,
            value,
        })),
        ..Default::default()
    }
}

/// (a) as a typed value.
pub fn read_metadata_response(seed: u64) -> ReadMetadataResponse {
    let records = custom_objects(seed, READ_OBJECTS, FIELDS)
        .into_iter()
        .map(|o| AnyMetadata::CustomObject(Box::new(o)))
        .collect();
    ReadMetadataResponse {
        result: ReadResult { records },
    }
}

/// (a) encoded: the readMetadata response envelope.
pub fn read_metadata_envelope(seed: u64) -> Vec<u8> {
    let v = read_metadata_response(seed);
    encode_envelope(SoapVersion::Soap11, &MetadataHeaders::default(), &v).expect("encodes")
}

/// A stored (incompressible) zip of `total` bytes of random content in a few files.
pub fn retrieve_zip(seed: u64, total: usize) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let mut zw = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(total + 4096)));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    let files = 20;
    let mut buf = vec![0u8; total / files];
    for i in 0..files {
        rng.fill(&mut buf);
        zw.start_file(format!("unpackaged/staticresources/Res{i:02}.resource"), opts)
            .expect("zip entry");
        zw.write_all(&buf).expect("zip write");
    }
    zw.finish().expect("zip finish").into_inner()
}

/// (b) as a typed value, with the zip it carries.
pub fn check_retrieve_status_response(seed: u64) -> CheckRetrieveStatusResponse {
    let when: DateTime = runtime::__private::Simple::parse_text("2026-01-02T03:04:05.000Z")
        .expect("dateTime");
    let file_properties = (0..20)
        .map(|i| FileProperties {
            created_by_id: "005xx000001SvJ4AAK".into(),
            created_by_name: "Bench User".into(),
            created_date: when.clone(),
            file_name: format!("unpackaged/staticresources/Res{i:02}.resource"),
            full_name: format!("Res{i:02}"),
            id: format!("081xx00000000{i:02}AAA"),
            last_modified_by_id: "005xx000001SvJ4AAK".into(),
            last_modified_by_name: "Bench User".into(),
            last_modified_date: when.clone(),
            r#type: "StaticResource".into(),
            ..Default::default()
        })
        .collect();
    CheckRetrieveStatusResponse {
        result: RetrieveResult {
            done: true,
            file_properties,
            id: "09Sxx0000000001EAA".into(),
            status: RetrieveStatus::Succeeded,
            success: true,
            zip_file: retrieve_zip(seed, ZIP_BYTES),
            ..Default::default()
        },
    }
}

/// (b) encoded: the checkRetrieveStatus response envelope.
pub fn check_retrieve_status_envelope(seed: u64) -> Vec<u8> {
    let v = check_retrieve_status_response(seed);
    encode_envelope(SoapVersion::Soap11, &MetadataHeaders::default(), &v).expect("encodes")
}

/// (c) as a typed value.
pub fn create_metadata(seed: u64) -> CreateMetadata {
    let metadata = custom_objects(seed, CREATE_OBJECTS, FIELDS)
        .into_iter()
        .map(|o| AnyMetadata::CustomObject(Box::new(o)))
        .collect();
    CreateMetadata { metadata }
}

/// (c) encoded by the runtime, as the client does it (SessionHeader from the token).
pub fn encode_create_metadata(v: &CreateMetadata) -> Vec<u8> {
    let session = Some((&metadata::SESSION, TOKEN));
    encode_request(SoapVersion::Soap11, &MetadataHeaders::default(), v, session).expect("encodes")
}

/// The base64 text of `<zipFile>` in an encoded (b) envelope.
pub fn zip_base64_text(envelope: &[u8]) -> &[u8] {
    let find = |needle: &[u8], from: usize| {
        envelope[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|p| p + from)
    };
    let open = find(b"zipFile>", 0).expect("zipFile start") + "zipFile>".len();
    let close = find(b"</", open).expect("zipFile end");
    &envelope[open..close]
}
