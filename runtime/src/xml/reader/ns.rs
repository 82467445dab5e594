//! The reader's namespace stack: bindings are pushed only by tags that declare them and
//! resolved on demand, so documents that declare their prefixes once at the root cost one
//! short scan per lookup.

use std::rc::Rc;

use crate::xml::name::XML_NS;

/// In-scope namespace bindings, innermost last. The default namespace has prefix `""`.
#[derive(Debug)]
pub(crate) struct NsStack<'a> {
    entries: Vec<(&'a str, Rc<str>)>,
    empty: Rc<str>,
    xml: Rc<str>,
}

/// The prefix an attribute named `key` declares: `""` for `xmlns`, `p` for `xmlns:p`;
/// `None` for any other attribute.
pub(crate) fn declared_prefix(key: &str) -> Option<&str> {
    if key == "xmlns" {
        Some("")
    } else {
        key.strip_prefix("xmlns:")
    }
}

impl<'a> NsStack<'a> {
    pub(crate) fn new() -> Self {
        Self {
            entries: Vec::new(),
            empty: Rc::from(""),
            xml: Rc::from(XML_NS),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn truncate(&mut self, len: usize) {
        self.entries.truncate(len);
    }

    pub(crate) fn push(&mut self, prefix: &'a str, uri: &str) {
        self.entries.push((prefix, Rc::from(uri)));
    }

    /// The binding of `prefix` and its stack index (`None` as index for the implicit
    /// bindings: no default namespace, and `xml`). `None` when the prefix is undeclared or
    /// was undeclared with an empty URI.
    pub(crate) fn find(&self, prefix: &str) -> Option<(Option<usize>, &Rc<str>)> {
        let hit = self
            .entries
            .iter()
            .rposition(|(p, _)| super::name_eq(p, prefix));
        if let Some(i) = hit {
            let uri = &self.entries[i].1;
            if uri.is_empty() && !prefix.is_empty() {
                return None;
            }
            return Some((Some(i), uri));
        }
        match prefix {
            "" => Some((None, &self.empty)),
            "xml" => Some((None, &self.xml)),
            _ => None,
        }
    }

    /// The namespace URI bound to `prefix` (`""` for no prefix and no default namespace).
    pub(crate) fn resolve(&self, prefix: &str) -> Option<&Rc<str>> {
        self.find(prefix).map(|(_, uri)| uri)
    }
}
