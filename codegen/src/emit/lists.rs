//! `xsd:list` newtypes and `xsd:union` enums: both `rt::Simple`, so they serve as element
//! text and attribute values alike.

use proc_macro2::TokenStream;
use quote::quote;

use super::common::{doc, extra, ident, ty};
use crate::ir::{ListType, Union};

/// The schema's documentation, then a blank line (so our note is a paragraph of its own).
fn doc_then_note(text: Option<&str>) -> TokenStream {
    let d = doc(text);
    if d.is_empty() {
        d
    } else {
        quote!(#d #[doc = ""])
    }
}

pub fn emit_list(l: &ListType) -> TokenStream {
    let type_doc = doc_then_note(l.doc.as_deref());
    let type_extra = extra(&l.extra);
    let name = ident(&l.ident);
    let item = ty(&l.item);
    quote! {
        #type_doc
        #[doc = " An `xsd:list`: items separated by whitespace on the wire."]
        #[derive(Debug, Clone, PartialEq, Default)]
        #type_extra
        pub struct #name(pub Vec<#item>);
        impl rt::Simple for #name {
            fn parse_text(text: &str) -> Result<Self, rt::ParseError> {
                rt::parse_list(text).map(Self)
            }
            fn write_text(&self, out: &mut rt::TextSink) -> rt::WriteResult {
                rt::write_list(&self.0, out)
            }
        }
        rt::simple_xml_value!(#name);
    }
}

pub fn emit_union(u: &Union) -> TokenStream {
    let type_doc = doc_then_note(u.doc.as_deref());
    let type_extra = extra(&u.extra);
    let name = ident(&u.ident);
    let other = ident(&u.other);
    let variants = u.members.iter().map(|m| {
        let v = ident(&m.variant);
        let t = ty(&m.ty);
        quote!(#v(#t),)
    });
    let tries = u.members.iter().map(|m| {
        let v = ident(&m.variant);
        let t = ty(&m.ty);
        match &m.unlisted {
            // An enumeration keeps any text as its unlisted variant: only listed values
            // count as a match here.
            Some(unlisted) => {
                let unlisted = ident(unlisted);
                quote! {
                    match <#t as rt::Simple>::parse_text(text) {
                        Ok(#t::#unlisted(_)) | Err(_) => {}
                        Ok(v) => return Ok(Self::#v(v)),
                    }
                }
            }
            None => quote! {
                if let Ok(v) = <#t as rt::Simple>::parse_text(text) {
                    return Ok(Self::#v(v));
                }
            },
        }
    });
    let writes = u.members.iter().map(|m| {
        let v = ident(&m.variant);
        quote!(Self::#v(v) => rt::Simple::write_text(v, out),)
    });
    let default = match u.members.first() {
        Some(m) => {
            let v = ident(&m.variant);
            quote!(Self::#v(Default::default()))
        }
        None => quote!(Self::#other(String::new())),
    };
    quote! {
        #type_doc
        #[doc = " An `xsd:union`: the first member type (in schema order) that accepts the text;"]
        #[doc = " text none accepts is kept as it is."]
        #[derive(Debug, Clone, PartialEq)]
        #type_extra
        pub enum #name {
            #(#variants)*
            /// Text no member type accepts, kept as it is.
            #other(String),
        }
        impl Default for #name {
            fn default() -> Self { #default }
        }
        impl rt::Simple for #name {
            fn parse_text(text: &str) -> Result<Self, rt::ParseError> {
                #(#tries)*
                Ok(Self::#other(text.to_owned()))
            }
            fn write_text(&self, out: &mut rt::TextSink) -> rt::WriteResult {
                match self {
                    #(#writes)*
                    Self::#other(v) => out.push_str(v),
                }
            }
        }
        rt::simple_xml_value!(#name);
    }
}
