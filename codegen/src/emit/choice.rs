//! Choice fields: the enum of the alternatives, and the table entries, read arms and write
//! statement of a struct field holding it.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::common::{extra, ident, ns, ty};
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
    let type_extra = extra(&c.extra);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #type_extra
        pub enum #name { #(#variants)* }
        impl Default for #name {
            fn default() -> Self { Self::#first(Default::default()) }
        }
    }
}

/// How many table entries a choice field has: one per element alternative, one per
/// element of each group alternative.
pub fn entries(f: &Field) -> usize {
    f.choice.iter().map(|a| a.group.len().max(1)).sum()
}

/// `rt::FieldInfo`s of one alternative: optional (or repeated), each on its own; a group
/// alternative has one per element.
pub fn alt_infos(f: &Field, a: &ChoiceAlt) -> Vec<TokenStream> {
    let repeats = matches!(f.occurs, Occurs::Repeated | Occurs::RepeatedRequired);
    let info = |xml: &crate::ir::XmlName, nillable: bool, repeated: bool| {
        let base = if repeats || repeated {
            quote!(rt::REPEATED)
        } else {
            quote!(rt::OPTIONAL)
        };
        let flags = if nillable {
            quote!(#base | rt::NILLABLE)
        } else {
            base
        };
        let ns = ns(xml);
        let local = &xml.local;
        quote!(rt::FieldInfo::new(#local, #ns, #flags))
    };
    if let Some(spec) = &a.any {
        let flags = if repeats {
            quote!(rt::REPEATED)
        } else {
            quote!(rt::OPTIONAL)
        };
        return vec![quote!(rt::FieldInfo::any_in(#flags, #spec))];
    }
    if a.group.is_empty() {
        return vec![info(&a.xml, a.nillable, false)];
    }
    a.group
        .iter()
        .map(|g| info(&g.xml, g.nillable, g.repeated))
        .collect()
}

/// `read_field` arms of a group alternative's elements, the first at table index `first`.
fn group_arms(f: &Field, a: &ChoiceAlt, first: usize) -> Vec<TokenStream> {
    let id = ident(&f.ident);
    let enum_ty = ty(&f.ty);
    let v = ident(&a.variant);
    let slot = match f.occurs {
        Occurs::Required => quote!(rt::GroupSlot::One(&mut self.#id)),
        Occurs::Optional => quote!(rt::GroupSlot::Opt(&mut self.#id)),
        Occurs::Repeated | Occurs::RepeatedRequired => quote!(rt::GroupSlot::Vec(&mut self.#id)),
    };
    let start = Literal::usize_unsuffixed(first);
    (0..a.group.len())
        .map(|k| {
            let i = Literal::usize_unsuffixed(first + k);
            let k = Literal::usize_unsuffixed(k);
            quote!(#i => r.group(
                s,
                #slot,
                rt::GroupAt { first: #start, k: #k },
                |c| match c { #enum_ty::#v(v) => Some(&mut **v), _ => None },
                || #enum_ty::#v(Default::default()),
            ),)
        })
        .collect()
}

/// `read_field` arms for the alternatives, whose table entries start at `first`.
pub fn read_arms(f: &Field, first: usize) -> Vec<TokenStream> {
    let id = ident(&f.ident);
    let enum_ty = ty(&f.ty);
    let mut next = first;
    f.choice
        .iter()
        .flat_map(|a| {
            let at = next;
            next += a.group.len().max(1);
            if !a.group.is_empty() {
                return group_arms(f, a, at);
            }
            let i = Literal::usize_unsuffixed(at);
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
            vec![quote!(#i => {
                let mut v: #t = Default::default();
                r.#read(&mut v, s)?;
                #store
                Ok(())
            })]
        })
        .collect()
}

/// The `write_fields` statement of a choice field whose table entries start at `first`.
pub fn write_stmt(f: &Field, first: usize) -> TokenStream {
    let id = ident(&f.ident);
    let enum_ty = ty(&f.ty);
    let mut next = first;
    let arms = f.choice.iter().map(|a| {
        let i = Literal::usize_unsuffixed(next);
        next += a.group.len().max(1);
        let v = ident(&a.variant);
        if !a.group.is_empty() {
            return quote!(#enum_ty::#v(v) => rt::Complex::write_fields(&**v, w)?,);
        }
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
