//! Writing XML into a `Vec<u8>` with namespace bookkeeping.
//!
//! Elements are written unprefixed: an element in namespace N gets `xmlns="N"` unless N is
//! already the default namespace (`xmlns=""` for an unqualified element under a default).
//! Prefixes are needed only for `xsi:type` values, `xsi:` attributes and qualified
//! attributes; a prefix not in scope is declared once on the document element (the
//! declarations are spliced into its start tag when the writer finishes), so output is
//! compact and deterministic.

mod escape;
mod fields;

use std::borrow::Cow;

pub use escape::TextSink;
pub(crate) use escape::escape_into;

use super::error::{EncodeError, EncodeErrorKind, WriteResult};
use super::name::{Name, XML_NS, XSD_NS, XSI_NS};

#[derive(Debug, Clone)]
struct Binding {
    prefix: Cow<'static, str>,
    uri: Cow<'static, str>,
}

#[derive(Debug)]
struct Frame {
    /// Bindings to drop when the element closes.
    mark: usize,
    /// Where the element's qualified name sits in the output (copied into the end tag).
    name_at: usize,
    name_len: usize,
}

/// String equality with a pointer shortcut: namespace URIs are mostly the same `'static`
/// string of the generated tables, compared once per element written.
#[inline]
fn same_str(a: &str, b: &str) -> bool {
    (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || super::reader::name_eq(a, b)
}

/// Writes elements into a growing byte buffer.
#[derive(Debug)]
pub struct Writer {
    sink: TextSink,
    bindings: Vec<Binding>,
    frames: Vec<Frame>,
    /// Start tag still open (`<a x="1"` written, `>` not yet).
    open_tag: bool,
    /// Where to splice declarations into the document element's start tag.
    root_decl_at: Option<usize>,
    root_extra: Vec<Binding>,
    next_prefix: u32,
    /// A field element (at a given depth) to leave out: the SessionHeader the runtime writes.
    suppress: Option<(Name, usize)>,
    /// Set inside a SOAP-encoded body (`soap::encoded`): field elements are written
    /// unqualified, as SOAP encoding names accessors.
    pub(crate) encoded: bool,
}

impl Default for Writer {
    fn default() -> Self {
        Self::new()
    }
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Self {
        Self::with_capacity(4096)
    }

    /// An empty writer whose buffer holds `cap` bytes before growing.
    pub fn with_capacity(cap: usize) -> Self {
        Self {
            sink: TextSink {
                out: Vec::with_capacity(cap),
                attr: false,
            },
            bindings: Vec::with_capacity(8),
            frames: Vec::with_capacity(32),
            open_tag: false,
            root_decl_at: None,
            root_extra: Vec::new(),
            next_prefix: 1,
            suppress: None,
            encoded: false,
        }
    }

    /// Writes the XML declaration (call first).
    pub fn declaration(&mut self) {
        self.sink
            .out
            .extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    }

    /// The finished document. Declarations deferred to the document element are spliced in.
    pub fn into_bytes(mut self) -> Vec<u8> {
        self.close_open_tag();
        let mut out = self.sink.out;
        if let (Some(at), false) = (self.root_decl_at, self.root_extra.is_empty()) {
            let mut decls = Vec::new();
            for b in &self.root_extra {
                decls.extend_from_slice(b" xmlns:");
                decls.extend_from_slice(b.prefix.as_bytes());
                decls.extend_from_slice(b"=\"");
                let _ = escape_into(&mut decls, &b.uri, true);
                decls.push(b'"');
            }
            out.splice(at..at, decls);
        }
        out
    }

    /// Bytes written so far (without deferred declarations).
    pub fn len(&self) -> usize {
        self.sink.out.len()
    }

    /// True when nothing was written.
    pub fn is_empty(&self) -> bool {
        self.sink.out.is_empty()
    }

    /// Open elements.
    pub fn depth(&self) -> usize {
        self.frames.len()
    }

    /// Leaves out field elements named `name` written at the current depth + 1 (used to
    /// replace a caller-set SessionHeader with the runtime's own).
    pub(crate) fn set_suppress(&mut self, name: Option<Name>) {
        self.suppress = name.map(|n| (n, self.frames.len()));
    }

    #[inline]
    fn suppressed(&self, n: &Name) -> bool {
        matches!(&self.suppress, Some((s, d)) if *d == self.frames.len() && s == n)
    }

    /// The bytes written from offset `at` on.
    pub(crate) fn written_since(&self, at: usize) -> &[u8] {
        self.sink.out.get(at..).unwrap_or_default()
    }

    /// Inserts `bytes` at offset `at` (inside an element already closed).
    pub(crate) fn insert_at(&mut self, at: usize, bytes: &[u8]) {
        self.sink.out.splice(at..at, bytes.iter().copied());
    }

    /// Cuts the output back to `len` bytes (to drop an empty block such as a SOAP Header).
    pub(crate) fn truncate(&mut self, len: usize) {
        self.sink.out.truncate(len);
    }

    fn close_open_tag(&mut self) {
        if self.open_tag {
            self.sink.out.push(b'>');
            self.open_tag = false;
        }
    }

    /// The default namespace in scope (`""`: none).
    fn default_ns(&self) -> &str {
        self.bindings
            .iter()
            .rev()
            .find(|b| b.prefix.is_empty())
            .map_or("", |b| &b.uri)
    }

    /// Opens element `local` in namespace `ns`, unprefixed (declaring the default namespace
    /// on it when needed). Attributes may follow until content or the end is written.
    pub fn start_element(&mut self, ns: &'static str, local: &str) -> WriteResult {
        self.start_cow(Cow::Borrowed(ns), local)
    }

    pub(crate) fn start_cow(&mut self, ns: Cow<'static, str>, local: &str) -> WriteResult {
        self.begin_tag("", local)?;
        if !same_str(self.default_ns(), &ns) {
            self.write_decl("", &ns);
            self.bindings.push(Binding {
                prefix: Cow::Borrowed(""),
                uri: ns,
            });
        }
        Ok(())
    }

    /// Opens element `prefix:local` in namespace `ns`, declaring `prefix` on it unless it is
    /// bound to `ns` already.
    pub fn start_prefixed(
        &mut self,
        prefix: &'static str,
        ns: &'static str,
        local: &str,
    ) -> WriteResult {
        self.start_prefixed_cow(Cow::Borrowed(prefix), Cow::Borrowed(ns), local)
    }

    pub(crate) fn start_prefixed_cow(
        &mut self,
        prefix: Cow<'static, str>,
        ns: Cow<'static, str>,
        local: &str,
    ) -> WriteResult {
        self.begin_tag(&prefix, local)?;
        if self.lookup(&prefix) != Some(&*ns) {
            self.write_decl(&prefix, &ns);
            self.bindings.push(Binding { prefix, uri: ns });
        }
        Ok(())
    }

    fn begin_tag(&mut self, prefix: &str, local: &str) -> WriteResult {
        if local.is_empty() {
            return Err(EncodeError::new(
                EncodeErrorKind::InvalidName(String::new()),
            ));
        }
        self.close_open_tag();
        let out = &mut self.sink.out;
        out.push(b'<');
        let name_at = out.len();
        if !prefix.is_empty() {
            out.extend_from_slice(prefix.as_bytes());
            out.push(b':');
        }
        out.extend_from_slice(local.as_bytes());
        let name_len = out.len() - name_at;
        self.frames.push(Frame {
            mark: self.bindings.len(),
            name_at,
            name_len,
        });
        if self.frames.len() == 1 {
            self.root_decl_at = Some(self.sink.out.len());
        }
        self.open_tag = true;
        Ok(())
    }

    /// Declares `prefix` -> `uri` on the open start tag (`prefix` empty: default namespace).
    pub(crate) fn declare(&mut self, prefix: Cow<'static, str>, uri: Cow<'static, str>) {
        self.write_decl(&prefix, &uri);
        self.bindings.push(Binding { prefix, uri });
    }

    fn write_decl(&mut self, prefix: &str, uri: &str) {
        let out = &mut self.sink.out;
        if prefix.is_empty() {
            out.extend_from_slice(b" xmlns=\"");
        } else {
            out.extend_from_slice(b" xmlns:");
            out.extend_from_slice(prefix.as_bytes());
            out.extend_from_slice(b"=\"");
        }
        // Namespace URIs come from schemas or documents: escaping keeps the tag well-formed.
        let _ = escape_into(out, uri, true);
        out.push(b'"');
    }

    /// The URI `prefix` is bound to here.
    pub(crate) fn lookup(&self, prefix: &str) -> Option<&str> {
        if let Some(b) = self.bindings.iter().rev().find(|b| b.prefix == prefix) {
            return Some(&b.uri);
        }
        self.root_extra
            .iter()
            .find(|b| b.prefix == prefix)
            .map(|b| &*b.uri)
    }

    /// A prefix bound to `uri` here, declaring one (on the document element) if none is.
    pub(crate) fn prefix_for(&mut self, uri: &str) -> Cow<'static, str> {
        // The XML namespace is bound to `xml` by definition and may not be declared.
        if uri == XML_NS {
            return Cow::Borrowed("xml");
        }
        for (i, b) in self.bindings.iter().enumerate().rev() {
            if !b.prefix.is_empty()
                && b.uri == uri
                && !self.bindings[i + 1..].iter().any(|x| x.prefix == b.prefix)
            {
                return b.prefix.clone();
            }
        }
        if let Some(b) = self.root_extra.iter().find(|b| b.uri == uri)
            && !self.bindings.iter().any(|x| x.prefix == b.prefix)
        {
            return b.prefix.clone();
        }
        let prefix = self.fresh_prefix(uri);
        let binding = Binding {
            prefix: prefix.clone(),
            uri: Cow::Owned(uri.to_owned()),
        };
        if self.root_decl_at.is_some() && !self.frames.is_empty() {
            self.root_extra.push(binding);
        } else {
            self.write_decl(&binding.prefix, &binding.uri);
            self.bindings.push(binding);
        }
        prefix
    }

    /// Like [`prefix_for`](Self::prefix_for), but uses `preferred` when it is bound to `uri`
    /// or free.
    pub(crate) fn prefix_for_preferred(&mut self, uri: &str, preferred: &str) -> Cow<'static, str> {
        if uri == XML_NS
            || preferred.is_empty()
            || preferred == "xml"
            || preferred.starts_with("xmlns")
        {
            return self.prefix_for(uri);
        }
        match self.lookup(preferred) {
            Some(u) if u == uri => Cow::Owned(preferred.to_owned()),
            Some(_) => self.prefix_for(uri),
            None => {
                let b = Binding {
                    prefix: Cow::Owned(preferred.to_owned()),
                    uri: Cow::Owned(uri.to_owned()),
                };
                let prefix = b.prefix.clone();
                if self.root_decl_at.is_some() && !self.frames.is_empty() {
                    self.root_extra.push(b);
                } else {
                    self.write_decl(&b.prefix, &b.uri);
                    self.bindings.push(b);
                }
                prefix
            }
        }
    }

    /// A prefix used nowhere in scope: `xsi`/`xsd` for those namespaces, else `ns1`, `ns2`...
    fn fresh_prefix(&mut self, uri: &str) -> Cow<'static, str> {
        let taken = |w: &Self, p: &str| {
            w.bindings
                .iter()
                .chain(&w.root_extra)
                .any(|b| b.prefix == p)
        };
        let preferred = match uri {
            XSI_NS => Some("xsi"),
            XSD_NS => Some("xsd"),
            _ => None,
        };
        if let Some(p) = preferred.filter(|p| !taken(self, p)) {
            return Cow::Borrowed(p);
        }
        loop {
            let p = format!("ns{}", self.next_prefix);
            self.next_prefix += 1;
            if !taken(self, &p) {
                return Cow::Owned(p);
            }
        }
    }

    /// Writes ` name="value"` on the open start tag, escaping the value.
    pub(crate) fn raw_attr(&mut self, prefix: &str, local: &str, value: &str) -> WriteResult {
        let out = &mut self.sink.out;
        out.push(b' ');
        if !prefix.is_empty() {
            out.extend_from_slice(prefix.as_bytes());
            out.push(b':');
        }
        out.extend_from_slice(local.as_bytes());
        out.extend_from_slice(b"=\"");
        escape_into(out, value, true)?;
        out.push(b'"');
        Ok(())
    }

    /// Writes `xsi:type="p:local"` for type `{ns}local` on the open start tag.
    pub fn xsi_type(&mut self, ns: &str, local: &str) -> WriteResult {
        let xsi = self.prefix_for(XSI_NS);
        let out = &mut self.sink.out;
        out.push(b' ');
        out.extend_from_slice(xsi.as_bytes());
        out.extend_from_slice(b":type=\"");
        // An unprefixed QName value is in the default namespace, so a type of the element's
        // own namespace needs no prefix: `xsi:type="CustomObject"`, as Salesforce writes
        // it. A prefix first used here would be declared on the document element, spliced
        // into its start tag at the end: a copy of the whole output.
        if !ns.is_empty() && !same_str(self.default_ns(), ns) {
            let p = self.prefix_for(ns);
            self.sink.out.extend_from_slice(p.as_bytes());
            self.sink.out.push(b':');
        }
        escape_into(&mut self.sink.out, local, true)?;
        self.sink.out.push(b'"');
        Ok(())
    }

    /// Writes `xsi:nil="true"` on the open start tag.
    pub fn xsi_nil(&mut self) -> WriteResult {
        let xsi = self.prefix_for(XSI_NS);
        self.raw_attr(&xsi, "nil", "true")
    }

    /// Ends the start tag; text or child elements follow.
    pub fn begin_content(&mut self) -> &mut TextSink {
        self.close_open_tag();
        &mut self.sink
    }

    /// Appends markup as is (captured XML, already well-formed and escaped).
    pub(crate) fn raw(&mut self, xml: &str) {
        self.close_open_tag();
        self.sink.out.extend_from_slice(xml.as_bytes());
    }

    /// Closes the innermost element (`/>` when it has no content).
    pub fn end_element(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        if self.open_tag {
            self.sink.out.extend_from_slice(b"/>");
            self.open_tag = false;
        } else {
            let out = &mut self.sink.out;
            out.extend_from_slice(b"</");
            out.extend_from_within(frame.name_at..frame.name_at + frame.name_len);
            out.push(b'>');
        }
        self.bindings.truncate(frame.mark);
    }
}
