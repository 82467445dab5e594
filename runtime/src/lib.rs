//! Runtime for generated SOAP stubs.
