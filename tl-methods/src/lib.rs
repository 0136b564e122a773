//! Telegram API methods (TL layer 230) as Rust types, with one typed error
//! enum per method.
//!
//! - [`functions`]: one struct per method, e.g.
//!   [`functions::messages::ImportChatInvite`]; each implements [`RemoteCall`]
//!   (what it returns, how it fails) and [`tl_types::Serializable`].
//! - [`errors`]: one `#[non_exhaustive]` enum per method, e.g.
//!   [`errors::messages::ImportChatInviteError`], built from an [`RpcError`].
//! - [`mtproto`]: the MTProto service methods (`ping`, `req_pq_multi`, …).
//!
//! The types these methods take and return live in the `tl_types` crate.
//!
//! # Example
//!
//! Build a request, serialize it, and decode the server's answer with
//! [`RemoteCall::decode_response`]: the method's return value, or the
//! method's own error type:
//!
//! ```
//! use tl_methods::errors::messages::ImportChatInviteError;
//! use tl_methods::functions::messages::ImportChatInvite;
//! use tl_methods::{CommonError, RemoteCall, ResponseError};
//! use tl_types::mtproto::types::RpcResult;
//! use tl_types::{enums, types, Deserializable, Serializable};
//!
//! let request = ImportChatInvite { hash: "AbCdEf".to_owned() };
//! let bytes = request.to_bytes();
//! assert_eq!(bytes[..4], 0xde91436e_u32.to_le_bytes());
//!
//! // A canned answer: rpc_result { req_msg_id: 7, result:
//! // messages.chatInviteJoinResultOk { updates: updatesTooLong } }.
//! let mut answer = Vec::new();
//! answer.extend_from_slice(&0xf35c6d01_u32.to_le_bytes());
//! answer.extend_from_slice(&7_i64.to_le_bytes());
//! answer.extend_from_slice(&0x445663a7_u32.to_le_bytes());
//! answer.extend_from_slice(&0xe317af7e_u32.to_le_bytes());
//! let rpc_result = RpcResult::from_bytes(&answer)?;
//! let result = ImportChatInvite::decode_response(rpc_result.result.as_bytes())?;
//! assert!(matches!(
//!     result,
//!     enums::messages::ChatInviteJoinResult::ChatInviteJoinResultOk(types::messages::ChatInviteJoinResultOk {
//!         updates: enums::Updates::UpdatesTooLong,
//!     })
//! ));
//!
//! // A canned failure: rpc_error { error_code: 400, error_message: "INVITE_HASH_EXPIRED" }.
//! let mut failure = Vec::new();
//! failure.extend_from_slice(&0x2144ca19_u32.to_le_bytes());
//! failure.extend_from_slice(&400_i32.to_le_bytes());
//! tl_types::write_string(&mut failure, "INVITE_HASH_EXPIRED");
//! match ImportChatInvite::decode_response(&failure) {
//!     Ok(_) => unreachable!("an rpc_error is not a result"),
//!     Err(ResponseError::Rpc(ImportChatInviteError::InviteHashExpired)) => println!("ask for a new link"),
//!     Err(ResponseError::Rpc(ImportChatInviteError::Common(CommonError::FloodWait { seconds, .. }))) => {
//!         println!("retry in {seconds} s")
//!     }
//!     Err(other) => println!("failed: {other}"),
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A request with optional parameters is built with `new`, which takes the
//! required ones in schema order and leaves the optional ones unset, so the
//! code keeps compiling when a later layer adds another optional parameter:
//!
//! ```
//! use tl_methods::functions::messages::SendMessage;
//! use tl_types::{enums, types, Serializable};
//!
//! let peer: enums::InputPeer = types::InputPeerUser { user_id: 777, access_hash: -5 }.into();
//! let mut request = SendMessage::new(peer, "hello".to_owned(), 42); // peer, message, random_id
//! request.silent = true; // optional parameters are set on the value
//! assert_eq!(request.to_bytes()[..4], 0xfef48f62_u32.to_le_bytes());
//! ```

#[rustfmt::skip]
mod generated;
pub mod rpc_error;

pub use generated::{errors, functions, mtproto};
pub use rpc_error::{CommonError, RpcError};

/// A method that can be sent to Telegram: it serializes as a request and
/// names the types its response and its failure decode to.
///
/// A client's `invoke` can be written once for every method: it sends the
/// request, waits for the `rpc_result` whose `req_msg_id` is the request's
/// message ID, and hands the result to [`decode_response`](Self::decode_response):
///
/// ```
/// use tl_methods::{CommonError, RemoteCall, ResponseError};
/// use tl_methods::mtproto::{errors::PingError, functions::Ping};
/// use tl_types::mtproto::types::{Pong, RpcError, RpcResult};
/// use tl_types::{mtproto, Deserializable, Identifiable, Object, Serializable};
///
/// // What a server might send back for `ping`: an rpc_result holding a pong …
/// let pong = Pong { msg_id: 1, ping_id: 42 };
/// let mut result = Vec::new();
/// pong.serialize_boxed(Pong::CONSTRUCTOR_ID, &mut result);
/// let answer = RpcResult { req_msg_id: 1, result: Object::new(result)? }.to_bytes();
///
/// let rpc_result = RpcResult::from_bytes(&answer)?;
/// let value = Ping::decode_response(rpc_result.result.as_bytes())?;
/// assert_eq!(value, mtproto::enums::Pong::Pong(pong));
///
/// // … or an rpc_error, which becomes the method's own error type.
/// let mut failure = Vec::new();
/// RpcError { error_code: 420, error_message: "FLOOD_WAIT_3".to_owned() }
///     .serialize_boxed(RpcError::CONSTRUCTOR_ID, &mut failure);
/// match Ping::decode_response(&failure) {
///     Err(ResponseError::Rpc(PingError::Common(CommonError::FloodWait { seconds, .. }))) => {
///         assert_eq!(seconds, 3)
///     }
///     other => panic!("unexpected {other:?}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait RemoteCall: tl_types::Serializable {
    /// What a successful call returns.
    type Return: tl_types::Deserializable;
    /// What a failed call returns: the method's own error enum
    /// (`errors::…::<Method>Error`), built from the [`RpcError`] received.
    type Error: From<RpcError> + std::error::Error;

    /// Decodes the `result` of the `rpc_result` answering this method: the
    /// method's return value, or an `rpc_error` (then
    /// [`ResponseError::Rpc`] with the method's own error), either of them
    /// possibly inside one `gzip_packed` (inflated to at most
    /// [`tl_types::envelope::MAX_UNPACKED`] bytes).
    ///
    /// Trailing bytes, a `gzip_packed` inside a `gzip_packed` and anything
    /// else that does not decode are [`ResponseError::Decode`]; its offset
    /// counts from the start of `body`, or of the unpacked data for a
    /// value inside a `gzip_packed`.
    fn decode_response(body: &[u8]) -> Result<Self::Return, ResponseError<Self::Error>> {
        let body = tl_types::envelope::unpacked(body)?;
        let mut reader = tl_types::Reader::new(&body);
        if reader.peek_u32()? == tl_types::envelope::RPC_ERROR_ID {
            let error =
                <tl_types::mtproto::enums::RpcError as tl_types::Deserializable>::from_bytes(
                    &body,
                )?;
            return Err(ResponseError::Rpc(RpcError::from(error).into()));
        }
        let value = <Self::Return as tl_types::Deserializable>::deserialize(&mut reader)?;
        reader.finish()?;
        Ok(value)
    }
}

/// Why [`RemoteCall::decode_response`] gave no value: the server answered
/// with an error, or the answer could not be decoded.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseError<E> {
    /// The server answered with an `rpc_error`, as the method's own error
    /// type.
    Rpc(E),
    /// The answer is not a well-formed value of the method's return type
    /// (nor an `rpc_error`).
    Decode(tl_types::DecodeError),
}

impl<E> From<tl_types::DecodeError> for ResponseError<E> {
    fn from(err: tl_types::DecodeError) -> Self {
        ResponseError::Decode(err)
    }
}

impl<E: std::fmt::Display> std::fmt::Display for ResponseError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResponseError::Rpc(err) => write!(f, "the call failed: {err}"),
            ResponseError::Decode(err) => write!(f, "the response could not be decoded: {err}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for ResponseError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ResponseError::Rpc(err) => Some(err),
            ResponseError::Decode(err) => Some(err),
        }
    }
}
