//! Complex types: a data struct plus a table-driven `rt::Complex` impl (see GENERATED.md).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::common::{doc, field_ty, flags, ident, ns};
use crate::ir::{Field, Occurs, Struct};

pub fn emit(s: &Struct) -> TokenStream {
    let doc = doc(s.doc.as_deref());
    let name = ident(&s.ident);
    let fields = s.fields.iter().map(|f| {
        let doc = doc_of(f);
        let id = ident(&f.ident);
        let t = field_ty(f);
        quote!(#doc pub #id: #t,)
    });
    let complex = complex_impl(&s.ident, &s.xml, &s.fields);
    let element = s
        .element
        .as_ref()
        .map(|e| super::elements::element_impl(&s.ident, e));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #name { #(#fields)* }
        #complex
        #element
    }
}

fn doc_of(f: &Field) -> TokenStream {
    doc(f.doc.as_deref())
}

/// `impl rt::Complex for #ty`: the field table, `read_field` and `write_fields`. Shared
/// with the binding's headers struct.
pub fn complex_impl(ty: &str, xml: &crate::ir::XmlName, fields: &[Field]) -> TokenStream {
    let name = ident(ty);
    let type_ns = ns(xml);
    let local = &xml.local;
    let infos = fields.iter().map(field_info);
    let read = read_field(fields);
    let write = write_fields(fields);
    quote! {
        impl rt::Complex for #name {
            const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
                ns: #type_ns,
                name: #local,
                fields: &[#(#infos),*],
                attrs: &[],
            };
            #read
            #write
        }
    }
}

fn field_info(f: &Field) -> TokenStream {
    let flags = flags(f);
    match &f.xml {
        Some(x) => {
            let ns = ns(x);
            let local = &x.local;
            quote!(rt::FieldInfo::new(#local, #ns, #flags))
        }
        None => quote!(rt::FieldInfo::any(#flags)),
    }
}

/// The reader call for a field's occurrence kind.
fn read_call(f: &Field) -> TokenStream {
    match (f.occurs, f.boxed) {
        (Occurs::Required, false) => quote!(one),
        (Occurs::Required, true) => quote!(one_boxed),
        (Occurs::Optional, false) => quote!(opt),
        (Occurs::Optional, true) => quote!(opt_boxed),
        (Occurs::Repeated | Occurs::RepeatedRequired, _) => quote!(vec),
    }
}

fn read_field(fields: &[Field]) -> TokenStream {
    if fields.is_empty() {
        return quote! {
            fn read_field(&mut self, _: usize, r: &mut rt::Reader<'_>, s: &rt::Start<'_>) -> rt::ReadResult {
                r.skip(s)
            }
        };
    }
    let arms = fields.iter().enumerate().map(|(i, f)| {
        let id = ident(&f.ident);
        let call = read_call(f);
        let i = Literal::usize_unsuffixed(i);
        quote!(#i => r.#call(&mut self.#id, s),)
    });
    quote! {
        fn read_field(&mut self, i: usize, r: &mut rt::Reader<'_>, s: &rt::Start<'_>) -> rt::ReadResult {
            match i {
                #(#arms)*
                _ => r.skip(s),
            }
        }
    }
}

fn write_fields(fields: &[Field]) -> TokenStream {
    if fields.is_empty() {
        return quote! {
            fn write_fields(&self, _: &mut rt::Writer) -> rt::WriteResult {
                Ok(())
            }
        };
    }
    let calls = fields.iter().enumerate().map(|(i, f)| {
        let id = ident(&f.ident);
        let call = read_call(f);
        let i = Literal::usize_unsuffixed(i);
        quote!(w.#call(&f[#i], &self.#id)?;)
    });
    quote! {
        fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
            let f = Self::INFO.fields;
            #(#calls)*
            Ok(())
        }
    }
}
