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

    /// Appends an integer's decimal digits (without the formatting machinery): `-` when
    /// `negative`, then `magnitude`.
    pub(crate) fn push_int(&mut self, negative: bool, magnitude: u64) {
        let mut buf = [0u8; 21];
        let mut i = buf.len();
        let mut n = magnitude;
        loop {
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        if negative {
            i -= 1;
            buf[i] = b'-';
        }
        self.out.extend_from_slice(&buf[i..]);
    }

    /// Appends text known to need no escaping (digits, base64, validated lexical forms).
    pub(crate) fn push_safe(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }
}

/// True when some byte of `chunk` may need escaping or refusing in text (`& < >`, CR, other
/// C0 controls but TAB and LF, the 0xEF lead of U+FFFE/U+FFFF) or, with `attr`, also in an
/// attribute value (`"`, TAB, LF). Fixed-size and branch-free, so it compiles to a few
/// vector instructions: most 16-byte runs of a value need nothing and are copied whole.
#[inline(always)]
fn any_special(chunk: &[u8; 16], attr: bool) -> bool {
    let mut acc = false;
    for &c in chunk {
        let tab_lf = (c == b'\t') | (c == b'\n');
        let ctl = (c < 0x20) & (attr | !tab_lf);
        acc |= ctl | (c == b'&') | (c == b'<') | (c == b'>') | (c == 0xEF) | (attr & (c == b'"'));
    }
    acc
}

/// Escapes `s` into `out`: `& < >` and CR always, also `"` TAB LF in attribute values (so
/// attribute normalisation on reading gives them back).
///
/// Most values are short (names, numbers, enumeration values): under 16 bytes, one pass
/// over a byte table. Longer ones are checked 16 bytes at a time, branch-free; the last run
/// overlaps the one before it instead of being padded (a copy per value). Only a run holding
/// a special byte is looked at byte by byte.
pub(crate) fn escape_into(out: &mut Vec<u8>, s: &str, attr: bool) -> WriteResult {
    let b = s.as_bytes();
    let mut last = 0;
    if b.len() < 16 {
        escape_run(out, b, 0, b.len(), attr, &mut last)?;
    } else {
        let mut i = 0;
        while i < b.len() {
            let start = i.min(b.len() - 16);
            let special = match b[start..start + 16].try_into() {
                Ok(run) => any_special(run, attr),
                Err(_) => true,
            };
            if special {
                // Bytes before `i` were handled with the previous run.
                escape_run(out, b, i, start + 16, attr, &mut last)?;
            }
            i = start + 16;
        }
    }
    out.extend_from_slice(&b[last..]);
    Ok(())
}

/// Escapes bytes `from..to` of `b`: a table lookup per byte, the rest only where it hits.
#[inline]
fn escape_run(
    out: &mut Vec<u8>,
    b: &[u8],
    from: usize,
    to: usize,
    attr: bool,
    last: &mut usize,
) -> WriteResult {
    for i in from..to {
        if CLASS[b[i] as usize] != 0 {
            escape_byte(out, b, i, attr, last)?;
        }
    }
    Ok(())
}

/// Handles byte `i` of `b`: writes what precedes it since `last` and its replacement when
/// it needs one, refuses it when XML cannot carry it.
#[inline]
fn escape_byte(out: &mut Vec<u8>, b: &[u8], i: usize, attr: bool, last: &mut usize) -> WriteResult {
    let c = b[i];
    let rep: &[u8] = match CLASS[c as usize] {
        0 => return Ok(()),
        2 if !attr => return Ok(()),
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
            return Ok(());
        }
        _ => {
            return Err(EncodeError::new(EncodeErrorKind::InvalidChar {
                code: c as u32,
                at: i,
            }));
        }
    };
    out.extend_from_slice(&b[*last..i]);
    out.extend_from_slice(rep);
    *last = i + 1;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{TextSink, escape_into};

    fn esc(s: &str, attr: bool) -> String {
        let mut out = Vec::new();
        escape_into(&mut out, s, attr).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn special_bytes_are_escaped_in_every_chunk_position() {
        for len in [1, 15, 16, 17, 31, 32, 33, 64, 100] {
            for at in [0, len / 2, len - 1] {
                for (c, text, attr) in [
                    ('&', "&amp;", "&amp;"),
                    ('<', "&lt;", "&lt;"),
                    ('>', "&gt;", "&gt;"),
                    ('\r', "&#xD;", "&#xD;"),
                    ('"', "\"", "&quot;"),
                    ('\t', "\t", "&#x9;"),
                    ('\n', "\n", "&#xA;"),
                ] {
                    let mut s: Vec<char> = vec!['a'; len];
                    s[at] = c;
                    let s: String = s.into_iter().collect();
                    assert_eq!(esc(&s, false), s.replace(c, text), "{len} {at} {c:?}");
                    assert_eq!(esc(&s, true), s.replace(c, attr), "{len} {at} {c:?}");
                }
                let mut bad = vec![b'a'; len];
                bad[at] = 0x01;
                let bad = String::from_utf8(bad).unwrap();
                let mut out = Vec::new();
                assert!(escape_into(&mut out, &bad, false).is_err());
            }
        }
        assert!(escape_into(&mut Vec::new(), "x\u{FFFE}", false).is_err());
        for pad in 12..18 {
            let s = format!("{}\u{FFFF}", "a".repeat(pad));
            assert!(escape_into(&mut Vec::new(), &s, true).is_err(), "{pad}");
        }
        assert_eq!(esc("\u{F000}\u{FFFD}é", false), "\u{F000}\u{FFFD}é");
    }

    #[test]
    fn integers_are_written_in_decimal() {
        let cases = [
            (false, 0, "0"),
            (false, 7, "7"),
            (true, 42, "-42"),
            (false, u64::MAX, "18446744073709551615"),
            (true, i64::MIN.unsigned_abs(), "-9223372036854775808"),
        ];
        for (neg, mag, want) in cases {
            let mut sink = TextSink::default();
            sink.push_int(neg, mag);
            assert_eq!(sink.out, want.as_bytes());
        }
    }
}
