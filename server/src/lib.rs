//! A local Salesforce Metadata API server for offline tests.
