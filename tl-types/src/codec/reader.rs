//! The bounds-checked cursor that every deserializer reads from.

use std::fmt;

use super::error::DecodeError;
use super::write::{padding, BOOL_FALSE_ID, BOOL_TRUE_ID, VECTOR_ID};

/// Default for [`Reader::with_max_depth`].
pub const DEFAULT_MAX_DEPTH: usize = 64;

/// What [`Reader::read_string`] does with a TL `string` whose bytes are not
/// valid UTF-8.
///
/// TL `string` and `bytes` share one wire encoding and the server does not
/// guarantee that `string` values are UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Utf8Policy {
    /// Fail with [`DecodeError::InvalidUtf8`]. Data is never silently
    /// altered. This is the default.
    #[default]
    Strict,
    /// Replace each invalid sequence with U+FFFD (`�`) and keep going. Each
    /// string that needed a replacement is counted in
    /// [`Reader::replaced_strings`], so a client can keep a whole update batch
    /// while still knowing that (and how often) something was altered.
    Replace,
}

/// A cursor over an input buffer, used by all [`Deserializable`] impls.
///
/// Every read is bounds-checked and returns a [`DecodeError`] instead of
/// panicking. A read that fails leaves the position where it was before that
/// read (for composite reads such as [`read_string`](Self::read_string) and
/// [`read_vector_len`](Self::read_vector_len) too), so the error offsets refer
/// to the value that could not be read.
///
/// Besides the position, the reader keeps:
/// * a nesting depth counter ([`enter`](Self::enter) /
///   [`leave`](Self::leave)), limited to [`DEFAULT_MAX_DEPTH`] by default, so
///   hostile input cannot overflow the stack through recursive types;
/// * a [`Utf8Policy`] (default [`Utf8Policy::Strict`]) and the number of
///   strings it had to repair.
///
/// # Example
///
/// How a generated boxed type decodes itself:
///
/// ```
/// use tl_types::{DecodeError, Deserializable, Reader};
///
/// /// `point#5f3c2a1b x:int y:int = Shape; nothing#1a2b3c4d = Shape;`
/// #[derive(Debug, PartialEq)]
/// enum Shape { Point { x: i32, y: i32 }, Nothing }
///
/// impl Deserializable for Shape {
///     fn deserialize(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
///         r.nested(|r| match r.read_u32()? {
///             0x5f3c2a1b => Ok(Shape::Point { x: r.read_i32()?, y: r.read_i32()? }),
///             0x1a2b3c4d => Ok(Shape::Nothing),
///             id => Err(r.unknown_constructor(id, "Shape")),
///         })
///     }
/// }
///
/// let bytes = [0x1b, 0x2a, 0x3c, 0x5f, 1, 0, 0, 0, 2, 0, 0, 0];
/// assert_eq!(Shape::from_bytes(&bytes), Ok(Shape::Point { x: 1, y: 2 }));
/// assert_eq!(
///     Shape::from_bytes(&bytes[..10]),
///     Err(DecodeError::UnexpectedEnd { offset: 8, needed: 2 }),
/// );
/// ```
///
/// [`Deserializable`]: crate::Deserializable
#[derive(Clone)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    depth: usize,
    max_depth: usize,
    utf8_policy: Utf8Policy,
    replaced_strings: usize,
}

impl fmt::Debug for Reader<'_> {
    // Don't dump the (possibly megabytes long) input.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reader")
            .field("len", &self.buf.len())
            .field("pos", &self.pos)
            .field("depth", &self.depth)
            .field("max_depth", &self.max_depth)
            .field("utf8_policy", &self.utf8_policy)
            .field("replaced_strings", &self.replaced_strings)
            .finish()
    }
}

impl<'a> Reader<'a> {
    /// A reader positioned at the start of `bytes`, with a maximum depth of
    /// [`DEFAULT_MAX_DEPTH`] (64) and [`Utf8Policy::Strict`].
    #[must_use]
    pub fn new(bytes: &'a [u8]) -> Self {
        Self {
            buf: bytes,
            pos: 0,
            depth: 0,
            max_depth: DEFAULT_MAX_DEPTH,
            utf8_policy: Utf8Policy::Strict,
            replaced_strings: 0,
        }
    }

    /// Sets how many nested [`enter`](Self::enter) calls are allowed.
    #[must_use]
    pub fn with_max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// Sets the [`Utf8Policy`] used by [`read_string`](Self::read_string).
    #[must_use]
    pub fn with_utf8_policy(mut self, policy: Utf8Policy) -> Self {
        self.utf8_policy = policy;
        self
    }

    /// Current byte offset from the start of the input.
    #[must_use]
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Number of bytes not read yet.
    #[must_use]
    pub fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }

    /// `true` if all input has been consumed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    /// The unread part of the input.
    #[must_use]
    pub fn rest(&self) -> &'a [u8] {
        self.buf.get(self.pos..).unwrap_or_default()
    }

    /// Succeeds only if all input has been consumed; otherwise
    /// [`DecodeError::TrailingBytes`].
    pub fn finish(self) -> Result<(), DecodeError> {
        match self.remaining() {
            0 => Ok(()),
            remaining => Err(DecodeError::TrailingBytes {
                offset: self.pos,
                remaining,
            }),
        }
    }

    /// How many strings [`Utf8Policy::Replace`] has altered so far (always 0
    /// with [`Utf8Policy::Strict`]).
    #[must_use]
    pub fn replaced_strings(&self) -> usize {
        self.replaced_strings
    }

    /// Adds strings replaced by another reader over a part of this input.
    pub(crate) fn count_replaced(&mut self, replaced: usize) {
        self.replaced_strings = self.replaced_strings.saturating_add(replaced);
    }

    /// The configured [`Utf8Policy`].
    #[must_use]
    pub fn utf8_policy(&self) -> Utf8Policy {
        self.utf8_policy
    }

    /// Current nesting depth (number of [`enter`](Self::enter) calls not yet
    /// matched by [`leave`](Self::leave)).
    #[must_use]
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The configured maximum depth.
    #[must_use]
    pub fn max_depth(&self) -> usize {
        self.max_depth
    }

    // ---------------------------------------------------------------- raw

    /// Consumes exactly `n` bytes, or fails with
    /// [`DecodeError::UnexpectedEnd`] without consuming anything.
    pub fn read_raw(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let remaining = self.remaining();
        let slice = self
            .pos
            .checked_add(n)
            .and_then(|end| self.buf.get(self.pos..end))
            .ok_or(DecodeError::UnexpectedEnd {
                offset: self.pos,
                needed: n.saturating_sub(remaining),
            })?;
        self.pos += n;
        Ok(slice)
    }

    #[inline]
    fn read_array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        match self.buf.get(self.pos..).and_then(<[u8]>::first_chunk::<N>) {
            Some(bytes) => {
                self.pos += N;
                Ok(*bytes)
            }
            None => Err(self.end_error(N)),
        }
    }

    /// [`DecodeError::UnexpectedEnd`] for a read of `n` bytes at the
    /// current position that does not fit.
    #[cold]
    fn end_error(&self, n: usize) -> DecodeError {
        DecodeError::UnexpectedEnd {
            offset: self.pos,
            needed: n.saturating_sub(self.remaining()),
        }
    }

    /// Reads the next `u32` (e.g. a constructor id) without consuming it.
    pub fn peek_u32(&self) -> Result<u32, DecodeError> {
        self.clone().read_u32()
    }

    // ---------------------------------------------------------- primitives

    /// Reads a little-endian `u32` (constructor ids, `#` flags).
    pub fn read_u32(&mut self) -> Result<u32, DecodeError> {
        self.read_array().map(u32::from_le_bytes)
    }

    /// Reads a TL `int`.
    pub fn read_i32(&mut self) -> Result<i32, DecodeError> {
        self.read_array().map(i32::from_le_bytes)
    }

    /// Reads a TL `long`.
    pub fn read_i64(&mut self) -> Result<i64, DecodeError> {
        self.read_array().map(i64::from_le_bytes)
    }

    /// Reads a TL `double` (IEEE 754 bits, little-endian). Any bit pattern,
    /// NaNs included, is accepted as is.
    pub fn read_f64(&mut self) -> Result<f64, DecodeError> {
        self.read_array().map(f64::from_le_bytes)
    }

    /// Reads a TL `int128` as its 16 raw bytes.
    pub fn read_int128(&mut self) -> Result<[u8; 16], DecodeError> {
        self.read_array()
    }

    /// Reads a TL `int256` as its 32 raw bytes.
    pub fn read_int256(&mut self) -> Result<[u8; 32], DecodeError> {
        self.read_array()
    }

    /// Reads a boxed `Bool`. Any id other than `boolTrue`/`boolFalse` is
    /// [`DecodeError::UnknownConstructor`] with `expected: "Bool"`.
    pub fn read_bool(&mut self) -> Result<bool, DecodeError> {
        let offset = self.pos;
        match self.read_u32()? {
            BOOL_TRUE_ID => Ok(true),
            BOOL_FALSE_ID => Ok(false),
            id => {
                self.pos = offset;
                Err(DecodeError::UnknownConstructor {
                    id,
                    expected: "Bool",
                    offset,
                })
            }
        }
    }

    // ------------------------------------------------------ bytes / string

    /// Reads a TL `bytes` value and returns the payload borrowed from the
    /// input (no copy). See [`read_bytes`](Self::read_bytes) for the accepted
    /// encodings.
    pub fn read_bytes_ref(&mut self) -> Result<&'a [u8], DecodeError> {
        match self.read_short_bytes() {
            Some((_, data)) => Ok(data),
            None => self.atomic(|r| r.read_bytes_inner().map(|(_, data)| data)),
        }
    }

    /// The common case of `bytes`/`string`: a one-byte length prefix
    /// (< 254) and the whole value present. One bounds check; `None` (and
    /// nothing consumed) for everything else, which `read_bytes_inner` then
    /// reads or reports.
    #[inline]
    fn read_short_bytes(&mut self) -> Option<(usize, &'a [u8])> {
        let rest = self.buf.get(self.pos..)?;
        let len = usize::from(*rest.first()?);
        if len >= 0xfe {
            return None;
        }
        // Prefix, payload and padding to a multiple of 4.
        let total = (len + 4) & !3;
        let data = rest.get(1..total)?.get(..len)?;
        let data_offset = self.pos + 1;
        self.pos += total;
        Some((data_offset, data))
    }

    /// Reads a TL `bytes` value.
    ///
    /// Decoding is deliberately lenient about things that cannot hurt:
    /// * padding bytes are skipped whatever their value (the encoder always
    ///   writes zeros);
    /// * a long (`0xfe`) prefix is accepted even for lengths <= 253.
    ///
    /// A `0xff` prefix is [`DecodeError::InvalidLength`]; missing payload or
    /// padding is [`DecodeError::UnexpectedEnd`]. Nothing is allocated before
    /// the whole value is known to be present.
    pub fn read_bytes(&mut self) -> Result<Vec<u8>, DecodeError> {
        self.read_bytes_ref().map(<[u8]>::to_vec)
    }

    /// Reads a TL `string`, applying the reader's [`Utf8Policy`].
    pub fn read_string(&mut self) -> Result<String, DecodeError> {
        let start = self.pos;
        // The short form inline, everything else (long form, errors) in
        // `read_bytes_inner`, which may move the position on error.
        let (data_offset, data) = match self.read_short_bytes() {
            Some(short) => short,
            None => match self.read_bytes_inner() {
                Ok(long) => long,
                Err(error) => {
                    self.pos = start;
                    return Err(error);
                }
            },
        };
        // Same verdicts and error offsets as `std::str::from_utf8` (a test
        // compares them); `simdutf8` is faster from 64 bytes on.
        let checked = if data.len() < 64 {
            std::str::from_utf8(data).map_err(|e| e.valid_up_to())
        } else {
            simdutf8::compat::from_utf8(data).map_err(|e| e.valid_up_to())
        };
        match checked {
            Ok(text) => Ok(text.to_owned()),
            Err(valid_up_to) => {
                let result = self.invalid_utf8(data, data_offset + valid_up_to);
                if result.is_err() {
                    self.pos = start;
                }
                result
            }
        }
    }

    /// A string payload that is not UTF-8: an error, or the lossy
    /// conversion, depending on the policy.
    #[cold]
    fn invalid_utf8(&mut self, data: &[u8], offset: usize) -> Result<String, DecodeError> {
        match self.utf8_policy {
            Utf8Policy::Strict => Err(DecodeError::InvalidUtf8 { offset }),
            Utf8Policy::Replace => {
                self.replaced_strings = self.replaced_strings.saturating_add(1);
                Ok(String::from_utf8_lossy(data).into_owned())
            }
        }
    }

    /// What [`read_short_bytes`](Self::read_short_bytes) leaves: the long
    /// form, a value cut off by the end of the input, or an invalid prefix.
    /// Returns `(offset of payload, payload)`. May leave the position
    /// anywhere on error; callers restore it.
    fn read_bytes_inner(&mut self) -> Result<(usize, &'a [u8]), DecodeError> {
        let start = self.pos;
        let [first] = self.read_array::<1>()?;
        let (header_len, len) = match first {
            0xff => return Err(DecodeError::InvalidLength { offset: start }),
            0xfe => {
                let [a, b, c] = self.read_array::<3>()?;
                (4, u32::from_le_bytes([a, b, c, 0]) as usize)
            }
            short => (1, usize::from(short)),
        };
        let data_offset = self.pos;
        let data = self.read_raw(len)?;
        // header_len + len < 2^24 + 4: no overflow.
        self.read_raw(padding(header_len + len))?;
        Ok((data_offset, data))
    }

    /// Runs `f`; if it fails, rewinds to where it started.
    fn atomic<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        let start = self.pos;
        let result = f(self);
        if result.is_err() {
            self.pos = start;
        }
        result
    }

    // ------------------------------------------------------------- vectors

    /// Reads a boxed vector header: the `Vector` id ([`VECTOR_ID`], else
    /// [`DecodeError::UnknownConstructor`] with `expected: "Vector"`) and the
    /// element count. See [`read_bare_vector_len`](Self::read_bare_vector_len)
    /// for how the count is validated.
    pub fn read_vector_len(&mut self, min_element_size: usize) -> Result<usize, DecodeError> {
        self.atomic(|r| {
            let offset = r.pos;
            match r.read_u32()? {
                VECTOR_ID => r.read_bare_vector_len(min_element_size),
                id => Err(DecodeError::UnknownConstructor {
                    id,
                    expected: "Vector",
                    offset,
                }),
            }
        })
    }

    /// Reads the element count of a bare vector and checks it *before* the
    /// caller allocates anything.
    ///
    /// `min_element_size` is the smallest number of bytes one element can
    /// occupy on the wire (4 for `int` or any boxed type, 8 for `long`, 4 for
    /// `string`/`bytes`, ...); 0 is treated as 1. A negative count, or one
    /// whose `count * min_element_size` exceeds the remaining input, is
    /// [`DecodeError::VectorTooLong`]. The returned count is therefore at
    /// most [`remaining`](Self::remaining), and safe to pass to
    /// `Vec::with_capacity` for small element types.
    pub fn read_bare_vector_len(&mut self, min_element_size: usize) -> Result<usize, DecodeError> {
        let offset = self.pos;
        let count = self.read_i32()?;
        let remaining = self.remaining();
        let min_size = min_element_size.max(1);
        let fits = usize::try_from(count).ok().filter(|&n| {
            n.checked_mul(min_size)
                .is_some_and(|need| need <= remaining)
        });
        match fits {
            Some(n) => Ok(n),
            None => {
                self.pos = offset;
                Err(DecodeError::VectorTooLong {
                    offset,
                    count: i64::from(count),
                    remaining,
                })
            }
        }
    }

    /// Reads a boxed vector, decoding each element with `read_element`.
    ///
    /// The count is validated by [`read_vector_len`](Self::read_vector_len)
    /// first, and the initial allocation is capped, so a lying count cannot
    /// trigger a huge allocation.
    pub fn read_vector<T>(
        &mut self,
        min_element_size: usize,
        read_element: impl FnMut(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<Vec<T>, DecodeError> {
        self.atomic(|r| {
            let count = r.read_vector_len(min_element_size)?;
            r.read_elements(count, read_element)
        })
    }

    /// Like [`read_vector`](Self::read_vector) for a bare vector (no id).
    pub fn read_bare_vector<T>(
        &mut self,
        min_element_size: usize,
        read_element: impl FnMut(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<Vec<T>, DecodeError> {
        self.atomic(|r| {
            let count = r.read_bare_vector_len(min_element_size)?;
            r.read_elements(count, read_element)
        })
    }

    fn read_elements<T>(
        &mut self,
        count: usize,
        mut read_element: impl FnMut(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<Vec<T>, DecodeError> {
        /// Upper bound of the up-front allocation, in bytes.
        const MAX_PREALLOC: usize = 64 * 1024;
        let cap = count.min(MAX_PREALLOC / std::mem::size_of::<T>().max(1));
        let mut items = Vec::with_capacity(cap);
        for _ in 0..count {
            items.push(read_element(self)?);
        }
        Ok(items)
    }

    // --------------------------------------------------------------- depth

    /// Enters one level of nesting; fails with [`DecodeError::TooDeep`] if
    /// [`max_depth`](Self::max_depth) levels are already entered (the depth
    /// is then left unchanged).
    ///
    /// Generated code calls this before decoding each boxed value and
    /// [`leave`](Self::leave) after it. [`nested`](Self::nested) does both.
    pub fn enter(&mut self) -> Result<(), DecodeError> {
        if self.depth >= self.max_depth {
            return Err(DecodeError::TooDeep {
                offset: self.pos,
                max_depth: self.max_depth,
            });
        }
        self.depth += 1;
        Ok(())
    }

    /// Leaves one level of nesting (saturates at 0).
    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Runs `f` one nesting level deeper: [`enter`](Self::enter), `f`,
    /// [`leave`](Self::leave) (also when `f` fails).
    pub fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        self.enter()?;
        let result = f(self);
        self.leave();
        result
    }

    /// [`DecodeError::UnknownConstructor`] for a constructor id that was
    /// just read with [`read_u32`](Self::read_u32): the offset recorded is
    /// `position() - 4`.
    #[must_use]
    pub fn unknown_constructor(&self, id: u32, expected: &'static str) -> DecodeError {
        DecodeError::UnknownConstructor {
            id,
            expected,
            offset: self.pos.saturating_sub(4),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::write::{write_bytes, write_string, MAX_BYTES_LEN};
    use tl_rng::Rng;

    fn end(offset: usize, needed: usize) -> DecodeError {
        DecodeError::UnexpectedEnd { offset, needed }
    }

    // --------------------------------------------------------- primitives

    #[test]
    fn ints() {
        let bytes = [
            0x01, 0x02, 0x03, 0x04, // i32 0x04030201
            0xff, 0xff, 0xff, 0xff, // i32 -1
            0x00, 0x00, 0x00, 0x80, // i32 MIN
            0xb5, 0x75, 0x72, 0x99, // u32 0x997275b5
        ];
        let mut r = Reader::new(&bytes);
        assert_eq!(r.read_i32(), Ok(0x0403_0201));
        assert_eq!(r.read_i32(), Ok(-1));
        assert_eq!(r.read_i32(), Ok(i32::MIN));
        assert_eq!(r.position(), 12);
        assert_eq!(r.peek_u32(), Ok(0x9972_75b5));
        assert_eq!(r.position(), 12);
        assert_eq!(r.read_u32(), Ok(0x9972_75b5));
        assert!(r.is_empty());
        assert_eq!(r.read_i32(), Err(end(16, 4)));
        assert_eq!(r.finish(), Ok(()));
    }

    #[test]
    fn long() {
        let bytes = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08];
        assert_eq!(Reader::new(&bytes).read_i64(), Ok(0x0807_0605_0403_0201));
        let bytes = [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
        assert_eq!(Reader::new(&bytes).read_i64(), Ok(-2));
        let bytes = [0, 0, 0, 0, 0, 0, 0, 0x80];
        assert_eq!(Reader::new(&bytes).read_i64(), Ok(i64::MIN));
    }

    #[test]
    fn double() {
        // 1.5 = 0x3FF8_0000_0000_0000
        let bytes = [0, 0, 0, 0, 0, 0, 0xf8, 0x3f];
        assert_eq!(Reader::new(&bytes).read_f64(), Ok(1.5));
        // -2.0 = 0xC000_0000_0000_0000
        let bytes = [0, 0, 0, 0, 0, 0, 0, 0xc0];
        assert_eq!(Reader::new(&bytes).read_f64(), Ok(-2.0));
        // NaN payloads pass through unchanged.
        let bits = 0x7ff8_0000_dead_beef_u64;
        let v = Reader::new(&bits.to_le_bytes()).read_f64();
        assert_eq!(v.map(f64::to_bits), Ok(bits));
    }

    #[test]
    fn int128_int256() {
        let bytes: Vec<u8> = (0u8..48).collect();
        let mut r = Reader::new(&bytes);
        let a = r.read_int128();
        let b = r.read_int256();
        assert_eq!(a, Ok(core::array::from_fn(|i| i as u8)));
        assert_eq!(b, Ok(core::array::from_fn(|i| 16 + i as u8)));
        assert!(r.is_empty());
        let mut r = Reader::new(&bytes[..47]);
        assert_eq!(r.read_int128().map(|_| ()), Ok(()));
        assert_eq!(r.read_int256(), Err(end(16, 1)));
        assert_eq!(r.position(), 16);
    }

    #[test]
    fn bool_values() {
        let bytes = [0xb5, 0x75, 0x72, 0x99, 0x37, 0x97, 0x79, 0xbc, 1, 0, 0, 0];
        let mut r = Reader::new(&bytes);
        assert_eq!(r.read_bool(), Ok(true));
        assert_eq!(r.read_bool(), Ok(false));
        assert_eq!(
            r.read_bool(),
            Err(DecodeError::UnknownConstructor {
                id: 1,
                expected: "Bool",
                offset: 8
            })
        );
        assert_eq!(r.position(), 8, "failed read does not advance");
        assert_eq!(Reader::new(&bytes[..3]).read_bool(), Err(end(0, 1)));
    }

    // ----------------------------------------------------- bytes / strings

    /// `(len, expected prefix, expected total encoded length)`.
    const STRING_CASES: [(usize, &[u8], usize); 8] = [
        (0, &[0], 4),
        (1, &[1], 4),
        (3, &[3], 4),
        (4, &[4], 8),
        (253, &[253], 256),
        (254, &[0xfe, 254, 0, 0], 260),
        (255, &[0xfe, 255, 0, 0], 260),
        (70_000, &[0xfe, 0x70, 0x11, 0x01], 70_004),
    ];

    fn sample_string(len: usize) -> String {
        (0..len)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect()
    }

    #[test]
    fn string_encodings() {
        for (len, prefix, total) in STRING_CASES {
            let s = sample_string(len);
            let mut out = Vec::new();
            write_string(&mut out, &s);
            assert_eq!(out.len(), total, "len {len}");
            assert_eq!(out.len() % 4, 0, "len {len}");
            assert_eq!(&out[..prefix.len()], prefix, "len {len}");
            assert_eq!(&out[prefix.len()..prefix.len() + len], s.as_bytes());
            assert!(
                out[prefix.len() + len..].iter().all(|&b| b == 0),
                "zero padding, len {len}"
            );

            let mut r = Reader::new(&out);
            assert_eq!(r.read_string().as_deref(), Ok(s.as_str()), "len {len}");
            assert!(r.is_empty());
            let mut r = Reader::new(&out);
            assert_eq!(r.read_bytes(), Ok(s.clone().into_bytes()));
            assert_eq!(r.finish(), Ok(()));
        }
    }

    #[test]
    fn string_exact_bytes() {
        let mut out = Vec::new();
        write_string(&mut out, "");
        write_string(&mut out, "a");
        write_string(&mut out, "abc");
        write_string(&mut out, "abcd");
        assert_eq!(
            out,
            [
                0, 0, 0, 0, //
                1, b'a', 0, 0, //
                3, b'a', b'b', b'c', //
                4, b'a', b'b', b'c', b'd', 0, 0, 0,
            ]
        );
        let mut r = Reader::new(&out);
        for want in ["", "a", "abc", "abcd"] {
            assert_eq!(r.read_string().as_deref(), Ok(want));
        }
        assert!(r.is_empty());
    }

    #[test]
    fn bytes_round_trip_all_values() {
        let data: Vec<u8> = (0..=255).collect();
        let mut out = Vec::new();
        write_bytes(&mut out, &data);
        let mut r = Reader::new(&out);
        assert_eq!(r.read_bytes_ref(), Ok(&data[..]));
        assert!(r.is_empty());
    }

    #[test]
    fn nonzero_padding_is_accepted() {
        let bytes = [1, b'x', 0xaa, 0xbb, 4, 1, 2, 3, 4, 9, 9, 9];
        let mut r = Reader::new(&bytes);
        assert_eq!(r.read_string().as_deref(), Ok("x"));
        assert_eq!(r.read_bytes(), Ok(vec![1, 2, 3, 4]));
        assert!(r.is_empty());
    }

    #[test]
    fn non_canonical_long_prefix_is_accepted() {
        // 0xfe prefix used for a 2-byte value: 4 + 2 = 6, padded to 8.
        let bytes = [0xfe, 2, 0, 0, b'h', b'i', 0, 0];
        assert_eq!(Reader::new(&bytes).read_string().as_deref(), Ok("hi"));
        // Max 3-byte length that is actually present is fine; a larger claim
        // is UnexpectedEnd, without allocating.
        let bytes = [0xfe, 0xff, 0xff, 0xff, 0, 0, 0, 0];
        assert_eq!(
            Reader::new(&bytes).read_bytes(),
            Err(end(4, MAX_BYTES_LEN - 4))
        );
    }

    #[test]
    fn ff_length_prefix_is_invalid() {
        let bytes = [0, 0, 0, 0, 0xff, 1, 2, 3, 4, 5, 6, 7];
        let mut r = Reader::new(&bytes);
        assert_eq!(r.read_bytes(), Ok(vec![]));
        assert_eq!(
            r.read_bytes(),
            Err(DecodeError::InvalidLength { offset: 4 })
        );
        assert_eq!(
            r.read_string(),
            Err(DecodeError::InvalidLength { offset: 4 })
        );
        assert_eq!(r.position(), 4);
    }

    #[test]
    fn truncated_string_reports_missing_bytes() {
        // Length 5 -> 1 + 5 + 2 padding = 8 bytes.
        let full = [5, b'h', b'e', b'l', b'l', b'o', 0, 0];
        assert_eq!(Reader::new(&full[..0]).read_string(), Err(end(0, 1)));
        assert_eq!(Reader::new(&full[..3]).read_string(), Err(end(1, 3)));
        assert_eq!(Reader::new(&full[..7]).read_string(), Err(end(6, 1)));
        let long = [0xfe, 0x00, 0x01];
        assert_eq!(Reader::new(&long).read_bytes(), Err(end(1, 1)));
    }

    #[test]
    fn invalid_utf8_strict() {
        // "a", 0xff, "b" with a 1-byte prefix after a valid string.
        let bytes = [1, b'z', 0, 0, 3, b'a', 0xff, b'b'];
        let mut r = Reader::new(&bytes);
        assert_eq!(r.utf8_policy(), Utf8Policy::Strict);
        assert_eq!(r.read_string().as_deref(), Ok("z"));
        assert_eq!(r.read_string(), Err(DecodeError::InvalidUtf8 { offset: 6 }));
        assert_eq!(r.position(), 4, "failed read does not advance");
        assert_eq!(r.replaced_strings(), 0);
        // The same value is fine as `bytes`.
        assert_eq!(r.read_bytes(), Ok(vec![b'a', 0xff, b'b']));
        // A truncated multi-byte sequence at the end of the payload.
        let bytes = [2, b'a', 0xe2, 0x82];
        assert_eq!(
            Reader::new(&bytes).read_string(),
            Err(DecodeError::InvalidUtf8 { offset: 2 })
        );
    }

    /// Strings are validated with `simdutf8`, which takes SIMD paths for
    /// payloads of 64 bytes and more: every verdict and error offset must be
    /// the standard library's, for all lengths a short or long prefix can
    /// carry and for bad bytes at every position, including multi-byte
    /// characters cut at block boundaries.
    #[test]
    fn utf8_verdicts_match_std() {
        const PIECES: [&str; 5] = ["a", "é", "€", "🙂", "ж"];
        let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
        let mut encoded = Vec::new();
        let mut checked = 0usize;
        for len in (0..=300).chain([1000, 4096]) {
            // A valid string of about `len` bytes with mixed widths.
            let mut text = String::new();
            while text.len() < len {
                let piece = *rng.pick(&PIECES);
                text.push_str(piece);
            }
            let valid = text.into_bytes();
            let mut cases = vec![valid.clone()];
            for at in 0..valid.len() {
                if at % 7 == (len % 7) || at + 3 >= valid.len() {
                    let mut bad = valid.clone();
                    bad[at] = *rng.pick(&[0xff, 0x80, 0xc0, 0xe2, 0xf0]);
                    cases.push(bad);
                }
            }
            // A truncated character at the very end.
            cases.push([&valid[..], &[0xf0, 0x9f, 0x99]].concat());
            for payload in cases {
                encoded.clear();
                write_bytes(&mut encoded, &payload);
                let data_offset = if payload.len() <= 253 { 1 } else { 4 };
                let expected = std::str::from_utf8(&payload)
                    .map(str::to_owned)
                    .map_err(|e| DecodeError::InvalidUtf8 {
                        offset: data_offset + e.valid_up_to(),
                    });
                assert_eq!(
                    Reader::new(&encoded).read_string(),
                    expected,
                    "payload of {} bytes",
                    payload.len()
                );
                checked += 1;
            }
        }
        assert!(checked > 8_000, "only {checked} payloads checked");
    }

    #[test]
    fn invalid_utf8_replace() {
        let mut bytes = Vec::new();
        write_bytes(&mut bytes, b"ok");
        write_bytes(&mut bytes, &[b'a', 0xff, b'b', 0xc0]);
        write_bytes(&mut bytes, "é".as_bytes());
        write_bytes(&mut bytes, &[0x80]);
        let mut r = Reader::new(&bytes).with_utf8_policy(Utf8Policy::Replace);
        assert_eq!(r.read_string().as_deref(), Ok("ok"));
        assert_eq!(r.replaced_strings(), 0);
        assert_eq!(r.read_string().as_deref(), Ok("a\u{FFFD}b\u{FFFD}"));
        assert_eq!(r.replaced_strings(), 1);
        assert_eq!(r.read_string().as_deref(), Ok("é"));
        assert_eq!(r.replaced_strings(), 1);
        assert_eq!(r.read_string().as_deref(), Ok("\u{FFFD}"));
        assert_eq!(r.replaced_strings(), 2);
        assert!(r.is_empty());
    }

    // ------------------------------------------------------------ vectors

    #[test]
    fn vector_len_ok() {
        let bytes = [
            0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0, 7, 0, 0, 0, 8, 0, 0, 0, //
            1, 0, 0, 0, 9, 0, 0, 0,
        ];
        let mut r = Reader::new(&bytes);
        assert_eq!(r.read_vector_len(4), Ok(2));
        assert_eq!(r.read_i32(), Ok(7));
        assert_eq!(r.read_i32(), Ok(8));
        assert_eq!(r.read_bare_vector_len(4), Ok(1));
        assert_eq!(r.read_i32(), Ok(9));
        assert!(r.is_empty());

        let mut r = Reader::new(&bytes);
        assert_eq!(r.read_vector(4, Reader::read_i32), Ok(vec![7, 8]));
        assert_eq!(r.read_bare_vector(4, Reader::read_i32), Ok(vec![9]));
        assert_eq!(r.finish(), Ok(()));
    }

    #[test]
    fn vector_wrong_id() {
        let bytes = [1, 2, 3, 4, 0, 0, 0, 0];
        let mut r = Reader::new(&bytes);
        assert_eq!(
            r.read_vector_len(4),
            Err(DecodeError::UnknownConstructor {
                id: 0x0403_0201,
                expected: "Vector",
                offset: 0
            })
        );
        assert_eq!(r.position(), 0);
    }

    #[test]
    fn vector_count_exceeding_input() {
        // 16 bytes: id, count, then 8 bytes.
        for (count_bytes, count) in [
            ([0xff, 0xff, 0xff, 0x7f], i64::from(i32::MAX)),
            ([0x03, 0x00, 0x00, 0x00], 3),
        ] {
            let mut bytes = vec![0x15, 0xc4, 0xb5, 0x1c];
            bytes.extend_from_slice(&count_bytes);
            bytes.extend_from_slice(&[0; 8]);
            let err = DecodeError::VectorTooLong {
                offset: 4,
                count,
                remaining: 8,
            };
            let mut r = Reader::new(&bytes);
            assert_eq!(r.read_vector_len(4), Err(err.clone()));
            assert_eq!(r.position(), 0, "failed read does not advance");
            // With 1-byte elements, 3 fit in 8 bytes.
            assert_eq!(r.read_vector_len(1).is_ok(), count == 3);
        }
        // Exactly fitting is fine; one more is not.
        let bytes = [2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0];
        assert_eq!(Reader::new(&bytes).read_bare_vector_len(4), Ok(2));
        assert_eq!(
            Reader::new(&bytes).read_bare_vector_len(5),
            Err(DecodeError::VectorTooLong {
                offset: 0,
                count: 2,
                remaining: 8
            })
        );
        // min_element_size 0 is treated as 1.
        assert_eq!(Reader::new(&bytes).read_bare_vector_len(0), Ok(2));
        let bytes = [9, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8];
        assert!(Reader::new(&bytes).read_bare_vector_len(0).is_err());
        // Huge element sizes don't overflow.
        let bytes = [1, 0, 0, 0, 0];
        assert_eq!(
            Reader::new(&bytes).read_bare_vector_len(usize::MAX),
            Err(DecodeError::VectorTooLong {
                offset: 0,
                count: 1,
                remaining: 1
            })
        );
        // Zero elements always fit.
        assert_eq!(Reader::new(&[0; 4]).read_bare_vector_len(usize::MAX), Ok(0));
    }

    #[test]
    fn vector_negative_count() {
        // The 16-byte input claiming 2^31 elements: as a TL int that is
        // i32::MIN.
        let mut bytes = vec![0x15, 0xc4, 0xb5, 0x1c, 0x00, 0x00, 0x00, 0x80];
        bytes.extend_from_slice(&[0; 8]);
        let err = DecodeError::VectorTooLong {
            offset: 4,
            count: -(1 << 31),
            remaining: 8,
        };
        assert_eq!(Reader::new(&bytes).read_vector_len(4), Err(err.clone()));
        assert_eq!(Reader::new(&bytes).read_vector_len(0), Err(err));
        assert_eq!(
            Reader::new(&[0xff; 4]).read_bare_vector_len(1),
            Err(DecodeError::VectorTooLong {
                offset: 0,
                count: -1,
                remaining: 0
            })
        );
        assert!(Reader::new(&bytes)
            .read_vector(1, Reader::read_i32)
            .is_err());
    }

    #[test]
    fn read_vector_error_rewinds() {
        // Claims 2 ints but the second is truncated.
        let bytes = [0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0];
        let mut r = Reader::new(&bytes);
        // 7 bytes remain: passes the 1-byte check, fails on the element.
        assert_eq!(r.read_vector(1, Reader::read_i32), Err(end(12, 1)));
        assert_eq!(r.position(), 0);
    }

    // -------------------------------------------------------------- depth

    #[test]
    fn depth_limit() {
        let mut r = Reader::new(&[]).with_max_depth(2);
        assert_eq!(r.max_depth(), 2);
        assert_eq!(r.enter(), Ok(()));
        assert_eq!(r.enter(), Ok(()));
        assert_eq!(
            r.enter(),
            Err(DecodeError::TooDeep {
                offset: 0,
                max_depth: 2
            })
        );
        assert_eq!(r.depth(), 2);
        r.leave();
        assert_eq!(r.enter(), Ok(()));
        r.leave();
        r.leave();
        r.leave();
        assert_eq!(r.depth(), 0, "leave saturates");

        let mut r = Reader::new(&[]).with_max_depth(0);
        assert!(r.enter().is_err());
        assert_eq!(r.nested(|_| Ok(())), Err(r.enter().unwrap_err()));

        let mut r = Reader::new(&[1]).with_max_depth(1);
        assert_eq!(r.nested(|r| r.read_i32()), Err(end(0, 3)));
        assert_eq!(r.depth(), 0, "nested leaves on error");
        assert_eq!(Reader::new(&[]).max_depth(), DEFAULT_MAX_DEPTH);
    }

    #[test]
    fn unknown_constructor_helper() {
        let bytes = [0, 0, 0, 0, 0xef, 0xbe, 0xad, 0xde];
        let mut r = Reader::new(&bytes);
        assert_eq!(r.unknown_constructor(1, "X").offset(), 0);
        let _ = r.read_u32();
        let id = r.read_u32().unwrap_or_default();
        assert_eq!(
            r.unknown_constructor(id, "Message"),
            DecodeError::UnknownConstructor {
                id: 0xdead_beef,
                expected: "Message",
                offset: 4
            }
        );
    }

    #[test]
    fn finish_and_trailing_bytes() {
        let bytes = [1, 0, 0, 0, 2, 3];
        let mut r = Reader::new(&bytes);
        assert_eq!(r.read_i32(), Ok(1));
        assert_eq!(r.rest(), &[2, 3]);
        assert_eq!(
            r.finish(),
            Err(DecodeError::TrailingBytes {
                offset: 4,
                remaining: 2
            })
        );
        assert!(format!("{:?}", Reader::new(&bytes)).contains("len: 6"));
    }

    // ------------------------------------------------- truncation / fuzzing

    /// Every read method, selected by index.
    fn read_by_index(r: &mut Reader<'_>, which: u64) -> Result<(), DecodeError> {
        match which % 16 {
            0 => r.read_u32().map(drop),
            1 => r.read_i32().map(drop),
            2 => r.read_i64().map(drop),
            3 => r.read_f64().map(drop),
            4 => r.read_int128().map(drop),
            5 => r.read_int256().map(drop),
            6 => r.read_bool().map(drop),
            7 => r.read_bytes().map(drop),
            8 => r.read_string().map(drop),
            9 => r.read_bytes_ref().map(drop),
            10 => r.read_vector_len(which as usize % 9).map(drop),
            11 => r.read_bare_vector_len(which as usize % 9).map(drop),
            12 => r.read_vector(4, Reader::read_string).map(drop),
            13 => r
                .read_bare_vector(0, |r| r.nested(Reader::read_bytes))
                .map(drop),
            14 => r.peek_u32().map(drop),
            _ => r.read_raw(which as usize % 40).map(drop),
        }
    }

    #[test]
    fn every_truncation_is_unexpected_end() {
        let mut full = Vec::new();
        full.extend_from_slice(&0x1cb5_c415_u32.to_le_bytes());
        full.extend_from_slice(&2i32.to_le_bytes());
        write_string(&mut full, "hello");
        write_string(&mut full, &sample_string(300));
        full.extend_from_slice(&(-5i64).to_le_bytes());
        full.extend_from_slice(&2.5f64.to_le_bytes());
        full.extend_from_slice(&[7; 16]);
        full.extend_from_slice(&[8; 32]);
        full.extend_from_slice(&0x9972_75b5_u32.to_le_bytes());

        let decode = |r: &mut Reader<'_>| -> Result<(), DecodeError> {
            let v = r.read_vector(4, Reader::read_string)?;
            assert_eq!(v.len(), 2);
            r.read_i64()?;
            r.read_f64()?;
            r.read_int128()?;
            r.read_int256()?;
            assert!(r.read_bool()?);
            Ok(())
        };
        let mut r = Reader::new(&full);
        assert_eq!(decode(&mut r), Ok(()));
        assert_eq!(r.finish(), Ok(()));

        for cut in 0..full.len() {
            let mut r = Reader::new(&full[..cut]);
            match decode(&mut r) {
                Err(DecodeError::UnexpectedEnd { offset, needed }) => {
                    assert!(needed >= 1, "cut {cut}");
                    assert!(offset <= cut, "cut {cut}");
                }
                Err(DecodeError::VectorTooLong { .. }) if cut < 16 => {
                    // The count itself was already implausible.
                }
                other => panic!("cut {cut}: {other:?}"),
            }
        }
    }

    #[test]
    fn random_input_never_panics() {
        const SPECIAL: [u32; 4] = [VECTOR_ID, BOOL_TRUE_ID, BOOL_FALSE_ID, 0];
        let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
        let mut buf = Vec::new();
        for _ in 0..20_000 {
            buf.clear();
            let len = rng.below(80);
            while buf.len() < len {
                let x = rng.next_u64();
                // Bias towards interesting words: ids, small counts,
                // long-string prefixes.
                match x % 6 {
                    0 => buf.extend_from_slice(&SPECIAL[(x >> 8) as usize % 4].to_le_bytes()),
                    1 => buf.extend_from_slice(&((x >> 8) as u32 % 8).to_le_bytes()),
                    2 => buf.extend_from_slice(&[0xfe, (x >> 8) as u8, (x >> 16) as u8 % 2, 0]),
                    _ => buf.extend_from_slice(&x.to_le_bytes()),
                }
            }
            buf.truncate(len);

            let policy = if rng.one_in(2) {
                Utf8Policy::Strict
            } else {
                Utf8Policy::Replace
            };
            let mut r = Reader::new(&buf)
                .with_max_depth(rng.below(4))
                .with_utf8_policy(policy);
            for _ in 0..8 {
                let before = r.position();
                if read_by_index(&mut r, rng.next_u64()).is_err() {
                    assert_eq!(r.position(), before, "errors leave the position");
                }
                assert!(r.position() <= buf.len());
            }
            let _ = r.finish();
        }
    }
}
