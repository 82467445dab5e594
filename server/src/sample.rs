//! A few sample components, so a fresh standalone server has something to list and read.

use metadata::{
    AnyMetadata, ApexClass, ApexCodeUnitStatus, CustomField, CustomObject, DeploymentStatus,
    FieldType, Layout, SharingModel,
};

fn object(name: &str, label: &str, plural: &str) -> AnyMetadata {
    AnyMetadata::CustomObject(Box::new(CustomObject {
        full_name: Some(name.to_owned()),
        label: Some(label.to_owned()),
        plural_label: Some(plural.to_owned()),
        deployment_status: Some(DeploymentStatus::Deployed),
        sharing_model: Some(SharingModel::ReadWrite),
        name_field: Some(Box::new(CustomField {
            label: Some(format!("{label} Name")),
            r#type: Some(FieldType::Text),
            ..CustomField::default()
        })),
        ..CustomObject::default()
    }))
}

fn class(name: &str, body: &str) -> AnyMetadata {
    AnyMetadata::ApexClass(Box::new(ApexClass {
        full_name: Some(name.to_owned()),
        content: Some(body.as_bytes().to_vec()),
        api_version: 66.0,
        status: ApexCodeUnitStatus::Active,
        ..ApexClass::default()
    }))
}

/// Two objects, a field, two classes and a layout.
pub(crate) fn components() -> Vec<AnyMetadata> {
    vec![
        object("Invoice__c", "Invoice", "Invoices"),
        object("Project__c", "Project", "Projects"),
        AnyMetadata::CustomField(Box::new(CustomField {
            full_name: Some("Invoice__c.Amount__c".to_owned()),
            label: Some("Amount".to_owned()),
            r#type: Some(FieldType::Currency),
            precision: Some(18),
            scale: Some(2),
            ..CustomField::default()
        })),
        class(
            "HelloWorld",
            "public class HelloWorld {\n    public static String greet() { return 'Hello'; }\n}\n",
        ),
        class(
            "InvoiceService",
            "public with sharing class InvoiceService {\n}\n",
        ),
        AnyMetadata::Layout(Box::new(Layout {
            full_name: Some("Invoice__c-Invoice Layout".to_owned()),
            ..Layout::default()
        })),
    ]
}
