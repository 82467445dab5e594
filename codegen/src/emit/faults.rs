//! Per binding: `{Name}FaultDetail`, the declared fault detail elements as one enum that
//! decodes a fault's `detail` (`rt::Fault::detail_as`, `rt::Error::fault_detail`).

use proc_macro2::TokenStream;
use quote::quote;

use super::common::ident;
use crate::ir::Binding;

pub fn emit(b: &Binding) -> TokenStream {
    let Some(faults) = &b.faults else {
        return TokenStream::new();
    };
    let doc = format!(
        " The fault details declared by binding `{}` (`wsdl:fault`), by element.",
        b.wsdl_name
    );
    let dispatch = super::soap::dispatch_enum(&doc, &faults.ident, &faults.extra, &faults.variants);
    let name = ident(&faults.ident);
    quote! {
        #dispatch
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
