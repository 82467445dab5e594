//! (a) readMetadata response and (b) checkRetrieveStatus response: typed parse by the
//! runtime against quick-xml's scans, quick-xml + serde, and base64 decoding alone.

use std::hint::black_box;
use std::time::Duration;

use base64::Engine as _;
use bench::{SEED, scan, serde_model, workload};
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use metadata::{CheckRetrieveStatusResponse, MetadataHeaders, ReadMetadataResponse};
use runtime::soap::{Envelope, Message, decode_envelope};

fn body<B>(e: Envelope<MetadataHeaders, B>) -> B {
    match e.body {
        Message::Body(b) => b,
        Message::Fault(f) => panic!("fault: {f:?}"),
    }
}

fn read_metadata(c: &mut Criterion) {
    let value = workload::read_metadata_response(SEED);
    let doc = workload::read_metadata_envelope(SEED);
    // Each contender must read the whole document correctly before it is timed.
    let typed = body(decode_envelope::<MetadataHeaders, ReadMetadataResponse>(&doc).unwrap());
    assert!(typed == value, "typed parse differs from the encoded value");
    // xsi:type is compared by the typed side; the serde twin keeps it as written (`ns1:...`).
    let mut serde_records = serde_model::parse_read_metadata(&doc).unwrap();
    serde_records.iter_mut().for_each(|r| r.xsi_type = "CustomObject".into());
    let expected: Vec<_> = value
        .result
        .records
        .iter()
        .map(|r| match r {
            metadata::AnyMetadata::CustomObject(o) => serde_model::object_from_typed(o),
            _ => unreachable!(),
        })
        .collect();
    assert!(serde_records == expected, "serde parse differs");
    drop((value, typed, serde_records, expected));

    let mut g = c.benchmark_group("a_read_metadata");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .throughput(Throughput::Bytes(doc.len() as u64));
    g.bench_function("typed_runtime", |b| {
        b.iter(|| decode_envelope::<MetadataHeaders, ReadMetadataResponse>(black_box(&doc)).unwrap())
    });
    g.bench_function("quick_xml_raw_scan", |b| b.iter(|| scan::raw_events(black_box(&doc)).unwrap()));
    g.bench_function("quick_xml_ns_scan", |b| b.iter(|| scan::ns_events(black_box(&doc)).unwrap()));
    g.bench_function("quick_xml_serde", |b| {
        b.iter(|| serde_model::parse_read_metadata(black_box(&doc)).unwrap())
    });
    g.finish();
}

fn check_retrieve(c: &mut Criterion) {
    let value = workload::check_retrieve_status_response(SEED);
    let doc = workload::check_retrieve_status_envelope(SEED);
    let b64 = workload::zip_base64_text(&doc).to_vec();
    let typed = body(decode_envelope::<MetadataHeaders, CheckRetrieveStatusResponse>(&doc).unwrap());
    assert!(typed == value, "typed parse differs from the encoded value");
    let (_, zip) = serde_model::parse_check_retrieve(&doc).unwrap();
    assert!(zip == value.result.zip_file, "serde + base64 differs");
    drop((value, typed, zip));

    let mut g = c.benchmark_group("b_check_retrieve_status");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .throughput(Throughput::Bytes(doc.len() as u64));
    g.bench_function("typed_runtime", |b| {
        b.iter(|| decode_envelope::<MetadataHeaders, CheckRetrieveStatusResponse>(black_box(&doc)).unwrap())
    });
    g.bench_function("base64_decode_alone", |b| {
        b.iter(|| base64::engine::general_purpose::STANDARD.decode(black_box(&b64)).unwrap())
    });
    g.bench_function("quick_xml_raw_scan", |b| b.iter(|| scan::raw_events(black_box(&doc)).unwrap()));
    g.bench_function("quick_xml_serde_then_base64", |b| {
        b.iter(|| serde_model::parse_check_retrieve(black_box(&doc)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, read_metadata, check_retrieve);
criterion_main!(benches);
