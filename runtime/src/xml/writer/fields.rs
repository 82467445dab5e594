//! The writing core for complex and simple elements, and the thin generic field helpers
//! generated `write_fields` functions call.

use super::Writer;
use crate::xml::error::WriteResult;
use crate::xml::name::Name;
use crate::xml::traits::{AttrInfo, Complex, DynComplex, FieldInfo, Simple, WriteHook, XmlValue};

impl Writer {
    /// Writes complex value `v` as element `n`, with `xsi:type` when `xsi_type` is given.
    pub fn write_complex(
        &mut self,
        n: &Name,
        xsi_type: Option<(&str, &str)>,
        v: &dyn DynComplex,
    ) -> WriteResult {
        self.complex_inner(n, xsi_type, v)
            .map_err(|e| e.within(n.local))
    }

    fn complex_inner(
        &mut self,
        n: &Name,
        xsi_type: Option<(&str, &str)>,
        v: &dyn DynComplex,
    ) -> WriteResult {
        self.start_element(n.ns, n.local)?;
        if let Some((ns, local)) = xsi_type {
            self.xsi_type(ns, local)?;
        }
        v.dyn_write_hook(WriteHook::Attrs(self))?;
        if v.shape().text {
            let sink = self.begin_content();
            v.dyn_write_hook(WriteHook::Text(sink))?;
        } else {
            v.dyn_write_fields(self)?;
        }
        self.end_element();
        Ok(())
    }

    /// Writes `v` as element `n` without `xsi:type` (the slot's own type).
    pub fn complex<T: Complex>(&mut self, v: &T, n: &Name) -> WriteResult {
        self.write_complex(n, None, v)
    }

    /// Writes `v` as element `n` with `xsi:type` naming `T` (a subtype in a base-typed slot).
    pub fn complex_typed<T: Complex>(&mut self, v: &T, n: &Name) -> WriteResult {
        self.write_complex(n, Some((T::INFO.ns, T::INFO.name)), v)
    }

    /// Writes a simple value as element `n`.
    pub fn simple(&mut self, v: &dyn Simple, n: &Name) -> WriteResult {
        self.simple_inner(v, n).map_err(|e| e.within(n.local))
    }

    fn simple_inner(&mut self, v: &dyn Simple, n: &Name) -> WriteResult {
        self.start_element(n.ns, n.local)?;
        let sink = self.begin_content();
        v.write_text(sink)?;
        self.end_element();
        Ok(())
    }

    /// Writes `<n xsi:nil="true"/>`.
    pub fn nil(&mut self, n: &Name) -> WriteResult {
        self.start_element(n.ns, n.local)?;
        self.xsi_nil()?;
        self.end_element();
        Ok(())
    }

    /// The element name field `f` is written as, or `None` when the field is not written
    /// here. Not generic: the field helpers are compiled once per field type of the stubs.
    pub(crate) fn field_name(&self, f: &FieldInfo) -> Option<Name> {
        if self.suppressed(&f.name) {
            return None;
        }
        if self.encoded && !f.name.ns.is_empty() {
            // SOAP encoding names accessors locally (see the reader's `find_field`).
            return Some(Name::new("", f.name.local));
        }
        Some(f.name)
    }

    /// Writes a required field.
    pub fn one<T: XmlValue>(&mut self, f: &FieldInfo, v: &T) -> WriteResult {
        match self.field_name(f) {
            Some(n) => v.write_xml(self, &n),
            None => Ok(()),
        }
    }

    /// Writes an optional field (nothing when `None`).
    pub fn opt<T: XmlValue>(&mut self, f: &FieldInfo, v: &Option<T>) -> WriteResult {
        match v {
            Some(v) => self.one(f, v),
            None => Ok(()),
        }
    }

    /// Writes each element of a repeated field.
    pub fn vec<T: XmlValue>(&mut self, f: &FieldInfo, v: &[T]) -> WriteResult {
        v.iter().try_for_each(|v| self.one(f, v))
    }

    /// Writes a required boxed field.
    #[allow(clippy::borrowed_box)]
    pub fn one_boxed<T: XmlValue>(&mut self, f: &FieldInfo, v: &Box<T>) -> WriteResult {
        self.one(f, &**v)
    }

    /// Writes an optional boxed field.
    pub fn opt_boxed<T: XmlValue>(&mut self, f: &FieldInfo, v: &Option<Box<T>>) -> WriteResult {
        match v {
            Some(v) => self.one(f, &**v),
            None => Ok(()),
        }
    }

    /// Writes attribute `a` (inside `Complex::write_attrs`).
    pub fn attr(&mut self, a: &AttrInfo, v: &dyn Simple) -> WriteResult {
        let prefix = if a.name.ns.is_empty() {
            "".into()
        } else {
            self.prefix_for(a.name.ns)
        };
        let out = &mut self.sink.out;
        out.push(b' ');
        if !prefix.is_empty() {
            out.extend_from_slice(prefix.as_bytes());
            out.push(b':');
        }
        out.extend_from_slice(a.name.local.as_bytes());
        out.extend_from_slice(b"=\"");
        self.sink.attr = true;
        let r = v.write_text(&mut self.sink);
        self.sink.attr = false;
        r.map_err(|e| e.within(&format!("@{}", a.name.local)))?;
        self.sink.out.push(b'"');
        Ok(())
    }

    /// Writes an optional attribute (nothing when `None`).
    pub fn opt_attr<T: Simple>(&mut self, a: &AttrInfo, v: &Option<T>) -> WriteResult {
        match v {
            Some(v) => self.attr(a, v),
            None => Ok(()),
        }
    }
}
