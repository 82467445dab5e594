//! SOAP encoding: `soapenc:Array` newtypes and rpc/encoded body wrappers (a struct, its
//! `rt::Complex` table, and an `rt::Body` impl over `rt::read_encoded`/`rt::write_encoded`).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::common::{doc, extra, ident, ns, rt_name, ty};
use crate::ir::{EncodedBody, SoapArray};

pub fn emit_array(a: &SoapArray) -> TokenStream {
    let name = ident(&a.ident);
    let fallback = format!(
        " A SOAP-encoded array (`soapenc:Array`) of `{}`.",
        a.item_type.local
    );
    let doc = match &a.doc {
        Some(d) => doc(Some(d)),
        None => quote!(#[doc = #fallback]),
    };
    let item = ty(&a.item);
    let item_type = rt_name(&a.item_type);
    let type_extra = extra(&a.extra);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default)]
        #type_extra
        pub struct #name(pub Vec<#item>);
        impl rt::XmlValue for #name {
            fn read_xml(r: &mut rt::Reader<'_>, s: &rt::Start<'_>) -> rt::Result<Self> {
                r.soap_array(s).map(Self)
            }
            fn write_xml(&self, w: &mut rt::Writer, n: &rt::Name) -> rt::WriteResult {
                w.soap_array(n, &#item_type, &self.0)
            }
        }
    }
}

pub fn emit_body(b: &EncodedBody) -> TokenStream {
    let name = ident(&b.ident);
    let doc = format!(
        " The rpc/encoded body element `{}` (SOAP encoding).",
        b.element.local
    );
    let fields = b.parts.iter().map(|p| {
        let id = ident(&p.ident);
        let t = ty(&p.ty);
        quote!(pub #id: #t,)
    });
    let table = b.parts.iter().map(|p| {
        let ns = ns(&p.xml);
        let local = &p.xml.local;
        quote!(rt::FieldInfo::new(#local, #ns, rt::REQUIRED),)
    });
    let (read_field, write_fields) = field_fns(b);
    let (xml_ns, xml_local) = (ns(&b.element), &b.element.local);
    let element = rt_name(&b.element);
    let style = &b.style;
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #name { #(#fields)* }
        impl rt::Complex for #name {
            const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
                ns: #xml_ns,
                name: #xml_local,
                fields: &[#(#table)*],
                attrs: &[],
            };
            #read_field
            #write_fields
        }
        impl rt::Body for #name {
            fn read_body(r: &mut rt::Reader<'_>, s: &rt::Start<'_>) -> rt::Result<Self> {
                rt::read_encoded(r, s, &#element)
            }
            fn write_body(&self, w: &mut rt::Writer) -> rt::WriteResult {
                rt::write_encoded(w, &#element, #style, self)
            }
        }
    }
}

/// `read_field` and `write_fields`: parts read like required fields, written with `xsi:type`.
fn field_fns(b: &EncodedBody) -> (TokenStream, TokenStream) {
    if b.parts.is_empty() {
        return (
            quote! {
                fn read_field(&mut self, _: usize, r: &mut rt::Reader<'_>, s: &rt::Start<'_>) -> rt::ReadResult {
                    r.skip(s)
                }
            },
            quote! {
                fn write_fields(&self, _: &mut rt::Writer) -> rt::WriteResult {
                    Ok(())
                }
            },
        );
    }
    let reads = b.parts.iter().enumerate().map(|(i, p)| {
        let id = ident(&p.ident);
        let i = Literal::usize_unsuffixed(i);
        quote!(#i => r.one(&mut self.#id, s),)
    });
    let writes = b.parts.iter().enumerate().map(|(i, p)| {
        let id = ident(&p.ident);
        let i = Literal::usize_unsuffixed(i);
        match &p.xsi_type {
            Some(t) => {
                let t = rt_name(t);
                quote!(w.encoded_part(&f[#i], &#t, &self.#id)?;)
            }
            None => quote!(w.one(&f[#i], &self.#id)?;),
        }
    });
    (
        quote! {
            fn read_field(&mut self, i: usize, r: &mut rt::Reader<'_>, s: &rt::Start<'_>) -> rt::ReadResult {
                match i {
                    #(#reads)*
                    _ => r.skip(s),
                }
            }
        },
        quote! {
            fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
                let f = Self::INFO.fields;
                #(#writes)*
                Ok(())
            }
        },
    )
}
