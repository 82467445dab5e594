//! Generates stubs for the four Salesforce WSDLs in ../shared/wsdl, and the corpus WSDLs the
//! generator handles so far, into OUT_DIR, so that `src/salesforce.rs` compiles them under
//! `#![deny(warnings)]`. Where ../shared is absent (a fresh clone) they are skipped with a
//! warning; under `CI=true` that is an error.

use std::path::{Path, PathBuf};

const WSDLS: &[&str] = &[
    "metadata.wsdl",
    "metadata-v47.wsdl",
    "partner.wsdl",
    "apex.wsdl",
    "corpus/eu-vies/checkVatService.wsdl",
    "corpus/wsdot-ferries/ferry.wsdl",
    "corpus/ews-2007/Services.wsdl",
    "corpus/tradetracker/tradetracker.wsdl",
];

include!("onvif_locations.rs");

/// The ONVIF device management WSDL, its URL imports mapped to the local copies.
fn onvif(base: &Path) -> codegen::Builder {
    let ext = base.join("external");
    ONVIF_LOCATIONS.iter().fold(
        codegen::Builder::new().wsdl(base.join("ver10/device/wsdl/devicemgmt.wsdl")),
        |b, (url, file)| b.map_location(*url, ext.join(file)),
    )
}

fn main() {
    println!("cargo::rustc-check-cfg=cfg(salesforce_stubs)");
    println!("cargo::rerun-if-env-changed=CI");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dir = manifest.join("../../shared/wsdl");
    println!("cargo::rerun-if-changed={}", dir.display());
    if !dir.is_dir() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{} is missing, and CI=true requires it", dir.display());
        }
        println!(
            "cargo::warning=skipped the Salesforce stubs: {} is missing",
            dir.display()
        );
        return;
    }
    for wsdl in WSDLS {
        if let Err(e) = codegen::compile(dir.join(wsdl)) {
            panic!("{wsdl}: {e}");
        }
    }
    if let Err(e) = onvif(&dir.join("corpus/onvif-devicemgmt")).compile() {
        panic!("onvif-devicemgmt: {e}");
    }
    println!("cargo::rustc-cfg=salesforce_stubs");
}
