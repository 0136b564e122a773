//! Hostile input: huge vector claims, deep nesting, invalid UTF-8, trailing
//! bytes and unknown constructors all end in the right `DecodeError`,
//! without large allocations or stack overflows.

#![allow(unsafe_code)] // the counting allocator

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use tl_tests::reencode_boxed;
use tl_types::{enums, mtproto, DecodeError, Deserializable, Reader, Utf8Policy};

// ---------------------------------------------------------------------------
// A global allocator that counts the bytes each thread allocates, so tests
// running in parallel do not see each other's allocations.

thread_local! {
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
}

struct CountingAllocator;

fn count(bytes: usize) {
    // `try_with`: never panics, even while the thread is being torn down.
    let _ = ALLOCATED.try_with(|total| total.set(total.get().saturating_add(bytes)));
}

// SAFETY: every method forwards to `System` with the caller's arguments; the
// counter is a const-initialised thread local without a destructor, so
// counting neither allocates nor re-enters the allocator.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Bytes allocated by this thread while running `f`.
fn allocated_by<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATED.with(Cell::get);
    let value = f();
    (value, ALLOCATED.with(Cell::get) - before)
}

const MIB: usize = 1 << 20;

// ---------------------------------------------------------------------------

#[test]
fn huge_vector_claims_fail_without_allocating() {
    // The counter works.
    let ((), probe) = allocated_by(|| drop(std::hint::black_box(vec![0u8; 4096])));
    assert!(probe >= 4096);

    for claim in [0x8000_0000_u32, 0x7fff_ffff] {
        let count = i64::from(claim as i32);
        // msgs_ack#62d6b459 msg_ids:Vector<long> = MsgsAck;  (16 bytes)
        let mut msgs_ack = Vec::new();
        msgs_ack.extend_from_slice(&0x62d6_b459_u32.to_le_bytes());
        msgs_ack.extend_from_slice(&tl_types::VECTOR_ID.to_le_bytes());
        msgs_ack.extend_from_slice(&claim.to_le_bytes()); // 2^31 (or 2^31 - 1) elements
        msgs_ack.extend_from_slice(&[0; 4]);
        assert_eq!(msgs_ack.len(), 16);
        let expected = DecodeError::VectorTooLong {
            offset: 8,
            count,
            remaining: 4,
        };
        let (result, bytes) = allocated_by(|| mtproto::enums::MsgsAck::from_bytes(&msgs_ack));
        assert_eq!(result, Err(expected.clone()));
        assert!(bytes < MIB, "{bytes} bytes allocated for {claim:#x}");
        let (result, bytes) = allocated_by(|| reencode_boxed(&msgs_ack));
        assert_eq!(result, Some(Err(expected)));
        assert!(bytes < MIB, "{bytes} bytes allocated for {claim:#x}");

        // updates#74ae4240 updates:Vector<Update> …  (16 bytes)
        let mut updates = Vec::new();
        updates.extend_from_slice(&0x74ae_4240_u32.to_le_bytes());
        updates.extend_from_slice(&tl_types::VECTOR_ID.to_le_bytes());
        updates.extend_from_slice(&claim.to_le_bytes());
        updates.extend_from_slice(&[0; 4]);
        let (result, bytes) = allocated_by(|| enums::Updates::from_bytes(&updates));
        assert_eq!(
            result,
            Err(DecodeError::VectorTooLong {
                offset: 8,
                count,
                remaining: 4
            })
        );
        assert!(bytes < MIB, "{bytes} bytes allocated for {claim:#x}");
    }
}

// ---------------------------------------------------------------------------

const TEXT_BOLD: [u8; 4] = 0x6724_abc4_u32.to_le_bytes();
const TEXT_EMPTY: [u8; 4] = 0xdc3d_824f_u32.to_le_bytes();

/// `n` × textBold#6724abc4 text:RichText, then `tail`.
fn nested_bold(n: usize, tail: &[u8]) -> Vec<u8> {
    let mut bytes = TEXT_BOLD.repeat(n);
    bytes.extend_from_slice(tail);
    bytes
}

/// Runs `f` on a thread with a 2 MiB stack.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 * MIB)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn a_megabyte_of_nested_text_bold_is_too_deep() {
    let depth_error = DecodeError::TooDeep {
        offset: 65 * 4, // the 65th ID has been read when the limit is hit
        max_depth: tl_types::DEFAULT_MAX_DEPTH,
    };
    // 1 MiB of textBold IDs: no terminating constructor at all.
    let bytes = nested_bold(MIB / 4, &[]);
    assert_eq!(bytes.len(), MIB);
    let result = on_small_stack(move || {
        (
            enums::RichText::from_bytes(&bytes),
            reencode_boxed(&bytes).map(|r| r.map(|out| out.len())),
        )
    });
    assert_eq!(result.0, Err(depth_error.clone()));
    assert_eq!(result.1, Some(Err(depth_error.clone())));

    // The limit is exactly 64 nested boxed values.
    let ok = nested_bold(63, &TEXT_EMPTY);
    let too_deep = nested_bold(64, &TEXT_EMPTY);
    let (ok_result, deep_result) = on_small_stack(move || {
        (
            enums::RichText::from_bytes(&ok)
                .map(|text| tl_types::Serializable::to_bytes(&text) == ok),
            enums::RichText::from_bytes(&too_deep),
        )
    });
    assert_eq!(ok_result, Ok(true));
    assert_eq!(deep_result, Err(depth_error));
}

#[test]
fn nesting_through_vectors_is_limited_too() {
    // textConcat#7e6260d7 texts:Vector<RichText>, each with one element.
    let mut level = Vec::new();
    level.extend_from_slice(&0x7e62_60d7_u32.to_le_bytes());
    level.extend_from_slice(&tl_types::VECTOR_ID.to_le_bytes());
    level.extend_from_slice(&1u32.to_le_bytes());
    let mut bytes = level.repeat(MIB / level.len());
    bytes.extend_from_slice(&TEXT_EMPTY);
    let result = on_small_stack(move || enums::RichText::from_bytes(&bytes));
    assert_eq!(
        result,
        Err(DecodeError::TooDeep {
            offset: 64 * 12 + 4,
            max_depth: tl_types::DEFAULT_MAX_DEPTH
        })
    );
}

// ---------------------------------------------------------------------------

/// message#7600b9d3 with flags = flags2 = 0: id, peer_id, date and the
/// text `message` (given as raw bytes, length prefix included).
fn message(text: &[u8]) -> Vec<u8> {
    let mut bytes = vec![
        0xd3, 0xb9, 0x00, 0x76, // message#7600b9d3
        0x00, 0x00, 0x00, 0x00, // flags
        0x00, 0x00, 0x00, 0x00, // flags2
        0x2a, 0x00, 0x00, 0x00, // id = 42
        0x22, 0x17, 0x51, 0x59, // peer_id: peerUser#59511722
        0x09, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //   user_id = 777
        0x00, 0xf1, 0x53, 0x65, // date
    ];
    bytes.extend_from_slice(text);
    bytes
}

/// Offset of the `message` string's length prefix in [`message`].
const TEXT_AT: usize = 32;

#[test]
fn a_valid_message_decodes() {
    let bytes = message(&[0x02, b'h', b'i', 0x00]);
    let decoded = enums::Message::from_bytes(&bytes);
    assert!(
        matches!(&decoded, Ok(enums::Message::Message(m)) if m.message == "hi" && m.id == 42),
        "{decoded:?}"
    );
    assert_eq!(reencode_boxed(&bytes), Some(Ok(bytes)));
}

#[test]
fn invalid_utf8_in_a_message_reports_its_offset() {
    // "h", then 0xc3 0x28: a 2-byte lead followed by a non-continuation byte.
    let bytes = message(&[0x03, b'h', 0xc3, 0x28]);
    let expected = DecodeError::InvalidUtf8 {
        offset: TEXT_AT + 2,
    };
    assert_eq!(enums::Message::from_bytes(&bytes), Err(expected.clone()));
    assert_eq!(reencode_boxed(&bytes), Some(Err(expected)));

    // The long length form: 300 bytes of 'a', then a lone 0xff.
    let mut text = vec![0xfe, 0x2d, 0x01, 0x00]; // length 301
    text.extend_from_slice(&[b'a'; 300]);
    text.push(0xff);
    text.extend_from_slice(&[0, 0, 0]); // 4 + 301 = 305 → 3 bytes of padding
    let bytes = message(&text);
    assert_eq!(
        enums::Message::from_bytes(&bytes),
        Err(DecodeError::InvalidUtf8 {
            offset: TEXT_AT + 4 + 300
        })
    );

    // With `Utf8Policy::Replace` the message decodes, and says so.
    let mut reader = Reader::new(&bytes).with_utf8_policy(Utf8Policy::Replace);
    let decoded = enums::Message::deserialize(&mut reader);
    assert_eq!(reader.replaced_strings(), 1);
    assert_eq!(reader.finish(), Ok(()));
    match decoded {
        Ok(enums::Message::Message(m)) => {
            assert_eq!(m.message, format!("{}\u{fffd}", "a".repeat(300)));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn trailing_bytes_are_rejected() {
    let bytes = message(&[0x02, b'h', b'i', 0x00]);
    for extra in [&[0u8][..], &[0, 0, 0, 0], &TEXT_EMPTY] {
        let mut long = bytes.clone();
        long.extend_from_slice(extra);
        let expected = DecodeError::TrailingBytes {
            offset: bytes.len(),
            remaining: extra.len(),
        };
        assert_eq!(enums::Message::from_bytes(&long), Err(expected.clone()));
        assert_eq!(reencode_boxed(&long), Some(Err(expected)));
    }
    // Padding is part of the string, not trailing: a string ending the
    // input without its padding is truncated.
    let short = &bytes[..bytes.len() - 1];
    assert!(matches!(
        enums::Message::from_bytes(short),
        Err(DecodeError::UnexpectedEnd { .. })
    ));
}

#[test]
fn unknown_constructor_in_the_middle_names_the_expected_type() {
    const UNKNOWN: [u8; 4] = 0xdead_beef_u32.to_le_bytes();

    // inputPeerUserFromMessage#a87b0a1c peer:InputPeer msg_id:int user_id:long
    let mut bytes = 0xa87b_0a1c_u32.to_le_bytes().to_vec();
    bytes.extend_from_slice(&UNKNOWN);
    bytes.extend_from_slice(&[0; 12]);
    assert_eq!(
        enums::InputPeer::from_bytes(&bytes),
        Err(DecodeError::UnknownConstructor {
            id: 0xdead_beef,
            expected: "InputPeer",
            offset: 4
        })
    );

    // message: the peer_id at byte 16.
    let mut bytes = message(&[0x02, b'h', b'i', 0x00]);
    bytes[16..20].copy_from_slice(&UNKNOWN);
    assert_eq!(
        reencode_boxed(&bytes),
        Some(Err(DecodeError::UnknownConstructor {
            id: 0xdead_beef,
            expected: "Peer",
            offset: 16
        }))
    );

    // The second element of updates#74ae4240's Vector<Update>.
    let mut bytes = 0x74ae_4240_u32.to_le_bytes().to_vec();
    bytes.extend_from_slice(&tl_types::VECTOR_ID.to_le_bytes());
    bytes.extend_from_slice(&2u32.to_le_bytes());
    bytes.extend_from_slice(&0xa229_dd06_u32.to_le_bytes()); // updateConfig#a229dd06
    bytes.extend_from_slice(&UNKNOWN);
    bytes.extend_from_slice(&[0; 28]);
    assert_eq!(
        enums::Updates::from_bytes(&bytes),
        Err(DecodeError::UnknownConstructor {
            id: 0xdead_beef,
            expected: "Update",
            offset: 16
        })
    );

    // mtproto: an unknown IpPort inside help.configSimple's nested vectors.
    let mut bytes = Vec::new();
    for word in [
        0x5a59_2a6c_u32, // help.configSimple
        1,               // date
        2,               // expires
        1,               // rules: 1
        0x4679_b65f,     //   accessPointRule
        0,               //     phone_prefix_rules = ""
        2,               //     dc_id
        1,               //     ips: 1
        0xdead_beef,     //       ?
    ] {
        bytes.extend_from_slice(&word.to_le_bytes());
    }
    assert_eq!(
        reencode_boxed(&bytes),
        Some(Err(DecodeError::UnknownConstructor {
            id: 0xdead_beef,
            expected: "IpPort",
            offset: 32
        }))
    );
    // …and at the top level, by the type the dispatch picked.
    assert_eq!(reencode_boxed(&UNKNOWN), None);
}

/// What the decoder accepts although an encoder never writes it, and how it
/// comes out again: round trips are the identity only on canonical bytes
/// (which is what the random generator of `tl_tests::random` produces).
#[test]
fn non_canonical_input_is_normalized() {
    let canonical = message(&[0x02, b'h', b'i', 0x00]);
    let normalized = |bytes: &[u8]| reencode_boxed(bytes).and_then(Result::ok);

    // A flags bit no parameter uses (bit 31 of `flags`) is ignored and
    // dropped (current policy; newer layers add fields on such bits).
    let mut unused_bit = canonical.clone();
    unused_bit[7] = 0x80;
    assert_eq!(normalized(&unused_bit), Some(canonical.clone()));

    // Non-zero padding after a string is skipped (documented).
    let mut padding = canonical.clone();
    padding[35] = 0x07;
    assert_eq!(normalized(&padding), Some(canonical.clone()));

    // The 0xfe length form for a short string is accepted (documented).
    let long_form = message(&[0xfe, 0x02, 0x00, 0x00, b'h', b'i', 0x00, 0x00]);
    assert_eq!(normalized(&long_form), Some(canonical.clone()));

    // …but a 0xff length prefix is an error.
    let mut ff = canonical;
    ff[TEXT_AT] = 0xff;
    assert_eq!(
        enums::Message::from_bytes(&ff),
        Err(DecodeError::InvalidLength { offset: TEXT_AT })
    );
}
