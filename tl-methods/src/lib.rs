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
//! Build a request, serialize it, decode a response, and turn a failure into
//! the method's own error type:
//!
//! ```
//! use tl_methods::errors::messages::ImportChatInviteError;
//! use tl_methods::functions::messages::ImportChatInvite;
//! use tl_methods::{CommonError, RemoteCall, RpcError};
//! use tl_types::{enums, types, Deserializable, Serializable};
//!
//! let request = ImportChatInvite { hash: "AbCdEf".to_owned() };
//! let bytes = request.to_bytes();
//! assert_eq!(bytes[..4], 0xde91436e_u32.to_le_bytes());
//!
//! // A canned response: messages.chatInviteJoinResultOk { updates: updatesTooLong }.
//! let mut response = Vec::new();
//! response.extend_from_slice(&0x445663a7_u32.to_le_bytes());
//! response.extend_from_slice(&0xe317af7e_u32.to_le_bytes());
//! let result = <ImportChatInvite as RemoteCall>::Return::from_bytes(&response).unwrap();
//! assert!(matches!(
//!     result,
//!     enums::messages::ChatInviteJoinResult::ChatInviteJoinResultOk(types::messages::ChatInviteJoinResultOk {
//!         updates: enums::Updates::UpdatesTooLong,
//!     })
//! ));
//!
//! // A canned failure, as the mtproto `rpc_error` constructor decodes it.
//! let rpc_error = tl_types::mtproto::types::RpcError {
//!     error_code: 400,
//!     error_message: "INVITE_HASH_EXPIRED".to_owned(),
//! };
//! let error: <ImportChatInvite as RemoteCall>::Error = RpcError::from(rpc_error).into();
//! match error {
//!     ImportChatInviteError::InviteHashExpired => println!("ask for a new link"),
//!     ImportChatInviteError::Common(CommonError::FloodWait { seconds, .. }) => {
//!         println!("retry in {seconds} s")
//!     }
//!     other => println!("failed: {other}"),
//! }
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
/// A client's `invoke` can be written once for every method:
///
/// ```
/// use tl_methods::{RemoteCall, RpcError};
/// use tl_types::{Deserializable, Serializable};
///
/// /// What a transport hands back: the result bytes or an rpc_error.
/// enum Response { Ok(Vec<u8>), Failed(RpcError) }
///
/// fn finish<R: RemoteCall>(response: Response) -> Result<R::Return, R::Error> {
///     match response {
///         Response::Ok(bytes) => Ok(R::Return::from_bytes(&bytes).expect("well-formed response")),
///         Response::Failed(err) => Err(err.into()),
///     }
/// }
///
/// let pong = finish::<tl_methods::mtproto::functions::Ping>(Response::Failed(RpcError::new(420, "FLOOD_WAIT_3")));
/// assert_eq!(pong.unwrap_err().to_string(), "420 FLOOD_WAIT_3");
/// ```
pub trait RemoteCall: tl_types::Serializable {
    /// What a successful call returns.
    type Return: tl_types::Deserializable;
    /// What a failed call returns: the method's own error enum
    /// (`errors::…::<Method>Error`), built from the [`RpcError`] received.
    type Error: From<RpcError> + std::error::Error;
}
