//! simpleType enumerations -> Rust enums that keep unknown values, and type aliases.

use proc_macro2::TokenStream;
use quote::quote;

use super::common::{doc, extra, ident, ty};
use crate::ir::{Alias, Enum};

pub fn emit(e: &Enum) -> TokenStream {
    let type_doc = doc(e.doc.as_deref());
    let type_extra = extra(&e.extra);
    let name = ident(&e.ident);
    let unknown = ident(&e.unknown);
    let idents: Vec<_> = e.variants.iter().map(|v| ident(&v.ident)).collect();
    let values: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
    let docs = e.variants.iter().map(|v| doc(v.doc.as_deref()));
    // The first listed value is the default; an enum with no values defaults to `Unknown("")`.
    let (variants, default_impl) = match idents.split_first() {
        Some((first, rest)) => {
            let mut docs = docs;
            let first_doc = docs.next();
            (
                quote!(#first_doc #[default] #first, #(#docs #rest,)*),
                TokenStream::new(),
            )
        }
        None => (
            TokenStream::new(),
            quote! {
                impl Default for #name {
                    fn default() -> Self { Self::#unknown(String::new()) }
                }
            },
        ),
    };
    let derive_default = if e.variants.is_empty() {
        quote!()
    } else {
        quote!(, Default)
    };
    quote! {
        #type_doc
        #[derive(Clone, PartialEq, Eq, Hash #derive_default)]
        #type_extra
        pub enum #name {
            #variants
            /// A value the schema does not list (servers send newer values).
            #unknown(String),
        }
        #default_impl
        impl #name {
            /// The value as written in XML.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #values,)*
                    Self::#unknown(v) => v,
                }
            }
        }
        // By its XML text, through one runtime function: a derived `Debug` would add a
        // second match over every variant (compile time, issue 5 (e)).
        impl rt::Debug for #name {
            fn fmt(&self, f: &mut rt::Formatter<'_>) -> rt::FmtResult {
                rt::debug_enum(f, self.as_str(), matches!(self, Self::#unknown(_)))
            }
        }
        impl rt::Simple for #name {
            fn parse_text(text: &str) -> Result<Self, rt::ParseError> {
                Ok(match text {
                    #(#values => Self::#idents,)*
                    other => Self::#unknown(other.to_owned()),
                })
            }
            fn write_text(&self, out: &mut rt::TextSink) -> rt::WriteResult {
                out.push_str(self.as_str())
            }
        }
        rt::simple_xml_value!(#name);
    }
}

pub fn emit_alias(a: &Alias) -> TokenStream {
    let doc = doc(a.doc.as_deref());
    let name = ident(&a.ident);
    let target = ty(&a.target);
    quote! {
        #doc
        pub type #name = #target;
    }
}
