//! Escaping text and attribute values, refusing characters XML 1.0 cannot carry.

use std::fmt::Write as _;

use crate::xml::error::{EncodeError, EncodeErrorKind, WriteResult};

/// Byte classes: 0 plain; 1 escaped everywhere; 2 escaped in attributes only; 3 not allowed;
/// 4 lead byte of U+Fxxx (U+FFFE and U+FFFF are not allowed).
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = 3;
        i += 1;
    }
    t[b'\t' as usize] = 2;
    t[b'\n' as usize] = 2;
    t[b'\r' as usize] = 1;
    t[b'&' as usize] = 1;
    t[b'<' as usize] = 1;
    t[b'>' as usize] = 1;
    t[b'"' as usize] = 2;
    t[0xEF] = 4;
    t
};

/// Where escaped text goes: the writer's output buffer, in text or attribute mode.
/// Generated `Simple::write_text` implementations push their text here.
#[derive(Debug, Default)]
pub struct TextSink {
    pub(crate) out: Vec<u8>,
    pub(crate) attr: bool,
}

impl TextSink {
    /// Appends `s`, escaped for the current position (text or attribute value). A character
    /// XML 1.0 cannot carry is an error, never dropped.
    pub fn push_str(&mut self, s: &str) -> WriteResult {
        escape_into(&mut self.out, s, self.attr)
    }

    /// Appends a formatted value (numbers and other values whose text needs no escaping is
    /// the intended use; the text is escaped anyway).
    pub fn push_fmt(&mut self, args: std::fmt::Arguments<'_>) -> WriteResult {
        match args.as_str() {
            Some(s) => self.push_str(s),
            None => {
                let mut s = String::new();
                let _ = s.write_fmt(args);
                self.push_str(&s)
            }
        }
    }

    /// Appends the `Display` form of a value whose text needs no escaping (numbers).
    pub(crate) fn push_display(&mut self, v: &dyn std::fmt::Display) {
        use std::io::Write as _;
        let _ = write!(self.out, "{v}");
    }

    /// Appends text known to need no escaping (digits, base64, validated lexical forms).
    pub(crate) fn push_safe(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }
}

/// Escapes `s` into `out`: `& < >` and CR always, also `"` TAB LF in attribute values (so
/// attribute normalisation on reading gives them back).
pub(crate) fn escape_into(out: &mut Vec<u8>, s: &str, attr: bool) -> WriteResult {
    let b = s.as_bytes();
    let mut last = 0;
    for (i, &c) in b.iter().enumerate() {
        let rep: &[u8] = match CLASS[c as usize] {
            0 => continue,
            2 if !attr => continue,
            1 | 2 => match c {
                b'&' => b"&amp;",
                b'<' => b"&lt;",
                b'>' => b"&gt;",
                b'\r' => b"&#xD;",
                b'"' => b"&quot;",
                b'\t' => b"&#x9;",
                _ => b"&#xA;",
            },
            4 => {
                if b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)) {
                    let code = if b[i + 2] == 0xBE { 0xFFFE } else { 0xFFFF };
                    return Err(EncodeError::new(EncodeErrorKind::InvalidChar {
                        code,
                        at: i,
                    }));
                }
                continue;
            }
            _ => {
                return Err(EncodeError::new(EncodeErrorKind::InvalidChar {
                    code: c as u32,
                    at: i,
                }));
            }
        };
        out.extend_from_slice(&b[last..i]);
        out.extend_from_slice(rep);
        last = i + 1;
    }
    out.extend_from_slice(&b[last..]);
    Ok(())
}
