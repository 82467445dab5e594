//! Per binding: the `ops` consts and a thin client; the shared `SESSION` consts.

use proc_macro2::TokenStream;
use quote::quote;

use super::common::{doc, ident, rt_name};
use crate::ir::{Binding, Operation, Session, SoapVersion};

pub fn emit_session(s: &Session) -> TokenStream {
    let name = ident(&s.ident);
    let element = rt_name(&s.element);
    let id = rt_name(&s.session_id);
    let doc = format!(
        " The `{}` header the runtime fills with the credential's token at send time.",
        s.element.local
    );
    quote! {
        #[doc = #doc]
        pub const #name: rt::SessionHeaderInfo = rt::SessionHeaderInfo {
            element: #element,
            session_id: #id,
        };
    }
}

pub fn emit_ops(b: &Binding) -> TokenStream {
    let module = ident(&b.ops_module);
    let doc = format!(" Operations of binding `{}` (one const each).", b.wsdl_name);
    let consts = b.operations.iter().map(op_const);
    quote! {
        #[doc = #doc]
        pub mod #module {
            use super::*;
            #(#consts)*
        }
    }
}

fn op_const(op: &Operation) -> TokenStream {
    let name = ident(&op.const_ident);
    let wire = &op.name;
    let action = &op.soap_action;
    let version = match op.version {
        SoapVersion::Soap11 => quote!(rt::SoapVersion::Soap11),
        SoapVersion::Soap12 => quote!(rt::SoapVersion::Soap12),
    };
    let retry = op.retry_safe;
    let session = match &op.session {
        Some(s) => {
            let s = ident(s);
            quote!(Some(&#s))
        }
        None => quote!(None),
    };
    let doc = format!(" `{}`", op.name);
    quote! {
        #[doc = #doc]
        pub const #name: rt::Operation = rt::Operation {
            name: #wire,
            soap_action: #action,
            version: #version,
            retry_safe: #retry,
            session: #session,
        };
    }
}

pub fn emit_client(b: &Binding) -> TokenStream {
    let name = ident(&b.client);
    let headers = ident(&b.headers);
    let doc = format!(" Client of binding `{}`.", b.wsdl_name);
    let methods = b.operations.iter().map(|op| method(b, op));
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        pub struct #name {
            inner: rt::SoapClient,
            /// Headers sent with every call (a SessionHeader is filled by the runtime).
            pub headers: #headers,
        }
        impl #name {
            pub fn new(inner: rt::SoapClient) -> Self {
                Self { inner, headers: Default::default() }
            }
            pub fn inner(&self) -> &rt::SoapClient {
                &self.inner
            }
            #(#methods)*
        }
    }
}

fn method(b: &Binding, op: &Operation) -> TokenStream {
    let (Some(input), Some(output)) = (&op.input, &op.output) else {
        // One-way and output-only operations have no request/response call to wrap.
        return TokenStream::new();
    };
    let module = ident(&b.ops_module);
    let konst = ident(&op.const_ident);
    let method = ident(&op.method);
    let input = ident(input);
    let output = ident(output);
    let mut doc = doc(op.doc.as_deref());
    if let (false, Some(f)) = (op.faults.is_empty(), &b.faults) {
        let names: Vec<String> = op.faults.iter().map(|v| format!("`{v}`")).collect();
        let line = format!(
            " Declared faults: {}; decode with [`{}::of_error`].",
            names.join(", "),
            f.ident
        );
        doc.extend(quote!(#[doc = ""] #[doc = #line]));
    }
    let plain = quote! {
        #doc
        pub async fn #method(&self, body: &#input) -> rt::CallResult<#output> {
            self.inner.call(&#module::#konst, &self.headers, body).await
        }
    };
    let Some(with) = &op.with_headers else {
        return plain;
    };
    let with = ident(with);
    let headers = ident(&b.headers);
    let with_doc = format!(" `{}`, returning the response's headers too.", op.name);
    quote! {
        #plain
        #[doc = #with_doc]
        pub async fn #with(&self, body: &#input) -> rt::CallResult<(#headers, #output)> {
            self.inner.call_with_headers(&#module::#konst, &self.headers, body).await
        }
    }
}
