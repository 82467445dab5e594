//! WSDL -> Rust stub generator.
