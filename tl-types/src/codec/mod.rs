//! Hand-written runtime for the Telegram TL binary serialization.
//!
//! Generated types implement [`Serializable`], [`Deserializable`] and (for
//! constructors) [`Identifiable`]; they read from a [`Reader`] and write into
//! a `Vec<u8>` with the helpers in this module.
//!
//! # Wire format
//!
//! * `int` / `long` / `double`: 4 / 8 / 8 bytes, little-endian (`double` is
//!   the IEEE 754 bit pattern). `int128` / `int256`: 16 / 32 raw bytes.
//! * `string` / `bytes`: a length of at most 253 is one byte, followed by
//!   the data; longer values start with `0xfe` and a 3-byte little-endian
//!   length. The data is padded with zero bytes to a multiple of 4. The
//!   maximum length is 2^24 - 1 ([`MAX_BYTES_LEN`]).
//! * `Bool`: the boxed constructor id [`BOOL_TRUE_ID`] or [`BOOL_FALSE_ID`].
//! * `Vector t`: [`VECTOR_ID`], an `int` count, the elements; a bare
//!   `vector t` omits the id.
//!
//! # Decoding policies
//!
//! Decoding treats its input as hostile:
//! * every read is bounds-checked and reports a [`DecodeError`] with the byte
//!   offset; nothing panics on any input;
//! * vector counts are checked against the remaining input *before* anything
//!   is allocated ([`Reader::read_vector_len`]), so a few bytes claiming 2^31
//!   elements fail immediately;
//! * nesting is limited (64 levels by default, [`Reader::enter`]);
//! * [`Deserializable::from_bytes`] rejects trailing bytes.
//!
//! It is lenient where leniency is harmless: padding bytes after a
//! `string`/`bytes` value are skipped whatever their value (the encoder always
//! writes zeros), and the long `0xfe` length form is accepted for short
//! lengths too. A `0xff` length prefix is [`DecodeError::InvalidLength`].
//! Bits of a flags word that no parameter of the constructor uses carry no
//! data in this layer and are ignored; the encoder computes flags words from
//! the fields, so it writes only the bits they set. Re-encoding therefore
//! reproduces canonical input byte for byte, and non-canonical input (odd
//! padding, long length forms, stray flag bits) in its canonical form.
//!
//! A `string` that is not valid UTF-8 is handled according to the reader's
//! [`Utf8Policy`]: by default ([`Utf8Policy::Strict`]) it is an error
//! ([`DecodeError::InvalidUtf8`]) so data is never silently altered; with
//! [`Utf8Policy::Replace`] invalid sequences become U+FFFD and
//! [`Reader::replaced_strings`] counts the altered strings, so a client can
//! keep a whole batch of updates while knowing that something was changed.
//!
//! # Encoding limits
//!
//! Serialization is infallible by contract. The only values with no TL
//! encoding are `bytes`/`string` longer than [`MAX_BYTES_LEN`] (16 MiB - 1)
//! and vectors with more than `i32::MAX` elements; writing them panics with a
//! clear message (see [`write_bytes`]) rather than truncating the data or
//! corrupting the stream. Those are bugs in the caller's data, never a
//! reaction to network input.

#![deny(missing_docs)]
#![deny(unsafe_code)]

mod error;
mod reader;
mod write;

pub use error::DecodeError;
pub use reader::{Reader, Utf8Policy, DEFAULT_MAX_DEPTH};
pub use write::{
    bytes_len, write_after_id, write_bare_vector_len, write_bool, write_bytes, write_string,
    write_vector_header, BOOL_FALSE_ID, BOOL_TRUE_ID, MAX_BYTES_LEN, VECTOR_ID,
};

/// A TL constructor with a fixed constructor id (the CRC32 of its
/// normalized schema line).
pub trait Identifiable {
    /// The constructor id, as written (little-endian) before boxed values.
    const CONSTRUCTOR_ID: u32;
}

/// A value that can be written in the TL binary format.
///
/// Serialization cannot fail, except for the documented panics on values
/// that have no TL encoding (see [`write_bytes`]).
pub trait Serializable {
    /// Appends the encoding of `self` to `out`.
    fn serialize(&self, out: &mut Vec<u8>);

    /// Appends a boxed value: the constructor ID `id` (little-endian), then
    /// the encoding of `self`.
    ///
    /// The default writes one after the other. Generated constructors
    /// override it to write the ID together with their leading fixed-size
    /// fields in a single append; enums call it for the variant they hold.
    #[inline]
    fn serialize_boxed(&self, id: u32, out: &mut Vec<u8>) {
        out.extend_from_slice(&id.to_le_bytes());
        self.serialize(out);
    }

    /// The encoding of `self` in a new buffer.
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.serialize(&mut out);
        out
    }
}

/// A value that can be read from the TL binary format.
pub trait Deserializable: Sized {
    /// Reads one value from `input`, leaving the reader after it.
    fn deserialize(input: &mut Reader<'_>) -> Result<Self, DecodeError>;

    /// Decodes a complete buffer with a default [`Reader`] and rejects
    /// trailing bytes ([`DecodeError::TrailingBytes`]).
    fn from_bytes(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut reader = Reader::new(bytes);
        let value = Self::deserialize(&mut reader)?;
        reader.finish()?;
        Ok(value)
    }
}

/// The generated decoders' early return: `__read!(expr)` is the value of the
/// `Result` `expr`, or returns its error from the enclosing function. It
/// means the same as `expr?` where both error types are [`DecodeError`], but
/// is a plain `match`, which keeps the thousands of generated decoders
/// smaller and quicker to compile than the `Try` and `From` calls of `?`.
#[doc(hidden)]
#[macro_export]
macro_rules! __read {
    ($result:expr) => {
        match $result {
            ::core::result::Result::Ok(value) => value,
            ::core::result::Result::Err(error) => return ::core::result::Result::Err(error),
        }
    };
}

// --------------------------------------------------------------------------
// Implementations for the TL built-in types.

macro_rules! impl_fixed {
    ($($ty:ty => $read:ident),* $(,)?) => {$(
        impl Serializable for $ty {
            fn serialize(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
        }
        impl Deserializable for $ty {
            fn deserialize(input: &mut Reader<'_>) -> Result<Self, DecodeError> {
                input.$read()
            }
        }
    )*};
}

// `int`, `long`, `double`.
impl_fixed!(i32 => read_i32, i64 => read_i64, f64 => read_f64);

/// `int128`.
impl Serializable for [u8; 16] {
    fn serialize(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self);
    }
}

impl Deserializable for [u8; 16] {
    fn deserialize(input: &mut Reader<'_>) -> Result<Self, DecodeError> {
        input.read_int128()
    }
}

/// `int256`.
impl Serializable for [u8; 32] {
    fn serialize(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self);
    }
}

impl Deserializable for [u8; 32] {
    fn deserialize(input: &mut Reader<'_>) -> Result<Self, DecodeError> {
        input.read_int256()
    }
}

/// Boxed `Bool`.
impl Serializable for bool {
    fn serialize(&self, out: &mut Vec<u8>) {
        write_bool(out, *self);
    }
}

impl Deserializable for bool {
    fn deserialize(input: &mut Reader<'_>) -> Result<Self, DecodeError> {
        input.read_bool()
    }
}

/// `string`. Panics if longer than [`MAX_BYTES_LEN`].
impl Serializable for str {
    fn serialize(&self, out: &mut Vec<u8>) {
        write_string(out, self);
    }
}

/// `string`. Panics if longer than [`MAX_BYTES_LEN`].
impl Serializable for String {
    fn serialize(&self, out: &mut Vec<u8>) {
        write_string(out, self);
    }
}

/// `string`, with the reader's [`Utf8Policy`].
impl Deserializable for String {
    fn deserialize(input: &mut Reader<'_>) -> Result<Self, DecodeError> {
        input.read_string()
    }
}

/// Boxed `Vector t`.
///
/// `bytes` values are `Vec<u8>` but are *not* covered by this impl (`u8` is
/// not a TL type): use [`write_bytes`] / [`Reader::read_bytes`] for them.
impl<T: Serializable> Serializable for Vec<T> {
    fn serialize(&self, out: &mut Vec<u8>) {
        self.as_slice().serialize(out);
    }
}

/// Boxed `Vector t`.
impl<T: Serializable> Serializable for [T] {
    fn serialize(&self, out: &mut Vec<u8>) {
        write_vector_header(out, self.len());
        for item in self {
            item.serialize(out);
        }
    }
}

/// Boxed `Vector t`.
///
/// Every element is assumed to take at least 4 bytes on the wire, which
/// holds for all boxed types and all built-in types; the count is checked
/// against that before allocating. For vectors of bare types (which may be
/// smaller) use [`Reader::read_vector`] with the right minimum size.
impl<T: Deserializable> Deserializable for Vec<T> {
    fn deserialize(input: &mut Reader<'_>) -> Result<Self, DecodeError> {
        input.read_vector(4, T::deserialize)
    }
}

impl<T> Identifiable for Vec<T> {
    const CONSTRUCTOR_ID: u32 = VECTOR_ID;
}

impl<T: Serializable + ?Sized> Serializable for Box<T> {
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        (**self).serialize(out);
    }
    #[inline]
    fn serialize_boxed(&self, id: u32, out: &mut Vec<u8>) {
        (**self).serialize_boxed(id, out);
    }
}

impl<T: Deserializable> Deserializable for Box<T> {
    fn deserialize(input: &mut Reader<'_>) -> Result<Self, DecodeError> {
        T::deserialize(input).map(Box::new)
    }
}

impl<T: Serializable + ?Sized> Serializable for &T {
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        (**self).serialize(out);
    }
    #[inline]
    fn serialize_boxed(&self, id: u32, out: &mut Vec<u8>) {
        (**self).serialize_boxed(id, out);
    }
}

#[cfg(test)]
#[allow(unsafe_code)] // the counting allocator below
mod tests {
    use super::*;
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    // ---- allocation counter (per thread, so parallel tests don't interfere)

    thread_local! {
        static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    }

    struct CountingAllocator;

    // SAFETY: every method forwards to `System` unchanged; the counter is a
    // const-initialised thread local without destructor, accessed through
    // `try_with` so it never allocates or panics.
    unsafe impl GlobalAlloc for CountingAllocator {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
            // SAFETY: forwarded with the caller's guarantees.
            unsafe { System.alloc(layout) }
        }
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
            // SAFETY: forwarded with the caller's guarantees.
            unsafe { System.alloc_zeroed(layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
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

    fn allocations() -> usize {
        ALLOCATIONS.with(Cell::get)
    }

    // ---- a recursive test type, decoded the way generated code will be

    /// `node#11111111 next:List = List; nil#22222222 = List;`
    #[derive(Debug, PartialEq)]
    enum List {
        Node(Box<List>),
        Nil,
    }

    const NODE_ID: u32 = 0x1111_1111;
    const NIL_ID: u32 = 0x2222_2222;

    impl Serializable for List {
        fn serialize(&self, out: &mut Vec<u8>) {
            match self {
                Self::Node(next) => {
                    out.extend_from_slice(&NODE_ID.to_le_bytes());
                    next.serialize(out);
                }
                Self::Nil => out.extend_from_slice(&NIL_ID.to_le_bytes()),
            }
        }
    }

    impl Deserializable for List {
        fn deserialize(input: &mut Reader<'_>) -> Result<Self, DecodeError> {
            input.enter()?;
            let value = match input.read_u32()? {
                NODE_ID => Self::Node(Box::deserialize(input)?),
                NIL_ID => Self::Nil,
                id => return Err(input.unknown_constructor(id, "List")),
            };
            input.leave();
            Ok(value)
        }
    }

    fn list_bytes(depth: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(depth * 4 + 4);
        for _ in 0..depth {
            out.extend_from_slice(&NODE_ID.to_le_bytes());
        }
        out.extend_from_slice(&NIL_ID.to_le_bytes());
        out
    }

    #[test]
    fn recursive_decode_respects_depth_limit() {
        // 63 nodes + nil = 64 levels: allowed by default.
        let ok = List::from_bytes(&list_bytes(63));
        let mut depth = 0;
        let mut cur = ok.as_ref();
        while let Ok(List::Node(next)) = cur {
            depth += 1;
            cur = Ok(&**next);
        }
        assert_eq!(depth, 63);
        assert_eq!(ok.map(|l| l.to_bytes()), Ok(list_bytes(63)));

        assert_eq!(
            List::from_bytes(&list_bytes(64)),
            Err(DecodeError::TooDeep {
                offset: 256,
                max_depth: 64
            })
        );
        // A million levels fail fast, without overflowing the stack.
        assert!(matches!(
            List::from_bytes(&list_bytes(1_000_000)),
            Err(DecodeError::TooDeep { max_depth: 64, .. })
        ));
        // Custom limit.
        let bytes = list_bytes(3);
        let mut r = Reader::new(&bytes).with_max_depth(3);
        assert!(matches!(
            List::deserialize(&mut r),
            Err(DecodeError::TooDeep { offset: 12, .. })
        ));
        let mut r = Reader::new(&bytes).with_max_depth(4);
        assert!(List::deserialize(&mut r).is_ok());
        assert_eq!(r.depth(), 0);
        assert_eq!(r.finish(), Ok(()));
        // Unknown constructor in the middle.
        assert_eq!(
            List::from_bytes(&[0x11, 0x11, 0x11, 0x11, 1, 2, 3, 4]),
            Err(DecodeError::UnknownConstructor {
                id: 0x0403_0201,
                expected: "List",
                offset: 4
            })
        );
    }

    #[test]
    fn huge_vector_claim_fails_without_allocating() {
        // 16 bytes: Vector id, count 2^31 - 1 (resp. 2^31 = i32::MIN), 8 bytes.
        for count in [0x7fff_ffff_u32, 0x8000_0000] {
            let mut bytes = Vec::with_capacity(16);
            bytes.extend_from_slice(&VECTOR_ID.to_le_bytes());
            bytes.extend_from_slice(&count.to_le_bytes());
            bytes.extend_from_slice(&[0; 8]);
            let expected = DecodeError::VectorTooLong {
                offset: 4,
                count: i64::from(count as i32),
                remaining: 8,
            };

            let before = allocations();
            let mut r = Reader::new(&bytes);
            let len = r.read_vector_len(8);
            let as_ints = Vec::<i32>::from_bytes(&bytes);
            let as_strings = Vec::<Vec<String>>::from_bytes(&bytes);
            let raw = Reader::new(&bytes).read_vector(0, Reader::read_bytes);
            let after = allocations();

            assert_eq!(after, before, "no allocation for count {count:#x}");
            // The counter does see allocations on this thread.
            let probe = std::hint::black_box(Vec::<u8>::with_capacity(16));
            assert!(allocations() > after);
            drop(probe);
            assert_eq!(len, Err(expected.clone()));
            assert_eq!(as_ints, Err(expected.clone()));
            assert_eq!(as_strings, Err(expected.clone()));
            assert_eq!(raw, Err(expected));
        }
    }

    #[test]
    fn preallocation_is_capped() {
        // 1 MiB input of zero-length byte strings: count is plausible for
        // 1-byte elements, but would be 24 MiB of `Vec` headers; the initial
        // capacity is capped and the vector grows as elements really decode.
        let n = 1 << 18;
        let mut bytes = Vec::new();
        write_bare_vector_len(&mut bytes, n);
        for _ in 0..n {
            write_bytes(&mut bytes, &[]);
        }
        let mut r = Reader::new(&bytes);
        let v = r.read_bare_vector(1, Reader::read_bytes);
        assert_eq!(v.map(|v| v.len()), Ok(n));
        // Truncated: the same count with almost no data fails early.
        let v = Reader::new(&bytes[..64]).read_bare_vector(1, Reader::read_bytes);
        assert!(matches!(v, Err(DecodeError::VectorTooLong { .. })));
    }

    #[test]
    fn builtin_round_trips() {
        fn check<T: Serializable + Deserializable + PartialEq + std::fmt::Debug>(
            value: T,
            bytes: &[u8],
        ) {
            assert_eq!(value.to_bytes(), bytes, "{value:?}");
            assert_eq!(T::from_bytes(bytes).as_ref(), Ok(&value));
        }
        check(0x0403_0201_i32, &[1, 2, 3, 4]);
        check(-1i64, &[0xff; 8]);
        check(1.5f64, &[0, 0, 0, 0, 0, 0, 0xf8, 0x3f]);
        check([9u8; 16], &[9; 16]);
        check([8u8; 32], &[8; 32]);
        check(true, &[0xb5, 0x75, 0x72, 0x99]);
        check(false, &[0x37, 0x97, 0x79, 0xbc]);
        check(String::from("hi"), &[2, b'h', b'i', 0]);
        check(Box::new(7i32), &[7, 0, 0, 0]);
        check(
            vec![1i64, 2],
            &[
                0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0,
            ],
        );
        check(
            vec![vec![String::from("a")], vec![]],
            &[
                0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0, //
                0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0, 1, b'a', 0, 0, //
                0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0,
            ],
        );
        assert_eq!("hi".to_bytes(), [2, b'h', b'i', 0]);
        let by_ref: &i32 = &5;
        assert_eq!(Serializable::to_bytes(&by_ref), [5, 0, 0, 0]);
        assert_eq!(<Vec<bool>>::CONSTRUCTOR_ID, VECTOR_ID);
    }

    #[test]
    fn from_bytes_rejects_trailing_bytes() {
        assert_eq!(
            i32::from_bytes(&[1, 0, 0, 0, 9]),
            Err(DecodeError::TrailingBytes {
                offset: 4,
                remaining: 1
            })
        );
        assert_eq!(
            String::from_bytes(&[0, 0, 0, 0, 0, 0, 0, 0]),
            Err(DecodeError::TrailingBytes {
                offset: 4,
                remaining: 4
            })
        );
        assert_eq!(
            i64::from_bytes(&[1, 0, 0, 0]),
            Err(DecodeError::UnexpectedEnd {
                offset: 0,
                needed: 4
            })
        );
        // Strict UTF-8 is the default for from_bytes.
        assert_eq!(
            String::from_bytes(&[1, 0xff, 0, 0]),
            Err(DecodeError::InvalidUtf8 { offset: 1 })
        );
    }
}
