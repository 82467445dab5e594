//! A tiny XML tree (quick-xml underneath) for the few places that handle XML outside the
//! generated stubs: partner login() requests, package.xml, and metadata files. Names and
//! attributes are kept as written, so a tree writes back with the same namespace bindings.

use quick_xml::events::{BytesRef, Event};

/// An element: its qualified name as written, attributes (unescaped), children.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

/// Not well-formed XML, with a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DomError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for DomError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

fn position(xml: &[u8], offset: u64) -> (usize, usize) {
    let upto = &xml[..(offset as usize).min(xml.len())];
    let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = upto.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, column)
}

fn resolve_ref(r: &BytesRef<'_>) -> Option<char> {
    match &**r {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => r.resolve_char_ref().ok().flatten(),
    }
}

/// Deeper documents are refused: writing and dropping a tree recurse, and no message or
/// metadata file this server reads comes near this.
const MAX_DEPTH: usize = 256;

/// Parses a whole document into its root element. DTDs are refused.
pub(crate) fn parse(xml: &[u8]) -> Result<Element, DomError> {
    let text = std::str::from_utf8(xml).map_err(|e| {
        let (line, column) = position(xml, e.valid_up_to() as u64);
        DomError {
            message: "not valid UTF-8".to_owned(),
            line,
            column,
        }
    })?;
    let mut r = quick_xml::Reader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let fail = |r: &quick_xml::Reader<&[u8]>, message: String| {
        let (line, column) = position(xml, r.buffer_position());
        DomError {
            message,
            line,
            column,
        }
    };
    loop {
        let ev = r.read_event().map_err(|e| fail(&r, e.to_string()))?;
        match ev {
            Event::Start(_) if stack.len() >= MAX_DEPTH => {
                return Err(fail(
                    &r,
                    format!("elements nested deeper than {MAX_DEPTH} levels"),
                ));
            }
            Event::Start(s) => stack.push(start(&s).map_err(|m| fail(&r, m))?),
            Event::Empty(s) => {
                let el = start(&s).map_err(|m| fail(&r, m))?;
                if let Some(done) = close(&mut stack, el) {
                    return finish(&mut r, done).map_err(|m| fail(&r, m));
                }
            }
            Event::End(_) => {
                let el = stack
                    .pop()
                    .ok_or_else(|| fail(&r, "unbalanced end tag".to_owned()))?;
                if let Some(done) = close(&mut stack, el) {
                    return finish(&mut r, done).map_err(|m| fail(&r, m));
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(g) => {
                let c =
                    resolve_ref(&g).ok_or_else(|| fail(&r, format!("unknown entity &{};", &*g)))?;
                push_text(&mut stack, c.encode_utf8(&mut [0; 4]));
            }
            Event::DocType(_) => return Err(fail(&r, "a DOCTYPE is not allowed".to_owned())),
            Event::Eof => {
                return Err(fail(
                    &r,
                    "the document ends before its root element does".to_owned(),
                ));
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
}

fn start(s: &quick_xml::events::BytesStart<'_>) -> Result<Element, String> {
    let name = s.name().into_inner().to_owned();
    let mut attrs = Vec::new();
    for a in s.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let v = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?;
        attrs.push((a.key.into_inner().to_owned(), v.into_owned()));
    }
    Ok(Element {
        name,
        attrs,
        children: Vec::new(),
    })
}

/// Attaches a finished element to its parent; returns it when it was the root.
fn close(stack: &mut [Element], el: Element) -> Option<Element> {
    match stack.last_mut() {
        Some(parent) => {
            parent.children.push(Node::Element(el));
            None
        }
        None => Some(el),
    }
}

fn push_text(stack: &mut [Element], t: &str) {
    let Some(top) = stack.last_mut() else { return };
    match top.children.last_mut() {
        Some(Node::Text(prev)) => prev.push_str(t),
        _ => top.children.push(Node::Text(t.to_owned())),
    }
}

/// After the root: only comments, PIs and whitespace may follow.
fn finish(r: &mut quick_xml::Reader<&[u8]>, root: Element) -> Result<Element, String> {
    loop {
        match r.read_event().map_err(|e| e.to_string())? {
            Event::Eof => return Ok(root),
            Event::Text(t) if t.xml10_content().trim().is_empty() => {}
            Event::Comment(_) | Event::PI(_) => {}
            _ => return Err("content after the root element".to_owned()),
        }
    }
}

impl Element {
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    /// The local part of the name.
    pub fn local(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element with this local name.
    pub fn child(&self, local: &str) -> Option<&Element> {
        self.elements().find(|e| e.local() == local)
    }

    /// All text directly inside, concatenated.
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }

    /// A child element holding only `text`.
    pub fn with_text(name: impl Into<String>, text: &str) -> Self {
        let mut e = Self::new(name);
        e.children.push(Node::Text(text.to_owned()));
        e
    }

    pub fn push(&mut self, e: Element) {
        self.children.push(Node::Element(e));
    }

    /// Writes this element (no declaration).
    pub fn write(&self, out: &mut String) {
        out.push('<');
        out.push_str(&self.name);
        for (k, v) in &self.attrs {
            out.push(' ');
            out.push_str(k);
            out.push_str("=\"");
            escape(out, v, true);
            out.push('"');
        }
        if self.children.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        for c in &self.children {
            match c {
                Node::Element(e) => e.write(out),
                Node::Text(t) => escape(out, t, false),
            }
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }

    /// The whole document with an XML declaration, as Salesforce writes metadata files.
    pub fn to_document(&self) -> Vec<u8> {
        let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        self.write(&mut s);
        s.push('\n');
        s.into_bytes()
    }
}

/// Escapes text or an attribute value; `\r` is written as a reference so it survives.
pub(crate) fn escape(out: &mut String, s: &str, attr: bool) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' if attr => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attr => out.push_str("&#10;"),
            '\t' if attr => out.push_str("&#9;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_names_and_text() {
        let src = "<?xml version=\"1.0\"?>\n<!-- c --><a:Root xmlns:a=\"urn:x\" k=\"v &amp; w\"><a:x>1 &lt; 2</a:x><y/><![CDATA[<raw>]]></a:Root>\n";
        let root = parse(src.as_bytes()).unwrap();
        assert_eq!(root.local(), "Root");
        assert_eq!(root.attr("k"), Some("v & w"));
        assert_eq!(root.child("x").unwrap().text(), "1 < 2");
        assert_eq!(root.text(), "<raw>");
        let mut out = String::new();
        root.write(&mut out);
        assert_eq!(
            out,
            "<a:Root xmlns:a=\"urn:x\" k=\"v &amp; w\"><a:x>1 &lt; 2</a:x><y/>&lt;raw&gt;</a:Root>"
        );
        assert_eq!(parse(out.as_bytes()).unwrap(), root);
    }

    #[test]
    fn errors_have_positions() {
        let e = parse(b"<a>\n  <b></c>\n</a>").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(
            parse(b"<!DOCTYPE a []><a/>")
                .unwrap_err()
                .message
                .contains("DOCTYPE")
        );
        assert!(parse(b"<a>").is_err());
        assert!(parse(b"<a/><b/>").is_err());
        assert!(parse(b"<a>&bogus;</a>").is_err());
        let deep = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
        assert!(
            parse(deep.as_bytes())
                .unwrap_err()
                .message
                .contains("deeper")
        );
        let ok = format!("{}{}", "<a>".repeat(200), "</a>".repeat(200));
        assert!(parse(ok.as_bytes()).is_ok());
        assert!(parse(&[b'<', b'a', b'>', 0xff, b'<', b'/', b'a', b'>']).is_err());
    }
}
