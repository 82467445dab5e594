//! Complex types: a data struct plus a table-driven `rt::Complex` impl (see GENERATED.md).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::common::{doc, extra, field_ty, flags, ident, ns, ty};
use crate::ir::{Attr, Field, Occurs, Struct, Text};

pub fn emit(s: &Struct) -> TokenStream {
    let type_doc = doc(s.doc.as_deref());
    let type_extra = extra(&s.extra);
    let name = ident(&s.ident);
    let text = s.text.iter().map(|t| {
        let id = ident(&t.ident);
        let ty = ty(&t.ty);
        quote!(#[doc = " The element's text."] pub #id: #ty,)
    });
    let attrs = s.attrs.iter().map(|a| {
        let doc = doc(a.doc.as_deref());
        let id = ident(&a.ident);
        let t = ty(&a.ty);
        let t = if a.required { t } else { quote!(Option<#t>) };
        let extra = extra(&a.extra);
        quote!(#doc #extra pub #id: #t,)
    });
    let any_attrs = s.any_attrs.iter().map(|a| {
        let id = ident(a);
        quote!(#[doc = " Attributes the schema's `xsd:anyAttribute` admits, kept as read."] pub #id: Vec<rt::AnyAttribute>,)
    });
    let fields = s.fields.iter().map(|f| {
        let doc = doc_of(f);
        let id = ident(&f.ident);
        let t = field_ty(f);
        let extra = extra(&f.extra);
        quote!(#doc #extra pub #id: #t,)
    });
    let parts = Parts {
        fields: &s.fields,
        attrs: &s.attrs,
        text: s.text.as_ref(),
        any_attrs: s.any_attrs.as_deref(),
    };
    let complex = complex_impl_of(&s.ident, &s.xml, parts);
    let element = s
        .element
        .as_ref()
        .map(|e| super::elements::element_impl(&s.ident, e));
    let default = default_impl(s);
    quote! {
        #type_doc
        #[derive(Debug, Clone, PartialEq)]
        #type_extra
        pub struct #name { #(#text)* #(#attrs)* #(#any_attrs)* #(#fields)* }
        #default
        #complex
        #element
    }
}

/// `impl Default`, written out rather than derived: an absent optional field is the
/// literal `None` and an empty list `Vec::new()`, where the derive calls `Default::default`
/// for every field (a call, and an unwinding path dropping the fields before it, per field:
/// a tenth of the Metadata stubs' machine code).
fn default_impl(s: &Struct) -> TokenStream {
    let name = ident(&s.ident);
    let none = quote!(None);
    let empty = quote!(Vec::new());
    let any = quote!(Default::default());
    let text = s.text.iter().map(|t| (ident(&t.ident), &any));
    let attrs = s
        .attrs
        .iter()
        .map(|a| (ident(&a.ident), if a.required { &any } else { &none }));
    let any_attrs = s.any_attrs.iter().map(|a| (ident(a), &empty));
    let fields = s.fields.iter().map(|f| {
        let value = match f.occurs {
            Occurs::Optional => &none,
            Occurs::Repeated | Occurs::RepeatedRequired => &empty,
            Occurs::Required => &any,
        };
        (ident(&f.ident), value)
    });
    let inits = text
        .chain(attrs)
        .chain(any_attrs)
        .chain(fields)
        .map(|(id, value)| quote!(#id: #value,));
    quote! {
        #[allow(clippy::derivable_impls)]
        impl Default for #name {
            fn default() -> Self {
                Self { #(#inits)* }
            }
        }
    }
}

fn doc_of(f: &Field) -> TokenStream {
    doc(f.doc.as_deref())
}

/// `impl rt::Complex for #ty`: the field table, `read_field` and `write_fields`. Shared
/// with the binding's headers struct.
pub fn complex_impl(
    ty: &str,
    xml: &crate::ir::XmlName,
    fields: &[Field],
    attrs: &[Attr],
    text: Option<&Text>,
) -> TokenStream {
    let parts = Parts {
        fields,
        attrs,
        text,
        any_attrs: None,
    };
    complex_impl_of(ty, xml, parts)
}

/// What a struct's `rt::Complex` impl covers.
#[derive(Clone, Copy)]
struct Parts<'a> {
    fields: &'a [Field],
    attrs: &'a [Attr],
    text: Option<&'a Text>,
    /// The field keeping `xsd:anyAttribute` attributes.
    any_attrs: Option<&'a str>,
}

fn complex_impl_of(ty: &str, xml: &crate::ir::XmlName, p: Parts<'_>) -> TokenStream {
    let Parts {
        fields,
        attrs,
        text,
        any_attrs,
    } = p;
    let name = ident(ty);
    let type_ns = ns(xml);
    let local = &xml.local;
    let infos: Vec<TokenStream> = fields.iter().flat_map(field_infos).collect();
    let attr_infos = attrs.iter().map(|a| {
        let ns = ns(&a.xml);
        let local = &a.xml.local;
        let flag = if a.required {
            quote!(rt::REQUIRED)
        } else {
            quote!(rt::OPTIONAL)
        };
        quote!(rt::AttrInfo::new(#local, #ns, #flag))
    });
    let read = read_field(fields);
    let write = write_fields(fields);
    let attr_fns = attr_fns(attrs, any_attrs);
    let text_fns = text.map(text_fns);
    quote! {
        impl rt::Complex for #name {
            const INFO: &'static rt::TypeInfo = &rt::TypeInfo {
                ns: #type_ns,
                name: #local,
                fields: &[#(#infos),*],
                attrs: &[#(#attr_infos),*],
            };
            #text_fns
            #read
            #write
            #attr_fns
        }
    }
}

/// `read_attr` / `write_attrs`, when the type has attributes; the wildcard's slot when it
/// has an `xsd:anyAttribute`.
fn attr_fns(attrs: &[Attr], any_attrs: Option<&str>) -> TokenStream {
    let Some(any) = any_attrs else {
        return declared_attr_fns(attrs, TokenStream::new());
    };
    let id = ident(any);
    let declared = declared_attr_fns(attrs, quote!(w.any_attrs(&self.#id)?;));
    quote! {
        const ANY_ATTRS: bool = true;
        fn any_attrs_mut(&mut self) -> Option<&mut Vec<rt::AnyAttribute>> {
            Some(&mut self.#id)
        }
        #declared
    }
}

/// `read_attr` / `write_attrs` of the declared attributes; `write_any` ends `write_attrs`.
fn declared_attr_fns(attrs: &[Attr], write_any: TokenStream) -> TokenStream {
    if attrs.is_empty() {
        if write_any.is_empty() {
            return TokenStream::new();
        }
        return quote! {
            fn write_attrs(&self, w: &mut rt::Writer) -> rt::WriteResult {
                #write_any
                Ok(())
            }
        };
    }
    let reads = attrs.iter().enumerate().map(|(i, a)| {
        let id = ident(&a.ident);
        let i = Literal::usize_unsuffixed(i);
        if a.required {
            quote!(#i => rt::parse_attr(&mut self.#id, value),)
        } else {
            quote!(#i => rt::parse_opt_attr(&mut self.#id, value),)
        }
    });
    let writes = attrs.iter().enumerate().map(|(i, a)| {
        let id = ident(&a.ident);
        let i = Literal::usize_unsuffixed(i);
        if a.required {
            quote!(w.attr(&a[#i], &self.#id)?;)
        } else {
            quote!(w.opt_attr(&a[#i], &self.#id)?;)
        }
    });
    quote! {
        fn read_attr(&mut self, i: usize, value: &str) -> Result<(), rt::ParseError> {
            match i {
                #(#reads)*
                _ => Ok(()),
            }
        }
        fn write_attrs(&self, w: &mut rt::Writer) -> rt::WriteResult {
            let a = Self::INFO.attrs;
            #(#writes)*
            #write_any
            Ok(())
        }
    }
}

/// `TEXT` and the text accessors of a simpleContent type.
fn text_fns(t: &Text) -> TokenStream {
    let id = ident(&t.ident);
    quote! {
        const TEXT: bool = true;
        fn read_text(&mut self, text: &str) -> Result<(), rt::ParseError> {
            self.#id = rt::Simple::parse_text(text)?;
            Ok(())
        }
        fn write_text(&self, out: &mut rt::TextSink) -> rt::WriteResult {
            rt::Simple::write_text(&self.#id, out)
        }
    }
}

/// The table entries of a field: one, or one per alternative of a choice.
fn field_infos(f: &Field) -> Vec<TokenStream> {
    if f.choice.is_empty() {
        return vec![field_info(f)];
    }
    f.choice
        .iter()
        .flat_map(|a| super::choice::alt_infos(f, a))
        .collect()
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
    let mut next = 0;
    let arms: Vec<TokenStream> = fields
        .iter()
        .flat_map(|f| {
            if !f.choice.is_empty() {
                let arms = super::choice::read_arms(f, next);
                next += super::choice::entries(f);
                return arms;
            }
            let id = ident(&f.ident);
            let call = read_call(f);
            let i = Literal::usize_unsuffixed(next);
            next += 1;
            vec![quote!(#i => r.#call(&mut self.#id, s),)]
        })
        .collect();
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
    if fields.iter().all(|f| f.choice.is_empty()) {
        let slots = fields.iter().map(write_slot);
        return quote! {
            fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
                w.fields(Self::INFO.fields, &[#(#slots),*])
            }
        };
    }
    // Runs of plain fields go through `w.fields` over their slice of the table; a choice
    // field matches on its enum in between.
    let mut stmts = Vec::new();
    let mut run: Vec<TokenStream> = Vec::new();
    let mut next = 0;
    let flush = |run: &mut Vec<TokenStream>, end: usize, stmts: &mut Vec<TokenStream>| {
        if run.is_empty() {
            return;
        }
        let start = Literal::usize_unsuffixed(end - run.len());
        let end = Literal::usize_unsuffixed(end);
        let slots = std::mem::take(run);
        stmts.push(quote!(w.fields(&f[#start..#end], &[#(#slots),*])?;));
    };
    for f in fields {
        if f.choice.is_empty() {
            run.push(write_slot(f));
            next += 1;
            continue;
        }
        flush(&mut run, next, &mut stmts);
        stmts.push(super::choice::write_stmt(f, next));
        next += super::choice::entries(f);
    }
    flush(&mut run, next, &mut stmts);
    // Group alternatives write through their own table: `f` may go unused.
    let uses_table = fields
        .iter()
        .any(|f| f.choice.is_empty() || f.choice.iter().any(|a| a.group.is_empty()));
    let table = uses_table.then(|| quote!(let f = Self::INFO.fields;));
    quote! {
        fn write_fields(&self, w: &mut rt::Writer) -> rt::WriteResult {
            #table
            #(#stmts)*
            Ok(())
        }
    }
}

/// A field's entry in the `w.fields` list: `&rt::Opt(&self.x)`...
fn write_slot(f: &Field) -> TokenStream {
    let id = ident(&f.ident);
    match (f.occurs, f.boxed) {
        (Occurs::Required, false) => quote!(&rt::One(&self.#id)),
        (Occurs::Required, true) => quote!(&rt::One(&*self.#id)),
        (Occurs::Optional, false) => quote!(&rt::Opt(&self.#id)),
        (Occurs::Optional, true) => quote!(&rt::OptBox(&self.#id)),
        (Occurs::Repeated | Occurs::RepeatedRequired, _) => quote!(&rt::Many(&self.#id)),
    }
}
