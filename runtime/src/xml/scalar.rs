//! Built-in XSD scalars: string, boolean, integers, float/double.

use super::error::{ParseError, Result, WriteResult};
use super::name::Name;
use super::reader::{Reader, Start};
use super::traits::{Simple, XmlValue};
use super::writer::{TextSink, Writer};

/// XSD whitespace collapse for non-string types: leading/trailing XML whitespace.
pub(crate) fn xml_trim(s: &str) -> &str {
    s.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

impl Simple for String {
    fn parse_text(text: &str) -> std::result::Result<Self, ParseError> {
        Ok(text.to_owned())
    }
    fn write_text(&self, out: &mut TextSink) -> WriteResult {
        out.push_str(self)
    }
}

impl XmlValue for String {
    fn read_xml(r: &mut Reader<'_>, s: &Start<'_>) -> Result<Self> {
        // Text that needed no unescaping is copied once, straight from the document.
        let t = r.text(s)?;
        r.charge(t.len())?;
        Ok(t.into_owned())
    }
    fn write_xml(&self, w: &mut Writer, n: &Name) -> WriteResult {
        w.simple(self, n)
    }
}

impl Simple for bool {
    fn parse_text(text: &str) -> std::result::Result<Self, ParseError> {
        match xml_trim(text) {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(ParseError::new("boolean")),
        }
    }
    fn write_text(&self, out: &mut TextSink) -> WriteResult {
        out.push_safe(if *self { "true" } else { "false" });
        Ok(())
    }
}

macro_rules! integer {
    ($($t:ty => $xsd:literal),+ $(,)?) => {$(
        impl Simple for $t {
            fn parse_text(text: &str) -> std::result::Result<Self, ParseError> {
                xml_trim(text).parse().map_err(|_| ParseError::new($xsd))
            }
            fn write_text(&self, out: &mut TextSink) -> WriteResult {
                let v = *self as i128;
                out.push_int(v < 0, v.unsigned_abs() as u64);
                Ok(())
            }
        }
    )+};
}

integer!(i8 => "byte", i16 => "short", i32 => "int", i64 => "long",
    u8 => "unsignedByte", u16 => "unsignedShort", u32 => "unsignedInt", u64 => "unsignedLong");

macro_rules! float {
    ($($t:ty => $xsd:literal),+ $(,)?) => {$(
        impl Simple for $t {
            fn parse_text(text: &str) -> std::result::Result<Self, ParseError> {
                let t = xml_trim(text);
                match t {
                    "INF" | "+INF" => return Ok(<$t>::INFINITY),
                    "-INF" => return Ok(<$t>::NEG_INFINITY),
                    "NaN" => return Ok(<$t>::NAN),
                    _ => {}
                }
                // Rust also accepts `inf`, `nan`, `infinity`: XSD does not.
                if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b)) {
                    return Err(ParseError::new($xsd));
                }
                t.parse().map_err(|_| ParseError::new($xsd))
            }
            fn write_text(&self, out: &mut TextSink) -> WriteResult {
                if self.is_nan() {
                    out.push_safe("NaN");
                } else if self.is_infinite() {
                    out.push_safe(if *self > 0.0 { "INF" } else { "-INF" });
                } else {
                    // Debug is the shortest text that reads back to the same value, with an
                    // exponent for large and small magnitudes (Display would spell out 1e300).
                    out.push_display(&format_args!("{self:?}"));
                }
                Ok(())
            }
        }
    )+};
}

float!(f32 => "float", f64 => "double");

crate::simple_xml_value!(bool, i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);
