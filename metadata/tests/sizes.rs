//! In-memory sizes of the big Metadata types (issue 5 (a) memory): an optional struct field
//! is boxed, so an absent one costs a pointer and not the whole struct. The bounds fail if
//! that boxing is lost (`CustomField` was 1,504 bytes and `CustomObject` 2,952 before it).

use metadata::{AnyMetadata, CustomField, CustomObject};

#[test]
fn optional_struct_fields_are_boxed() {
    let (field, object) = (size_of::<CustomField>(), size_of::<CustomObject>());
    println!(
        "CustomField {field} B, CustomObject {object} B, AnyMetadata {} B",
        size_of::<AnyMetadata>()
    );
    assert!(field <= 1_000, "CustomField is {field} bytes");
    assert!(object <= 1_000, "CustomObject is {object} bytes");
    let boxed: Option<Box<CustomField>> = None;
    assert_eq!(size_of_val(&boxed), size_of::<usize>());
}
