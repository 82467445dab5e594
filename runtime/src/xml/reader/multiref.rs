//! SOAP-encoding multi-reference values (SOAP 1.1 section 5.4.1): an accessor written
//! `<sites href="#id0"/>` stands for the element carrying `id="id0"`, usually a `multiRef`
//! sibling of the body wrapper (Axis 1 writes every struct that way). The document is in
//! memory, so the reader follows the reference with a second reader that starts at the
//! target's start tag, with the namespace bindings in scope there.

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

use quick_xml::events::attributes::Attributes;

use super::lex::{Lexer, Tok};
use super::ns::declared_prefix;
use super::{Reader, Start, truncate};
use crate::xml::error::{DecodeError, DecodeErrorKind, ReadResult, Result};
use crate::xml::traits::DynComplex;

/// References followed within references, at most: deeper is a cycle or an attack.
const MAX_REF_DEPTH: usize = 32;

/// Every element of the document that carries an `id`.
#[derive(Debug)]
pub(crate) struct Index<'a> {
    /// The whole document (after a BOM) and its offset in the input.
    doc: &'a str,
    base: u64,
    targets: HashMap<String, Target<'a>>,
    /// References still allowed: shared targets are read once per reference, so nested
    /// sharing multiplies reads; the budget (a quarter of the document's size in
    /// references, plus a margin) stops a "reference bomb" long before it costs much.
    budget: Cell<usize>,
}

/// Where an identified element starts, and the bindings in scope at its parent.
#[derive(Debug)]
struct Target<'a> {
    offset: usize,
    ns: Vec<(&'a str, Rc<str>)>,
}

impl<'a> Reader<'a> {
    /// Reads the value multi-reference accessor `s` (`href="#id"`) points to with `read`
    /// (given a reader on the target and the target's start tag), then skips `s`.
    ///
    /// Not generic: a generic body here (one copy per field type, with its moves and
    /// unwinding paths for the sub-reader) was a quarter of the Metadata stubs' machine code.
    pub(crate) fn with_ref(
        &mut self,
        s: &Start<'_>,
        read: &mut dyn FnMut(&mut Reader<'a>, &Start<'a>) -> ReadResult,
    ) -> ReadResult {
        let (mut sub, root) = self.follow_ref(s)?;
        read(&mut sub, &root)?;
        self.charge(sub.charged() as usize)?;
        self.skip_current()
    }

    /// Reads field `i` of `v` from the element multi-reference accessor `c` points to
    /// (`read_complex` calls this, so no per-type code follows references).
    pub(super) fn read_ref_field(
        &mut self,
        v: &mut dyn DynComplex,
        i: usize,
        c: &Start<'_>,
    ) -> ReadResult {
        let (prev_field, wildcard) = (self.prev_field, self.wildcard);
        self.with_ref(c, &mut |sub, target| {
            sub.prev_field = prev_field;
            sub.wildcard = wildcard;
            v.dyn_read_field(i, sub, target)
        })
    }

    /// A reader positioned on the element `s` refers to, and that element's start tag,
    /// following a chain of references (an `href` that targets another `href`).
    fn follow_ref(&mut self, s: &Start<'_>) -> Result<(Reader<'a>, Start<'a>)> {
        let mut sub = self.ref_target(s)?;
        let mut root = sub.root()?;
        while root.has_href() {
            sub = sub.ref_target(&root)?;
            root = sub.root()?;
        }
        Ok((sub, root))
    }

    /// A reader starting at the target of `s`'s reference, after the depth and count checks.
    fn ref_target(&mut self, s: &Start<'_>) -> Result<Reader<'a>> {
        let href = s.href().unwrap_or_default();
        if self.ref_depth >= MAX_REF_DEPTH {
            let what = format!("multi-references nested deeper than {MAX_REF_DEPTH} (a cycle)");
            return Err(self.err_at(DecodeErrorKind::Unsupported(what), s.pos));
        }
        let index = self.ref_index()?;
        let Some(left) = index.budget.get().checked_sub(1) else {
            let what = "more multi-references than the document's size allows (a reference bomb)";
            return Err(self.err_at(DecodeErrorKind::Unsupported(what.into()), s.pos));
        };
        index.budget.set(left);
        match href.strip_prefix('#').and_then(|id| index.targets.get(id)) {
            Some(target) => Ok(self.sub_reader(&index, target)),
            None => {
                let kind = DecodeErrorKind::MultiRef {
                    href: truncate(href, 64),
                };
                Err(DecodeError::new(kind, self.path(), s.pos))
            }
        }
    }

    /// The document's `id` index, built on first use and shared with sub-readers.
    fn ref_index(&mut self) -> Result<Rc<Index<'a>>> {
        if let Some(i) = &self.refs {
            return Ok(i.clone());
        }
        let index = Rc::new(self.build_index()?);
        self.refs = Some(index.clone());
        Ok(index)
    }

    /// One pass over the document noting each `id` with the bindings in scope at it.
    fn build_index(&self) -> Result<Index<'a>> {
        let doc = self.src;
        let mut lex = Lexer::new(doc);
        let mut ns: Vec<(&'a str, Rc<str>)> = Vec::new();
        let mut marks: Vec<usize> = Vec::new();
        let mut targets = HashMap::new();
        loop {
            let offset = lex.pos();
            let syntax = |e: &dyn std::fmt::Display, at: usize| {
                let kind = DecodeErrorKind::Syntax(e.to_string());
                DecodeError::new(kind, String::new(), at as u64 + self.base)
            };
            let (attrs, empty) = match lex.next() {
                Ok(Tok::Start { attrs, empty, .. }) => (attrs, empty),
                Ok(Tok::End) => {
                    ns.truncate(marks.pop().unwrap_or_default());
                    continue;
                }
                Ok(Tok::Eof) => break,
                Ok(_) => continue,
                Err((e, at)) => return Err(syntax(&e, at)),
            };
            let syntax = |e: &dyn std::fmt::Display| syntax(e, offset);
            let mark = ns.len();
            let mut id = None;
            for a in Attributes::new(attrs, 0) {
                let a = a.map_err(|e| syntax(&e))?;
                let value = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_err(|e| syntax(&e))?;
                let key = a.key.0;
                if let Some(p) = declared_prefix(key) {
                    ns.push((p, Rc::from(&*value)));
                } else if key == "id" {
                    id = Some(value.into_owned());
                }
            }
            if let Some(id) = id {
                let scope = ns[..mark].to_vec();
                targets.entry(id).or_insert(Target { offset, ns: scope });
            }
            if empty {
                ns.truncate(mark);
            } else {
                marks.push(mark);
            }
        }
        Ok(Index {
            doc,
            base: self.base,
            targets,
            budget: Cell::new(doc.len() / 4 + 1024),
        })
    }

    /// A reader positioned just before `t`'s start tag.
    fn sub_reader(&self, index: &Rc<Index<'a>>, t: &Target<'a>) -> Reader<'a> {
        let src = index.doc.get(t.offset..).unwrap_or_default();
        let mut ns = super::ns::NsStack::new();
        for (p, uri) in &t.ns {
            ns.push(p, uri);
        }
        Reader {
            lex: Lexer::new(src),
            src,
            base: index.base + t.offset as u64,
            pos: 0,
            ns,
            stack: Vec::with_capacity(16),
            max_depth: self.max_depth.saturating_sub(self.stack.len()),
            // What the referenced value takes is charged to this reader afterwards.
            spent: 0,
            budget: self.budget.saturating_sub(self.spent),
            wildcard: false,
            prev_field: None,
            encoded: true,
            refs: Some(index.clone()),
            ref_depth: self.ref_depth + 1,
        }
    }
}
