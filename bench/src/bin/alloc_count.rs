//! Counts the heap allocations made by decoding the benchmark inputs, ours
//! and grammers-tl-types', with a counting global allocator: number of
//! allocations, bytes requested, and how many fall in each size class.
//! Allocations are what a third of decoding time goes to (see BENCHMARKS.md).
//!
//! Run: `cargo run --release -p tl-bench --features grammers --bin alloc_count`

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use grammers_tl_types as gr;
use tl_bench::{messages_messages, ours_bytes, updates_batch};

/// Upper bounds (inclusive, bytes) of the size classes; the last is open.
const CLASSES: [usize; 7] = [32, 64, 128, 256, 512, 1024, 4096];

/// The system allocator, counting what passes through it.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);
static BY_CLASS: [AtomicUsize; CLASSES.len() + 1] =
    [const { AtomicUsize::new(0) }; CLASSES.len() + 1];

// SAFETY: every call is forwarded unchanged to `System`, which upholds the
// `GlobalAlloc` contract; the counters are atomics and never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size(), Relaxed);
        let class = CLASSES
            .iter()
            .position(|&max| layout.size() <= max)
            .unwrap_or(CLASSES.len());
        BY_CLASS[class].fetch_add(1, Relaxed);
        // SAFETY: the caller's layout, passed on as received.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Counters at one moment.
struct Snapshot {
    allocations: usize,
    bytes: usize,
    by_class: Vec<usize>,
}

fn snapshot() -> Snapshot {
    Snapshot {
        allocations: ALLOCATIONS.load(Relaxed),
        bytes: BYTES.load(Relaxed),
        by_class: BY_CLASS.iter().map(|c| c.load(Relaxed)).collect(),
    }
}

/// Runs `decode` and prints the allocations it made (the value is dropped
/// inside, as in the benchmark).
fn count(label: &str, decode: impl FnOnce()) {
    let before = snapshot();
    decode();
    let after = snapshot();
    let classes: Vec<String> = after
        .by_class
        .iter()
        .zip(&before.by_class)
        .map(|(a, b)| (a - b).to_string())
        .collect();
    println!(
        "| {label} | {} | {} | {} |",
        after.allocations - before.allocations,
        after.bytes - before.bytes,
        classes.join(" / ")
    );
}

fn main() {
    let messages = ours_bytes(&messages_messages());
    let updates = ours_bytes(&updates_batch());
    println!(
        "| decode | allocations | bytes | ≤32 / ≤64 / ≤128 / ≤256 / ≤512 / ≤1K / ≤4K / more |"
    );
    println!("| --- | ---: | ---: | --- |");
    count("messages, ours", || {
        let value = <tl_types::enums::messages::Messages as tl_types::Deserializable>::from_bytes(
            &messages,
        );
        assert!(value.is_ok(), "ours cannot decode the messages input");
    });
    count("messages, grammers", || {
        let value = <gr::enums::messages::Messages as gr::Deserializable>::from_bytes(&messages);
        assert!(value.is_ok(), "grammers cannot decode the messages input");
    });
    count("updates, ours", || {
        let value = <tl_types::enums::Updates as tl_types::Deserializable>::from_bytes(&updates);
        assert!(value.is_ok(), "ours cannot decode the updates input");
    });
    count("updates, grammers", || {
        let value = <gr::enums::Updates as gr::Deserializable>::from_bytes(&updates);
        assert!(value.is_ok(), "grammers cannot decode the updates input");
    });
}
