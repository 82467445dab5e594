//! The field list a generated `write_fields` hands to [`Writer::fields`].
//!
//! Why: a call plus an error branch (`?`) per field was the largest share of the generated
//! Metadata stubs' machine code (17% of LLVM IR for ~15,000 fields). A slice of trait
//! objects costs two stores per field, and the loop over it exists once, here.

use super::error::WriteResult;
use super::traits::{FieldInfo, XmlValue};
use super::writer::Writer;

/// One field's value as `write_fields` lists it: written as the element `f` names.
pub trait WriteSlot {
    /// Writes the value (nothing for `None`, every item of a list).
    fn write_slot(&self, w: &mut Writer, f: &FieldInfo) -> WriteResult;
}

/// A required field (`T`; a `Box<T>` field is listed as `One(&*self.x)`).
#[derive(Debug)]
pub struct One<'a, T>(pub &'a T);

/// An optional field (`Option<T>`).
#[derive(Debug)]
pub struct Opt<'a, T>(pub &'a Option<T>);

/// An optional boxed field (`Option<Box<T>>`).
#[derive(Debug)]
pub struct OptBox<'a, T>(pub &'a Option<Box<T>>);

/// A repeated field (`Vec<T>`).
#[derive(Debug)]
pub struct Many<'a, T>(pub &'a Vec<T>);

impl<T: XmlValue> WriteSlot for One<'_, T> {
    fn write_slot(&self, w: &mut Writer, f: &FieldInfo) -> WriteResult {
        w.one(f, self.0)
    }
}

impl<T: XmlValue> WriteSlot for Opt<'_, T> {
    fn write_slot(&self, w: &mut Writer, f: &FieldInfo) -> WriteResult {
        match self.0 {
            Some(v) => w.one(f, v),
            None => Ok(()),
        }
    }
}

impl<T: XmlValue> WriteSlot for OptBox<'_, T> {
    fn write_slot(&self, w: &mut Writer, f: &FieldInfo) -> WriteResult {
        match self.0 {
            Some(v) => w.one(f, &**v),
            None => Ok(()),
        }
    }
}

impl<T: XmlValue> WriteSlot for Many<'_, T> {
    // Indexing a slice is built into the compiler; an iterator would add `Iterator`
    // instantiations for every item type of every repeated field.
    #[allow(clippy::needless_range_loop)]
    fn write_slot(&self, w: &mut Writer, f: &FieldInfo) -> WriteResult {
        let Some(n) = w.field_name(f) else {
            return Ok(());
        };
        let items = self.0.as_slice();
        for i in 0..items.len() {
            items[i].write_xml(w, &n)?;
        }
        Ok(())
    }
}

impl Writer {
    /// Writes the fields `slots` of a complex value, each as the element of the table entry
    /// at the same position of `infos` (`Complex::write_fields` of a generated type).
    pub fn fields(&mut self, infos: &[FieldInfo], slots: &[&dyn WriteSlot]) -> WriteResult {
        for (f, v) in infos.iter().zip(slots) {
            v.write_slot(self, f)?;
        }
        Ok(())
    }
}
