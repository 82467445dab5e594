//! Salesforce Metadata API stubs.
