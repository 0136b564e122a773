//! The round-trip property shared by the fuzz targets and by the in-CI smoke
//! test (`tests/tests/smoke_fuzz.rs` includes this file with `#[path]`), so
//! both check exactly the same thing. It depends on `tl_types` only.
//!
//! # What "round trip" means for a lenient decoder
//!
//! The decoder accepts a few encodings that the encoder never produces:
//!
//! 1. padding after a `string`/`bytes` payload is skipped whatever its value
//!    (the encoder writes zeros);
//! 2. the long length form `fe LL LL LL` is accepted for lengths <= 253 (the
//!    encoder uses the one-byte form there);
//! 3. flag bits that no field of the constructor uses are ignored (the
//!    encoder computes the flags word from the fields, so they come back 0).
//!
//! So `encode(decode(x)) == x` is false in general. What is true, and what
//! [`check_reencode`] asserts, given `c = encode(decode(x))`:
//!
//! * `c` is a fixed point: `decode(c)` succeeds and `encode(decode(c)) == c`
//!   (and for typed entry points `decode(c)` is the same value as
//!   `decode(x)`, see [`check_same_value`]);
//! * every value is a whole number of 4-byte words, so `x.len()` and
//!   `c.len()` are multiples of 4;
//! * (1) and (3) only ever *clear* bits, at the same offsets. (2) shortens
//!   the encoding by 4 bytes when the length is not a multiple of 4 (by 0
//!   otherwise) and shifts what follows. A long-form header of a short
//!   value is always an aligned word `fe n 00 00` with `n <= 253`; call such
//!   a word in `x` a *candidate* (it may also be, say, an `int`). Hence:
//!   - `x.len() - c.len()` is a multiple of 4 and at most 4 times the
//!     number of candidates with `n % 4 != 0`;
//!   - before the first candidate, `c` has no bit that `x` lacks
//!     (`c[i] & !x[i] == 0`);
//!   - after the furthest end any candidate claims, the same holds with the
//!     shift `x.len() - c.len()` applied;
//!   - in particular, an input without candidates has `c.len() == x.len()`
//!     and `c` is `x` with some bits cleared, and an input produced by the
//!     encoder comes back byte for byte (`c == x`).
//!
//! Rejected inputs must report an error offset within the input.

use std::fmt::Debug;

use tl_types::{DecodeError, Deserializable, Serializable};

/// How an input fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The entry point does not know the leading constructor ID (only the
    /// any-boxed dispatch says so).
    Unknown,
    /// Decoding failed (with a plausible error).
    Rejected,
    /// Decoded, and re-encoding gave back exactly the input.
    Canonical,
    /// Decoded, and re-encoding gave back a different (canonical) encoding.
    NonCanonical,
}

/// Checks the round-trip property for one input. `reencode` decodes a whole
/// buffer and, on success, encodes the value again; `None` means the
/// entry point does not handle the leading constructor ID.
///
/// Panics (with the input in the message) when a property does not hold.
pub fn check_reencode<F>(input: &[u8], reencode: F) -> Outcome
where
    F: Fn(&[u8]) -> Option<Result<Vec<u8>, DecodeError>>,
{
    let canonical = match reencode(input) {
        None => return Outcome::Unknown,
        Some(Err(err)) => {
            assert!(
                err.offset() <= input.len(),
                "error offset past the end of the input: {err:?}\ninput: {}",
                hex(input)
            );
            return Outcome::Rejected;
        }
        Some(Ok(bytes)) => bytes,
    };
    match reencode(&canonical) {
        Some(Ok(again)) => assert!(
            again == canonical,
            "re-encoding is not a fixed point\ninput:  {}\nfirst:  {}\nsecond: {}",
            hex(input),
            hex(&canonical),
            hex(&again)
        ),
        other => panic!(
            "the re-encoding of an accepted input is not accepted: {other:?}\n\
             input:     {}\nre-encoded: {}",
            hex(input),
            hex(&canonical)
        ),
    }
    check_bytes(input, &canonical);
    if canonical == input {
        Outcome::Canonical
    } else {
        Outcome::NonCanonical
    }
}

/// [`check_reencode`] for one generated type `T`, plus `decode(c)` being
/// the same value as `decode(x)` ([`check_same_value`]).
pub fn check_typed<T>(input: &[u8]) -> Outcome
where
    T: Deserializable + Serializable + PartialEq + Debug,
{
    let outcome = check_reencode(input, reencode::<T>);
    if matches!(outcome, Outcome::Canonical | Outcome::NonCanonical) {
        if let Ok(first) = T::from_bytes(input) {
            match T::from_bytes(&first.to_bytes()) {
                Ok(second) => check_same_value(input, &first, &second),
                Err(err) => panic!("unreachable after check_reencode: {err:?}"),
            }
        }
    }
    outcome
}

/// Decodes a whole buffer as `T` and encodes the value again: the shape
/// [`check_reencode`] takes.
pub fn reencode<T: Deserializable + Serializable>(
    bytes: &[u8],
) -> Option<Result<Vec<u8>, DecodeError>> {
    Some(T::from_bytes(bytes).map(|value| value.to_bytes()))
}

/// Asserts that `a` and `b` are the same decoded value. `PartialEq` first;
/// when that says no (a `double` NaN is not equal to itself) the `Debug`
/// renderings must agree.
pub fn check_same_value<T: PartialEq + Debug>(input: &[u8], a: &T, b: &T) {
    if a != b {
        let (da, db) = (format!("{a:?}"), format!("{b:?}"));
        assert!(
            da == db,
            "decode(encode(decode(x))) != decode(x)\ninput: {}\nfirst:  {da}\nsecond: {db}",
            hex(input)
        );
    }
}

/// The byte-level relation between an accepted input `x` and its
/// re-encoding `c` (see the module docs).
pub fn check_bytes(x: &[u8], c: &[u8]) {
    let fail =
        |what: &str| -> ! { panic!("{what}\ninput:      {}\nre-encoded: {}", hex(x), hex(c)) };
    if x.len() % 4 != 0 {
        fail("an accepted input is not a whole number of words");
    }
    if c.len() % 4 != 0 {
        fail("a re-encoding is not a whole number of words");
    }
    if c.len() > x.len() {
        fail("the re-encoding is longer than the input");
    }
    let shrink = x.len() - c.len();

    let mut first = None;
    let mut furthest_end = 0usize;
    let mut max_shrink = 0usize;
    for (word_index, word) in x.chunks_exact(4).enumerate() {
        if let [0xfe, n, 0, 0] = *word {
            if n <= 253 {
                let at = word_index * 4;
                first.get_or_insert(at);
                let n = usize::from(n);
                furthest_end = furthest_end.max(at + 4 + n + (4 - n % 4) % 4);
                if n % 4 != 0 {
                    max_shrink += 4;
                }
            }
        }
    }
    if shrink > max_shrink {
        fail("the re-encoding is shorter than long length prefixes explain");
    }
    let only_cleared = |xs: &[u8], cs: &[u8]| xs.iter().zip(cs).all(|(x, c)| c & !x == 0);
    let prefix = first.unwrap_or(x.len()).min(c.len());
    if !only_cleared(&x[..prefix], &c[..prefix]) {
        fail("the re-encoding sets bits the input did not have (before any long prefix)");
    }
    if first.is_some() && furthest_end <= x.len() && furthest_end >= shrink {
        let tail = &x[furthest_end..];
        if !only_cleared(tail, &c[furthest_end - shrink..]) {
            fail("the re-encoding sets bits the input did not have (after the long prefixes)");
        }
    }
}

/// `0a0b0c0d 01020304 …`, one group per word.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2 + bytes.len() / 4);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push_str(&format!("{b:02x}"));
    }
    out
}
