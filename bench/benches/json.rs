//! JSON benchmarks: `serde_json` over this workspace's types (`ours`, the
//! `serde` feature: TL-named JSON driven by the reflection tables) against
//! grammers-tl-types 0.11.0 (`grammers`, its `impl-serde` feature: derived
//! serde, Rust names). See `BENCHMARKS.md`.
//!
//! Run: `cargo bench -p tl-bench --features bench --bench json` (add
//! `-- <filter>` to run one group, e.g. `-- messages_json_decode`).
//!
//! Both sides start from the same TL bytes (the codec benchmarks' inputs),
//! decoded by each crate. Throughput is the length of that TL encoding on
//! both sides, so the MiB/s of `ours` and `grammers` are comparable even
//! though the two JSON texts differ in size (printed once before timing).
//!
//! - encode: `serde_json::to_vec` of the already decoded value;
//! - decode: `serde_json::from_slice` of that side's own JSON, result
//!   dropped.
//!
//! Before anything is timed, each side's JSON must decode back to a value
//! that encodes to the input TL bytes (ours must also equal the original
//! value); the benchmark panics otherwise.

use std::fmt::Debug;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use grammers_tl_types as gr;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tl_bench::{first_difference, messages_messages, ours_bytes, peer, updates_batch};

/// Panics with `what` and where `got` first differs from `want`.
fn check_same_bytes(what: &str, want: &[u8], got: &[u8]) {
    if let Some(at) = first_difference(want, got) {
        panic!(
            "{what}: {} TL bytes instead of {}, first difference at offset {at}",
            got.len(),
            want.len()
        );
    }
}

/// The encode and decode groups of one boxed type, for both sides.
fn json<Ours, Theirs>(c: &mut Criterion, name: &str, ours: Ours, theirs: Theirs)
where
    Ours: tl_types::Serializable + Serialize + DeserializeOwned + PartialEq + Debug,
    Theirs: gr::Serializable + Serialize + DeserializeOwned,
{
    let bytes = ours_bytes(&ours);

    let ours_json = serde_json::to_vec(&ours)
        .unwrap_or_else(|e| panic!("{name}: ours cannot serialize to JSON: {e}"));
    let back: Ours = serde_json::from_slice(&ours_json)
        .unwrap_or_else(|e| panic!("{name}: ours cannot read its own JSON back: {e}"));
    assert!(
        back == ours,
        "{name}: ours reads its own JSON back as a different value"
    );
    check_same_bytes(
        &format!("{name}: ours, after the JSON round trip"),
        &bytes,
        &ours_bytes(&back),
    );

    let theirs_json = serde_json::to_vec(&theirs)
        .unwrap_or_else(|e| panic!("{name}: grammers cannot serialize to JSON: {e}"));
    let back: Theirs = serde_json::from_slice(&theirs_json)
        .unwrap_or_else(|e| panic!("{name}: grammers cannot read its own JSON back: {e}"));
    check_same_bytes(
        &format!("{name}: grammers, after the JSON round trip"),
        &bytes,
        &gr::Serializable::to_bytes(&back),
    );

    eprintln!(
        "{name}: TL {} bytes; JSON: ours {} bytes, grammers {} bytes",
        bytes.len(),
        ours_json.len(),
        theirs_json.len()
    );

    let mut g = c.benchmark_group(format!("{name}_json_encode"));
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("ours", |b| {
        b.iter(|| serde_json::to_vec(black_box(&ours)).expect("checked before timing"))
    });
    g.bench_function("grammers", |b| {
        b.iter(|| serde_json::to_vec(black_box(&theirs)).expect("checked before timing"))
    });
    g.finish();

    let mut g = c.benchmark_group(format!("{name}_json_decode"));
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("ours", |b| {
        b.iter(|| {
            serde_json::from_slice::<Ours>(black_box(&ours_json)).expect("checked before timing")
        })
    });
    g.bench_function("grammers", |b| {
        b.iter(|| {
            serde_json::from_slice::<Theirs>(black_box(&theirs_json))
                .expect("checked before timing")
        })
    });
    g.finish();
}

fn messages(c: &mut Criterion) {
    let ours = messages_messages();
    let theirs = peer::messages_messages(&ours_bytes(&ours)).unwrap_or_else(|e| panic!("{e}"));
    json(c, "messages", ours, theirs);
}

fn updates(c: &mut Criterion) {
    let ours = updates_batch();
    let theirs = peer::updates_batch(&ours_bytes(&ours)).unwrap_or_else(|e| panic!("{e}"));
    json(c, "updates", ours, theirs);
}

criterion_group!(benches, messages, updates);
criterion_main!(benches);
