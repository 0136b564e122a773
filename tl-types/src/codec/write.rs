//! Free functions used by generated serializers.
//!
//! Fixed-size values are simply `out.extend_from_slice(&x.to_le_bytes())`;
//! the helpers here exist for the encodings that need a bit of logic
//! (`bytes`/`string` with their length prefix and padding, `Bool`, vector
//! headers).

/// Constructor id of the boxed `Vector t` type (`vector#1cb5c415`).
pub const VECTOR_ID: u32 = 0x1cb5_c415;
/// Constructor id of `boolTrue#997275b5 = Bool`.
pub const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// Constructor id of `boolFalse#bc799737 = Bool`.
pub const BOOL_FALSE_ID: u32 = 0xbc79_9737;
/// The longest `bytes`/`string` value the TL encoding can represent
/// (2^24 - 1 bytes, the largest 3-byte length).
pub const MAX_BYTES_LEN: usize = (1 << 24) - 1;

/// Largest length that uses the short, one-byte length prefix.
const SHORT_MAX: usize = 253;

/// Zero bytes needed after `n` bytes to reach a multiple of 4.
#[inline]
pub(crate) const fn padding(n: usize) -> usize {
    (4 - n % 4) % 4
}

/// Encoded size, in bytes, of a TL `bytes`/`string` value whose payload is
/// `len` bytes long: length prefix + payload + padding (always a multiple
/// of 4).
///
/// Useful for pre-allocating output buffers. For `len > MAX_BYTES_LEN`
/// the value is computed with the long-prefix formula (saturating), but such
/// a value cannot actually be written: [`write_bytes`] panics.
#[must_use]
pub const fn bytes_len(len: usize) -> usize {
    let header = if len <= SHORT_MAX { 1 } else { 4 };
    let raw = len.saturating_add(header);
    raw.saturating_add(padding(raw))
}

/// Appends the TL `bytes` encoding of `data` to `out`.
///
/// Lengths up to 253 use a one-byte prefix; longer values use `0xfe`
/// followed by the length as 3 little-endian bytes. The payload is followed
/// by zero padding up to a multiple of 4 bytes. The output is reserved once
/// and written with `extend_from_slice`.
///
/// # Panics
///
/// Panics if `data.len() > MAX_BYTES_LEN` (16 MiB - 1): "a TL bytes value
/// longer than 16 MiB cannot be serialized". Such a value has no TL
/// encoding, serialization is infallible by contract ([`Serializable`]), and
/// the alternatives are all worse: truncating would silently alter the
/// caller's data, and wrapping the 24-bit length would desynchronise the
/// whole stream. This is a bug in the *caller's* data (Telegram rejects far
/// smaller values), never a reaction to network input, and callers that
/// accept untrusted sizes can check against [`MAX_BYTES_LEN`] first.
///
/// [`Serializable`]: crate::Serializable
#[inline]
pub fn write_bytes(out: &mut Vec<u8>, data: &[u8]) {
    let len = data.len();
    if len > SHORT_MAX {
        return write_long_bytes(out, data);
    }
    // Prefix byte, payload, then padding to a multiple of 4: one
    // reservation, and the padding as a fixed 3-byte write cut back to size
    // (no variable-length copy for it).
    let end = out.len() + (len + 4) / 4 * 4;
    out.reserve(end - out.len() + 3);
    // Truncation is exact: len <= 253.
    out.push(len as u8);
    out.extend_from_slice(data);
    out.extend_from_slice(&[0u8; 3]);
    out.truncate(end);
}

/// [`write_bytes`] for payloads longer than 253 bytes (4-byte prefix).
fn write_long_bytes(out: &mut Vec<u8>, data: &[u8]) {
    let len = data.len();
    assert!(
        len <= MAX_BYTES_LEN,
        "a TL bytes value longer than 16 MiB cannot be serialized \
         ({len} bytes, the maximum is {MAX_BYTES_LEN})"
    );
    // len < 2^24 so the high byte of the u32 is zero and is dropped.
    let le = (len as u32).to_le_bytes();
    let pad = padding(4 + len);
    out.reserve(4 + len + pad);
    out.extend_from_slice(&[0xfe, le[0], le[1], le[2]]);
    out.extend_from_slice(data);
    out.extend_from_slice(&[0u8; 3][..pad]);
}

/// Appends `fixed`, a run of fixed-size values whose first 4 bytes are
/// kept free for a constructor ID: with `Some(id)` the ID goes there and the
/// whole array is appended, with `None` only what follows those 4 bytes.
///
/// Generated constructors use it so that one serializer body writes both
/// the bare constructor and, for their enum, the boxed one.
///
/// ```
/// let mut out = Vec::new();
/// tl_types::write_after_id(&mut out, Some(0x0102_0304), [0, 0, 0, 0, 7, 0, 0, 0]);
/// tl_types::write_after_id(&mut out, None, [0, 0, 0, 0, 8, 0, 0, 0]);
/// assert_eq!(out, [4, 3, 2, 1, 7, 0, 0, 0, 8, 0, 0, 0]);
/// ```
#[inline]
pub fn write_after_id<const N: usize>(out: &mut Vec<u8>, id: Option<u32>, mut fixed: [u8; N]) {
    match fixed.first_chunk_mut::<4>() {
        Some(head) => match id {
            Some(id) => {
                *head = id.to_le_bytes();
                out.extend_from_slice(&fixed);
            }
            None => out.extend_from_slice(fixed.get(4..).unwrap_or_default()),
        },
        // Shorter than 4 bytes, so nothing is reserved: the ID, if any,
        // goes in front of the whole array.
        None => {
            if let Some(id) = id {
                out.extend_from_slice(&id.to_le_bytes());
            }
            out.extend_from_slice(&fixed);
        }
    }
}

/// Appends the TL `string` encoding of `s` (identical to [`write_bytes`] of
/// its UTF-8 bytes).
///
/// # Panics
///
/// Like [`write_bytes`], if `s.len() > MAX_BYTES_LEN`.
#[inline]
pub fn write_string(out: &mut Vec<u8>, s: &str) {
    write_bytes(out, s.as_bytes());
}

/// Appends a boxed `Bool`: [`BOOL_TRUE_ID`] or [`BOOL_FALSE_ID`].
#[inline]
pub fn write_bool(out: &mut Vec<u8>, b: bool) {
    let id = if b { BOOL_TRUE_ID } else { BOOL_FALSE_ID };
    out.extend_from_slice(&id.to_le_bytes());
}

/// Appends a boxed vector header: [`VECTOR_ID`] then the element count.
/// The caller then serializes the `len` elements.
///
/// # Panics
///
/// If `len > i32::MAX` (the count is a TL `int`). Like [`write_bytes`], a
/// caller bug with no valid encoding.
#[inline]
pub fn write_vector_header(out: &mut Vec<u8>, len: usize) {
    let count = vector_count(len);
    let mut header = [0u8; 8];
    header[..4].copy_from_slice(&VECTOR_ID.to_le_bytes());
    header[4..].copy_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&header);
}

/// Appends the count of a bare vector (`vector<t>` without the id).
///
/// # Panics
///
/// If `len > i32::MAX`.
#[inline]
pub fn write_bare_vector_len(out: &mut Vec<u8>, len: usize) {
    out.extend_from_slice(&vector_count(len).to_le_bytes());
}

/// The count of a vector of `len` elements as written on the wire.
#[inline]
fn vector_count(len: usize) -> i32 {
    i32::try_from(len).unwrap_or_else(|_| too_many_elements(len))
}

#[cold]
fn too_many_elements(len: usize) -> ! {
    panic!("a TL vector with {len} elements cannot be serialized (maximum is i32::MAX)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_values() {
        assert_eq!(
            [0, 1, 2, 3, 4, 5].map(padding),
            [0, 3, 2, 1, 0, 3],
            "padding to a multiple of 4"
        );
    }

    #[test]
    fn bytes_len_matches_write_bytes() {
        let data = vec![0xabu8; 1100];
        for len in (0..=1100).chain([65_535, 65_536, 70_000, 70_001]) {
            let payload: Vec<u8> = if len <= data.len() {
                data[..len].to_vec()
            } else {
                vec![7u8; len]
            };
            let mut out = Vec::new();
            write_bytes(&mut out, &payload);
            assert_eq!(out.len(), bytes_len(len), "len {len}");
            assert_eq!(out.len() % 4, 0, "len {len}");
        }
    }

    #[test]
    fn bytes_len_known_values() {
        assert_eq!(bytes_len(0), 4);
        assert_eq!(bytes_len(3), 4);
        assert_eq!(bytes_len(4), 8);
        assert_eq!(bytes_len(253), 256);
        assert_eq!(bytes_len(254), 260);
        assert_eq!(bytes_len(255), 260);
        assert_eq!(bytes_len(256), 260);
        assert_eq!(bytes_len(257), 264);
        assert_eq!(bytes_len(MAX_BYTES_LEN), 1 << 24 | 4);
        // Never overflows.
        assert_eq!(bytes_len(usize::MAX), usize::MAX);
    }

    #[test]
    fn after_id_reserves_the_first_word() {
        let mut out = vec![0xaa];
        write_after_id(&mut out, Some(1), [9, 9, 9, 9, 5, 6]);
        write_after_id(&mut out, None, [9, 9, 9, 9, 7]);
        write_after_id(&mut out, None, [0u8; 4]);
        assert_eq!(out, [0xaa, 1, 0, 0, 0, 5, 6, 7]);
        // Too short to reserve anything: the ID goes in front.
        let mut short = Vec::new();
        write_after_id(&mut short, Some(2), [3, 4]);
        write_after_id(&mut short, None, [5]);
        assert_eq!(short, [2, 0, 0, 0, 3, 4, 5]);
    }

    #[test]
    fn write_appends_to_existing_output() {
        let mut out = vec![0x11];
        write_string(&mut out, "ab");
        assert_eq!(out, [0x11, 2, b'a', b'b', 0]);
    }

    #[test]
    fn max_len_is_writable() {
        let data = vec![0u8; MAX_BYTES_LEN];
        let mut out = Vec::new();
        write_bytes(&mut out, &data);
        assert_eq!(out[..4], [0xfe, 0xff, 0xff, 0xff]);
        assert_eq!(out.len(), 1 << 24 | 4);
    }

    #[test]
    #[should_panic(expected = "longer than 16 MiB cannot be serialized")]
    fn too_long_bytes_panic() {
        let data = vec![0u8; MAX_BYTES_LEN + 1];
        write_bytes(&mut Vec::new(), &data);
    }

    #[test]
    fn bool_and_vector_headers() {
        let mut out = Vec::new();
        write_bool(&mut out, true);
        write_bool(&mut out, false);
        write_vector_header(&mut out, 3);
        write_bare_vector_len(&mut out, 0);
        assert_eq!(
            out,
            [
                0xb5, 0x75, 0x72, 0x99, // boolTrue
                0x37, 0x97, 0x79, 0xbc, // boolFalse
                0x15, 0xc4, 0xb5, 0x1c, // vector
                3, 0, 0, 0, // count
                0, 0, 0, 0, // bare count
            ]
        );
    }
}
