//! `peak MODE FILE`: parses FILE once under a counting allocator and prints one JSON line:
//! the heap high-water mark above what was live before the parse (the document itself is
//! not counted), every byte allocated during the parse, and the time taken.
//!
//! Modes: typed-a, serde-a, scan-a (readMetadata), typed-b, serde-b, base64-b
//! (checkRetrieveStatus); `sizes` prints the in-memory size of the main types.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use base64::Engine as _;
use bench::alloc::Counting;
use bench::{scan, serde_model, workload};
use metadata::{CheckRetrieveStatusResponse, MetadataHeaders, ReadMetadataResponse};
use runtime::soap::decode_envelope;

#[global_allocator]
static ALLOC: Counting = Counting::new();

fn run(mode: &str, doc: &[u8]) -> Result<(), String> {
    match mode {
        "typed-a" => drop(black_box(
            decode_envelope::<MetadataHeaders, ReadMetadataResponse>(doc).map_err(|e| e.to_string())?,
        )),
        "serde-a" => drop(black_box(serde_model::parse_read_metadata(doc).map_err(|e| e.to_string())?)),
        "scan-a" | "scan-b" => drop(black_box(scan::raw_events(doc).map_err(|e| e.to_string())?)),
        "typed-b" => drop(black_box(
            decode_envelope::<MetadataHeaders, CheckRetrieveStatusResponse>(doc)
                .map_err(|e| e.to_string())?,
        )),
        "serde-b" => drop(black_box(serde_model::parse_check_retrieve(doc)?)),
        "sizes" => println!(
            "{{\"mode\":\"sizes\",\"CustomObject\":{},\"CustomField\":{},\"AnyMetadata\":{},\"serde_CustomField\":{}}}",
            size_of::<metadata::CustomObject>(),
            size_of::<metadata::CustomField>(),
            size_of::<metadata::AnyMetadata>(),
            size_of::<serde_model::CustomField>()
        ),
        "base64-b" => {
            let text = workload::zip_base64_text(doc);
            drop(black_box(
                base64::engine::general_purpose::STANDARD.decode(text).map_err(|e| e.to_string())?,
            ))
        }
        other => return Err(format!("unknown mode {other}")),
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, file] = args.as_slice() else {
        eprintln!("usage: peak MODE FILE");
        return ExitCode::FAILURE;
    };
    let doc = match std::fs::read(file) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let before = ALLOC.live();
    ALLOC.reset_peak();
    let started = Instant::now();
    // The value is dropped inside `run`, after the peak was reached.
    if let Err(e) = run(mode, &doc) {
        eprintln!("{mode}: {e}");
        return ExitCode::FAILURE;
    }
    let ms = started.elapsed().as_secs_f64() * 1e3;
    println!(
        "{{\"mode\":\"{mode}\",\"doc_bytes\":{},\"peak_heap_bytes\":{},\"allocated_bytes\":{},\"ms\":{ms:.1}}}",
        doc.len(),
        ALLOC.peak() - before,
        ALLOC.total()
    );
    ExitCode::SUCCESS
}
