//! The SOAP-encoding and fault-detail emitters on hand-built IR.

use super::tests::{render_file, squash};
use crate::ir::*;

fn name(ns: Option<&str>, local: &str) -> XmlName {
    XmlName {
        ns: ns.map(Into::into),
        local: local.into(),
    }
}

fn render(items: Vec<Item>, bindings: Vec<Binding>) -> String {
    squash(&render_file(items, bindings))
}

#[test]
fn encoded_body_writes_parts_with_xsi_type_and_implements_body() {
    let body = EncodedBody {
        ident: "GetSites".into(),
        element: name(Some("NS"), "getSites"),
        style: "http://schemas.xmlsoap.org/soap/encoding/".into(),
        parts: vec![
            EncodedPart {
                ident: "owner".into(),
                xml: name(None, "owner"),
                ty: Ty::Builtin(Builtin::U64),
                xsi_type: Some(name(Some("NS"), "Id")),
            },
            EncodedPart {
                ident: "raw".into(),
                xml: name(Some("NS"), "raw"),
                ty: Ty::Builtin(Builtin::AnyValue),
                xsi_type: None,
            },
        ],
    };
    let code = render(vec![Item::Encoded(body)], vec![]);
    for piece in [
        "pubstructGetSites{pubowner:u64,pubraw:rt::AnyValue}",
        r#"rt::FieldInfo::new("owner","",rt::REQUIRED)"#,
        r#"w.encoded_part(&f[0],&rt::Name{ns:NS,local:"Id"},&self.owner)?;"#,
        "w.one(&f[1],&self.raw)?;",
        "implrt::BodyforGetSites",
        r#"rt::read_encoded(r,s,&rt::Name{ns:NS,local:"getSites"})"#,
        r#""http://schemas.xmlsoap.org/soap/encoding/",self)"#,
    ] {
        assert!(code.contains(piece), "{piece}\n{code}");
    }
    assert!(!code.contains("implrt::ElementforGetSites"), "{code}");
}

#[test]
fn soap_array_is_a_vec_newtype_naming_its_item_type() {
    let a = SoapArray {
        extra: vec!["#[derive(Eq)]".into()],
        ident: "Sites".into(),
        doc: None,
        item: Ty::Named("Site".into()),
        item_type: name(Some("NS"), "Site"),
    };
    let code = render(vec![Item::SoapArray(a)], vec![]);
    for piece in [
        "#[derive(Eq)]pubstructSites(pubVec<Site>);",
        "r.soap_array(s).map(Self)",
        r#"w.soap_array(n,&rt::Name{ns:NS,local:"Site"},&self.0)"#,
    ] {
        assert!(code.contains(piece), "{piece}\n{code}");
    }
}

#[test]
fn fault_detail_enum_dispatches_by_element_and_methods_list_their_faults() {
    let variant = |v: &str| BodyVariant {
        ident: v.into(),
        ty: format!("{v}Fault"),
        element: name(Some("NS"), v),
        encoded: false,
    };
    let binding = Binding {
        wsdl_name: "StoreBinding".into(),
        doc: None,
        headers: "StoreHeaders".into(),
        body: "StoreBody".into(),
        client: "StoreClient".into(),
        ops_module: "ops".into(),
        header_fields: vec![],
        body_variants: vec![],
        operations: vec![Operation {
            name: "get".into(),
            doc: None,
            const_ident: "GET".into(),
            method: "get".into(),
            soap_action: String::new(),
            version: SoapVersion::Soap11,
            retry_safe: true,
            session: None,
            input: Some("Get".into()),
            output: Some("GetResponse".into()),
            with_headers: None,
            faults: vec!["NotFound".into()],
        }],
        faults: Some(FaultDetail {
            ident: "StoreFaultDetail".into(),
            variants: vec![variant("NotFound"), variant("Quota")],
            extra: vec![],
        }),
        headers_extra: vec![],
        body_extra: vec![],
    };
    let code = render(vec![], vec![binding]);
    for piece in [
        "pubenumStoreFaultDetail{NotFound(NotFoundFault),Quota(QuotaFault)}",
        r#"(NS,"Quota")=>Self::Quota(rt::XmlValue::read_xml(r,s)?),"#,
        "pubfnof(fault:&rt::Fault)->Option<rt::Result<Self>>{fault.detail_as()}",
        "pubfnof_error(error:&rt::Error)->Option<rt::Result<Self>>{error.fault_detail()}",
        "Declaredfaults:`NotFound`;decodewith[`StoreFaultDetail::of_error`].",
    ] {
        assert!(code.contains(piece), "{piece}\n{code}");
    }
}
