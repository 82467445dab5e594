//! The field list a generated `Complex::slots` hands out: written by [`Writer::fields`],
//! shown by [`debug_complex`], compared by [`eq_complex`].
//!
//! Why: a call plus an error branch (`?`) per field was the largest share of the generated
//! Metadata stubs' machine code (17% of LLVM IR for ~15,000 fields). A slice of trait
//! objects costs two stores per field, and the loops over it exist once, here. Listing the
//! fields once for writing, `Debug` and `PartialEq` also spares the compiler three derived
//! bodies per struct (issue 5 (e)).

use std::any::Any;
use std::fmt::{self, Debug};

use super::error::WriteResult;
use super::traits::{Complex, FieldInfo, XmlValue};
use super::writer::Writer;

/// One field's value as `Complex::slots` lists it.
pub trait WriteSlot {
    /// Writes the value as the element `f` names (nothing for `None`, every item of a list).
    fn write_slot(&self, w: &mut Writer, f: &FieldInfo) -> WriteResult;
    /// True when nothing would be written: `None` or an empty list.
    fn is_absent(&self) -> bool;
    /// What `Debug` shows: the value itself (not `Some(..)`), or the list.
    fn debug_value(&self) -> &dyn Debug;
    /// The field as stored (`&T`, `&Option<T>`, `&Option<Box<T>>` or `&Vec<T>`), so that
    /// [`eq_slot`](Self::eq_slot) can compare it with the same field of another value.
    fn as_any(&self) -> &dyn Any;
    /// True when `other` lists the same kind of field with an equal value.
    fn eq_slot(&self, other: &dyn WriteSlot) -> bool;
}

/// The `Debug` of a generated struct: its XML type name, then the fields that are present,
/// by their element names, as they would be written.
pub fn debug_complex<T: Complex>(v: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut out = Ok(());
    v.slots(&mut |slots| {
        let mut s = f.debug_struct(T::INFO.name);
        for (info, slot) in T::INFO.fields.iter().zip(slots) {
            if !slot.is_absent() {
                s.field(info.name.local, slot.debug_value());
            }
        }
        out = s.finish();
    });
    out
}

/// The `PartialEq` of a generated struct: every field equal.
pub fn eq_complex<T: Complex>(a: &T, b: &T) -> bool {
    let mut equal = false;
    a.slots(&mut |left| {
        b.slots(&mut |right| {
            equal = left.len() == right.len() && left.iter().zip(right).all(|(l, r)| l.eq_slot(*r));
        });
    });
    equal
}

/// `eq_slot` of every slot kind: `other`'s field downcast to this one's stored type.
fn eq_stored<S: PartialEq + 'static>(mine: &S, other: &dyn WriteSlot) -> bool {
    other.as_any().downcast_ref::<S>() == Some(mine)
}

/// An optional boxed field (`Option<Box<T>>`). `T` and `Option<T>` fields are listed as
/// themselves (`&self.x`), a required `Box<T>` as its content (`&*self.x`).
#[derive(Debug)]
pub struct OptBox<'a, T>(pub &'a Option<Box<T>>);

/// A repeated field (`Vec<T>`). A wrapper, not an impl for `Vec<T>`: `Vec<u8>` is itself a
/// value (base64Binary).
#[derive(Debug)]
pub struct Many<'a, T>(pub &'a Vec<T>);

/// A required field.
impl<T: XmlValue + Debug + PartialEq + 'static> WriteSlot for T {
    fn write_slot(&self, w: &mut Writer, f: &FieldInfo) -> WriteResult {
        w.one(f, self)
    }
    fn is_absent(&self) -> bool {
        false
    }
    fn debug_value(&self) -> &dyn Debug {
        self
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn eq_slot(&self, other: &dyn WriteSlot) -> bool {
        eq_stored(self, other)
    }
}

/// An optional field.
impl<T: XmlValue + Debug + PartialEq + 'static> WriteSlot for Option<T> {
    fn write_slot(&self, w: &mut Writer, f: &FieldInfo) -> WriteResult {
        match self {
            Some(v) => w.one(f, v),
            None => Ok(()),
        }
    }
    fn is_absent(&self) -> bool {
        self.is_none()
    }
    fn debug_value(&self) -> &dyn Debug {
        match self {
            Some(v) => v,
            None => self,
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn eq_slot(&self, other: &dyn WriteSlot) -> bool {
        eq_stored(self, other)
    }
}

impl<T: XmlValue + Debug + PartialEq + 'static> WriteSlot for OptBox<'_, T> {
    fn write_slot(&self, w: &mut Writer, f: &FieldInfo) -> WriteResult {
        match self.0 {
            Some(v) => w.one(f, &**v),
            None => Ok(()),
        }
    }
    fn is_absent(&self) -> bool {
        self.0.is_none()
    }
    fn debug_value(&self) -> &dyn Debug {
        match self.0 {
            Some(v) => &**v,
            None => self.0,
        }
    }
    fn as_any(&self) -> &dyn Any {
        self.0
    }
    fn eq_slot(&self, other: &dyn WriteSlot) -> bool {
        eq_stored(self.0, other)
    }
}

impl<T: XmlValue + Debug + PartialEq + 'static> WriteSlot for Many<'_, T> {
    // Indexing a slice is built into the compiler; an iterator would add `Iterator`
    // instantiations for every item type of every repeated field.
    #[allow(clippy::needless_range_loop)]
    fn write_slot(&self, w: &mut Writer, f: &FieldInfo) -> WriteResult {
        let items = self.0.as_slice();
        for i in 0..items.len() {
            w.one(f, &items[i])?;
        }
        Ok(())
    }
    fn is_absent(&self) -> bool {
        self.0.is_empty()
    }
    fn debug_value(&self) -> &dyn Debug {
        self.0
    }
    fn as_any(&self) -> &dyn Any {
        self.0
    }
    fn eq_slot(&self, other: &dyn WriteSlot) -> bool {
        eq_stored(self.0, other)
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
