//! `Clone`, `PartialEq`, `Debug` and `Hash` of generated types: structs go through their
//! field lists (`Complex::slots` / `field_mut`), enumerations through their XML text.

use std::collections::HashSet;

use crate::enums::Priority;
use crate::inheritance::{CustomField, CustomObject};
use crate::values::{Node, Other};

fn field(name: &str, length: Option<i32>) -> CustomField {
    CustomField {
        full_name: Some(name.into()),
        length,
    }
}

fn object() -> CustomObject {
    CustomObject {
        full_name: Some("Account".into()),
        label: None,
        fields: vec![field("Name__c", Some(80)), field("Site__c", None)],
    }
}

/// A recursive value: boxed optional fields, a list and a required struct at two levels.
fn tree() -> Node {
    let leaf = Node::default();
    Node {
        parent: Some(Box::new(Node {
            children: vec![leaf.clone()],
            ..Node::default()
        })),
        children: vec![leaf.clone(), leaf],
        other: Other {
            back: Some(Box::new(Node::default())),
        },
    }
}

#[test]
fn clone_is_deep_and_equal() {
    let a = tree();
    let mut b = a.clone();
    assert_eq!(a, b);
    b.parent.as_mut().expect("parent").children.clear();
    assert_ne!(a, b, "the clone's nested list is its own");
    assert_eq!(a.parent.as_ref().expect("parent").children.len(), 1);

    let o = object();
    assert_eq!(o.clone(), o);
    assert_eq!(o.clone().fields[1].full_name.as_deref(), Some("Site__c"));
}

#[test]
fn equality_sees_every_field() {
    let base = object();
    let changes: [fn(&mut CustomObject); 5] = [
        |o| o.full_name = None,
        |o| o.label = Some(String::new()),
        |o| {
            o.fields.pop();
        },
        |o| o.fields[0].length = Some(81),
        |o| o.fields[1].full_name = Some("Site__C".into()),
    ];
    for (i, change) in changes.iter().enumerate() {
        let mut other = base.clone();
        change(&mut other);
        assert_ne!(base, other, "change {i} went unnoticed");
    }
    let mut deep = tree();
    deep.other
        .back
        .as_mut()
        .expect("back")
        .children
        .push(Node::default());
    assert_ne!(tree(), deep);
}

#[test]
fn debug_shows_present_fields_by_element_name() {
    let text = format!("{:?}", object());
    assert_eq!(
        text,
        r#"CustomObject { fullName: "Account", fields: [CustomField { fullName: "Name__c", length: 80 }, CustomField { fullName: "Site__c" }] }"#
    );
    let pretty = format!("{:#?}", field("Name__c", Some(80)));
    assert_eq!(
        pretty,
        "CustomField {\n    fullName: \"Name__c\",\n    length: 80,\n}"
    );
    assert_eq!(format!("{:?}", CustomField::default()), "CustomField");
}

#[test]
fn enums_compare_hash_and_clone_by_text() {
    assert_eq!(Priority::from_text("2"), Priority::V2);
    assert_eq!(Priority::Unknown("1".into()), Priority::V1);
    assert!(matches!(
        Priority::Unknown("1".into()).clone(),
        Priority::V1
    ));
    assert_ne!(Priority::V1, Priority::V2);
    let newer = Priority::Unknown("9".into());
    assert!(matches!(newer.clone(), Priority::Unknown(v) if v == "9"));
    assert_ne!(newer, Priority::Unknown("10".into()));
    let set: HashSet<Priority> = [Priority::V1, Priority::Unknown("1".into()), newer]
        .into_iter()
        .collect();
    assert_eq!(set.len(), 2);
    assert_eq!(format!("{:?}", Priority::V2), "2");
    assert_eq!(
        format!("{:?}", Priority::Unknown("9".into())),
        "Unknown(\"9\")"
    );
}
