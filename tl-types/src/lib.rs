//! Telegram API (TL) types with a hardened binary codec.
//!
//! The codec runtime (wire format, [`Reader`], [`DecodeError`], decoding
//! policies) is documented on its items; see [`Reader`] and [`Utf8Policy`].

mod codec;
pub mod dynamic;
pub mod envelope;
pub mod reflect;
#[rustfmt::skip]
#[allow(clippy::large_enum_variant)]
mod generated;

pub use codec::{
    bytes_len, write_after_id, write_bare_vector_len, write_bool, write_bytes, write_string,
    write_vector_header, DecodeError, Deserializable, Identifiable, Reader, Serializable,
    Utf8Policy, BOOL_FALSE_ID, BOOL_TRUE_ID, DEFAULT_MAX_DEPTH, MAX_BYTES_LEN, VECTOR_ID,
};
pub use envelope::Object;
pub use generated::{enums, types, LAYER};

/// The MTProto service constructors (`schema/mtproto.tl`).
///
/// Generated, plus the envelopes that the schema marks "parsed manually"
/// (written by hand in [`envelope`]): [`types::RpcResult`](crate::mtproto::types::RpcResult),
/// [`types::MsgContainer`](crate::mtproto::types::MsgContainer), [`types::Message`](crate::mtproto::types::Message) and [`types::GzipPacked`](crate::mtproto::types::GzipPacked).
pub mod mtproto {
    pub use crate::generated::mtproto::enums;

    /// MTProto constructors as structs (generated), and the hand-written
    /// envelopes of [`envelope`](crate::envelope).
    pub mod types {
        pub use crate::envelope::{GzipPacked, Message, MsgContainer, RpcResult};
        pub use crate::generated::mtproto::types::*;
    }
}

/// The TL name of a constructor ID of this layer (API and MTProto, the
/// hand-written envelopes `rpc_result`, `msg_container` and `gzip_packed`
/// included), e.g. `"updatesTooLong"`.
#[must_use]
pub fn name_for_id(id: u32) -> Option<&'static str> {
    generated::name_for_id(id).or_else(|| envelope::name_for_id(id))
}
