//! `workloads DIR`: writes the three message workloads (a.xml, b.xml, c.xml) and the
//! serde writer's (c) as c-serde.xml, for the peers (zeep, node-soap) and the peak-memory
//! runs. Same seed, same bytes.

use std::path::PathBuf;

use bench::{SEED, serde_model, workload};

fn main() -> std::process::ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: workloads DIR");
        return std::process::ExitCode::FAILURE;
    };
    let create = workload::create_metadata(SEED);
    let twins: Vec<_> = create
        .metadata
        .iter()
        .filter_map(|m| match m {
            metadata::AnyMetadata::CustomObject(o) => Some(serde_model::object_from_typed(o)),
            _ => None,
        })
        .collect();
    let serde_c = serde_model::write_create_metadata(&twins, workload::TOKEN).expect("serde writes");
    let files: [(&str, Vec<u8>); 4] = [
        ("a.xml", workload::read_metadata_envelope(SEED)),
        ("b.xml", workload::check_retrieve_status_envelope(SEED)),
        ("c.xml", workload::encode_create_metadata(&create)),
        ("c-serde.xml", serde_c.into_bytes()),
    ];
    for (name, bytes) in files {
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, &bytes) {
            eprintln!("{}: {e}", path.display());
            return std::process::ExitCode::FAILURE;
        }
        println!("{name}\t{}", bytes.len());
    }
    std::process::ExitCode::SUCCESS
}
