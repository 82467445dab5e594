//! Choice fields: the enum of the alternatives, and the table entries, read arms and write
//! statement of a struct field holding it.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::common::{ident, ns, ty};
use crate::ir::{ChoiceAlt, ChoiceEnum, Field, Occurs};

/// The value type a variant holds: `T`, `rt::Nillable<T>`, boxed when it is a struct.
fn alt_ty(a: &ChoiceAlt) -> TokenStream {
    let t = ty(&a.ty);
    let t = if a.nillable {
        quote!(rt::Nillable<#t>)
    } else {
        t
    };
    if a.boxed { quote!(Box<#t>) } else { t }
}

pub fn emit(c: &ChoiceEnum) -> TokenStream {
    let name = ident(&c.ident);
    let variants = c.alts.iter().map(|a| {
        let v = ident(&a.variant);
        let t = alt_ty(a);
        quote!(#v(#t),)
    });
    let first = c.alts.first().map(|a| ident(&a.variant));
    let doc = " One of the alternative elements of a `<choice>`.";
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name { #(#variants)* }
        impl Default for #name {
            fn default() -> Self { Self::#first(Default::default()) }
        }
    }
}

/// `rt::FieldInfo` of one alternative: optional (or repeated), each on its own.
pub fn alt_info(f: &Field, a: &ChoiceAlt) -> TokenStream {
    let base = match f.occurs {
        Occurs::Required | Occurs::Optional => quote!(rt::OPTIONAL),
        Occurs::Repeated | Occurs::RepeatedRequired => quote!(rt::REPEATED),
    };
    let flags = if a.nillable {
        quote!(#base | rt::NILLABLE)
    } else {
        base
    };
    let ns = ns(&a.xml);
    let local = &a.xml.local;
    quote!(rt::FieldInfo::new(#local, #ns, #flags))
}

/// `read_field` arms for the alternatives, whose table entries start at `first`.
pub fn read_arms(f: &Field, first: usize) -> Vec<TokenStream> {
    let id = ident(&f.ident);
    let enum_ty = ty(&f.ty);
    f.choice
        .iter()
        .enumerate()
        .map(|(k, a)| {
            let i = Literal::usize_unsuffixed(first + k);
            let v = ident(&a.variant);
            let t = alt_ty(a);
            let store = match f.occurs {
                Occurs::Required => quote!(self.#id = #enum_ty::#v(v);),
                Occurs::Optional => quote!(self.#id = Some(#enum_ty::#v(v));),
                Occurs::Repeated | Occurs::RepeatedRequired => {
                    quote!(self.#id.push(#enum_ty::#v(v));)
                }
            };
            let read = if a.boxed {
                quote!(one_boxed)
            } else {
                quote!(one)
            };
            quote!(#i => {
                let mut v: #t = Default::default();
                r.#read(&mut v, s)?;
                #store
                Ok(())
            })
        })
        .collect()
}

/// The `write_fields` statement of a choice field whose table entries start at `first`.
pub fn write_stmt(f: &Field, first: usize) -> TokenStream {
    let id = ident(&f.ident);
    let enum_ty = ty(&f.ty);
    let arms = f.choice.iter().enumerate().map(|(k, a)| {
        let i = Literal::usize_unsuffixed(first + k);
        let v = ident(&a.variant);
        let call = if a.boxed {
            quote!(one_boxed)
        } else {
            quote!(one)
        };
        quote!(#enum_ty::#v(v) => w.#call(&f[#i], v)?,)
    });
    let matched = quote!(match c { #(#arms)* });
    match f.occurs {
        Occurs::Required => quote!(let c = &self.#id; #matched),
        Occurs::Optional => quote!(if let Some(c) = &self.#id { #matched }),
        Occurs::Repeated | Occurs::RepeatedRequired => quote!(for c in &self.#id { #matched }),
    }
}
