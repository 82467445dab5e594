//! Streaming reader over a byte slice: a borrowing tokenizer over the document (validated
//! as UTF-8 once), a light namespace stack, an element stack for error paths, a nesting
//! limit and a decode budget. No DOM.

mod attrs;
mod budget;
mod capture;
mod complex;
mod group;
mod lex;
mod multiref;
mod ns;

use std::borrow::Cow;

use quick_xml::events::attributes::Attributes;

use super::error::{DecodeError, DecodeErrorKind, ParseError, ReadResult, Result};
use super::name::{QName, XSI_NS, split_qname};
use super::traits::Simple;
pub use budget::{DEFAULT_BUDGET_FLOOR, DEFAULT_BUDGET_PER_BYTE};
pub use group::{GroupAt, GroupSlot};
use lex::{Lexer, Tok};
use ns::NsStack;

/// Default limit on element nesting: deep enough for any real SOAP message, shallow enough
/// that the recursive typed read never nears a thread's stack size.
pub const DEFAULT_MAX_DEPTH: usize = 256;

/// Limits applied while reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderLimits {
    /// Deepest element nesting accepted; deeper is a [`DecodeErrorKind::TooDeep`] error.
    pub max_depth: usize,
    /// Decode budget per byte of document: the values read may take about
    /// `max(budget_floor, budget_per_byte * document length)` bytes of memory (struct sizes,
    /// vector capacity, string lengths); more is a [`DecodeErrorKind::BudgetExceeded`] error.
    /// Default [`DEFAULT_BUDGET_PER_BYTE`].
    pub budget_per_byte: u64,
    /// The least decode budget, whatever the document's length. Default
    /// [`DEFAULT_BUDGET_FLOOR`]. `u64::MAX` turns the budget off.
    pub budget_floor: u64,
}

impl Default for ReaderLimits {
    fn default() -> Self {
        Self {
            max_depth: DEFAULT_MAX_DEPTH,
            budget_per_byte: DEFAULT_BUDGET_PER_BYTE,
            budget_floor: DEFAULT_BUDGET_FLOOR,
        }
    }
}

impl ReaderLimits {
    /// The decode budget, in bytes, for a document of `len` bytes.
    pub fn budget_for(&self, len: usize) -> u64 {
        self.budget_per_byte
            .saturating_mul(len as u64)
            .max(self.budget_floor)
    }
}

/// An element whose start tag was read and whose end tag was not.
#[derive(Debug, Clone, Copy)]
struct Open<'a> {
    qname: &'a str,
    ns_mark: usize,
    empty: bool,
}

/// A start tag just read, borrowed from the document, with its `xsi:type`/`xsi:nil` noted.
#[derive(Debug, Clone)]
pub struct Start<'a> {
    qname: &'a str,
    /// Where the local part of `qname` starts: after the first `:`, else 0.
    local_at: usize,
    attrs: &'a str,
    empty: bool,
    nil: bool,
    /// `xsi:type` and `href`, boxed: few tags carry them, and every start tag is moved
    /// through a `Result<Option<Start>>` (two `Option<Cow<str>>` inline made it 40 bytes
    /// larger for every element of a document).
    typed: Option<Box<Typed<'a>>>,
    pos: u64,
    inner: usize,
}

/// The rarer attributes of a start tag the reader notes.
#[derive(Debug, Clone, Default)]
struct Typed<'a> {
    xsi_type: Option<Cow<'a, str>>,
    /// A SOAP-encoding multi-reference (`href="#id"`), noted inside encoded bodies only.
    href: Option<Cow<'a, str>>,
}

impl<'a> Start<'a> {
    /// The element name as written (`prefix:local`).
    pub fn qname(&self) -> &'a str {
        self.qname
    }
    /// The local part of the element name.
    #[inline]
    pub fn local(&self) -> &'a str {
        &self.qname[self.local_at..]
    }
    /// The prefix of the element name (`""` when none).
    #[inline]
    pub fn prefix(&self) -> &'a str {
        &self.qname[..self.local_at.saturating_sub(1)]
    }
    /// True for a self-closing tag (`<a/>`).
    pub fn is_empty(&self) -> bool {
        self.empty
    }
    /// True when the tag carries `xsi:nil="true"` (whatever prefix binds the XSI namespace).
    pub fn is_nil(&self) -> bool {
        self.nil
    }
    /// The `xsi:type` value as written, if any.
    pub fn xsi_type_lexical(&self) -> Option<&str> {
        self.xsi_type_cow().map(|t| &**t)
    }
    fn xsi_type_cow(&self) -> Option<&Cow<'a, str>> {
        self.typed.as_ref()?.xsi_type.as_ref()
    }
    /// Byte offset of the tag in the document.
    pub fn offset(&self) -> u64 {
        self.pos
    }
    fn has_attrs(&self) -> bool {
        has_attrs(self.attrs)
    }
    /// True for a SOAP-encoding multi-reference accessor (`href="#id"`).
    pub(crate) fn has_href(&self) -> bool {
        self.href().is_some()
    }
    /// The multi-reference accessor's `href`, if any.
    fn href(&self) -> Option<&str> {
        self.typed.as_ref()?.href.as_deref()
    }
    fn typed_mut(&mut self) -> &mut Typed<'a> {
        self.typed.get_or_insert_with(Box::default)
    }
    /// The attributes as written (after the element name), for callers that look for one.
    pub(crate) fn raw_attrs(&self) -> &'a str {
        self.attrs
    }
}

fn has_attrs(raw: &str) -> bool {
    raw.bytes().any(|b| !b.is_ascii_whitespace())
}

/// The streaming reader generated code reads through.
#[derive(Debug)]
pub struct Reader<'a> {
    lex: Lexer<'a>,
    src: &'a str,
    base: u64,
    /// Offset of the token being handled (for errors).
    pos: u64,
    ns: NsStack<'a>,
    stack: Vec<Open<'a>>,
    max_depth: usize,
    /// Bytes of memory the values read so far are charged with, and the limit.
    spent: u64,
    budget: u64,
    /// Set while a wildcard (`xsd:any`) field reads its element: `AnyValue` then keeps its name.
    wildcard: bool,
    /// While `read_field` runs: the table index the previous sibling matched (choice groups).
    prev_field: Option<usize>,
    /// Set inside a SOAP-encoded body (`soap::encoded`): fields match by local name alone,
    /// and multi-reference accessors (`href`) are followed.
    pub(crate) encoded: bool,
    /// The `id`s of the document, indexed when the first multi-reference is met.
    refs: Option<std::rc::Rc<multiref::Index<'a>>>,
    /// How many multi-references deep this reader is (bounds cycles).
    ref_depth: usize,
}

/// True when `bytes` holds a C0 control other than tab/LF, a CR (line ends to normalise),
/// or a 0xEF lead byte (U+F000..U+FFFF, where U+FFFE/U+FFFF live). Branch-free within
/// 64-byte chunks so the compiler vectorizes it: a short-circuiting `any` does not, and this
/// scan runs over every text byte.
fn has_suspicious_byte(bytes: &[u8]) -> bool {
    let bad = |b: u8| ((b < 0x20) & (b != b'\t') & (b != b'\n')) | (b == 0xEF);
    let mut chunks = bytes.chunks_exact(64);
    for chunk in &mut chunks {
        if chunk.iter().fold(false, |acc, &b| acc | bad(b)) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| bad(b))
}

impl<'a> Reader<'a> {
    /// A reader over `xml` with default limits. Fails when `xml` is not UTF-8.
    pub fn new(xml: &'a [u8]) -> Result<Self> {
        Self::with_limits(xml, ReaderLimits::default())
    }

    /// A reader over `xml` with the given limits.
    pub fn with_limits(xml: &'a [u8], limits: ReaderLimits) -> Result<Self> {
        let (src, base) = match xml.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (rest, 3),
            None => (xml, 0),
        };
        // One UTF-8 pass over the whole document (fast: mostly ASCII); no token is
        // validated again.
        let src = std::str::from_utf8(src).map_err(|e| {
            let at = (e.valid_up_to() + base) as u64;
            DecodeError::new(DecodeErrorKind::InvalidUtf8, String::new(), at)
        })?;
        Ok(Self {
            lex: Lexer::new(src),
            src,
            base: base as u64,
            pos: 0,
            ns: NsStack::new(),
            stack: Vec::with_capacity(32),
            max_depth: limits.max_depth,
            spent: 0,
            budget: limits.budget_for(xml.len()),
            wildcard: false,
            prev_field: None,
            encoded: false,
            refs: None,
            ref_depth: 0,
        })
    }

    /// Reads the prolog and the document element's start tag.
    pub fn root(&mut self) -> Result<Start<'a>> {
        loop {
            match self.event()? {
                Tok::Start {
                    qname,
                    local_at,
                    attrs,
                    empty,
                } => return self.open(qname, local_at, attrs, empty),
                Tok::Text(t) if t.trim_ascii().is_empty() => {}
                Tok::Decl | Tok::Ignored => {}
                Tok::Eof => return Err(self.err(DecodeErrorKind::UnexpectedEof)),
                _ => return Err(self.err(DecodeErrorKind::UnexpectedText)),
            }
        }
    }

    /// After the document element: accepts only comments, PIs and whitespace up to the end.
    pub fn end_document(&mut self) -> ReadResult {
        loop {
            match self.event()? {
                Tok::Eof => return Ok(()),
                Tok::Text(t) if t.trim_ascii().is_empty() => {}
                Tok::Ignored => {}
                _ => return Err(self.err(DecodeErrorKind::UnexpectedText)),
            }
        }
    }

    /// The next child element of the current element, or `None` at its end tag. The element
    /// stays open after `None`: call [`close`](Self::close) (after any checks that want
    /// its path). Text between children is ignored (complex content).
    pub fn next_child(&mut self) -> Result<Option<Start<'a>>> {
        if self.stack.last().is_none_or(|o| o.empty) {
            return Ok(None);
        }
        loop {
            match self.event()? {
                Tok::Start {
                    qname,
                    local_at,
                    attrs,
                    empty,
                } => return self.open(qname, local_at, attrs, empty).map(Some),
                Tok::End => return Ok(None),
                Tok::Ref(r) => {
                    self.resolve_ref(r)?;
                }
                Tok::Eof => return Err(self.err(DecodeErrorKind::UnexpectedEof)),
                _ => {}
            }
        }
    }

    /// Pops the current element (its end tag has been read, or it was empty).
    pub fn close(&mut self) {
        if let Some(o) = self.stack.pop() {
            self.ns.truncate(o.ns_mark);
        }
    }

    /// Current nesting depth (open elements).
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    /// Reads the text content of element `s` through its end tag: text, the five predefined
    /// entities, character references and CDATA, with XML line-end normalisation. Borrows
    /// from the document unless unescaping was needed.
    pub fn text(&mut self, s: &Start<'_>) -> Result<Cow<'a, str>> {
        let _ = s;
        let t = self.text_open()?;
        self.close();
        Ok(t)
    }

    /// Reads element `s`'s text as a qualified name (a SOAP faultcode), resolving its prefix
    /// in the element's own scope: (the trimmed text, its namespace or `None` when the
    /// prefix is undeclared).
    pub fn text_qname(&mut self, s: &Start<'_>) -> Result<(String, Option<String>)> {
        let _ = s;
        let t = self.text_open()?;
        let lexical = t
            .trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
            .to_owned();
        let ns = self
            .ns
            .resolve(split_qname(&lexical).0)
            .map(|u| u.to_string());
        self.close();
        Ok((lexical, ns))
    }

    /// The text up to the current element's end tag, leaving the element open.
    fn text_open(&mut self) -> Result<Cow<'a, str>> {
        if self.stack.last().is_none_or(|o| o.empty) {
            return Ok(Cow::Borrowed(""));
        }
        // Fast path: plain text right up to the end tag (the bulk of SOAP payloads).
        let at = self.lex.pos();
        if let Some(t) = self.lex.leaf_text() {
            if !has_suspicious_byte(t.as_bytes()) {
                return Ok(Cow::Borrowed(t));
            }
            self.pos = at as u64;
            self.check_chars(t)?;
            return Ok(normalize_eol(t));
        }
        let mut acc: Cow<'a, str> = Cow::Borrowed("");
        loop {
            match self.event()? {
                Tok::Text(t) | Tok::CData(t) => append(&mut acc, normalize_eol(t)),
                Tok::Ref(r) => {
                    let c = self.resolve_ref(r)?;
                    acc.to_mut().push(c);
                }
                Tok::Start { qname, .. } => {
                    let name = qname.to_owned();
                    return Err(self.err(DecodeErrorKind::UnexpectedElement { name }));
                }
                Tok::End => {
                    self.check_chars(&acc)?;
                    return Ok(acc);
                }
                Tok::Eof => return Err(self.err(DecodeErrorKind::UnexpectedEof)),
                _ => {}
            }
        }
    }

    /// The text of element `s` through its end tag, for values whose own parser rejects
    /// every byte outside a small ASCII alphabet (base64): plain text skips the XML-character
    /// and line-end passes, which that parser makes redundant.
    pub(crate) fn text_unchecked(&mut self, s: &Start<'_>) -> Result<Cow<'a, str>> {
        if self.stack.last().is_none_or(|o| o.empty) {
            self.close();
            return Ok(Cow::Borrowed(""));
        }
        match self.lex.leaf_text() {
            Some(t) => {
                self.close();
                Ok(Cow::Borrowed(t))
            }
            None => self.text(s),
        }
    }

    /// Refuses characters XML 1.0 cannot carry (C0 controls other than tab, LF and CR;
    /// U+FFFE; U+FFFF) in text taken from the document: quick-xml passes them through, the
    /// document is then not well-formed, and a value holding one could not be written back.
    pub(crate) fn check_chars(&self, text: &str) -> ReadResult {
        // Fast path: no control byte and no 0xEF lead byte (U+F000..U+FFFF) at all.
        if !has_suspicious_byte(text.as_bytes()) {
            return Ok(());
        }
        match text.chars().find(|&c| !is_xml_char(c)) {
            None => Ok(()),
            Some(c) => Err(self.err(DecodeErrorKind::Syntax(format!(
                "character U+{:04X} is not allowed in XML 1.0",
                c as u32
            )))),
        }
    }

    /// Reads element `s` as a [`Simple`] value.
    pub fn simple<T: Simple>(&mut self, s: &Start<'_>) -> Result<T> {
        // `match`es, not `?` or `map_err` with a closure: this is instantiated for every
        // enum, and `?` would add `FromResidual` glue for each.
        #[allow(clippy::question_mark)]
        let text = match self.text(s) {
            Ok(text) => text,
            Err(e) => return Err(e),
        };
        match T::parse_text(&text) {
            Ok(v) => Ok(v),
            Err(e) => Err(self.invalid_value(e, &text, s)),
        }
    }

    /// Skips element `s` and everything inside it (iteratively: depth costs no stack).
    pub fn skip(&mut self, s: &Start<'_>) -> ReadResult {
        let _ = s;
        self.skip_current()
    }

    fn skip_current(&mut self) -> ReadResult {
        if self.stack.last().is_none_or(|o| o.empty) {
            self.close();
            return Ok(());
        }
        let mut depth = 0usize;
        loop {
            match self.event()? {
                Tok::Start { empty: false, .. } => {
                    depth += 1;
                    if self.stack.len() + depth > self.max_depth {
                        return Err(self.too_deep());
                    }
                }
                Tok::End if depth == 0 => {
                    self.close();
                    return Ok(());
                }
                Tok::End => depth -= 1,
                Tok::Ref(r) => {
                    self.resolve_ref(r)?;
                }
                Tok::Eof => return Err(self.err(DecodeErrorKind::UnexpectedEof)),
                _ => {}
            }
        }
    }

    /// The resolved name of element `s`.
    pub fn name<'s>(&self, s: &Start<'s>) -> Result<QName<'s>> {
        let uri = self.resolve_prefix(s.prefix(), s.pos)?;
        Ok(QName::new(uri, Cow::Borrowed(s.qname)))
    }

    /// The resolved `xsi:type` of element `s`, if it has one. The prefix of its value is
    /// resolved through the namespaces in scope at `s` (an unprefixed value takes the
    /// default namespace); an undeclared prefix is an error.
    pub fn xsi_type<'s>(&self, s: &Start<'s>) -> Result<Option<QName<'s>>> {
        let Some(lexical) = s.xsi_type_cow() else {
            return Ok(None);
        };
        let uri = self.resolve_prefix(split_qname(lexical).0, s.pos)?;
        Ok(Some(QName::new(uri, lexical.clone())))
    }

    /// The error for a body (or document) root element no dispatch arm knows.
    pub fn unexpected_body(&self, s: &Start<'_>) -> DecodeError {
        let name = match self.name(s) {
            Ok(n) => n.to_string(),
            Err(e) => return e,
        };
        self.err_at(DecodeErrorKind::UnexpectedBody { name }, s.pos)
    }

    fn resolve_prefix(&self, prefix: &str, pos: u64) -> Result<std::rc::Rc<str>> {
        match self.ns.resolve(prefix) {
            Some(uri) => Ok(uri.clone()),
            None => Err(self.err_at(
                DecodeErrorKind::UndefinedPrefix {
                    prefix: prefix.to_owned(),
                },
                pos,
            )),
        }
    }

    /// Reads one token, refusing DTDs and adding the path to syntax errors.
    #[inline]
    fn event(&mut self) -> Result<Tok<'a>> {
        self.pos = self.lex.pos() as u64;
        match self.lex.next() {
            Ok(Tok::DocType) => Err(self.err(DecodeErrorKind::Doctype)),
            Ok(t) => Ok(t),
            Err((msg, at)) => Err(DecodeError::new(
                DecodeErrorKind::Syntax(msg),
                self.path(),
                at as u64 + self.base,
            )),
        }
    }

    /// Pushes a start tag: nesting check, namespace declarations, xsi:type / xsi:nil.
    /// A tag without attributes (the usual case) touches no namespace state.
    #[inline]
    fn open(
        &mut self,
        qname: &'a str,
        local_at: usize,
        attrs: &'a str,
        empty: bool,
    ) -> Result<Start<'a>> {
        if self.stack.len() >= self.max_depth {
            return Err(self.too_deep());
        }
        let mut start = Start {
            qname,
            local_at,
            attrs,
            empty,
            nil: false,
            typed: None,
            pos: self.pos + self.base,
            inner: self.lex.pos(),
        };
        let ns_mark = self.ns.len();
        if start.has_attrs() {
            if start.attrs.contains('<') {
                return Err(self.err(DecodeErrorKind::Syntax("`<` inside a start tag".into())));
            }
            self.scan_attrs(&mut start)?;
        }
        self.stack.push(Open {
            qname: start.qname,
            ns_mark,
            empty,
        });
        Ok(start)
    }

    /// Declares the tag's namespaces, then notes xsi:type / xsi:nil (their prefix may be
    /// declared on the same tag).
    fn scan_attrs(&mut self, start: &mut Start<'a>) -> ReadResult {
        let mut xsi: [Option<(&'a str, bool, Cow<'a, str>)>; 2] = [None, None];
        let mut n = 0;
        for a in Attributes::new(start.attrs, 0) {
            let a = a.map_err(|e| self.err(DecodeErrorKind::Syntax(e.to_string())))?;
            let key = a.key.0;
            let value = self.attr_value(&a)?;
            if let Some(p) = ns::declared_prefix(key) {
                self.ns.push(p, &value);
            } else if self.encoded && key == "href" {
                start.typed_mut().href = Some(value);
            } else if let Some((p, l)) = key.split_once(':')
                && (l == "type" || l == "nil")
                && n < 2
            {
                xsi[n] = Some((p, l == "type", value));
                n += 1;
            }
        }
        for (p, is_type, value) in xsi.into_iter().flatten() {
            if self.ns.resolve(p).is_some_and(|u| &**u == XSI_NS) {
                if is_type {
                    start.typed_mut().xsi_type = Some(trim_cow(value));
                } else {
                    start.nil = matches!(value.trim(), "true" | "1");
                }
            }
        }
        Ok(())
    }

    /// The unescaped, normalised value of an attribute.
    fn attr_value(&self, a: &quick_xml::events::attributes::Attribute<'a>) -> Result<Cow<'a, str>> {
        let v = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| self.err(DecodeErrorKind::Syntax(e.to_string())))?;
        self.check_chars(&v)?;
        Ok(v)
    }

    /// Resolves `&name;`: the five predefined entities and character references of XML
    /// characters. Anything else is an error (there is no DTD to define it).
    fn resolve_ref(&self, r: &str) -> Result<char> {
        let c = predefined_entity(r).or_else(|| char_ref(r).filter(|&c| is_xml_char(c)));
        c.ok_or_else(|| self.err(DecodeErrorKind::UnknownEntity(truncate(r, 32))))
    }

    /// `/a/b/c` of the open elements (local names).
    fn path(&self) -> String {
        let mut p = String::new();
        for o in &self.stack {
            p.push('/');
            p.push_str(split_qname(o.qname).1);
        }
        p
    }

    /// The namespace `prefix` is bound to at the current element, if any.
    pub(crate) fn ns_uri(&self, prefix: &str) -> Option<std::rc::Rc<str>> {
        self.ns.resolve(prefix).cloned()
    }

    /// An error of `kind` at byte `at`, with the current element path.
    pub(crate) fn error_at(&self, kind: DecodeErrorKind, at: u64) -> DecodeError {
        self.err_at(kind, at)
    }

    fn err(&self, kind: DecodeErrorKind) -> DecodeError {
        self.err_at(kind, self.pos + self.base)
    }

    fn err_at(&self, kind: DecodeErrorKind, at: u64) -> DecodeError {
        DecodeError::new(kind, self.path(), at)
    }

    fn too_deep(&self) -> DecodeError {
        self.err(DecodeErrorKind::TooDeep {
            limit: self.max_depth,
        })
    }

    /// An unparsable value of element `s` (already closed: its name is appended).
    pub(crate) fn invalid_value(&self, e: ParseError, text: &str, s: &Start<'_>) -> DecodeError {
        let mut path = self.path();
        if self
            .stack
            .last()
            .is_none_or(|o| !std::ptr::eq(o.qname, s.qname))
        {
            path.push('/');
            path.push_str(s.local());
        }
        DecodeError::new(e.kind(text), path, s.pos)
    }
}

/// The character of a reference `#123` or `#x7B`.
/// The character of one of XML's five predefined entities (`lt`, `gt`, `amp`, `apos`,
/// `quot`), by name.
pub(crate) fn predefined_entity(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    }
}

fn char_ref(r: &str) -> Option<char> {
    let n = r.strip_prefix('#')?;
    let (digits, radix) = match n.strip_prefix('x') {
        Some(h) => (h, 16),
        None => (n, 10),
    };
    if digits.is_empty() || digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    char::from_u32(u32::from_str_radix(digits, radix).ok()?)
}

/// XML 1.0 line-end normalisation of a raw text piece: CR LF and lone CR become LF.
fn normalize_eol(t: &str) -> Cow<'_, str> {
    if !t.contains('\r') {
        return Cow::Borrowed(t);
    }
    Cow::Owned(t.replace("\r\n", "\n").replace('\r', "\n"))
}

fn append<'a>(acc: &mut Cow<'a, str>, piece: Cow<'a, str>) {
    if acc.is_empty() {
        *acc = piece;
    } else {
        acc.to_mut().push_str(&piece);
    }
}

fn trim_cow(v: Cow<'_, str>) -> Cow<'_, str> {
    match v {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) if s.trim().len() == s.len() => Cow::Owned(s),
        Cow::Owned(s) => Cow::Owned(s.trim().to_owned()),
    }
}

/// String equality for the short names compared on every element. libc's `memcmp` (what
/// `==` calls) costs far more than the comparison itself for strings this short, on some
/// machines dramatically so; eight bytes at a time in registers is plenty.
#[inline]
pub(crate) fn name_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut ca = a.chunks_exact(8);
    let mut cb = b.chunks_exact(8);
    for (x, y) in ca.by_ref().zip(cb.by_ref()) {
        if u64::from_ne_bytes(x.try_into().unwrap_or_default())
            != u64::from_ne_bytes(y.try_into().unwrap_or_default())
        {
            return false;
        }
    }
    ca.remainder()
        .iter()
        .zip(cb.remainder())
        .all(|(x, y)| x == y)
}

/// The `Char` production of XML 1.0.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

pub(crate) fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::has_suspicious_byte;

    #[test]
    fn suspicious_bytes_found_in_every_chunk_and_the_remainder() {
        let clean = vec![b'A'; 200];
        assert!(!has_suspicious_byte(&clean));
        assert!(!has_suspicious_byte(b"tab\tlf\n"));
        for at in [0, 63, 64, 127, 128, 199] {
            for bad in [0x00, 0x01, 0x1F, 0xEF, b'\r'] {
                let mut v = clean.clone();
                v[at] = bad;
                assert!(has_suspicious_byte(&v), "byte {bad:#x} at {at}");
            }
        }
    }
}
