//! Per binding: `{Name}FaultDetail`, the declared fault detail elements as one enum that
//! decodes a fault's `detail` (`rt::Fault::detail_as`, `rt::Error::fault_detail`).

use proc_macro2::TokenStream;
use quote::quote;

use super::common::{extra, ident, ns};
use crate::ir::Binding;

pub fn emit(b: &Binding) -> TokenStream {
    let Some(faults) = &b.faults else {
        return TokenStream::new();
    };
    let name = ident(&faults.ident);
    let extra = extra(&faults.extra);
    let doc = format!(
        " The fault details declared by binding `{}` (`wsdl:fault`), by element.",
        b.wsdl_name
    );
    let variants = faults.variants.iter().map(|v| {
        let id = ident(&v.ident);
        let t = ident(&v.ty);
        quote!(#id(#t),)
    });
    let read_arms = faults.variants.iter().map(|v| {
        let id = ident(&v.ident);
        let ns = ns(&v.element);
        let local = &v.element.local;
        quote!((#ns, #local) => Self::#id(rt::XmlValue::read_xml(r, s)?),)
    });
    let write_arms = faults.variants.iter().map(|v| {
        let id = ident(&v.ident);
        quote!(Self::#id(v) => rt::Body::write_body(v, w),)
    });
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
        impl #name {
            /// The typed detail of `fault`: `None` when it has no detail element, or one
            /// this binding does not declare (the raw detail stays in `fault.detail`).
            pub fn of(fault: &rt::Fault) -> Option<rt::Result<Self>> {
                fault.detail_as()
            }
            /// The typed fault detail of a call's error: `None` unless it is a SOAP fault
            /// whose detail element this binding declares.
            pub fn of_error(error: &rt::Error) -> Option<rt::Result<Self>> {
                error.fault_detail()
            }
        }
    }
}
