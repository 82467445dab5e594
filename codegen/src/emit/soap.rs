//! Per binding: the `{Name}Headers` struct over every header element and the `{Name}Body`
//! dispatch enum over every body element (input and output).

use proc_macro2::TokenStream;
use quote::quote;

use super::common::{extra, field_ty, ident, ns};
use crate::ir::{Binding, BodyVariant, XmlName};

pub fn emit_headers(b: &Binding) -> TokenStream {
    let name = ident(&b.headers);
    let doc = format!(
        " Every SOAP header of binding `{}` (input and output).",
        b.wsdl_name
    );
    let fields = b.header_fields.iter().map(|f| {
        let id = ident(&f.ident);
        let t = field_ty(f);
        quote!(pub #id: #t,)
    });
    // The headers struct is no schema type: its table names no type.
    let xml = XmlName {
        ns: None,
        local: "Header".to_owned(),
    };
    let complex = super::structs::complex_impl(&b.headers, &xml, &b.header_fields, &[], None);
    let extra = extra(&b.headers_extra);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, Default)]
        #extra
        pub struct #name { #(#fields)* }
        #complex
    }
}

pub fn emit_body(b: &Binding) -> TokenStream {
    if b.body_variants.is_empty() {
        return TokenStream::new();
    }
    let doc = format!(
        " Every SOAP body element of binding `{}`, requests and responses.",
        b.wsdl_name
    );
    dispatch_enum(&doc, &b.body, &b.body_extra, &b.body_variants)
}

/// An enum with a variant per element, and its `rt::Body` impl dispatching on the element
/// name: a binding's body, and its declared fault details.
pub fn dispatch_enum(
    doc: &str,
    name: &str,
    extra_attrs: &[String],
    all: &[BodyVariant],
) -> TokenStream {
    let name = ident(name);
    let variants = all.iter().map(|v| {
        let id = ident(&v.ident);
        let t = ident(&v.ty);
        quote!(#id(#t),)
    });
    let read_arms = all.iter().map(|v| {
        let id = ident(&v.ident);
        let ns = ns(&v.element);
        let local = &v.element.local;
        if v.encoded {
            return quote!((#ns, #local) => Self::#id(rt::Body::read_body(r, s)?),);
        }
        quote!((#ns, #local) => Self::#id(rt::XmlValue::read_xml(r, s)?),)
    });
    let write_arms = all.iter().map(|v| {
        let id = ident(&v.ident);
        quote!(Self::#id(v) => rt::Body::write_body(v, w),)
    });
    let extra = extra(extra_attrs);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #extra
        #[allow(clippy::large_enum_variant)]
        pub enum #name { #(#variants)* }
        impl rt::Body for #name {
            fn read_body(r: &mut rt::Reader<'_>, s: &rt::Start<'_>) -> rt::Result<Self> {
                let n = r.name(s)?;
                Ok(match (n.ns(), n.local()) {
                    #(#read_arms)*
                    _ => return Err(r.unexpected_body(s)),
                })
            }
            fn write_body(&self, w: &mut rt::Writer) -> rt::WriteResult {
                match self { #(#write_arms)* }
            }
        }
    }
}
