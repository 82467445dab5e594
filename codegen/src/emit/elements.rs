//! Global elements: `rt::Element` impls, and newtype wrappers for elements whose type
//! cannot carry the impl itself.

use proc_macro2::TokenStream;
use quote::quote;

use super::common::{doc, extra, ident, rt_name, ty};
use crate::ir::{Newtype, XmlName};

/// `impl rt::Element for #ty { const NAME = ... }`
pub fn element_impl(ty: &str, element: &XmlName) -> TokenStream {
    let name = ident(ty);
    let n = rt_name(element);
    quote! {
        impl rt::Element for #name {
            const NAME: rt::Name = #n;
        }
    }
}

pub fn emit_newtype(n: &Newtype) -> TokenStream {
    let doc = doc(n.doc.as_deref());
    let name = ident(&n.ident);
    let inner = ty(&n.inner);
    let inner = if n.nillable {
        quote!(rt::Nillable<#inner>)
    } else {
        inner
    };
    let element = element_impl(&n.ident, &n.element);
    let type_extra = extra(&n.extra);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default)]
        #type_extra
        pub struct #name(pub #inner);
        impl rt::XmlValue for #name {
            fn read_xml(r: &mut rt::Reader<'_>, s: &rt::Start<'_>) -> rt::Result<Self> {
                rt::XmlValue::read_xml(r, s).map(Self)
            }
            fn write_xml(&self, w: &mut rt::Writer, n: &rt::Name) -> rt::WriteResult {
                rt::XmlValue::write_xml(&self.0, w, n)
            }
        }
        #element
    }
}
