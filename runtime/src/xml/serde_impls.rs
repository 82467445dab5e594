//! `serde` support (feature `serde`) for the lexical types: each is its XSD text, so JSON
//! shows `"2024-05-01T12:30:00Z"` and reading validates it as the XML reader does.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::{self, Serializer};

use super::binary::HexBinary;
use super::temporal::{Date, DateTime, Decimal, Time};
use super::traits::Simple;
use super::writer::TextSink;

/// A value's XSD text.
fn text_of(v: &dyn Simple) -> Result<String, String> {
    let mut sink = TextSink::default();
    v.write_text(&mut sink).map_err(|e| e.to_string())?;
    String::from_utf8(sink.out).map_err(|e| e.to_string())
}

/// Reads a string and parses it as `T`'s XSD text.
struct TextVisitor<T>(PhantomData<T>);

impl<T: Simple> Visitor<'_> for TextVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string in the type's XML Schema lexical form")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::parse_text(v).map_err(E::custom)
    }
}

macro_rules! as_text {
    ($($t:ty),+) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&text_of(self).map_err(ser::Error::custom)?)
            }
        }
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_str(TextVisitor(PhantomData))
            }
        }
    )+};
}

as_text!(DateTime, Date, Time, Decimal, HexBinary);
