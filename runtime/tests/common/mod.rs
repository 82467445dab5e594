//! Types written by hand in the shape docs/GENERATED.md describes, so the tests exercise
//! the runtime through the contract's API only. Their `write_fields` use the per-field
//! helpers (`w.one`, `w.opt`) a hand-written impl would; codegen emits one `w.fields` list,
//! which the generated stubs' tests cover.
#![allow(dead_code)]

#[allow(unused_imports)]
use ::runtime::__private as rt;

/// `urn:test:md`
pub const NS: &str = "urn:test:md";

// ---- Metadata (base, not abstract) -> MetadataWithContent -> ApexClass -> ApexClassEx,
//      Metadata -> CustomObject (recursive through `parent`).

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metadata {
    pub full_name: Option<String>,
}
impl rt::Complex for Metadata {
    const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
        ns: NS,
        name: "Metadata",
        fields: &[rt::FieldInfo::new("fullName", NS, rt::OPTIONAL)],
        attrs: &[],
    };
    fn read_field(
        &mut self,
        i: usize,
        r: &mut rt::Reader<'_>,
        s: &rt::Start<'_>,
    ) -> rt::ReadResult {
        match i {
            0 => r.opt(&mut self.full_name, s),
            _ => r.skip(s),
        }
    }
    fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
        let f = Self::INFO.fields;
        w.opt(&f[0], &self.full_name)?;
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MetadataWithContent {
    pub full_name: Option<String>,
    pub content: Option<Vec<u8>>,
}
impl rt::Complex for MetadataWithContent {
    const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
        ns: NS,
        name: "MetadataWithContent",
        fields: &[
            rt::FieldInfo::new("fullName", NS, rt::OPTIONAL),
            rt::FieldInfo::new("content", NS, rt::OPTIONAL),
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
            0 => r.opt(&mut self.full_name, s),
            1 => r.opt(&mut self.content, s),
            _ => r.skip(s),
        }
    }
    fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
        let f = Self::INFO.fields;
        w.opt(&f[0], &self.full_name)?;
        w.opt(&f[1], &self.content)?;
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ApexClass {
    pub full_name: Option<String>,
    pub content: Option<Vec<u8>>,
    pub api_version: f64,
    pub status: Option<ApexCodeUnitStatus>,
}
impl rt::Complex for ApexClass {
    const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
        ns: NS,
        name: "ApexClass",
        fields: &[
            rt::FieldInfo::new("fullName", NS, rt::OPTIONAL),
            rt::FieldInfo::new("content", NS, rt::OPTIONAL),
            rt::FieldInfo::new("apiVersion", NS, rt::REQUIRED),
            rt::FieldInfo::new("status", NS, rt::OPTIONAL),
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
            0 => r.opt(&mut self.full_name, s),
            1 => r.opt(&mut self.content, s),
            2 => r.one(&mut self.api_version, s),
            3 => r.opt(&mut self.status, s),
            _ => r.skip(s),
        }
    }
    fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
        let f = Self::INFO.fields;
        w.opt(&f[0], &self.full_name)?;
        w.opt(&f[1], &self.content)?;
        w.one(&f[2], &self.api_version)?;
        w.opt(&f[3], &self.status)?;
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ApexClassEx {
    pub full_name: Option<String>,
    pub content: Option<Vec<u8>>,
    pub api_version: f64,
    pub status: Option<ApexCodeUnitStatus>,
    pub tags: Vec<String>,
}
impl rt::Complex for ApexClassEx {
    const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
        ns: NS,
        name: "ApexClassEx",
        fields: &[
            rt::FieldInfo::new("fullName", NS, rt::OPTIONAL),
            rt::FieldInfo::new("content", NS, rt::OPTIONAL),
            rt::FieldInfo::new("apiVersion", NS, rt::REQUIRED),
            rt::FieldInfo::new("status", NS, rt::OPTIONAL),
            rt::FieldInfo::new("tags", NS, rt::REPEATED),
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
            0 => r.opt(&mut self.full_name, s),
            1 => r.opt(&mut self.content, s),
            2 => r.one(&mut self.api_version, s),
            3 => r.opt(&mut self.status, s),
            4 => r.vec(&mut self.tags, s),
            _ => r.skip(s),
        }
    }
    fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
        let f = Self::INFO.fields;
        w.opt(&f[0], &self.full_name)?;
        w.opt(&f[1], &self.content)?;
        w.one(&f[2], &self.api_version)?;
        w.opt(&f[3], &self.status)?;
        w.vec(&f[4], &self.tags)?;
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CustomObject {
    pub full_name: Option<String>,
    pub fields: Vec<CustomField>,
    pub label: String,
    pub sharing_model: Option<SharingModel>,
    pub parent: Option<Box<CustomObject>>,
    pub value: Option<rt::Nillable<rt::AnyValue>>,
    pub created: Option<rt::DateTime>,
    pub day: Option<rt::Date>,
    pub at: Option<rt::Time>,
    pub amount: Option<rt::Decimal>,
    pub hex: Option<rt::HexBinary>,
    pub enabled: Option<bool>,
    pub count: Option<i64>,
}
impl rt::Complex for CustomObject {
    const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
        ns: NS,
        name: "CustomObject",
        fields: &[
            rt::FieldInfo::new("fullName", NS, rt::OPTIONAL),
            rt::FieldInfo::new("fields", NS, rt::REPEATED),
            rt::FieldInfo::new("label", NS, rt::REQUIRED),
            rt::FieldInfo::new("sharingModel", NS, rt::OPTIONAL),
            rt::FieldInfo::new("parent", NS, rt::OPTIONAL),
            rt::FieldInfo::new("value", NS, rt::OPTIONAL | rt::NILLABLE),
            rt::FieldInfo::new("created", NS, rt::OPTIONAL),
            rt::FieldInfo::new("day", NS, rt::OPTIONAL),
            rt::FieldInfo::new("at", NS, rt::OPTIONAL),
            rt::FieldInfo::new("amount", NS, rt::OPTIONAL),
            rt::FieldInfo::new("hex", NS, rt::OPTIONAL),
            rt::FieldInfo::new("enabled", NS, rt::OPTIONAL),
            rt::FieldInfo::new("count", NS, rt::OPTIONAL),
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
            0 => r.opt(&mut self.full_name, s),
            1 => r.vec(&mut self.fields, s),
            2 => r.one(&mut self.label, s),
            3 => r.opt(&mut self.sharing_model, s),
            4 => r.opt_boxed(&mut self.parent, s),
            5 => r.opt(&mut self.value, s),
            6 => r.opt(&mut self.created, s),
            7 => r.opt(&mut self.day, s),
            8 => r.opt(&mut self.at, s),
            9 => r.opt(&mut self.amount, s),
            10 => r.opt(&mut self.hex, s),
            11 => r.opt(&mut self.enabled, s),
            12 => r.opt(&mut self.count, s),
            _ => r.skip(s),
        }
    }
    fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
        let f = Self::INFO.fields;
        w.opt(&f[0], &self.full_name)?;
        w.vec(&f[1], &self.fields)?;
        w.one(&f[2], &self.label)?;
        w.opt(&f[3], &self.sharing_model)?;
        w.opt_boxed(&f[4], &self.parent)?;
        w.opt(&f[5], &self.value)?;
        w.opt(&f[6], &self.created)?;
        w.opt(&f[7], &self.day)?;
        w.opt(&f[8], &self.at)?;
        w.opt(&f[9], &self.amount)?;
        w.opt(&f[10], &self.hex)?;
        w.opt(&f[11], &self.enabled)?;
        w.opt(&f[12], &self.count)?;
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CustomField {
    pub full_name: String,
    pub r#type: Option<FieldType>,
    pub length: Option<i32>,
    pub default_value: Option<rt::Nillable<String>>,
}
impl rt::Complex for CustomField {
    const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
        ns: NS,
        name: "CustomField",
        fields: &[
            rt::FieldInfo::new("fullName", NS, rt::REQUIRED),
            rt::FieldInfo::new("type", NS, rt::OPTIONAL),
            rt::FieldInfo::new("length", NS, rt::OPTIONAL),
            rt::FieldInfo::new("defaultValue", NS, rt::OPTIONAL | rt::NILLABLE),
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
            0 => r.one(&mut self.full_name, s),
            1 => r.opt(&mut self.r#type, s),
            2 => r.opt(&mut self.length, s),
            3 => r.opt(&mut self.default_value, s),
            _ => r.skip(s),
        }
    }
    fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
        let f = Self::INFO.fields;
        w.one(&f[0], &self.full_name)?;
        w.opt(&f[1], &self.r#type)?;
        w.opt(&f[2], &self.length)?;
        w.opt(&f[3], &self.default_value)?;
        Ok(())
    }
}

// ---- simpleType enums

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum SharingModel {
    #[default]
    Private,
    Read,
    ReadWrite,
    /// A value the WSDL does not list.
    Unknown(String),
}
impl rt::Simple for SharingModel {
    fn parse_text(text: &str) -> Result<Self, rt::ParseError> {
        Ok(match text {
            "Private" => Self::Private,
            "Read" => Self::Read,
            "ReadWrite" => Self::ReadWrite,
            other => Self::Unknown(other.to_owned()),
        })
    }
    fn write_text(&self, out: &mut rt::TextSink) -> rt::WriteResult {
        out.push_str(match self {
            Self::Private => "Private",
            Self::Read => "Read",
            Self::ReadWrite => "ReadWrite",
            Self::Unknown(v) => v,
        })
    }
}
rt::simple_xml_value!(SharingModel);

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum FieldType {
    #[default]
    Text,
    Number,
    /// An enumerated value takes the name `Unknown`, so the catch-all is `Unknown_`.
    Unknown,
    Unknown_(String),
}
impl rt::Simple for FieldType {
    fn parse_text(text: &str) -> Result<Self, rt::ParseError> {
        Ok(match text {
            "Text" => Self::Text,
            "Number" => Self::Number,
            "Unknown" => Self::Unknown,
            other => Self::Unknown_(other.to_owned()),
        })
    }
    fn write_text(&self, out: &mut rt::TextSink) -> rt::WriteResult {
        out.push_str(match self {
            Self::Text => "Text",
            Self::Number => "Number",
            Self::Unknown => "Unknown",
            Self::Unknown_(v) => v,
        })
    }
}
rt::simple_xml_value!(FieldType);

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum ApexCodeUnitStatus {
    #[default]
    Active,
    Deleted,
    Unknown(String),
}
impl rt::Simple for ApexCodeUnitStatus {
    fn parse_text(text: &str) -> Result<Self, rt::ParseError> {
        Ok(match text {
            "Active" => Self::Active,
            "Deleted" => Self::Deleted,
            other => Self::Unknown(other.to_owned()),
        })
    }
    fn write_text(&self, out: &mut rt::TextSink) -> rt::WriteResult {
        out.push_str(match self {
            Self::Active => "Active",
            Self::Deleted => "Deleted",
            Self::Unknown(v) => v,
        })
    }
}
rt::simple_xml_value!(ApexCodeUnitStatus);

// ---- the polymorphic slot type

#[derive(Debug, Clone, PartialEq)]
pub enum AnyMetadata {
    Metadata(Box<Metadata>),
    ApexClass(Box<ApexClass>),
    ApexClassEx(Box<ApexClassEx>),
    CustomObject(Box<CustomObject>),
    MetadataWithContent(Box<MetadataWithContent>),
    /// An `xsi:type` these stubs do not know: its name and raw XML are kept.
    Unknown(rt::AnyValue),
}
impl Default for AnyMetadata {
    fn default() -> Self {
        Self::Metadata(Default::default())
    }
}
impl rt::XmlValue for AnyMetadata {
    fn read_xml(r: &mut rt::Reader<'_>, s: &rt::Start<'_>) -> rt::Result<Self> {
        let Some(t) = r.xsi_type(s)? else {
            return Ok(Self::Metadata(r.read_boxed(s)?));
        };
        // The subtype names sorted by local part, as codegen emits them for `rt::type_index`.
        let subtypes = [
            (NS, "ApexClass"),
            (NS, "ApexClassEx"),
            (NS, "CustomObject"),
            (NS, "Metadata"),
            (NS, "MetadataWithContent"),
        ];
        Ok(match rt::type_index(&t, &subtypes) {
            Some(0) => Self::ApexClass(r.read_boxed(s)?),
            Some(1) => Self::ApexClassEx(r.read_boxed(s)?),
            Some(2) => Self::CustomObject(r.read_boxed(s)?),
            Some(3) => Self::Metadata(r.read_boxed(s)?),
            Some(4) => Self::MetadataWithContent(r.read_boxed(s)?),
            _ => Self::Unknown(r.unknown_subtype(s, &t, TYPE_NAMES)?),
        })
    }
    fn write_xml(&self, w: &mut rt::Writer, n: &rt::Name) -> rt::WriteResult {
        match self {
            Self::Metadata(v) => w.complex(&**v, n),
            Self::ApexClass(v) => w.complex_typed(&**v, n),
            Self::ApexClassEx(v) => w.complex_typed(&**v, n),
            Self::CustomObject(v) => w.complex_typed(&**v, n),
            Self::MetadataWithContent(v) => w.complex_typed(&**v, n),
            Self::Unknown(v) => rt::XmlValue::write_xml(v, w, n),
        }
    }
}

/// Every complex type of the file, sorted.
pub const TYPE_NAMES: &[(&str, &str)] = &[
    (NS, "ApexClass"),
    (NS, "ApexClassEx"),
    (NS, "CallOptions"),
    (NS, "CustomField"),
    (NS, "CustomObject"),
    (NS, "Metadata"),
    (NS, "MetadataWithContent"),
    (NS, "ReadResult"),
    (NS, "SessionHeader"),
];

// ---- operation wrappers (global elements)

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReadResult {
    pub records: Vec<AnyMetadata>,
}
impl rt::Complex for ReadResult {
    const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
        ns: NS,
        name: "ReadResult",
        fields: &[rt::FieldInfo::new("records", NS, rt::REPEATED)],
        attrs: &[],
    };
    fn read_field(
        &mut self,
        i: usize,
        r: &mut rt::Reader<'_>,
        s: &rt::Start<'_>,
    ) -> rt::ReadResult {
        match i {
            0 => r.vec(&mut self.records, s),
            _ => r.skip(s),
        }
    }
    fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
        let f = Self::INFO.fields;
        w.vec(&f[0], &self.records)?;
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReadMetadata {
    pub r#type: String,
    pub full_names: Vec<String>,
}
impl rt::Complex for ReadMetadata {
    const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
        ns: NS,
        name: "readMetadata",
        fields: &[
            rt::FieldInfo::new("type", NS, rt::REQUIRED),
            rt::FieldInfo::new("fullNames", NS, rt::REPEATED),
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
            0 => r.one(&mut self.r#type, s),
            1 => r.vec(&mut self.full_names, s),
            _ => r.skip(s),
        }
    }
    fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
        let f = Self::INFO.fields;
        w.one(&f[0], &self.r#type)?;
        w.vec(&f[1], &self.full_names)?;
        Ok(())
    }
}
impl rt::Element for ReadMetadata {
    const NAME: rt::Name = rt::Name {
        ns: NS,
        local: "readMetadata",
    };
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReadMetadataResponse {
    pub result: ReadResult,
}
impl rt::Complex for ReadMetadataResponse {
    const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
        ns: NS,
        name: "readMetadataResponse",
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
impl rt::Element for ReadMetadataResponse {
    const NAME: rt::Name = rt::Name {
        ns: NS,
        local: "readMetadataResponse",
    };
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CreateMetadata {
    pub metadata: Vec<AnyMetadata>,
}
impl rt::Complex for CreateMetadata {
    const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
        ns: NS,
        name: "createMetadata",
        fields: &[rt::FieldInfo::new("metadata", NS, rt::REPEATED)],
        attrs: &[],
    };
    fn read_field(
        &mut self,
        i: usize,
        r: &mut rt::Reader<'_>,
        s: &rt::Start<'_>,
    ) -> rt::ReadResult {
        match i {
            0 => r.vec(&mut self.metadata, s),
            _ => r.skip(s),
        }
    }
    fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
        let f = Self::INFO.fields;
        w.vec(&f[0], &self.metadata)?;
        Ok(())
    }
}
impl rt::Element for CreateMetadata {
    const NAME: rt::Name = rt::Name {
        ns: NS,
        local: "createMetadata",
    };
}

// ---- headers

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

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MetadataHeaders {
    pub session_header: Option<SessionHeader>,
    pub call_options: Option<CallOptions>,
}
impl rt::Complex for MetadataHeaders {
    const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
        ns: NS,
        name: "MetadataHeaders",
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

#[derive(Debug, Clone, PartialEq)]
pub enum MetadataBody {
    CreateMetadata(CreateMetadata),
    ReadMetadata(ReadMetadata),
    ReadMetadataResponse(ReadMetadataResponse),
}
impl rt::Body for MetadataBody {
    fn read_body(r: &mut rt::Reader<'_>, s: &rt::Start<'_>) -> rt::Result<Self> {
        let n = r.name(s)?;
        Ok(match (n.ns(), n.local()) {
            (NS, "createMetadata") => Self::CreateMetadata(rt::XmlValue::read_xml(r, s)?),
            (NS, "readMetadata") => Self::ReadMetadata(rt::XmlValue::read_xml(r, s)?),
            (NS, "readMetadataResponse") => {
                Self::ReadMetadataResponse(rt::XmlValue::read_xml(r, s)?)
            }
            _ => return Err(r.unexpected_body(s)),
        })
    }
    fn write_body(&self, w: &mut rt::Writer) -> rt::WriteResult {
        match self {
            Self::CreateMetadata(v) => rt::Body::write_body(v, w),
            Self::ReadMetadata(v) => rt::Body::write_body(v, w),
            Self::ReadMetadataResponse(v) => rt::Body::write_body(v, w),
        }
    }
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

// ---- an xsd:any wildcard and attributes (not in the Metadata WSDL, but in others)

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extensible {
    pub id: Option<String>,
    pub lang: Option<String>,
    pub name: String,
    pub any: Vec<rt::AnyValue>,
}
impl rt::Complex for Extensible {
    const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
        ns: NS,
        name: "Extensible",
        fields: &[
            rt::FieldInfo::new("name", NS, rt::REQUIRED),
            rt::FieldInfo::any(rt::REPEATED),
        ],
        attrs: &[
            rt::AttrInfo::new("id", "", rt::OPTIONAL),
            rt::AttrInfo::new("lang", rt::XML_NS, rt::OPTIONAL),
        ],
    };
    fn read_field(
        &mut self,
        i: usize,
        r: &mut rt::Reader<'_>,
        s: &rt::Start<'_>,
    ) -> rt::ReadResult {
        match i {
            0 => r.one(&mut self.name, s),
            1 => r.vec(&mut self.any, s),
            _ => r.skip(s),
        }
    }
    fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
        let f = Self::INFO.fields;
        w.one(&f[0], &self.name)?;
        w.vec(&f[1], &self.any)?;
        Ok(())
    }
    fn read_attr(&mut self, i: usize, value: &str) -> Result<(), rt::ParseError> {
        match i {
            0 => rt::parse_opt_attr(&mut self.id, value),
            1 => rt::parse_opt_attr(&mut self.lang, value),
            _ => Ok(()),
        }
    }
    fn write_attrs(&self, w: &mut rt::Writer) -> rt::WriteResult {
        let a = Self::INFO.attrs;
        w.opt_attr(&a[0], &self.id)?;
        w.opt_attr(&a[1], &self.lang)?;
        Ok(())
    }
}
impl rt::Element for Extensible {
    const NAME: rt::Name = rt::Name {
        ns: NS,
        local: "extensible",
    };
}

/// simpleContent: a decimal with a currency attribute.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Money {
    pub value: Option<rt::Decimal>,
    pub currency: String,
}
impl rt::Complex for Money {
    const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
        ns: NS,
        name: "Money",
        fields: &[],
        attrs: &[rt::AttrInfo::new("currency", "", rt::REQUIRED)],
    };
    const TEXT: bool = true;
    fn read_field(
        &mut self,
        _i: usize,
        r: &mut rt::Reader<'_>,
        s: &rt::Start<'_>,
    ) -> rt::ReadResult {
        r.skip(s)
    }
    fn write_fields(&self, _w: &mut rt::Writer) -> rt::WriteResult {
        Ok(())
    }
    fn read_attr(&mut self, i: usize, value: &str) -> Result<(), rt::ParseError> {
        match i {
            0 => rt::parse_attr(&mut self.currency, value),
            _ => Ok(()),
        }
    }
    fn write_attrs(&self, w: &mut rt::Writer) -> rt::WriteResult {
        w.attr(&Self::INFO.attrs[0], &self.currency)
    }
    fn read_text(&mut self, text: &str) -> Result<(), rt::ParseError> {
        self.value = Some(text.parse()?);
        Ok(())
    }
    fn write_text(&self, out: &mut rt::TextSink) -> rt::WriteResult {
        match &self.value {
            Some(v) => rt::Simple::write_text(v, out),
            None => Ok(()),
        }
    }
}
