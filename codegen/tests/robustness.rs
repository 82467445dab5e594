//! Mutated fixture WSDLs: whatever the loader accepts, the generator either generates code
//! that parses or returns an error; it never panics.

use std::path::{Path, PathBuf};

/// A small deterministic generator (no dependency needed for a fixed seed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

/// Values that stress naming, occurrence and type handling when swapped in.
const SWAPS: &[(&str, &str)] = &[
    ("maxOccurs=\"1\"", "maxOccurs=\"unbounded\""),
    ("minOccurs=\"0\"", "minOccurs=\"1\""),
    ("type=\"xsd:string\"", "type=\"xsd:anyType\""),
    ("type=\"xsd:string\"", "type=\"xsd:base64Binary\""),
    ("name=\"", "name=\"type"),
    ("name=\"", "name=\"Self"),
    ("name=\"", "name=\"1"),
    ("name=\"", "name=\"String"),
    ("<xsd:sequence>", "<xsd:choice maxOccurs=\"unbounded\">"),
    ("</xsd:sequence>", "</xsd:choice>"),
    ("nillable=\"true\"", "nillable=\"false\""),
    ("abstract=\"true\"", "abstract=\"false\""),
    ("<xsd:extension base=\"tns:", "<xsd:restriction base=\"tns:"),
    ("</xsd:extension>", "</xsd:restriction>"),
];

fn mutate(text: &str, rng: &mut Lcg) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for _ in 0..3 {
        let i = rng.next(lines.len());
        match rng.next(4) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let l = lines[i].clone();
                lines.insert(i, l);
            }
            _ => {
                let (from, to) = SWAPS[rng.next(SWAPS.len())];
                lines[i] = lines[i].replacen(from, to, 1);
            }
        }
        if lines.is_empty() {
            break;
        }
    }
    lines.join("\n")
}

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures")
        .filter_map(Result::ok)
        .map(|e| {
            let name = e.file_name();
            e.path().join(format!("{}.wsdl", name.to_string_lossy()))
        })
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

#[test]
fn mutated_fixtures_never_panic() {
    let mut rng = Lcg(0x5eed);
    let (mut generated, mut refused) = (0, 0);
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).expect("read");
        for _ in 0..40 {
            let mutated = mutate(&text, &mut rng);
            let Ok(defs) = wsdl::load_str(&mutated, &path) else {
                continue;
            };
            match codegen::generate_from(&defs, "mutated.wsdl", "::runtime") {
                Ok(code) => {
                    syn::parse_file(&code).unwrap_or_else(|e| panic!("{e}\n--- input:\n{mutated}"));
                    generated += 1;
                }
                Err(_) => refused += 1,
            }
        }
    }
    assert!(
        generated > 50,
        "too few mutations generated ({generated}, {refused} refused)"
    );
}
