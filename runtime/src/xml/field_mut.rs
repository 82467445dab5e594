//! Mutable access to one field of a generated struct, by table position: what the default
//! `Complex::read_field` reads into and what [`clone_complex`] clones into.
//!
//! Why: a generated `field_mut` arm is a borrow, where a `read_field` arm was a call with
//! its error path, and `Clone` needs no derived body per struct (issue 5 (e)). Each kind of
//! field has its own trait parameter, so `T`, `Option<T>`, `Option<Box<T>>` and `Vec<T>`
//! (of which `Vec<u8>` is itself a value) never compete for one impl.

use std::any::Any;

use super::error::ReadResult;
use super::reader::{Reader, Start};
use super::traits::{Complex, XmlValue};

/// The kinds of field, as the parameter of [`FieldSlot`].
pub mod kind {
    /// A required field, `T`.
    #[derive(Debug)]
    pub struct One;
    /// An optional field, `Option<T>`.
    #[derive(Debug)]
    pub struct Opt;
    /// An optional boxed field, `Option<Box<T>>`.
    #[derive(Debug)]
    pub struct OptBox;
    /// A repeated field, `Vec<T>`.
    #[derive(Debug)]
    pub struct Many;
}

/// A field of kind `K` as stored in its struct.
pub trait FieldSlot<K> {
    /// Reads child element `s` into the field (for a list: one more item).
    fn read(&mut self, r: &mut Reader<'_>, s: &Start<'_>) -> ReadResult;
    /// Sets the field to a clone of `src`, the same field of another value of the struct.
    fn clone_from_any(&mut self, src: &dyn Any);
}

/// One field of a generated struct, borrowed for writing (`Complex::field_mut`).
pub enum FieldMut<'a> {
    /// A required field (a `Box<T>` field is handed out as its content).
    One(&'a mut dyn FieldSlot<kind::One>),
    /// An optional field.
    Opt(&'a mut dyn FieldSlot<kind::Opt>),
    /// An optional boxed field.
    OptBox(&'a mut dyn FieldSlot<kind::OptBox>),
    /// A repeated field.
    Many(&'a mut dyn FieldSlot<kind::Many>),
}

impl std::fmt::Debug for FieldMut<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::One(_) => "FieldMut::One",
            Self::Opt(_) => "FieldMut::Opt",
            Self::OptBox(_) => "FieldMut::OptBox",
            Self::Many(_) => "FieldMut::Many",
        })
    }
}

impl FieldMut<'_> {
    /// Reads child element `s` into the field.
    pub fn read(self, r: &mut Reader<'_>, s: &Start<'_>) -> ReadResult {
        match self {
            Self::One(f) => f.read(r, s),
            Self::Opt(f) => f.read(r, s),
            Self::OptBox(f) => f.read(r, s),
            Self::Many(f) => f.read(r, s),
        }
    }
    fn clone_from_any(self, src: &dyn Any) {
        match self {
            Self::One(f) => f.clone_from_any(src),
            Self::Opt(f) => f.clone_from_any(src),
            Self::OptBox(f) => f.clone_from_any(src),
            Self::Many(f) => f.clone_from_any(src),
        }
    }
}

/// The `Clone` of a generated struct: a default value whose fields are then set, one by
/// one, to clones of `v`'s.
pub fn clone_complex<T: Complex>(v: &T) -> T {
    let mut out = T::default();
    v.slots(&mut |slots| {
        for (i, slot) in slots.iter().enumerate() {
            if let Some(field) = out.field_mut(i) {
                field.clone_from_any(slot.as_any());
            }
        }
    });
    out
}

/// `clone_from_any` of every kind: `src` is the same field of another value, so the
/// downcast always succeeds; a mismatch (a hand-written impl listing its fields in two
/// orders) leaves the field as it was.
fn clone_into<S: Clone + 'static>(dst: &mut S, src: &dyn Any) {
    if let Some(src) = src.downcast_ref::<S>() {
        dst.clone_from(src);
    }
}

impl<T: XmlValue + Clone + 'static> FieldSlot<kind::One> for T {
    fn read(&mut self, r: &mut Reader<'_>, s: &Start<'_>) -> ReadResult {
        r.one(self, s)
    }
    fn clone_from_any(&mut self, src: &dyn Any) {
        clone_into(self, src)
    }
}

impl<T: XmlValue + Clone + 'static> FieldSlot<kind::Opt> for Option<T> {
    fn read(&mut self, r: &mut Reader<'_>, s: &Start<'_>) -> ReadResult {
        r.opt(self, s)
    }
    fn clone_from_any(&mut self, src: &dyn Any) {
        clone_into(self, src)
    }
}

impl<T: XmlValue + Clone + 'static> FieldSlot<kind::OptBox> for Option<Box<T>> {
    fn read(&mut self, r: &mut Reader<'_>, s: &Start<'_>) -> ReadResult {
        r.opt_boxed(self, s)
    }
    fn clone_from_any(&mut self, src: &dyn Any) {
        clone_into(self, src)
    }
}

impl<T: XmlValue + Clone + 'static> FieldSlot<kind::Many> for Vec<T> {
    fn read(&mut self, r: &mut Reader<'_>, s: &Start<'_>) -> ReadResult {
        r.vec(self, s)
    }
    fn clone_from_any(&mut self, src: &dyn Any) {
        clone_into(self, src)
    }
}
