//! The one non-generic loop that reads every complex type, and the thin generic slot
//! helpers generated `read_field` functions call.

use std::rc::Rc;

use quick_xml::events::attributes::Attributes;

use super::ns::declared_prefix;
use super::{Reader, Start, name_eq};
use crate::xml::error::{DecodeErrorKind, ReadResult, Result};
use crate::xml::name::split_qname;
use crate::xml::traits::{AttrInfo, Complex, DynComplex, FieldInfo, REQUIRED, ReadHook, XmlValue};

/// Which fields were seen: inline for up to 128 fields.
enum Seen {
    Small(u128),
    Large(Vec<u64>),
}

impl Seen {
    fn new(n: usize) -> Self {
        if n <= 128 {
            Self::Small(0)
        } else {
            Self::Large(vec![0; n.div_ceil(64)])
        }
    }
    /// Marks field `i`; returns whether it was already marked.
    fn mark(&mut self, i: usize) -> bool {
        match self {
            Self::Small(bits) => {
                let was = *bits >> i & 1 == 1;
                *bits |= 1 << i;
                was
            }
            Self::Large(words) => {
                let was = words[i / 64] >> (i % 64) & 1 == 1;
                words[i / 64] |= 1 << (i % 64);
                was
            }
        }
    }
    fn has(&self, i: usize) -> bool {
        match self {
            Self::Small(bits) => *bits >> i & 1 == 1,
            Self::Large(words) => words[i / 64] >> (i % 64) & 1 == 1,
        }
    }
}

impl<'a> Reader<'a> {
    /// Reads complex element `s` into `v`: attributes, then children matched order-tolerantly
    /// against `v`'s field table (unknown children skipped), then the required check.
    pub fn read_complex(&mut self, s: &Start<'_>, v: &mut dyn DynComplex) -> ReadResult {
        let shape = v.shape();
        let info = shape.info;
        let mut attrs_seen = 0;
        if (!info.attrs.is_empty() || shape.any_attrs) && s.has_attrs() {
            attrs_seen = self.read_attrs(s, v)?;
        }
        if !info.attrs.is_empty() {
            self.check_required_attrs(info.attrs, attrs_seen, s)?;
        }
        if shape.text {
            let text = self.text(s)?;
            return v
                .dyn_read_hook(ReadHook::Text(&text))
                .map_err(|e| self.invalid_value(e, &text, s));
        }
        let depth = self.stack.len();
        let mut seen = Seen::new(info.fields.len());
        let mut hint = 0;
        let mut prev = None;
        let mut any_child = false;
        while let Some(c) = self.next_child()? {
            any_child = true;
            match self.find_field(info.fields, &c, hint)? {
                Some(i) => {
                    let f = &info.fields[i];
                    if seen.mark(i) && !f.is_repeated() {
                        let kind = DecodeErrorKind::DuplicateElement { name: f.name.local };
                        return Err(self.err_at(kind, c.pos));
                    }
                    hint = i;
                    self.prev_field = prev.replace(i);
                    self.wildcard = f.is_wildcard();
                    let r = if c.has_href() {
                        self.read_ref_field(v, i, &c)
                    } else {
                        v.dyn_read_field(i, self, &c)
                    };
                    self.wildcard = false;
                    r?;
                }
                None => self.skip_current()?,
            }
            // A hand-written `read_field` that left its element open must not derail us.
            while self.stack.len() > depth {
                self.skip_current()?;
            }
        }
        // A typed element with no children at all (`<records xsi:type="ApexClass"/>`) is
        // how Salesforce's readMetadata answers a name that does not exist: an empty record,
        // not a broken one. Only that exact shape skips the required check.
        let empty_typed_record = !any_child && s.xsi_type_lexical().is_some();
        if let Some(f) = info
            .fields
            .iter()
            .enumerate()
            .find(|(i, f)| !empty_typed_record && f.is_required() && !seen.has(*i))
        {
            let kind = DecodeErrorKind::MissingElement {
                name: f.1.name.local,
            };
            return Err(self.err(kind));
        }
        self.close();
        Ok(())
    }

    /// The field element `c` fills: scans the table from the last match (so in-order
    /// documents match at once), comparing local names first and resolving the element's
    /// namespace only on a local-name hit. Falls back to a wildcard field.
    fn find_field(
        &self,
        fields: &[FieldInfo],
        c: &Start<'_>,
        hint: usize,
    ) -> Result<Option<usize>> {
        let n = fields.len();
        let local = c.local();
        let mut ns: Option<Rc<str>> = None;
        let mut wildcard = None;
        for k in 0..n {
            let i = if hint + k >= n {
                hint + k - n
            } else {
                hint + k
            };
            let f = &fields[i];
            if !name_eq(f.name.local, local) {
                if f.is_wildcard() && wildcard.is_none() {
                    wildcard = Some(i);
                }
                continue;
            }
            if ns.is_none() && !self.encoded {
                ns = Some(self.resolve_prefix(c.prefix(), c.pos)?);
            }
            // SOAP encoding names accessors locally: servers write them unqualified whatever
            // the schema's elementFormDefault says, so the local name decides there.
            if self.encoded || ns.as_deref().is_some_and(|ns| name_eq(ns, f.name.ns)) {
                return Ok(Some(i));
            }
        }
        match wildcard {
            Some(i) if fields[i].name.ns.is_empty() => Ok(Some(i)),
            Some(_) => self.admitting_wildcard(fields, c, ns),
            None => Ok(None),
        }
    }

    /// The first wildcard field whose namespace constraint admits `c` (`ns`: its namespace
    /// if already resolved). Only unclaimed elements of a type with a constrained wildcard
    /// (a `<choice>`'s `xsd:any`) come here.
    fn admitting_wildcard(
        &self,
        fields: &[FieldInfo],
        c: &Start<'_>,
        ns: Option<Rc<str>>,
    ) -> Result<Option<usize>> {
        let ns = match ns {
            Some(ns) => ns,
            None => self.resolve_prefix(c.prefix(), c.pos)?,
        };
        Ok(fields.iter().position(|f| f.is_wildcard() && f.admits(&ns)))
    }

    /// Fails on the first required attribute (`use="required"`) that `seen` (bit `i` for
    /// `attrs[i]`, as `read_attrs` returns it) lacks. A table scan, no allocation.
    fn check_required_attrs(&self, attrs: &[AttrInfo], seen: u128, s: &Start<'_>) -> ReadResult {
        let missing = attrs.iter().enumerate().find(|(i, a)| {
            // Past bit 127 presence is not tracked: such a table (never seen in practice)
            // gets no check rather than a false alarm.
            a.flags & REQUIRED != 0 && *i < 128 && seen >> i & 1 == 0
        });
        match missing {
            Some((_, a)) => {
                let kind = DecodeErrorKind::MissingAttribute { name: a.name.local };
                Err(self.err_at(kind, s.pos))
            }
            None => Ok(()),
        }
    }

    /// Hands each attribute matching `v`'s attribute table to `v`; returns which of the
    /// table's first 128 attributes were present (bit `i` for `attrs[i]`).
    fn read_attrs(&mut self, s: &Start<'_>, v: &mut dyn DynComplex) -> Result<u128> {
        let attrs = v.info().attrs;
        let mut seen = 0u128;
        for a in Attributes::new(s.attrs, 0) {
            let a = a.map_err(|e| self.err_at(DecodeErrorKind::Syntax(e.to_string()), s.pos))?;
            let key = a.key.0;
            if declared_prefix(key).is_some() {
                continue;
            }
            let (prefix, local) = split_qname(key);
            let Some(i) = attrs.iter().position(|x| x.name.local == local) else {
                self.any_attr(s, v, &a, prefix, local)?;
                continue;
            };
            // Unprefixed attributes are in no namespace (the default namespace does not apply).
            let ns = if prefix.is_empty() {
                Rc::from("")
            } else {
                self.resolve_prefix(prefix, s.pos)?
            };
            if &*ns != attrs[i].name.ns {
                self.any_attr(s, v, &a, prefix, local)?;
                continue;
            }
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| self.err_at(DecodeErrorKind::Syntax(e.to_string()), s.pos))?;
            v.dyn_read_hook(ReadHook::Attr(i, &value))
                .map_err(|e| self.err_at(e.kind(&value), s.pos))?;
            if i < 128 {
                seen |= 1 << i;
            }
        }
        Ok(seen)
    }

    // The field helpers below are generic, so compiled once per field type of the stubs:
    // they stay small. A multi-reference accessor (`href`) never reaches them; the loop
    // above follows it and calls `read_field` with a reader on the target.

    /// Reads a required field.
    pub fn one<T: XmlValue>(&mut self, slot: &mut T, s: &Start<'_>) -> ReadResult {
        if s.nil && !T::NILLABLE {
            return self.skip_current();
        }
        // `match`, not `?`, in these per-type helpers: `?` instantiates `Try` glue per `T`.
        match T::read_xml(self, s) {
            Ok(v) => *slot = v,
            Err(e) => return Err(e),
        }
        Ok(())
    }

    /// Reads an optional field (a nil element of a non-nillable type leaves it `None`).
    pub fn opt<T: XmlValue>(&mut self, slot: &mut Option<T>, s: &Start<'_>) -> ReadResult {
        if s.nil && !T::NILLABLE {
            return self.skip_current();
        }
        match T::read_xml(self, s) {
            Ok(v) => *slot = Some(v),
            Err(e) => return Err(e),
        }
        Ok(())
    }

    /// Reads one occurrence of a repeated field.
    pub fn vec<T: XmlValue>(&mut self, slot: &mut Vec<T>, s: &Start<'_>) -> ReadResult {
        if s.nil && !T::NILLABLE {
            return self.skip_current();
        }
        self.reserve_item(slot)?;
        match T::read_xml(self, s) {
            Ok(v) => slot.push(v),
            Err(e) => return Err(e),
        }
        Ok(())
    }

    /// Reads a required boxed field (a recursive type).
    pub fn one_boxed<T: XmlValue>(&mut self, slot: &mut Box<T>, s: &Start<'_>) -> ReadResult {
        self.one(&mut **slot, s)
    }

    /// Reads an optional boxed field (a recursive type).
    pub fn opt_boxed<T: XmlValue>(
        &mut self,
        slot: &mut Option<Box<T>>,
        s: &Start<'_>,
    ) -> ReadResult {
        if s.nil && !T::NILLABLE {
            return self.skip_current();
        }
        self.charge(size_of::<T>())?;
        match T::read_xml(self, s) {
            Ok(v) => *slot = Some(Box::new(v)),
            Err(e) => return Err(e),
        }
        Ok(())
    }

    /// Reads complex element `s` as `T` into a box, ignoring its `xsi:type` (the caller has
    /// dispatched on it already).
    pub fn read_boxed<T: Complex>(&mut self, s: &Start<'_>) -> Result<Box<T>> {
        self.charge(size_of::<T>())?;
        // Read on the stack and moved into the box: `Box::<T>::default()` added a second
        // per-type instantiation for every one of the ~1,200 `Any*` variants.
        match T::read_xml(self, s) {
            Ok(v) => Ok(Box::new(v)),
            Err(e) => Err(e),
        }
    }
}
