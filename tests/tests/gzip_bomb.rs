//! A gzip bomb (hundreds of MiB of zeros compressed to a few hundred KiB)
//! inside `gzip_packed` is rejected while inflating: peak heap use, measured
//! by a counting global allocator (this test binary's only test), stays far
//! below the bomb's size.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

use flate2::write::GzEncoder;
use flate2::Compression;
use tl_methods::mtproto::functions::Ping;
use tl_methods::{RemoteCall, ResponseError};
use tl_types::envelope::MAX_UNPACKED;
use tl_types::mtproto::types::GzipPacked;
use tl_types::{DecodeError, Deserializable, Serializable};

/// Counts live heap bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn add(size: usize) {
    let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        add(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        add(new_size);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MIB: usize = 1024 * 1024;
/// What the bomb inflates to.
const BOMB: usize = 512 * MIB;
/// Where the peak must stay.
const CEILING: usize = 64 * MIB;

#[test]
fn a_gzip_bomb_is_rejected_with_bounded_memory() {
    // Build the bomb by streaming zeros through the encoder (the zeros are
    // never held in memory at once).
    let zeros = vec![0u8; MIB];
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    for _ in 0..BOMB / MIB {
        encoder.write_all(&zeros).unwrap();
    }
    let packed = GzipPacked {
        packed_data: encoder.finish().unwrap(),
    }
    .to_bytes();
    drop(zeros);
    let input = packed.len();
    assert!(input < 1024 * 1024, "the bomb is {input} bytes");

    let baseline = LIVE.load(Ordering::Relaxed);
    PEAK.store(baseline, Ordering::Relaxed);
    let err = Ping::decode_response(&packed).unwrap_err();
    let peak = PEAK.load(Ordering::Relaxed) - baseline;
    assert_eq!(
        err,
        ResponseError::Decode(DecodeError::UnpackedTooLarge {
            offset: 4,
            limit: MAX_UNPACKED
        })
    );

    // The same through GzipPacked with a small limit.
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let base_small = LIVE.load(Ordering::Relaxed);
    let small = GzipPacked::from_bytes(&packed)
        .unwrap()
        .unpack_with_limit(MIB)
        .unwrap_err();
    let peak_small = PEAK.load(Ordering::Relaxed) - base_small;
    assert!(matches!(small, DecodeError::UnpackedTooLarge { limit, .. } if limit == MIB));

    println!(
        "gzip bomb: {input} bytes of input inflating to {} MiB; limit {} MiB: peak {:.1} MiB \
         (ceiling {} MiB); limit 1 MiB (plus the {input}-byte copy of packed_data): peak {:.2} MiB",
        BOMB / MIB,
        MAX_UNPACKED / MIB,
        peak as f64 / MIB as f64,
        CEILING / MIB,
        peak_small as f64 / MIB as f64,
    );
    assert!(peak < CEILING, "peak {peak} bytes");
    // The output's capacity never exceeds the limit; while it grows, a
    // `realloc` is counted with the old and the new block both live.
    assert!(
        peak <= MAX_UNPACKED + MAX_UNPACKED / 2 + MIB,
        "peak {peak} bytes"
    );
    assert!(peak_small < 2 * MIB + input, "peak {peak_small} bytes");
}
