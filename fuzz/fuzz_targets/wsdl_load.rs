//! Any bytes through the WSDL/XSD loader: a typed error or a model, never a panic or hang.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The loader takes text; invalid UTF-8 is turned into U+FFFD so the XML layer still runs.
    let text = String::from_utf8_lossy(data);
    // A directory that does not exist: relative imports fail as "file not found".
    let _ = wsdl::load_str(&text, Path::new("/nonexistent-fuzz/in.wsdl"));
});
