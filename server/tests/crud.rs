//! The synchronous Metadata calls over real TCP: CRUD with Salesforce's per-record results,
//! limits, AllOrNone, list and describe, and requests written the way other clients write
//! them.

mod common;

use common::{V, fault, ok, post_soap, start};
use metadata::{
    AllOrNoneHeader, AnyMetadata, ApexClass, CreateMetadata, CustomMetadata, CustomObject,
    DeleteMetadata, DescribeMetadata, ListMetadata, ListMetadataQuery, MetadataBody as B,
    ReadMetadata, RenameMetadata, StatusCode, UpdateMetadataElement, UpsertMetadata,
};

fn object(name: &str, label: &str) -> AnyMetadata {
    AnyMetadata::CustomObject(Box::new(CustomObject {
        full_name: Some(name.to_owned()),
        label: Some(label.to_owned()),
        ..CustomObject::default()
    }))
}

fn class(name: &str) -> AnyMetadata {
    AnyMetadata::ApexClass(Box::new(ApexClass {
        full_name: Some(name.to_owned()),
        api_version: 66.0,
        content: Some(format!("public class {name} {{}}").into_bytes()),
        ..ApexClass::default()
    }))
}

fn label_of(md: &AnyMetadata) -> Option<String> {
    match md {
        AnyMetadata::CustomObject(o) => o.label.clone(),
        _ => None,
    }
}

#[tokio::test]
async fn create_read_update_upsert_rename_delete() {
    let s = start().await;
    let t = s.access_token();
    let created = ok(
        &s,
        &t,
        B::CreateMetadata(CreateMetadata {
            metadata: vec![object("A__c", "A"), object("B__c", "B")],
        }),
    )
    .await;
    let B::CreateMetadataResponse(r) = created else {
        panic!("{created:?}")
    };
    assert!(
        r.result.iter().all(|x| x.success && x.errors.is_empty()),
        "{r:?}"
    );
    assert_eq!(r.result[1].full_name, "B__c");
    assert_eq!(s.components("CustomObject"), ["A__c", "B__c"]);

    // Creating again: per-record error, no fault.
    let again = ok(
        &s,
        &t,
        B::CreateMetadata(CreateMetadata {
            metadata: vec![object("A__c", "A2")],
        }),
    )
    .await;
    let B::CreateMetadataResponse(r) = again else {
        panic!()
    };
    assert!(!r.result[0].success);
    assert_eq!(
        r.result[0].errors[0].status_code,
        StatusCode::DuplicateDeveloperName
    );

    let read = ReadMetadata {
        r#type: "CustomObject".into(),
        full_names: vec!["B__c".into(), "Nope__c".into(), "A__c".into()],
    };
    let B::ReadMetadataResponse(r) = ok(&s, &t, B::ReadMetadata(read.clone())).await else {
        panic!()
    };
    let recs = r.result.records;
    assert_eq!(recs.len(), 3);
    assert!(
        matches!(&recs[0], AnyMetadata::CustomObject(o) if o.full_name.as_deref() == Some("B__c")),
        "{recs:?}"
    );
    // A name that does not exist comes back as an empty record of the type, as Salesforce does.
    assert_eq!(recs[1].type_name(), "CustomObject");
    assert_eq!(label_of(&recs[2]).as_deref(), Some("A"));

    let upd = UpdateMetadataElement {
        metadata: vec![object("A__c", "A changed"), object("Missing__c", "M")],
    };
    let B::UpdateMetadataResponse(r) = ok(&s, &t, B::UpdateMetadata(upd)).await else {
        panic!()
    };
    assert!(r.result[0].success);
    assert_eq!(
        r.result[1].errors[0].status_code,
        StatusCode::InvalidCrossReferenceKey
    );
    assert!(
        r.result[1].errors[0].message.contains("Missing__c"),
        "{:?}",
        r.result[1]
    );
    assert_eq!(
        label_of(&s.component("CustomObject", "A__c").unwrap()).as_deref(),
        Some("A changed")
    );

    let ups = UpsertMetadata {
        metadata: vec![object("A__c", "A3"), object("C__c", "C")],
    };
    let B::UpsertMetadataResponse(r) = ok(&s, &t, B::UpsertMetadata(ups)).await else {
        panic!()
    };
    assert_eq!((r.result[0].success, r.result[0].created), (true, false));
    assert_eq!((r.result[1].success, r.result[1].created), (true, true));

    let ren = RenameMetadata {
        r#type: "CustomObject".into(),
        old_full_name: "C__c".into(),
        new_full_name: "D__c".into(),
    };
    let B::RenameMetadataResponse(r) = ok(&s, &t, B::RenameMetadata(ren.clone())).await else {
        panic!()
    };
    assert!(r.result.success, "{r:?}");
    let renamed = s.component("CustomObject", "D__c").expect("renamed");
    assert!(
        matches!(&renamed, AnyMetadata::CustomObject(o) if o.full_name.as_deref() == Some("D__c"))
    );
    let B::RenameMetadataResponse(r) = ok(&s, &t, B::RenameMetadata(ren)).await else {
        panic!()
    };
    assert_eq!(
        r.result.errors[0].status_code,
        StatusCode::InvalidCrossReferenceKey
    );

    let del = DeleteMetadata {
        r#type: "CustomObject".into(),
        full_names: vec!["A__c".into(), "Gone__c".into()],
    };
    let B::DeleteMetadataResponse(r) = ok(&s, &t, B::DeleteMetadata(del)).await else {
        panic!()
    };
    assert!(r.result[0].success && !r.result[1].success);
    assert_eq!(s.components("CustomObject"), ["B__c", "D__c"]);
    assert_eq!(s.call_count("createMetadata"), 2);
    assert_eq!(s.call_count("readMetadata"), 1);
}

#[tokio::test]
async fn ten_per_call_and_two_hundred_for_custom_metadata() {
    let s = start().await;
    let t = s.access_token();
    let eleven: Vec<_> = (0..11).map(|i| object(&format!("O{i}__c"), "O")).collect();
    let (status, f) = fault(
        &s,
        Some(&t),
        B::CreateMetadata(CreateMetadata { metadata: eleven }),
    )
    .await;
    assert_eq!(status, 500);
    assert_eq!(f.code.local, "EXCEEDED_ID_LIMIT");
    assert_eq!(
        f.code.ns,
        metadata::NS,
        "sf: is bound to the Metadata namespace"
    );
    assert!(
        f.string.contains("cannot submit more than 10 records"),
        "{}",
        f.string
    );
    assert_eq!(s.component_count(), 0, "nothing written");

    let names: Vec<String> = (0..11).map(|i| format!("N{i}")).collect();
    let read = ReadMetadata {
        r#type: "ApexClass".into(),
        full_names: names.clone(),
    };
    assert_eq!(
        fault(&s, Some(&t), B::ReadMetadata(read))
            .await
            .1
            .code
            .local,
        "EXCEEDED_ID_LIMIT"
    );
    let del = DeleteMetadata {
        r#type: "ApexClass".into(),
        full_names: names,
    };
    assert_eq!(
        fault(&s, Some(&t), B::DeleteMetadata(del))
            .await
            .1
            .code
            .local,
        "EXCEEDED_ID_LIMIT"
    );

    let cmd = |i: usize| {
        AnyMetadata::CustomMetadata(Box::new(CustomMetadata {
            full_name: Some(format!("Setting.R{i}")),
            label: Some(format!("R{i}")),
            ..CustomMetadata::default()
        }))
    };
    let two_hundred: Vec<_> = (0..200).map(cmd).collect();
    let B::CreateMetadataResponse(r) = ok(
        &s,
        &t,
        B::CreateMetadata(CreateMetadata {
            metadata: two_hundred,
        }),
    )
    .await
    else {
        panic!()
    };
    assert_eq!(r.result.iter().filter(|x| x.success).count(), 200);
    let too_many: Vec<_> = (200..401).map(cmd).collect();
    let (_, f) = fault(
        &s,
        Some(&t),
        B::CreateMetadata(CreateMetadata { metadata: too_many }),
    )
    .await;
    assert!(f.string.contains("more than 200"), "{}", f.string);
}

#[tokio::test]
async fn all_or_none_rolls_everything_back() {
    let s = start().await;
    let t = s.access_token();
    ok(
        &s,
        &t,
        B::CreateMetadata(CreateMetadata {
            metadata: vec![class("Existing")],
        }),
    )
    .await;
    let mut h = common::headers_with(Some(&t));
    h.all_or_none_header = Some(AllOrNoneHeader { all_or_none: true });
    let body = B::CreateMetadata(CreateMetadata {
        metadata: vec![class("Fresh"), class("Existing")],
    });
    let (_, m) = common::soap_with(&s, &h, &body).await;
    let runtime::soap::Message::Body(B::CreateMetadataResponse(r)) = m else {
        panic!()
    };
    assert_eq!(
        r.result[0].errors[0].status_code,
        StatusCode::AllOrNoneOperationRolledBack
    );
    assert_eq!(
        r.result[1].errors[0].status_code,
        StatusCode::DuplicateDeveloperName
    );
    assert_eq!(s.components("ApexClass"), ["Existing"]);
    // Without the header the valid record is saved (API 34.0+ default).
    let B::CreateMetadataResponse(r) = ok(&s, &t, body).await else {
        panic!()
    };
    assert!(r.result[0].success && !r.result[1].success);
    assert_eq!(s.components("ApexClass"), ["Existing", "Fresh"]);
}

#[tokio::test]
async fn records_need_a_name_and_one_type() {
    let s = start().await;
    let t = s.access_token();
    let nameless = AnyMetadata::CustomObject(Box::default());
    let body = B::CreateMetadata(CreateMetadata {
        metadata: vec![class("One"), object("X__c", "X"), nameless],
    });
    let B::CreateMetadataResponse(r) = ok(&s, &t, body).await else {
        panic!()
    };
    assert!(r.result[0].success);
    assert_eq!(r.result[1].errors[0].status_code, StatusCode::InvalidType);
    assert_eq!(r.result[2].errors[0].status_code, StatusCode::InvalidType);
    let body = B::CreateMetadata(CreateMetadata {
        metadata: vec![AnyMetadata::CustomObject(Box::default())],
    });
    let B::CreateMetadataResponse(r) = ok(&s, &t, body).await else {
        panic!()
    };
    assert_eq!(
        r.result[0].errors[0].status_code,
        StatusCode::RequiredFieldMissing
    );
}

#[tokio::test]
async fn list_and_describe() {
    let s = common::start_with(metadata_server::Server::builder().sample_data(true)).await;
    let t = s.access_token();
    let q = |ty: &str| ListMetadataQuery {
        r#type: ty.to_owned(),
        folder: None,
    };
    let list = ListMetadata {
        queries: vec![q("ApexClass"), q("CustomObject"), q("Nothing")],
        as_of_version: 66.0,
    };
    let B::ListMetadataResponse(r) = ok(&s, &t, B::ListMetadata(list)).await else {
        panic!()
    };
    let names: Vec<_> = r
        .result
        .iter()
        .map(|p| {
            (
                p.r#type.as_str(),
                p.full_name.as_str(),
                p.file_name.as_str(),
            )
        })
        .collect();
    assert!(
        names.contains(&("ApexClass", "HelloWorld", "classes/HelloWorld.cls")),
        "{names:?}"
    );
    assert!(
        names.contains(&("CustomObject", "Invoice__c", "objects/Invoice__c.object")),
        "{names:?}"
    );
    assert!(
        r.result
            .iter()
            .all(|p| p.id.len() == 18 && p.created_by_id.starts_with("005"))
    );

    let four = ListMetadata {
        queries: ["A", "B", "C", "D"].map(q).to_vec(),
        as_of_version: 66.0,
    };
    let (status, f) = fault(&s, Some(&t), B::ListMetadata(four)).await;
    assert_eq!((status, f.code.local.as_str()), (500, "EXCEEDED_ID_LIMIT"));

    let B::DescribeMetadataResponse(d) = ok(
        &s,
        &t,
        B::DescribeMetadata(DescribeMetadata {
            as_of_version: 66.0,
        }),
    )
    .await
    else {
        panic!()
    };
    let apex = d
        .result
        .metadata_objects
        .iter()
        .find(|o| o.xml_name == "ApexClass")
        .expect("ApexClass described");
    assert_eq!(
        (
            apex.directory_name.as_str(),
            apex.suffix.as_deref(),
            apex.meta_file
        ),
        ("classes", Some("cls"), true)
    );
    let obj = d
        .result
        .metadata_objects
        .iter()
        .find(|o| o.xml_name == "CustomObject")
        .unwrap();
    assert!(obj.child_xml_names.iter().any(|c| c == "CustomField"));
}

/// A request as Apex callouts (apex-mdapi) write it: `env:` prefix, default namespace on the
/// body element, xsi:type with a prefix bound on the element itself.
#[tokio::test]
async fn requests_written_by_other_clients() {
    let s = start().await;
    let t = s.access_token();
    let create = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><env:Header><SessionHeader xmlns="http://soap.sforce.com/2006/04/metadata"><sessionId>{t}</sessionId></SessionHeader></env:Header><env:Body><createMetadata xmlns="http://soap.sforce.com/2006/04/metadata"><metadata xmlns:mdt="http://soap.sforce.com/2006/04/metadata" xsi:type="mdt:CustomObject"><fullName>Hand__c</fullName><label>Hand</label><pluralLabel>Hands</pluralLabel><sharingModel>ReadWrite</sharingModel></metadata></createMetadata></env:Body></env:Envelope>"#
    );
    let raw = post_soap(&s, create.into_bytes()).await;
    assert_eq!(raw.status, 200, "{}", raw.text());
    assert!(
        raw.text().contains("<success>true</success>"),
        "{}",
        raw.text()
    );
    // A Ruby (savon/metaforce) style read: every element prefixed, header prefixed too.
    let read = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ins0="http://soap.sforce.com/2006/04/metadata" xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Header><ins0:SessionHeader><ins0:sessionId>{t}</ins0:sessionId></ins0:SessionHeader></env:Header><env:Body><ins0:readMetadata><ins0:type>CustomObject</ins0:type><ins0:fullNames>Hand__c</ins0:fullNames></ins0:readMetadata></env:Body></env:Envelope>"#
    );
    let raw = post_soap(&s, read.into_bytes()).await;
    let text = raw.text();
    assert_eq!(raw.status, 200, "{text}");
    assert!(
        text.contains("xsi:type=\"CustomObject\"") && text.contains("Hands</"),
        "{text}"
    );
    let AnyMetadata::CustomObject(o) = s.component("CustomObject", "Hand__c").unwrap() else {
        panic!()
    };
    assert_eq!(o.plural_label.as_deref(), Some("Hands"));
    assert_eq!(V, "66.0");
}
