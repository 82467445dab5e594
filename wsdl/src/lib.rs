//! Reads WSDL 1.1 documents and the XML Schemas inside them (or imported / included from
//! other files) into the owned [`model`].

pub mod model;
