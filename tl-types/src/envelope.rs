//! The MTProto envelopes a server wraps results in, and [`Object`].
//!
//! `schema/mtproto.tl` marks four constructors "parsed manually", so the
//! generator emits nothing for them; they are written here by hand and
//! re-exported at `tl_types::mtproto::types` next to the generated ones:
//!
//! | TL | Rust |
//! | --- | --- |
//! | `rpc_result#f35c6d01 req_msg_id:long result:Object` | [`RpcResult`] |
//! | `msg_container#73f1f8dc messages:vector<message>` | [`MsgContainer`] |
//! | `message msg_id:long seqno:int bytes:int body:Object` | [`Message`] |
//! | `gzip_packed#3072cfa1 packed_data:bytes` | [`GzipPacked`] |
//!
//! `Object` is "any boxed value": its type is only known to whoever sent the
//! request, so it is kept as bytes ([`Object`]) and decoded later, e.g. with
//! [`Object::decode`] or `tl_methods::RemoteCall::decode_response`.
//!
//! # Limits
//!
//! Decoding is as hardened as the rest of the codec:
//! * a `gzip_packed` body inflates to at most [`MAX_UNPACKED`] bytes (or the
//!   limit given to [`GzipPacked::unpack_with_limit`] / [`gunzip`]); the
//!   limit is checked while inflating, chunk by chunk, so a gzip bomb costs
//!   at most `limit + 1` bytes of output, never its full size;
//! * a `gzip_packed` whose content is again a `gzip_packed` is rejected
//!   ([`DecodeError::Malformed`]), and so is a `msg_container` inside a
//!   `msg_container`;
//! * truncated or corrupt gzip data, a message whose `bytes` length does not
//!   fit its body, a wrong constructor ID and short input are errors with
//!   an offset and a reason.
//!
//! Unlike the generated constructor structs, whose `serialize` is bare,
//! [`RpcResult`], [`MsgContainer`] and [`GzipPacked`] have no boxed enum
//! around them, so they are always boxed: `serialize` writes the constructor
//! ID and `deserialize` expects it. [`Message`] is bare, as in the schema.

use std::borrow::Cow;
use std::fmt;
use std::io::Read;

use crate::codec::{write_bytes, DecodeError, Deserializable, Identifiable, Reader, Serializable};

/// Constructor ID of `rpc_result`.
pub const RPC_RESULT_ID: u32 = 0xf35c_6d01;
/// Constructor ID of `msg_container`.
pub const MSG_CONTAINER_ID: u32 = 0x73f1_f8dc;
/// Constructor ID of `gzip_packed`.
pub const GZIP_PACKED_ID: u32 = 0x3072_cfa1;
/// Constructor ID of `rpc_error` (`tl_types::mtproto::types::RpcError`).
pub const RPC_ERROR_ID: u32 = 0x2144_ca19;

/// The default limit on the size of an unpacked `gzip_packed` body: 16 MiB.
///
/// Telegram's largest values (a `bytes` field holds at most 16 MiB - 1, see
/// [`MAX_BYTES_LEN`](crate::MAX_BYTES_LEN)) fit; use
/// [`GzipPacked::unpack_with_limit`] or [`gunzip`] for another limit.
pub const MAX_UNPACKED: usize = 16 * 1024 * 1024;

// ---------------------------------------------------------------- Object

/// One boxed value of any type, kept as its bytes (constructor ID first).
///
/// Always at least 4 bytes long, so [`constructor_id`](Self::constructor_id)
/// is always defined. Serializing an `Object` writes its bytes unchanged.
///
/// ```
/// use tl_types::{enums, Object};
///
/// let object = Object::new(vec![0x7e, 0xaf, 0x17, 0xe3])?; // updatesTooLong
/// assert_eq!(object.constructor_id(), 0xe317af7e);
/// assert_eq!(object.decode::<enums::Updates>()?, enums::Updates::UpdatesTooLong);
/// # Ok::<(), tl_types::DecodeError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Object {
    bytes: Vec<u8>,
}

impl Object {
    /// Wraps the encoding of one boxed value. Fails with
    /// [`DecodeError::UnexpectedEnd`] if `bytes` is too short to hold a
    /// constructor ID; nothing else is checked until it is decoded.
    pub fn new(bytes: Vec<u8>) -> Result<Object, DecodeError> {
        if bytes.len() < 4 {
            return Err(DecodeError::UnexpectedEnd {
                offset: 0,
                needed: 4 - bytes.len(),
            });
        }
        Ok(Object { bytes })
    }

    /// The value's encoding, constructor ID first.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The value's encoding, constructor ID first.
    #[must_use]
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// The constructor ID (the first 4 bytes, little-endian).
    #[must_use]
    pub fn constructor_id(&self) -> u32 {
        self.bytes
            .first_chunk::<4>()
            .map_or(0, |id| u32::from_le_bytes(*id))
    }

    /// Decodes the value as a `T`, rejecting trailing bytes (as
    /// [`Deserializable::from_bytes`] does). A `gzip_packed` value is
    /// decoded as it is: use [`decode_unpacked`](Self::decode_unpacked) to
    /// look inside it.
    pub fn decode<T: Deserializable>(&self) -> Result<T, DecodeError> {
        T::from_bytes(&self.bytes)
    }

    /// The value's bytes with one `gzip_packed` layer removed, if it is
    /// one (see [`unpacked`]).
    pub fn unpacked(&self) -> Result<Cow<'_, [u8]>, DecodeError> {
        unpacked(&self.bytes)
    }

    /// Decodes the value as a `T`, first inflating it if it is a
    /// `gzip_packed` (see [`unpacked`]). Offsets in errors from inside a
    /// `gzip_packed` count from the start of the unpacked data.
    pub fn decode_unpacked<T: Deserializable>(&self) -> Result<T, DecodeError> {
        T::from_bytes(&self.unpacked()?)
    }
}

impl fmt::Debug for Object {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = self.constructor_id();
        f.debug_struct("Object")
            .field("constructor_id", &format_args!("{id:#010x}"))
            .field("name", &crate::name_for_id(id))
            .field("len", &self.bytes.len())
            .finish()
    }
}

impl Serializable for Object {
    /// Writes the value's bytes unchanged.
    fn serialize(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.bytes);
    }
}

/// Takes the rest of `input` as one [`Object`].
fn read_object_to_end(input: &mut Reader<'_>) -> Result<Object, DecodeError> {
    if input.remaining() < 4 {
        return Err(DecodeError::UnexpectedEnd {
            offset: input.position(),
            needed: 4 - input.remaining(),
        });
    }
    let bytes = input.read_raw(input.remaining())?;
    Ok(Object {
        bytes: bytes.to_vec(),
    })
}

/// Reads a constructor ID and checks that it is `expected_id`.
fn expect_id(
    input: &mut Reader<'_>,
    expected_id: u32,
    expected: &'static str,
) -> Result<(), DecodeError> {
    let id = input.read_u32()?;
    if id == expected_id {
        Ok(())
    } else {
        Err(input.unknown_constructor(id, expected))
    }
}

// ------------------------------------------------------------- RpcResult

/// `rpc_result#f35c6d01 req_msg_id:long result:Object`: the answer to the
/// request sent as message `req_msg_id`.
///
/// `result` runs to the end of the enclosing message; it is the method's
/// return value, an `rpc_error`, or either inside a `gzip_packed`, which
/// `tl_methods::RemoteCall::decode_response` tells apart. Always boxed (see
/// the [module documentation](self)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RpcResult {
    /// The `msg_id` of the request this answers.
    pub req_msg_id: i64,
    /// The result, kept as bytes.
    pub result: Object,
}

impl Identifiable for RpcResult {
    const CONSTRUCTOR_ID: u32 = RPC_RESULT_ID;
}

impl Serializable for RpcResult {
    /// Writes the boxed constructor (ID first).
    fn serialize(&self, out: &mut Vec<u8>) {
        self.serialize_boxed(RPC_RESULT_ID, out);
    }

    /// Writes `id`, then the fields.
    fn serialize_boxed(&self, id: u32, out: &mut Vec<u8>) {
        out.extend_from_slice(&id.to_le_bytes());
        out.extend_from_slice(&self.req_msg_id.to_le_bytes());
        self.result.serialize(out);
    }
}

impl Deserializable for RpcResult {
    /// Reads the boxed constructor; `result` takes all the remaining input.
    fn deserialize(input: &mut Reader<'_>) -> Result<Self, DecodeError> {
        expect_id(input, RPC_RESULT_ID, "RpcResult")?;
        let req_msg_id = input.read_i64()?;
        let result = read_object_to_end(input)?;
        Ok(RpcResult { req_msg_id, result })
    }
}

// --------------------------------------------------- Message, MsgContainer

/// One message of a [`MsgContainer`]: `message msg_id:long seqno:int
/// bytes:int body:Object` (bare). The `bytes` length is not stored: it is
/// the length of `body`, written on serialization and checked on decoding
/// (non-negative, a multiple of 4, at least 4 and within the input).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The message ID.
    pub msg_id: i64,
    /// The message sequence number.
    pub seqno: i32,
    /// The message body, kept as bytes. Never a `msg_container`.
    pub body: Object,
}

/// Smallest encoded [`Message`]: `msg_id`, `seqno`, `bytes` and a 4-byte body.
pub(crate) const MIN_MESSAGE_SIZE: usize = 8 + 4 + 4 + 4;

impl Serializable for Message {
    /// Writes the bare message, with `bytes` set to the body's length.
    ///
    /// # Panics
    ///
    /// If the body is longer than `i32::MAX` bytes (it has no encoding).
    fn serialize(&self, out: &mut Vec<u8>) {
        let len = i32::try_from(self.body.as_bytes().len())
            .unwrap_or_else(|_| panic!("message body longer than i32::MAX bytes"));
        out.extend_from_slice(&self.msg_id.to_le_bytes());
        out.extend_from_slice(&self.seqno.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        self.body.serialize(out);
    }
}

impl Deserializable for Message {
    /// Reads the bare message. A body that is itself a `msg_container` is
    /// rejected.
    fn deserialize(input: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let msg_id = input.read_i64()?;
        let seqno = input.read_i32()?;
        let len_at = input.position();
        let len = input.read_i32()?;
        let len = match usize::try_from(len) {
            Ok(len) if len >= 4 && len % 4 == 0 => len,
            _ => {
                return Err(DecodeError::Malformed {
                    offset: len_at,
                    reason: "message length is not a positive multiple of 4",
                })
            }
        };
        let body_at = input.position();
        let body = input.read_raw(len)?;
        let body = Object {
            bytes: body.to_vec(),
        };
        if body.constructor_id() == MSG_CONTAINER_ID {
            return Err(DecodeError::Malformed {
                offset: body_at,
                reason: "msg_container inside msg_container",
            });
        }
        Ok(Message {
            msg_id,
            seqno,
            body,
        })
    }
}

/// `msg_container#73f1f8dc messages:vector<message>`: several messages sent
/// as one. Always boxed (see the [module documentation](self)); a message
/// body that is again a `msg_container` is rejected when decoding.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MsgContainer {
    /// The messages, in order.
    pub messages: Vec<Message>,
}

impl Identifiable for MsgContainer {
    const CONSTRUCTOR_ID: u32 = MSG_CONTAINER_ID;
}

impl Serializable for MsgContainer {
    /// Writes the boxed constructor (ID first), then the bare vector.
    fn serialize(&self, out: &mut Vec<u8>) {
        self.serialize_boxed(MSG_CONTAINER_ID, out);
    }

    /// Writes `id`, then the bare vector of messages.
    fn serialize_boxed(&self, id: u32, out: &mut Vec<u8>) {
        out.extend_from_slice(&id.to_le_bytes());
        crate::write_bare_vector_len(out, self.messages.len());
        for message in &self.messages {
            message.serialize(out);
        }
    }
}

impl Deserializable for MsgContainer {
    /// Reads the boxed constructor; the count is checked against the input
    /// before anything is allocated.
    fn deserialize(input: &mut Reader<'_>) -> Result<Self, DecodeError> {
        expect_id(input, MSG_CONTAINER_ID, "MessageContainer")?;
        let messages = input.read_bare_vector(MIN_MESSAGE_SIZE, Message::deserialize)?;
        Ok(MsgContainer { messages })
    }
}

// ------------------------------------------------------------ GzipPacked

/// `gzip_packed#3072cfa1 packed_data:bytes`: a boxed value compressed with
/// gzip (RFC 1952). Always boxed (see the [module documentation](self)).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GzipPacked {
    /// The gzip stream.
    pub packed_data: Vec<u8>,
}

impl GzipPacked {
    /// The default limit on the unpacked size ([`MAX_UNPACKED`], 16 MiB).
    pub const MAX_UNPACKED: usize = MAX_UNPACKED;

    /// Inflates `packed_data` with the default limit ([`MAX_UNPACKED`]).
    /// See [`unpack_with_limit`](Self::unpack_with_limit).
    pub fn unpack(&self) -> Result<Vec<u8>, DecodeError> {
        self.unpack_with_limit(MAX_UNPACKED)
    }

    /// Inflates `packed_data` into at most `limit` bytes.
    ///
    /// The result must be one boxed value: content that is again a
    /// `gzip_packed` is [`DecodeError::Malformed`], and so is content shorter
    /// than a constructor ID. Other errors are those of [`gunzip`]; their
    /// offsets are 0 (the start of `packed_data`).
    pub fn unpack_with_limit(&self, limit: usize) -> Result<Vec<u8>, DecodeError> {
        unpack_checked(&self.packed_data, limit, 0)
    }
}

impl Identifiable for GzipPacked {
    const CONSTRUCTOR_ID: u32 = GZIP_PACKED_ID;
}

impl Serializable for GzipPacked {
    /// Writes the boxed constructor (ID first).
    fn serialize(&self, out: &mut Vec<u8>) {
        self.serialize_boxed(GZIP_PACKED_ID, out);
    }

    /// Writes `id`, then `packed_data` as TL `bytes`.
    fn serialize_boxed(&self, id: u32, out: &mut Vec<u8>) {
        out.extend_from_slice(&id.to_le_bytes());
        write_bytes(out, &self.packed_data);
    }
}

impl Deserializable for GzipPacked {
    /// Reads the boxed constructor. The data is not inflated here.
    fn deserialize(input: &mut Reader<'_>) -> Result<Self, DecodeError> {
        expect_id(input, GZIP_PACKED_ID, "Object")?;
        let packed_data = input.read_bytes()?;
        Ok(GzipPacked { packed_data })
    }
}

/// Inflates a gzip stream (`data`) into at most `limit` bytes.
///
/// The output grows in chunks while inflating and is never allowed more
/// than `limit` bytes of capacity: the first chunk past the limit stops the
/// decoder with [`DecodeError::UnpackedTooLarge`]. A truncated stream, a
/// corrupt one (bad header, bad deflate data, wrong CRC or length) and bytes
/// after the end of the stream are [`DecodeError::Malformed`]. Errors have
/// offset 0, the start of `data`. Nothing else is checked: this works on
/// any gzip data, not only TL values.
pub fn gunzip(data: &[u8], limit: usize) -> Result<Vec<u8>, DecodeError> {
    gunzip_at(data, limit, 0)
}

fn gunzip_at(data: &[u8], limit: usize, offset: usize) -> Result<Vec<u8>, DecodeError> {
    const CHUNK: usize = 16 * 1024;
    let malformed = |reason| DecodeError::Malformed { offset, reason };
    let mut decoder = flate2::bufread::GzDecoder::new(data);
    let mut out: Vec<u8> = Vec::new();
    let mut chunk = [0u8; CHUNK];
    loop {
        let n = match decoder.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) if err.kind() == std::io::ErrorKind::UnexpectedEof => {
                return Err(malformed("truncated gzip stream"))
            }
            Err(_) => return Err(malformed("corrupt gzip stream")),
        };
        let new_len = out.len().saturating_add(n);
        if new_len > limit {
            return Err(DecodeError::UnpackedTooLarge { offset, limit });
        }
        if new_len > out.capacity() {
            // Grow geometrically, but never past the limit.
            let target = out.capacity().saturating_mul(2).max(new_len).min(limit);
            out.reserve_exact(target - out.len());
        }
        out.extend_from_slice(chunk.get(..n).unwrap_or_default());
    }
    // `bufread::GzDecoder` stops after the first gzip member: anything left
    // over is not part of the stream.
    if !decoder.into_inner().is_empty() {
        return Err(malformed("data after the end of the gzip stream"));
    }
    Ok(out)
}

/// Inflates and checks that the result is one boxed value other than
/// `gzip_packed` (the nesting is bounded to one level).
fn unpack_checked(data: &[u8], limit: usize, offset: usize) -> Result<Vec<u8>, DecodeError> {
    let out = gunzip_at(data, limit, offset)?;
    match out.first_chunk::<4>().map(|id| u32::from_le_bytes(*id)) {
        None => Err(DecodeError::Malformed {
            offset,
            reason: "gzip_packed content shorter than a constructor ID",
        }),
        Some(GZIP_PACKED_ID) => Err(DecodeError::Malformed {
            offset,
            reason: "gzip_packed inside gzip_packed",
        }),
        Some(_) => Ok(out),
    }
}

/// `bytes` with one `gzip_packed` layer removed: if they are a boxed
/// `gzip_packed` (and nothing after it), its content inflated with the
/// default limit ([`MAX_UNPACKED`]); otherwise `bytes` unchanged (borrowed).
///
/// Offsets in errors count from the start of `bytes`; a gzip error points
/// at `packed_data` (byte 4, its length prefix).
pub fn unpacked(bytes: &[u8]) -> Result<Cow<'_, [u8]>, DecodeError> {
    unpacked_with_limit(bytes, MAX_UNPACKED)
}

/// [`unpacked`] with another limit on the unpacked size.
pub fn unpacked_with_limit(bytes: &[u8], limit: usize) -> Result<Cow<'_, [u8]>, DecodeError> {
    let mut input = Reader::new(bytes);
    if input.peek_u32()? != GZIP_PACKED_ID {
        return Ok(Cow::Borrowed(bytes));
    }
    input.read_u32()?;
    let data_at = input.position();
    let data = input.read_bytes_ref()?;
    input.finish()?;
    unpack_checked(data, limit, data_at).map(Cow::Owned)
}
