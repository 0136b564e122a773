//! Telegram API (TL) types with a hardened binary codec.
//!
//! The codec runtime (wire format, [`Reader`], [`DecodeError`], decoding
//! policies) is documented on its items; see [`Reader`] and [`Utf8Policy`].

mod codec;
#[rustfmt::skip]
#[allow(clippy::large_enum_variant)]
mod generated;

pub use codec::{
    bytes_len, write_after_id, write_bare_vector_len, write_bool, write_bytes, write_string,
    write_vector_header, DecodeError, Deserializable, Identifiable, Reader, Serializable,
    Utf8Policy, BOOL_FALSE_ID, BOOL_TRUE_ID, DEFAULT_MAX_DEPTH, MAX_BYTES_LEN, VECTOR_ID,
};
pub use generated::{enums, mtproto, name_for_id, types, LAYER};
