//! The committed stubs are exactly what the generator makes of metadata.wsdl today.

mod common;

use std::path::Path;

#[test]
fn committed_stubs_match_a_fresh_generation() {
    let Some(wsdl) = common::metadata_wsdl("committed_stubs_match_a_fresh_generation") else {
        return;
    };
    let generated = codegen::Builder::new()
        .wsdl(&wsdl)
        .generate()
        .unwrap_or_else(|e| panic!("generating from {}: {e}", wsdl.display()));
    let committed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/generated.rs");
    let committed = std::fs::read_to_string(&committed_path).expect("read src/generated.rs");
    if generated.code != committed {
        let line = first_difference(&generated.code, &committed);
        panic!(
            "metadata/src/generated.rs differs from a fresh generation (first at line {line}); \
             regenerate it with\n  cargo run -p codegen -- {} --out metadata/src/generated.rs",
            wsdl.display()
        );
    }
}

/// 1-based number of the first line where `a` and `b` differ.
fn first_difference(a: &str, b: &str) -> usize {
    let mut lines = a.lines().zip(b.lines());
    let same = lines.by_ref().take_while(|(x, y)| x == y).count();
    same + 1
}
