//! The reader's tokenizer: a borrowing scan over a document validated as UTF-8 once, up
//! front, so no token is validated again (quick-xml's reader validates every event it hands
//! out, and its tags were re-validated after it).
//!
//! It checks what well-formedness needs at this level: tags closed, end tags matching their
//! start tags (with a stack of open names), references terminated, comments, CDATA and
//! processing instructions closed, DOCTYPEs recognised (the reader refuses them).
//! Attributes are left raw to the reader.

use memchr::{memchr, memchr2, memchr3_iter};

/// One piece of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok<'a> {
    /// A start tag: its name, where its local part starts (after the first `:`, else 0),
    /// the raw rest of the tag (attributes), and whether it is `<a/>`.
    Start {
        qname: &'a str,
        local_at: usize,
        attrs: &'a str,
        empty: bool,
    },
    /// An end tag (already checked against its start tag).
    End,
    /// Character data without markup or references (line ends not yet normalised).
    Text(&'a str),
    /// `&name;`: the name between `&` and `;`.
    Ref(&'a str),
    /// The content of a CDATA section.
    CData(&'a str),
    /// The XML declaration.
    Decl,
    /// A comment or processing instruction.
    Ignored,
    /// A `<!DOCTYPE`.
    DocType,
    /// The end of the document.
    Eof,
}

/// A lexing error: its description and the byte offset it was found at.
pub(super) type LexError = (String, usize);

#[derive(Debug)]
pub(super) struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    /// Names of open elements, innermost last.
    open: Vec<&'a str>,
}

#[inline]
fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl<'a> Lexer<'a> {
    pub(super) fn new(src: &'a str) -> Self {
        Self {
            src,
            pos: 0,
            open: Vec::with_capacity(32),
        }
    }

    /// Offset just past the last token.
    #[inline]
    pub(super) fn pos(&self) -> usize {
        self.pos
    }

    #[inline]
    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    /// The next token.
    pub(super) fn next(&mut self) -> Result<Tok<'a>, LexError> {
        let b = self.bytes();
        let at = self.pos;
        match b.get(at) {
            None => Ok(Tok::Eof),
            Some(b'<') => self.markup(),
            Some(b'&') => self.reference(),
            Some(_) => {
                let end = memchr2(b'<', b'&', &b[at..]).map_or(b.len(), |i| at + i);
                self.pos = end;
                Ok(Tok::Text(&self.src[at..end]))
            }
        }
    }

    /// Fast path for a leaf element: when the content up to the next markup is plain text
    /// (no reference) followed by the end tag of the innermost open element, consumes both
    /// and returns the text. Otherwise consumes nothing.
    #[inline]
    pub(super) fn leaf_text(&mut self) -> Option<&'a str> {
        let b = self.bytes();
        let at = self.pos;
        let lt = at + memchr2(b'<', b'&', &b[at..])?;
        let name = *self.open.last()?;
        let tail = b.get(lt + 1..)?;
        let close = tail.strip_prefix(b"/")?.strip_prefix(name.as_bytes())?;
        if close.first() != Some(&b'>') {
            return None;
        }
        self.open.pop();
        self.pos = lt + 3 + name.len();
        Some(&self.src[at..lt])
    }

    fn reference(&mut self) -> Result<Tok<'a>, LexError> {
        let at = self.pos;
        let b = &self.bytes()[at + 1..];
        match memchr3_iter(b';', b'&', b'<', b).next() {
            Some(i) if b[i] == b';' => {
                self.pos = at + i + 2;
                Ok(Tok::Ref(&self.src[at + 1..at + 1 + i]))
            }
            _ => Err(("unterminated entity reference (a lone `&`)".into(), at)),
        }
    }

    fn markup(&mut self) -> Result<Tok<'a>, LexError> {
        let at = self.pos;
        let b = self.bytes();
        match b.get(at + 1) {
            Some(b'/') => self.end_tag(),
            Some(b'!') => self.bang(),
            Some(b'?') => {
                let end = self.find(at + 2, "?>", "unclosed processing instruction")?;
                let target = &b[at + 2..end];
                let decl = target.starts_with(b"xml") && target.get(3).is_none_or(|&c| is_ws(c));
                self.pos = end + 2;
                Ok(if decl { Tok::Decl } else { Tok::Ignored })
            }
            _ => self.start_tag(),
        }
    }

    /// Offset of `pat` at or after `from`, or an error naming what is unclosed.
    fn find(&self, from: usize, pat: &str, what: &str) -> Result<usize, LexError> {
        self.src
            .get(from..)
            .and_then(|s| s.find(pat))
            .map(|i| from + i)
            .ok_or_else(|| (what.to_owned(), self.pos))
    }

    fn bang(&mut self) -> Result<Tok<'a>, LexError> {
        let at = self.pos;
        let rest = &self.bytes()[at..];
        if rest.starts_with(b"<!--") {
            let end = self.find(at + 4, "-->", "unclosed comment")?;
            self.pos = end + 3;
            Ok(Tok::Ignored)
        } else if rest.starts_with(b"<![CDATA[") {
            let end = self.find(at + 9, "]]>", "unclosed CDATA section")?;
            self.pos = end + 3;
            Ok(Tok::CData(&self.src[at + 9..end]))
        } else if matches!(rest.get(2), Some(b'D' | b'd')) {
            Ok(Tok::DocType)
        } else {
            Err(("unknown `<!` markup".into(), at))
        }
    }

    fn end_tag(&mut self) -> Result<Tok<'a>, LexError> {
        let at = self.pos;
        let b = self.bytes();
        let gt = memchr(b'>', &b[at..]).ok_or_else(|| ("unclosed end tag".to_owned(), at))?;
        let name = self.src[at + 2..at + gt].trim_end_matches([' ', '\t', '\n', '\r']);
        match self.open.pop() {
            Some(open) if super::name_eq(open, name) => {
                self.pos = at + gt + 1;
                Ok(Tok::End)
            }
            Some(open) => Err((
                format!(
                    "end tag `{}` does not match start tag `{}`",
                    super::truncate(name, 64),
                    super::truncate(open, 64)
                ),
                at,
            )),
            None => Err((
                format!(
                    "end tag `{}` without a start tag",
                    super::truncate(name, 64)
                ),
                at,
            )),
        }
    }

    fn start_tag(&mut self) -> Result<Tok<'a>, LexError> {
        let at = self.pos;
        let b = self.bytes();
        // The name, up to whitespace, `/` or `>`; a tag without attributes ends right there.
        let mut i = at + 1;
        let mut colon = 0;
        while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>') {
            if b[i] == b':' && colon == 0 {
                colon = i - at;
            }
            i += 1;
        }
        if i == at + 1 {
            return Err(("a start tag without a name".into(), at));
        }
        let qname = &self.src[at + 1..i];
        let (attrs_end, gt) = match (b.get(i), b.get(i + 1)) {
            (Some(b'>'), _) => (i, i),
            (Some(b'/'), Some(b'>')) => (i + 1, i + 1),
            _ => {
                let gt = tag_end(&b[i..]).ok_or_else(|| ("unclosed start tag".to_owned(), at))?;
                (i + gt, i + gt)
            }
        };
        let empty = b[gt - 1] == b'/' && gt > i;
        let attrs_end = if empty { gt - 1 } else { attrs_end };
        let attrs = &self.src[i..attrs_end.max(i)];
        self.pos = gt + 1;
        if !empty {
            self.open.push(qname);
        }
        Ok(Tok::Start {
            qname,
            local_at: colon,
            attrs,
            empty,
        })
    }
}

/// The offset of the `>` closing a start tag, skipping quoted attribute values.
fn tag_end(b: &[u8]) -> Option<usize> {
    let mut quote = 0u8;
    for i in memchr3_iter(b'>', b'\'', b'"', b) {
        match (quote, b[i]) {
            (0, b'>') => return Some(i),
            (0, q) => quote = q,
            (q, c) if q == c => quote = 0,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{Lexer, Tok};

    fn toks(doc: &str) -> Vec<Tok<'_>> {
        let mut l = Lexer::new(doc);
        let mut v = Vec::new();
        loop {
            match l.next().unwrap() {
                Tok::Eof => return v,
                t => v.push(t),
            }
        }
    }

    #[test]
    fn tags_text_references_and_sections() {
        let doc = r#"<?xml version="1.0"?><a:r x='1>' y="2"><b/><c >t&amp;u</c ><!-- - --><![CDATA[<x>]]><?pi d?></a:r>"#;
        let t = toks(doc);
        assert_eq!(t[0], Tok::Decl);
        assert_eq!(
            t[1],
            Tok::Start {
                qname: "a:r",
                local_at: 2,
                attrs: r#" x='1>' y="2""#,
                empty: false
            }
        );
        assert_eq!(
            t[2],
            Tok::Start {
                qname: "b",
                local_at: 0,
                attrs: "",
                empty: true
            }
        );
        assert_eq!(
            t[3],
            Tok::Start {
                qname: "c",
                local_at: 0,
                attrs: " ",
                empty: false
            }
        );
        assert_eq!(&t[4..7], &[Tok::Text("t"), Tok::Ref("amp"), Tok::Text("u")]);
        assert_eq!(
            &t[7..],
            &[
                Tok::End,
                Tok::Ignored,
                Tok::CData("<x>"),
                Tok::Ignored,
                Tok::End
            ]
        );
    }

    #[test]
    fn empty_tag_with_attributes() {
        let t = toks(r#"<a k="v"/>"#);
        let want = Tok::Start {
            qname: "a",
            local_at: 0,
            attrs: r#" k="v""#,
            empty: true,
        };
        assert_eq!(t, vec![want]);
    }

    #[test]
    fn leaf_text_consumes_text_and_matching_end_only() {
        let mut l = Lexer::new("<a><b>xy</b><c>p&lt;</c><d>q</e></a>");
        l.next().unwrap();
        l.next().unwrap();
        assert_eq!(l.leaf_text(), Some("xy"));
        l.next().unwrap();
        assert_eq!(l.leaf_text(), None, "a reference is the slow path");
        assert_eq!(l.next().unwrap(), Tok::Text("p"));
        assert_eq!(l.next().unwrap(), Tok::Ref("lt"));
        assert_eq!(l.leaf_text(), Some(""));
        l.next().unwrap();
        assert_eq!(l.leaf_text(), None, "a mismatched end tag is not consumed");
        assert_eq!(l.next().unwrap(), Tok::Text("q"));
        assert!(l.next().is_err());
    }

    #[test]
    fn leaf_text_needs_the_whole_name() {
        let mut l = Lexer::new("<ab>x</a></ab>");
        l.next().unwrap();
        assert_eq!(l.leaf_text(), None);
        let mut l = Lexer::new("<a>x</ab>");
        l.next().unwrap();
        assert_eq!(l.leaf_text(), None);
    }

    #[test]
    fn malformed_markup_is_an_error() {
        for doc in [
            "<a>",
            "<a></b>",
            "</a>",
            "<a x='1>",
            "<!-- x",
            "<![CDATA[x",
            "<?pi",
            "<a>&amp</a>",
            "<a>x & y</a>",
            "<!ELEMENT>",
            "< a/>",
            "<a>x</a",
        ] {
            let mut l = Lexer::new(doc);
            let r = (0..8).try_for_each(|_| l.next().map(|_| ()));
            let open = !l.open.is_empty();
            assert!(r.is_err() || open, "{doc}");
        }
        assert_eq!(Lexer::new("<!DOCTYPE x>").next(), Ok(Tok::DocType));
    }
}
