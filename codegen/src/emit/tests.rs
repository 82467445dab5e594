//! Emitters on hand-built IR: each kind of item renders the contract's shape.

use crate::ir::*;

fn ns(local: &str) -> XmlName {
    XmlName {
        ns: Some("NS".into()),
        local: local.into(),
    }
}

fn field(ident: &str, xml: Option<&str>, ty: Ty, occurs: Occurs) -> Field {
    Field {
        extra: vec![],
        ident: ident.into(),
        doc: None,
        xml: xml.map(ns),
        ty,
        occurs,
        nillable: false,
        boxed: false,
        choice: vec![],
    }
}

fn render(items: Vec<Item>) -> String {
    render_file(items, vec![])
}

/// The emitted source of a file of `items` and `bindings` in namespace `NS` (`urn:t`).
pub(super) fn render_file(items: Vec<Item>, bindings: Vec<Binding>) -> String {
    let file = File {
        source: "test.wsdl".into(),
        runtime_path: "::runtime".into(),
        namespaces: vec![Namespace {
            ident: "NS".into(),
            uri: "urn:t".into(),
        }],
        items,
        bindings,
        ..File::default()
    };
    super::file(&file).expect("emits")
}

/// `code` with all whitespace and trailing commas removed, so assertions don't depend on
/// how prettyplease breaks lines.
pub(super) fn squash(code: &str) -> String {
    let s: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    s.replace(",)", ")").replace(",}", "}").replace(",]", "]")
}

#[test]
fn struct_fields_wrap_by_occurrence_box_and_nil() {
    let mut parent = field(
        "parent",
        Some("parent"),
        Ty::Named("Node".into()),
        Occurs::Optional,
    );
    parent.boxed = true;
    let mut value = field(
        "value",
        Some("value"),
        Ty::Builtin(Builtin::AnyValue),
        Occurs::Required,
    );
    value.nillable = true;
    let s = Struct {
        extra: vec![],
        ident: "Node".into(),
        doc: Some("A node.".into()),
        xml: ns("Node"),
        fields: vec![
            parent,
            value,
            field(
                "r#type",
                Some("type"),
                Ty::Builtin(Builtin::String),
                Occurs::Required,
            ),
            field(
                "zips",
                Some("zips"),
                Ty::Builtin(Builtin::Bytes),
                Occurs::RepeatedRequired,
            ),
            field(
                "any",
                None,
                Ty::Builtin(Builtin::AnyValue),
                Occurs::Repeated,
            ),
        ],
        attrs: vec![],
        text: None,
        element: Some(ns("node")),
        any_attrs: None,
    };
    let code = squash(&render(vec![Item::Struct(s)]));
    for needle in [
        "///Anode.#[derive(Debug,Clone,PartialEq)]pubstructNode{",
        "implDefaultforNode{fndefault()->Self{Self{parent:None,value:Default::default(),r#type:Default::default(),zips:Vec::new(),any:Vec::new()}}}",
        "pubparent:Option<Box<Node>>,",
        "pubvalue:rt::Nillable<rt::AnyValue>,",
        "pubr#type:String,",
        "pubzips:Vec<Vec<u8>>,",
        "rt::FieldInfo::new(\"value\",NS,rt::REQUIRED|rt::NILLABLE)",
        "rt::FieldInfo::new(\"zips\",NS,rt::REPEATED_REQUIRED)",
        "rt::FieldInfo::any(rt::REPEATED)",
        "0=>r.opt_boxed(&mutself.parent,s),",
        "2=>r.one(&mutself.r#type,s),",
        "w.fields(Self::INFO.fields,&[&rt::OptBox(&self.parent),",
        "&rt::Many(&self.any)])",
        "implrt::ElementforNode{constNAME:rt::Name=rt::Name{ns:NS,local:\"node\"};}",
    ] {
        assert!(code.contains(needle), "missing {needle} in {code}");
    }
}

#[test]
fn empty_struct_has_no_unused_bindings() {
    let s = Struct {
        extra: vec![],
        ident: "Empty".into(),
        doc: None,
        xml: ns("Empty"),
        fields: vec![],
        attrs: vec![],
        text: None,
        element: None,
        any_attrs: None,
    };
    let code = squash(&render(vec![Item::Struct(s)]));
    assert!(code.contains("fnread_field(&mutself,_:usize,r:&mutrt::Reader<'_>,s:&rt::Start<'_>)->rt::ReadResult{r.skip(s)}"));
    assert!(code.contains("fnwrite_fields(&self,_:&mutrt::Writer)->rt::WriteResult{Ok(())}"));
}

#[test]
fn enum_keeps_unknown_values_and_defaults_to_first() {
    let e = Enum {
        extra: vec![],
        ident: "Mode".into(),
        doc: None,
        variants: vec![
            Variant {
                ident: "Fast".into(),
                value: "fast".into(),
                doc: Some("Quick.".into()),
            },
            Variant {
                ident: "V1".into(),
                value: "1".into(),
                doc: None,
            },
        ],
        unknown: "Unknown".into(),
    };
    let code = squash(&render(vec![Item::Enum(e)]));
    assert!(code.contains("pubenumMode{///Quick.#[default]Fast,V1,///"));
    assert!(
        code.contains(
            "\"fast\"=>Self::Fast,\"1\"=>Self::V1,other=>Self::Unknown(other.to_owned())"
        )
    );
    assert!(code.contains("Self::Unknown(v)=>v}"));
    assert!(code.contains("rt::debug_enum(f,self.as_str(),matches!(self,Self::Unknown(_)))"));
    assert!(code.contains("out.push_str(self.as_str())"));
    assert!(code.contains("rt::simple_xml_value!(Mode);"));
}

#[test]
fn enum_without_values_defaults_to_unknown() {
    let e = Enum {
        extra: vec![],
        ident: "Open".into(),
        doc: None,
        variants: vec![],
        unknown: "Unknown".into(),
    };
    let code = squash(&render(vec![Item::Enum(e)]));
    assert!(code.contains("#[derive(Clone,PartialEq,Eq,Hash)]pubenumOpen"));
    assert!(code.contains("implDefaultforOpen{fndefault()->Self{Self::Unknown(String::new())}}"));
}

#[test]
fn poly_dispatches_on_xsi_type_and_abstract_base_needs_one() {
    let v = |n: &str| PolyVariant {
        ident: n.into(),
        ty: n.into(),
        xml: ns(n),
    };
    let concrete = Poly {
        extra: vec![],
        ident: "AnyBase".into(),
        base_ty: "Base".into(),
        base: Some(v("Base")),
        variants: vec![v("Leaf")],
        unknown: "Unknown".into(),
    };
    let code = squash(&render(vec![Item::Poly(concrete.clone())]));
    assert!(
        code.contains("letSome(t)=r.xsi_type(s)?else{returnOk(Self::Base(r.read_boxed(s)?))};")
    );
    // Sorted by local name for the binary search: Base, then Leaf.
    assert!(code.contains("rt::type_index(&t,&[(NS,\"Base\"),(NS,\"Leaf\")])"));
    assert!(code.contains("Some(1usize)=>Self::Leaf(r.read_boxed(s)?),"));
    assert!(code.contains("Self::Base(v)=>w.complex(&**v,n),Self::Leaf(v)=>w.complex_typed(&**v,n),Self::Unknown(v)=>rt::XmlValue::write_xml(v,w,n)"));
    assert!(code.contains("_=>Self::Unknown(r.unknown_subtype(s,&t,TYPE_NAMES)?)"));
    let abstract_base = Poly {
        extra: vec![],
        base: None,
        ..concrete
    };
    let code = squash(&render(vec![Item::Poly(abstract_base)]));
    assert!(code.contains("else{returnErr(r.missing_xsi_type(s))};"));
    assert!(code.contains("fndefault()->Self{Self::Leaf(Default::default())}"));
    assert!(!code.contains("Base(Box<Base>)"));
}

#[test]
fn alias_and_newtype() {
    let a = Alias {
        ident: "Id".into(),
        doc: None,
        target: Ty::Builtin(Builtin::String),
    };
    let n = Newtype {
        extra: vec![],
        ident: "Fault".into(),
        doc: None,
        inner: Ty::Named("AnyApiFault".into()),
        nillable: false,
        element: ns("fault"),
    };
    let code = squash(&render(vec![Item::Alias(a), Item::Newtype(n)]));
    assert!(code.contains("pubtypeId=String;"));
    assert!(code.contains("pubstructFault(pubAnyApiFault);"));
    assert!(code.contains("rt::XmlValue::read_xml(r,s).map(Self)"));
    assert!(code.contains("implrt::ElementforFault"));
}

#[test]
fn doc_comments_never_become_code_blocks() {
    let s = Struct {
        extra: vec![],
        ident: "Doc".into(),
        doc: Some("    indented\n```\nfenced\n```".into()),
        xml: ns("Doc"),
        fields: vec![],
        attrs: vec![],
        text: None,
        element: None,
        any_attrs: None,
    };
    let code = render(vec![Item::Struct(s)]);
    assert!(code.contains("/// indented\n"));
    assert!(!code.contains("/// ```"));
}

#[test]
fn runtime_path_is_configurable() {
    let file = File {
        source: "x.wsdl".into(),
        runtime_path: "::my_sdk::rt".into(),
        ..File::default()
    };
    let code = super::file(&file).expect("emits");
    assert!(code.starts_with("// @generated by codegen from x.wsdl. Do not edit.\n"));
    assert!(code.contains("use ::my_sdk::rt::__private as rt;"));
}
