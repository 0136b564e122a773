//! Telegram API (TL) types with a hardened binary codec.
//!
//! The codec runtime (wire format, [`Reader`], [`DecodeError`], decoding
//! policies) is documented on its items; see [`Reader`] and [`Utf8Policy`].
//!
//! - [`types`] and [`enums`]: the layer's constructors and boxed types,
//!   [`mtproto`] the MTProto service ones and the envelopes;
//! - [`reflect`]: the schema as static tables (names, IDs, parameters),
//!   which drive [`name_for_id`], [`dynamic`] and the serde support;
//! - [`dynamic`]: decoding a value of any type into a [`dynamic::Value`]
//!   (`Display`: TL names and fields) and encoding it back.
//!
//! # TL-JSON (feature `serde`)
//!
//! Every generated value implements `serde::Serialize` and `Deserialize`
//! as a map whose first key `"_"` is its TL name, then every parameter that
//! is a value by its TL name, in schema order:
//! `{"_":"inputPeerUser","user_id":1,"access_hash":-2}`. A boxed type's
//! enum gives its constructor's map; [`dynamic::Value`] gives the same JSON
//! as the typed value. Flags words are left out (they follow from the other
//! parameters); an absent optional parameter is `null` (deserializing also
//! accepts it missing); `flags.N?true` is a boolean. In human-readable
//! formats `long` is a number (deserializing also accepts a string of
//! digits, which JavaScript needs past 2^53), `bytes` is standard base64
//! with padding, `int128`/`int256` are lowercase hex of the wire bytes, and
//! a non-finite `double` is `"NaN"`, `"Infinity"` or `"-Infinity"`.
//! Other formats (bincode, postcard, …) get the format's own integers,
//! floats and byte strings; the map has the same keys every time, so
//! formats that are not self-describing work. When deserializing, `"_"`
//! must come first (a bare constructor's struct also accepts it missing),
//! other keys may come in any order, and an unknown or repeated key, a
//! missing required parameter and a constructor of another type are errors
//! naming it.
//!
//! The implementation is one table-driven path ([`reflect`], [`dynamic`]),
//! not derived code per type: a value is encoded to TL and walked into a
//! [`dynamic::Value`]; JSON is read into a [`dynamic::Value`], encoded and
//! decoded. It is slower than derived code and much cheaper to compile.

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
/// serde, for the generated `__serde_impls!` calls (so a crate using them
/// needs no `serde` of its own in scope).
#[cfg(feature = "serde")]
#[doc(hidden)]
pub use serde as __serde;

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
    generated::name_for_id(id).or_else(|| reflect::definition_by_id(id).map(|d| d.name()))
}
