//! `xsd:base64Binary` as `Vec<u8>` and `xsd:hexBinary` as [`HexBinary`].

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD_PAD_INDIFFERENT as B64;

use super::error::{ParseError, Result, WriteResult};
use super::name::Name;
use super::reader::{Reader, Start};
use super::traits::{Simple, XmlValue};
use super::writer::{TextSink, Writer};

/// Decodes base64 text: straight from the document's bytes when it is one unbroken run
/// (the usual case for big payloads), else after dropping whitespace and line breaks.
pub fn decode_base64(text: &str) -> std::result::Result<Vec<u8>, ParseError> {
    let err = |_| ParseError::new("base64Binary");
    let trimmed = text.trim_ascii();
    match B64.decode(trimmed) {
        Ok(v) => Ok(v),
        Err(_) if trimmed.bytes().any(|b| b.is_ascii_whitespace()) => {
            let compact: Vec<u8> = trimmed
                .bytes()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            B64.decode(compact).map_err(err)
        }
        Err(e) => Err(err(e)),
    }
}

impl XmlValue for Vec<u8> {
    fn read_xml(r: &mut Reader<'_>, s: &Start<'_>) -> Result<Self> {
        // The decoder refuses every byte outside the base64 alphabet and whitespace, so the
        // text's XML-character and line-end passes are skipped (a 20 MB zip's worth).
        let text = r.text_unchecked(s)?;
        r.charge(text.len() / 4 * 3)?;
        decode_base64(&text).map_err(|e| r.invalid_value(e, &text, s))
    }
    fn write_xml(&self, w: &mut Writer, n: &Name) -> WriteResult {
        // Encoded straight into the output buffer: no intermediate string.
        w.start_element(n.ns, n.local)
            .map_err(|e| e.within(n.local))?;
        let out = &mut w.begin_content().out;
        let at = out.len();
        let len = base64::encoded_len(self.len(), true).unwrap_or(0);
        out.resize(at + len, 0);
        let written = B64.encode_slice(self, &mut out[at..]).unwrap_or(0);
        out.truncate(at + written);
        w.end_element();
        Ok(())
    }
}

/// Bytes written as `xsd:hexBinary`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct HexBinary(pub Vec<u8>);

impl Simple for HexBinary {
    fn parse_text(text: &str) -> std::result::Result<Self, ParseError> {
        let t = text.trim_ascii().as_bytes();
        let nibble = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
        if !t.len().is_multiple_of(2) {
            return Err(ParseError::new("hexBinary"));
        }
        t.chunks(2)
            .map(|p| Some(nibble(p[0])? << 4 | nibble(p[1])?))
            .collect::<Option<Vec<u8>>>()
            .map(HexBinary)
            .ok_or(ParseError::new("hexBinary"))
    }
    fn write_text(&self, out: &mut TextSink) -> WriteResult {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        out.out.reserve(self.0.len() * 2);
        for b in &self.0 {
            out.out.push(HEX[(b >> 4) as usize]);
            out.out.push(HEX[(b & 15) as usize]);
        }
        Ok(())
    }
}

crate::simple_xml_value!(HexBinary);
