//! (c) createMetadata request: the runtime's writer against quick-xml's serde serializer
//! over equivalent structs.

use std::hint::black_box;
use std::time::Duration;

use bench::{SEED, serde_model, workload};
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

fn create_metadata(c: &mut Criterion) {
    let value = workload::create_metadata(SEED);
    let twins: Vec<_> = value
        .metadata
        .iter()
        .map(|m| match m {
            metadata::AnyMetadata::CustomObject(o) => serde_model::object_from_typed(o),
            _ => unreachable!(),
        })
        .collect();
    let ours = workload::encode_create_metadata(&value);
    // Byte-identical across runs within the process (bench/run.sh also compares processes).
    for _ in 0..3 {
        assert!(workload::encode_create_metadata(&value) == ours, "writer output changed between runs");
    }
    let theirs = serde_model::write_create_metadata(&twins, workload::TOKEN).unwrap();
    eprintln!("(c) runtime writer: {} bytes; serde writer: {} bytes", ours.len(), theirs.len());

    let mut g = c.benchmark_group("c_create_metadata");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .throughput(Throughput::Bytes(ours.len() as u64));
    g.bench_function("typed_runtime", |b| b.iter(|| workload::encode_create_metadata(black_box(&value))));
    g.bench_function("quick_xml_serde", |b| {
        b.iter(|| serde_model::write_create_metadata(black_box(&twins), workload::TOKEN).unwrap())
    });
    g.finish();
}

criterion_group!(benches, create_metadata);
criterion_main!(benches);
