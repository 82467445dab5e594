//! Workloads and baselines of the issue 5 benchmarks.
//!
//! Every workload is built from the generated Metadata API types with a seeded generator
//! (same seed, same bytes), then encoded by the runtime. The serde model mirrors the same
//! shape with hand-written structs, as a user of quick-xml + serde would write them.

pub mod alloc;
pub mod rng;
pub mod scan;
pub mod serde_model;
pub mod workload;

/// The seed every workload is built with.
pub const SEED: u64 = 0x5eed_2026;
