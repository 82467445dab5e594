//! Small helpers over roxmltree: positions, child iteration, documentation text, QName
//! values.

use std::path::Path;
use std::sync::Arc;

use roxmltree::Node;

use crate::error::Error;
use crate::model::{Location, QName, XML_NS};

/// One source file's text plus an index of its line starts, so that every node's
/// position costs a binary search instead of roxmltree's `text_pos_at`, which rescans the
/// text from the start (quadratic over a 2 MB WSDL).
#[derive(Debug)]
pub(crate) struct Src<'i> {
    pub file: Arc<Path>,
    text: &'i str,
    line_starts: Vec<usize>,
}

impl<'i> Src<'i> {
    pub fn new(file: Arc<Path>, text: &'i str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(newline_ends(text));
        Src {
            file,
            text,
            line_starts,
        }
    }

    /// The 1-based line and column (in characters, as roxmltree counts) of a byte offset.
    pub fn at_pos(&self, pos: usize) -> Location {
        let pos = pos.min(self.text.len());
        let line_idx = self
            .line_starts
            .partition_point(|&s| s <= pos)
            .saturating_sub(1);
        let start = self.line_starts.get(line_idx).copied().unwrap_or(0);
        let col = match self.text.get(start..pos) {
            Some(s) => s.chars().count(),
            None => pos - start,
        };
        Location {
            file: self.file.clone(),
            line: u32::try_from(line_idx + 1).unwrap_or(u32::MAX),
            col: u32::try_from(col + 1).unwrap_or(u32::MAX),
        }
    }

    /// Where an element starts (its `<`).
    pub fn at(&self, node: Node<'_, '_>) -> Location {
        self.at_pos(node.range().start)
    }
}

fn newline_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

/// True when `node` is the element `{ns}local`.
pub(crate) fn is(node: Node<'_, '_>, ns: &str, local: &str) -> bool {
    node.is_element() && node.tag_name().name() == local && node.tag_name().namespace() == Some(ns)
}

/// The element children of `node` in namespace `ns`.
pub(crate) fn children_in<'a, 'i>(
    node: Node<'a, 'i>,
    ns: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().namespace() == Some(ns))
}

/// The first element child `{ns}local`.
pub(crate) fn child<'a, 'i>(node: Node<'a, 'i>, ns: &str, local: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| is(*c, ns, local))
}

/// The text of the `{ns}documentation` elements among `parent`'s children, cleaned up
/// for rustdoc (see [`clean_doc`]); several are joined by blank lines.
pub(crate) fn documentation(parent: Node<'_, '_>, ns: &str) -> Option<String> {
    let parts: Vec<String> = parent
        .children()
        .filter(|c| is(*c, ns, "documentation"))
        .filter_map(doc_text)
        .collect();
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("\n\n"))
    }
}

/// All text under `node` (markup such as `<br/>` inside documentation dropped).
fn doc_text(node: Node<'_, '_>) -> Option<String> {
    let raw: String = node
        .descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect();
    clean_doc(&raw)
}

/// Trims every line and squeezes runs of blank lines: schema documentation is indented
/// to the XML's depth, and indented lines would turn into code blocks in rustdoc.
pub(crate) fn clean_doc(raw: &str) -> Option<String> {
    let mut out = String::new();
    let mut blank = false;
    for line in raw.lines().map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank = false;
        out.push_str(line);
    }
    if out.is_empty() { None } else { Some(out) }
}

/// An attribute value with XML Schema's whitespace collapsing for tokens (trimmed).
pub(crate) fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute(name).map(str::trim)
}

/// The outcome of resolving a `prefix:local` value.
pub(crate) enum Resolved {
    Name(QName),
    /// The prefix is not declared on the node or any ancestor.
    UndeclaredPrefix,
}

/// Resolves a QName-valued attribute through the namespace declarations in scope at
/// `node`. An unprefixed name takes the default namespace, or none.
pub(crate) fn resolve_qname(
    src: &Src<'_>,
    node: Node<'_, '_>,
    attr_name: &str,
    value: &str,
) -> Result<Resolved, Error> {
    let (prefix, local) = match value.split_once(':') {
        Some((p, l)) => (Some(p), l),
        None => (None, value),
    };
    if local.is_empty() || local.contains(':') || prefix == Some("") || local.contains(' ') {
        return Err(Error::invalid(
            src.at(node),
            attr_name,
            format!("`{value}` is not a QName"),
        ));
    }
    let ns = match prefix {
        Some("xml") => Some(XML_NS),
        Some(p) => node.lookup_namespace_uri(Some(p)),
        None => Some(node.lookup_namespace_uri(None).unwrap_or("")),
    };
    Ok(match ns {
        Some(ns) => Resolved::Name(QName::new(ns, local)),
        None => Resolved::UndeclaredPrefix,
    })
}

/// Checks that a declared name is an NCName-like token (non-empty, no colon, no space).
pub(crate) fn check_ncname(src: &Src<'_>, node: Node<'_, '_>, name: &str) -> Result<(), Error> {
    if name.is_empty() || name.contains([':', ' ', '\t', '\n', '\r']) {
        return Err(Error::invalid(
            src.at(node),
            "name",
            format!("`{name}` is not an NCName"),
        ));
    }
    Ok(())
}

/// A required attribute.
pub(crate) fn required<'a>(
    src: &Src<'_>,
    node: Node<'a, '_>,
    name: &str,
) -> Result<&'a str, Error> {
    attr(node, name).ok_or_else(|| {
        let el = node.tag_name().name();
        Error::invalid(
            src.at(node),
            name,
            format!("<{el}> lacks the required attribute {name}"),
        )
    })
}

/// A boolean attribute (`true`/`false`/`1`/`0`), `false` when absent.
pub(crate) fn flag(src: &Src<'_>, node: Node<'_, '_>, name: &str) -> Result<bool, Error> {
    match attr(node, name) {
        None | Some("false" | "0") => Ok(false),
        Some("true" | "1") => Ok(true),
        Some(other) => Err(Error::invalid(
            src.at(node),
            name,
            format!("`{other}` is not a boolean"),
        )),
    }
}
