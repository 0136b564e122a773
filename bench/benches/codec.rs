//! Codec benchmarks: this workspace (`ours`) against grammers-tl-types 0.11.0
//! (`grammers`), fed the same bytes. See `BENCHMARKS.md`.
//!
//! Run: `cargo bench -p tl-bench --features bench` (add `-- <filter>` to run
//! one group, e.g. `-- messages_decode`).
//!
//! One criterion group per operation, each with an `ours` and a `grammers`
//! function, throughput in bytes of the encoding. Before anything is timed,
//! every input is encoded by our codec, decoded and re-encoded by grammers,
//! and the two encodings must be equal byte for byte.
//!
//! - decode: `from_bytes` of the boxed type (`enums::messages::Messages`,
//!   `enums::Updates`) from a borrowed slice; ours also checks that no
//!   trailing bytes are left.
//! - encode: `serialize` of an already built value into a reused, cleared
//!   `Vec<u8>` (grammers' `serialize` takes `impl Extend<u8>`, given the same
//!   `Vec<u8>`).

use std::hint::black_box;

use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use grammers_tl_types as gr;
use tl_bench::{import_chat_invite, messages_messages, ours_bytes, peer, updates_batch};

fn group<'a>(c: &'a mut Criterion, name: &str, bytes: usize) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes as u64));
    group
}

/// Decode and encode of one boxed type, for both codecs.
fn decode_encode<Ours, Theirs>(c: &mut Criterion, name: &str, ours: Ours, theirs: Theirs)
where
    Ours: tl_types::Serializable + tl_types::Deserializable,
    Theirs: gr::Serializable + gr::Deserializable,
{
    let bytes = ours_bytes(&ours);

    let mut g = group(c, &format!("{name}_decode"), bytes.len());
    g.bench_function("ours", |b| {
        b.iter(|| <Ours as tl_types::Deserializable>::from_bytes(black_box(&bytes)).unwrap())
    });
    g.bench_function("grammers", |b| {
        b.iter(|| <Theirs as gr::Deserializable>::from_bytes(black_box(&bytes)).unwrap())
    });
    g.finish();

    let mut g = group(c, &format!("{name}_encode"), bytes.len());
    let mut out = Vec::with_capacity(bytes.len());
    g.bench_function("ours", |b| {
        b.iter(|| {
            out.clear();
            tl_types::Serializable::serialize(black_box(&ours), &mut out);
            black_box(out.len())
        })
    });
    g.bench_function("grammers", |b| {
        b.iter(|| {
            out.clear();
            gr::Serializable::serialize(black_box(&theirs), &mut out);
            black_box(out.len())
        })
    });
    g.finish();
}

fn messages(c: &mut Criterion) {
    let ours = messages_messages();
    let theirs = peer::messages_messages(&ours_bytes(&ours)).unwrap_or_else(|e| panic!("{e}"));
    decode_encode(c, "messages", ours, theirs);
}

fn updates(c: &mut Criterion) {
    let ours = updates_batch();
    let theirs = peer::updates_batch(&ours_bytes(&ours)).unwrap_or_else(|e| panic!("{e}"));
    decode_encode(c, "updates", ours, theirs);
}

fn request(c: &mut Criterion) {
    let ours = import_chat_invite();
    let bytes = ours_bytes(&ours);
    let theirs = peer::import_chat_invite(&bytes).unwrap_or_else(|e| panic!("{e}"));

    let mut g = group(c, "import_chat_invite_encode", bytes.len());
    let mut out = Vec::with_capacity(64);
    g.bench_function("ours", |b| {
        b.iter(|| {
            out.clear();
            tl_types::Serializable::serialize(black_box(&ours), &mut out);
            black_box(out.len())
        })
    });
    g.bench_function("grammers", |b| {
        b.iter(|| {
            out.clear();
            gr::Serializable::serialize(black_box(&theirs), &mut out);
            black_box(out.len())
        })
    });
    g.finish();
}

criterion_group!(benches, messages, updates, request);
criterion_main!(benches);
