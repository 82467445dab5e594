//! Token helpers shared by the emitters: identifiers, types, XML names, rustdoc.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Builtin, Field, Occurs, Ty, XmlName};

/// An identifier from a name chosen by [`crate::names`]; `r#type` becomes a raw identifier.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The namespace expression of a name: its const, or `""`.
pub fn ns(name: &XmlName) -> TokenStream {
    match &name.ns {
        Some(c) => {
            let c = ident(c);
            quote!(#c)
        }
        None => quote!(""),
    }
}

/// `rt::Name { ns: NS, local: "x" }`
pub fn rt_name(name: &XmlName) -> TokenStream {
    let ns = ns(name);
    let local = &name.local;
    quote!(rt::Name { ns: #ns, local: #local })
}

pub fn ty(t: &Ty) -> TokenStream {
    match t {
        Ty::Named(n) => {
            let n = ident(n);
            quote!(#n)
        }
        Ty::Builtin(b) => builtin(*b),
    }
}

fn builtin(b: Builtin) -> TokenStream {
    match b {
        Builtin::String => quote!(String),
        Builtin::Bool => quote!(bool),
        Builtin::I8 => quote!(i8),
        Builtin::I16 => quote!(i16),
        Builtin::I32 => quote!(i32),
        Builtin::I64 => quote!(i64),
        Builtin::U8 => quote!(u8),
        Builtin::U16 => quote!(u16),
        Builtin::U32 => quote!(u32),
        Builtin::U64 => quote!(u64),
        Builtin::F32 => quote!(f32),
        Builtin::F64 => quote!(f64),
        Builtin::Decimal => quote!(rt::Decimal),
        Builtin::DateTime => quote!(rt::DateTime),
        Builtin::Date => quote!(rt::Date),
        Builtin::Time => quote!(rt::Time),
        Builtin::Bytes => quote!(Vec<u8>),
        Builtin::HexBinary => quote!(rt::HexBinary),
        Builtin::AnyValue => quote!(rt::AnyValue),
    }
}

/// The value type of one occurrence: `T` or `rt::Nillable<T>`.
pub fn item_ty(f: &Field) -> TokenStream {
    let t = ty(&f.ty);
    if f.nillable {
        quote!(rt::Nillable<#t>)
    } else {
        t
    }
}

/// The field's full type: occurrence wrapping and boxing applied.
pub fn field_ty(f: &Field) -> TokenStream {
    let t = item_ty(f);
    let t = if f.boxed { quote!(Box<#t>) } else { t };
    match f.occurs {
        Occurs::Required => t,
        Occurs::Optional => quote!(Option<#t>),
        Occurs::Repeated | Occurs::RepeatedRequired => quote!(Vec<#t>),
    }
}

/// `rt::OPTIONAL | rt::NILLABLE`...
pub fn flags(f: &Field) -> TokenStream {
    let base = match f.occurs {
        Occurs::Required => quote!(rt::REQUIRED),
        Occurs::Optional => quote!(rt::OPTIONAL),
        Occurs::Repeated => quote!(rt::REPEATED),
        Occurs::RepeatedRequired => quote!(rt::REPEATED_REQUIRED),
    };
    if f.nillable {
        quote!(#base | rt::NILLABLE)
    } else {
        base
    }
}

/// `#[doc = "..."]` lines for a piece of schema documentation.
pub fn doc(text: Option<&str>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
    };
    let lines = crate::emit::doc::rustdoc_lines(text);
    quote!(#(#[doc = #lines])*)
}

/// User attributes (already checked to parse by the Builder).
pub fn extra(attrs: &[String]) -> TokenStream {
    attrs
        .iter()
        .filter_map(|a| a.parse::<TokenStream>().ok())
        .collect()
}
