//! `Any{Base}` enums: a slot typed with a base that has subtypes holds any of them,
//! dispatched on `xsi:type` when read and written with it.

use proc_macro2::TokenStream;
use quote::quote;

use super::common::{extra, ident, ns};
use crate::ir::{Poly, PolyVariant};

pub fn emit(p: &Poly) -> TokenStream {
    let name = ident(&p.ident);
    let unknown = ident(&p.unknown);
    let all: Vec<&PolyVariant> = p.base.iter().chain(&p.variants).collect();
    let decls = all.iter().map(|v| {
        let id = ident(&v.ident);
        let t = ident(&v.ty);
        quote!(#id(Box<#t>),)
    });
    let doc = format!(
        " A `{}` or any type derived from it, told apart by `xsi:type`.",
        p.base_ty
    );
    let type_extra = extra(&p.extra);
    let default_impl = default_impl(p, &name, &unknown);
    let xml_impl = xml_impl(p, &all, &name, &unknown);
    let type_name = type_name_impl(&all, &name, &unknown);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #type_extra
        pub enum #name {
            #(#decls)*
            /// An `xsi:type` these stubs do not know: its name and raw XML are kept.
            #unknown(rt::AnyValue),
        }
        #default_impl
        #xml_impl
        #type_name
    }
}

fn default_impl(p: &Poly, name: &proc_macro2::Ident, unknown: &proc_macro2::Ident) -> TokenStream {
    // The base when it is concrete, else the first concrete descendant.
    let body = match p.base.as_ref().or(p.variants.first()) {
        Some(v) => {
            let id = ident(&v.ident);
            quote!(Self::#id(Default::default()))
        }
        None => quote!(Self::#unknown(Default::default())),
    };
    quote! {
        impl Default for #name {
            fn default() -> Self { #body }
        }
    }
}

fn xml_impl(
    p: &Poly,
    all: &[&PolyVariant],
    name: &proc_macro2::Ident,
    unknown: &proc_macro2::Ident,
) -> TokenStream {
    let untyped = match &p.base {
        Some(b) => {
            let id = ident(&b.ident);
            quote!(return Ok(Self::#id(r.read_boxed(s)?)))
        }
        None => quote!(return Err(r.missing_xsi_type(s))),
    };
    // A binary search in the names sorted by local part, then a match on the position: a
    // `match` on (namespace, name) pairs made the compiler's pattern checking alone take
    // 1.5 s for the Metadata WSDL's ~1,000 subtypes (issue 5 (e)).
    let mut sorted = all.to_vec();
    sorted.sort_by(|a, b| a.xml.local.cmp(&b.xml.local));
    let names = sorted.iter().map(|v| {
        let ns = ns(&v.xml);
        let local = &v.xml.local;
        quote!((#ns, #local))
    });
    let read_arms = sorted.iter().enumerate().map(|(i, v)| {
        let id = ident(&v.ident);
        quote!(Some(#i) => Self::#id(r.read_boxed(s)?),)
    });
    let write_arms = all.iter().map(|v| {
        let id = ident(&v.ident);
        let is_base = p.base.as_ref().is_some_and(|b| b.ident == v.ident);
        if is_base {
            quote!(Self::#id(v) => w.complex(&**v, n),)
        } else {
            quote!(Self::#id(v) => w.complex_typed(&**v, n),)
        }
    });
    quote! {
        impl rt::XmlValue for #name {
            fn read_xml(r: &mut rt::Reader<'_>, s: &rt::Start<'_>) -> rt::Result<Self> {
                let Some(t) = r.xsi_type(s)? else { #untyped };
                Ok(match rt::type_index(&t, &[#(#names),*]) {
                    #(#read_arms)*
                    _ => Self::#unknown(r.unknown_subtype(s, &t, TYPE_NAMES)?),
                })
            }
            fn write_xml(&self, w: &mut rt::Writer, n: &rt::Name) -> rt::WriteResult {
                match self {
                    #(#write_arms)*
                    Self::#unknown(v) => rt::XmlValue::write_xml(v, w, n),
                }
            }
        }
    }
}

fn type_name_impl(
    all: &[&PolyVariant],
    name: &proc_macro2::Ident,
    unknown: &proc_macro2::Ident,
) -> TokenStream {
    let arms = all.iter().map(|v| {
        let id = ident(&v.ident);
        let local = &v.xml.local;
        quote!(Self::#id(_) => #local,)
    });
    quote! {
        impl #name {
            /// The `xsi:type` name (local part) of the value held.
            pub fn type_name(&self) -> &str {
                match self {
                    #(#arms)*
                    Self::#unknown(v) => v.type_name(),
                }
            }
        }
    }
}
