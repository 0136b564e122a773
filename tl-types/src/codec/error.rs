//! The error type returned by every decoding operation.

use std::fmt;

/// Why a TL value could not be decoded.
///
/// Every variant carries the byte offset (from the start of the input handed
/// to [`Reader::new`](crate::Reader::new)) at which the problem was detected,
/// so that a bad packet can be diagnosed from a log line alone. Use
/// [`DecodeError::offset`] to get it without matching.
///
/// Negative vector counts are reported as [`DecodeError::VectorTooLong`] with
/// a negative `count` (there is no separate "negative length" variant).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The input ended in the middle of a value.
    UnexpectedEnd {
        /// Where the read that ran out of input started.
        offset: usize,
        /// How many bytes past the end of the input that read would have
        /// needed (always at least 1).
        needed: usize,
    },
    /// A constructor id that is not valid for the expected type.
    UnknownConstructor {
        /// The constructor id that was read.
        id: u32,
        /// The TL type that was being decoded, e.g. `"Bool"`, `"Vector"`.
        expected: &'static str,
        /// Where the constructor id starts.
        offset: usize,
    },
    /// A vector count that is negative, or larger than the remaining input
    /// could possibly hold. Raised *before* anything is allocated.
    VectorTooLong {
        /// Where the count (not the `Vector` id) starts.
        offset: usize,
        /// The count as read from the wire (signed; negative counts end up
        /// here too).
        count: i64,
        /// How many bytes were left after the count.
        remaining: usize,
    },
    /// Values are nested deeper than the reader's maximum depth (see
    /// [`Reader::with_max_depth`](crate::Reader::with_max_depth)).
    TooDeep {
        /// Position of the reader when the limit was hit.
        offset: usize,
        /// The configured limit.
        max_depth: usize,
    },
    /// A complete value was decoded but input was left over.
    TrailingBytes {
        /// Where the unused bytes start.
        offset: usize,
        /// How many bytes were not consumed.
        remaining: usize,
    },
    /// A TL `string` is not valid UTF-8 (only with
    /// [`Utf8Policy::Strict`](crate::Utf8Policy::Strict), the default).
    InvalidUtf8 {
        /// Position of the first byte that is not part of a valid UTF-8
        /// sequence.
        offset: usize,
    },
    /// A `string`/`bytes` length prefix of `0xff`, which the TL encoding
    /// never produces.
    InvalidLength {
        /// Where the length prefix starts.
        offset: usize,
    },
    /// An MTProto envelope (`msg_container`, `message`, `gzip_packed`) that
    /// is well-formed TL but not acceptable: a message length that does not
    /// match its body, a container inside a container, a `gzip_packed`
    /// inside a `gzip_packed`, or compressed data that is not a valid gzip
    /// stream.
    Malformed {
        /// Where the offending value starts (for gzip data: where the
        /// compressed bytes start).
        offset: usize,
        /// What is wrong, e.g. `"truncated gzip stream"`.
        reason: &'static str,
    },
    /// A `gzip_packed` value inflates to more than the allowed number of
    /// bytes. Detected while inflating: no more than `limit + 1` bytes are
    /// ever produced.
    UnpackedTooLarge {
        /// Where the compressed bytes start.
        offset: usize,
        /// The limit that was exceeded, in bytes.
        limit: usize,
    },
}

impl DecodeError {
    /// The byte offset in the input at which the error was detected.
    #[must_use]
    pub fn offset(&self) -> usize {
        *self.clone().offset_mut()
    }

    /// The same error with its offset moved by `by` bytes: for an error in
    /// a part of the input decoded on its own.
    #[must_use]
    pub(crate) fn shifted(mut self, by: usize) -> Self {
        let offset = self.offset_mut();
        *offset = offset.saturating_add(by);
        self
    }

    /// Every variant's offset field.
    fn offset_mut(&mut self) -> &mut usize {
        match self {
            Self::UnexpectedEnd { offset, .. }
            | Self::UnknownConstructor { offset, .. }
            | Self::VectorTooLong { offset, .. }
            | Self::TooDeep { offset, .. }
            | Self::TrailingBytes { offset, .. }
            | Self::InvalidUtf8 { offset }
            | Self::InvalidLength { offset }
            | Self::Malformed { offset, .. }
            | Self::UnpackedTooLarge { offset, .. } => offset,
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::UnexpectedEnd { offset, needed } => write!(
                f,
                "unexpected end of input at byte {offset}: needed {needed} more byte{}",
                if needed == 1 { "" } else { "s" }
            ),
            Self::UnknownConstructor {
                id,
                expected,
                offset,
            } => write!(
                f,
                "unknown constructor id {id:#010x} for type {expected} at byte {offset}"
            ),
            Self::VectorTooLong {
                offset,
                count,
                remaining,
            } => {
                if count < 0 {
                    write!(f, "negative vector length {count} at byte {offset}")
                } else {
                    write!(
                        f,
                        "vector length {count} at byte {offset} cannot fit in the \
                         {remaining} remaining bytes"
                    )
                }
            }
            Self::TooDeep { offset, max_depth } => write!(
                f,
                "values nested deeper than {max_depth} levels at byte {offset}"
            ),
            Self::TrailingBytes { offset, remaining } => write!(
                f,
                "{remaining} trailing byte{} after the value, starting at byte {offset}",
                if remaining == 1 { "" } else { "s" }
            ),
            Self::InvalidUtf8 { offset } => {
                write!(f, "string is not valid UTF-8 (invalid byte at {offset})")
            }
            Self::InvalidLength { offset } => write!(
                f,
                "invalid string/bytes length prefix 0xff at byte {offset}"
            ),
            Self::Malformed { offset, reason } => write!(f, "{reason} at byte {offset}"),
            Self::UnpackedTooLarge { offset, limit } => write!(
                f,
                "gzip_packed data at byte {offset} inflates to more than {limit} bytes"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

#[cfg(test)]
mod tests {
    use super::DecodeError;

    #[test]
    fn display_messages() {
        let cases = [
            (
                DecodeError::UnexpectedEnd {
                    offset: 12,
                    needed: 4,
                },
                "unexpected end of input at byte 12: needed 4 more bytes",
            ),
            (
                DecodeError::UnexpectedEnd {
                    offset: 3,
                    needed: 1,
                },
                "unexpected end of input at byte 3: needed 1 more byte",
            ),
            (
                DecodeError::UnknownConstructor {
                    id: 0xdead_beef,
                    expected: "Bool",
                    offset: 8,
                },
                "unknown constructor id 0xdeadbeef for type Bool at byte 8",
            ),
            (
                DecodeError::VectorTooLong {
                    offset: 4,
                    count: 1000,
                    remaining: 8,
                },
                "vector length 1000 at byte 4 cannot fit in the 8 remaining bytes",
            ),
            (
                DecodeError::VectorTooLong {
                    offset: 4,
                    count: -1,
                    remaining: 8,
                },
                "negative vector length -1 at byte 4",
            ),
            (
                DecodeError::TooDeep {
                    offset: 256,
                    max_depth: 64,
                },
                "values nested deeper than 64 levels at byte 256",
            ),
            (
                DecodeError::TrailingBytes {
                    offset: 4,
                    remaining: 2,
                },
                "2 trailing bytes after the value, starting at byte 4",
            ),
            (
                DecodeError::InvalidUtf8 { offset: 5 },
                "string is not valid UTF-8 (invalid byte at 5)",
            ),
            (
                DecodeError::InvalidLength { offset: 0 },
                "invalid string/bytes length prefix 0xff at byte 0",
            ),
            (
                DecodeError::Malformed {
                    offset: 12,
                    reason: "truncated gzip stream",
                },
                "truncated gzip stream at byte 12",
            ),
            (
                DecodeError::UnpackedTooLarge {
                    offset: 8,
                    limit: 1024,
                },
                "gzip_packed data at byte 8 inflates to more than 1024 bytes",
            ),
        ];
        for (err, msg) in cases {
            assert_eq!(err.to_string(), msg);
        }
    }

    #[test]
    fn offset_accessor() {
        assert_eq!(DecodeError::InvalidLength { offset: 7 }.offset(), 7);
        assert_eq!(
            DecodeError::TooDeep {
                offset: 9,
                max_depth: 1
            }
            .offset(),
            9
        );
        let boxed: Box<dyn std::error::Error> = Box::new(DecodeError::InvalidUtf8 { offset: 1 });
        assert!(boxed.to_string().contains("UTF-8"));
    }
}
